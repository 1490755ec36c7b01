// POST /api/v1/accounts/update-info — change labels, timezone, posting times, gap, cap or pause
import { updateAccountsInfo } from "@/lib/server/accounts/accounts";
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/accounts/update-info", async ({ ctx, principal, body }) => {
  const updated = await updateAccountsInfo(ctx.db, principal.organizationId, body, new Date());
  return respond(updated.ok ? { ok: true, value: { accounts: updated.value } } : updated);
});
