// GET /api/posts/failures — failed posts grouped by reason, with the total (session cookie, any
// role); ?count=1 answers only the total, for the navigation's badge.
import { okResponse } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { failedCount, failureSummary } from "@/lib/server/posts/posts-table";

export const dynamic = "force-dynamic";

export const GET = sessionRoute("GET /api/posts/failures", "post:read", async ({ req, ctx, member }) =>
  new URL(req.url).searchParams.get("count") === "1"
    ? okResponse({ total: await failedCount(ctx, member.organizationId) })
    : okResponse(await failureSummary(ctx, member.organizationId)),
);
