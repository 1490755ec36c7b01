// GET /api/accounts — the Accounts page's rows (session cookie, any role): each account with its
// next post, `today n / cap` and last error.
import { accountsTable } from "@/lib/server/accounts/accounts";
import { respond } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/accounts", "account:read", async ({ ctx, member }) =>
  respond({ ok: true, value: { accounts: await accountsTable(ctx.db, member.organizationId, new Date()) } }),
);
