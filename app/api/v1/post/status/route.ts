// POST /api/v1/post/status — one post by id
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { getPost } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/status", async ({ ctx, principal, body }) =>
  respond(await getPost(ctx, principal.organizationId, body)),
);
