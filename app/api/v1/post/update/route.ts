// POST /api/v1/post/update — change a scheduled or failed post under the scheduling rules
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { updatePost } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/update", async ({ ctx, principal, body }) =>
  respond(await updatePost(ctx, principal.organizationId, body, new Date())),
);
