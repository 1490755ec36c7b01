// POST /api/v1/post/slideshow/batch — create 1–50 slideshows, all or nothing
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { createSlideshowBatch } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/slideshow/batch", async ({ ctx, principal, body }) =>
  respond(await createSlideshowBatch(ctx, principal.organizationId, body, new Date()), 201, "Created"),
);
