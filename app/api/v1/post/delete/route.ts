// POST /api/v1/post/delete — scheduled or failed posts → deleted, all or nothing
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { deletePosts } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/delete", async ({ ctx, principal, body }) =>
  respond(await deletePosts(ctx, principal.organizationId, body, new Date())),
);
