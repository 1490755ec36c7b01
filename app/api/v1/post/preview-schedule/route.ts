// POST /api/v1/post/preview-schedule — where a create would land (one post or a batch); writes nothing
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { previewSchedule } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/preview-schedule", async ({ ctx, principal, body }) =>
  respond(await previewSchedule(ctx, principal.organizationId, body, new Date())),
);
