// POST /api/v1/post — list posts: accountIds, postIds, status, startDate, endDate, limit, cursor
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { listPosts } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post", async ({ ctx, principal, body }) =>
  respond(await listPosts(ctx, principal.organizationId, body)),
);
