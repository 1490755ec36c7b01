// POST /api/v1/accounts/update-info — change labels, timezone, posting times, gap, cap or pause
import { updateAccountsInfo } from "@/lib/server/accounts";
import { apiRoute } from "@/lib/server/api-route";
import { respond } from "@/lib/server/http";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/accounts/update-info", async ({ ctx, principal, body }) => {
  const updated = await updateAccountsInfo(ctx.db, principal.organizationId, body, new Date());
  return respond(updated.ok ? { ok: true, value: { accounts: updated.value } } : updated);
});
