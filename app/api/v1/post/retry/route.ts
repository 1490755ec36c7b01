// POST /api/v1/post/retry — failed posts → scheduled, re-placed from now, all or nothing
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { retryPosts } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/retry", async ({ ctx, principal, body }) =>
  respond(await retryPosts(ctx, principal.organizationId, body, new Date())),
);
