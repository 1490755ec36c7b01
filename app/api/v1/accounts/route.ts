// POST /api/v1/accounts — list the organization's accounts, filtered by tag / user_group / org_group
import { listAccountsSchema } from "@/lib/domain/accounts";
import { listAccounts } from "@/lib/server/accounts/accounts";
import { apiRoute } from "@/lib/server/http/api-route";
import { okResponse, parseOrThrow } from "@/lib/server/http/envelope";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/accounts", async ({ ctx, principal, body }) => {
  const filters = parseOrThrow(listAccountsSchema, body);
  const accounts = await listAccounts(ctx.db, { organizationId: principal.organizationId, filters });
  return okResponse({ accounts });
});
