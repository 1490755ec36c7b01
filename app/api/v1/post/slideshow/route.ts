// POST /api/v1/post/slideshow — create and schedule a slideshow on an account or a pool
import { apiRoute } from "@/lib/server/http/api-route";
import { respond } from "@/lib/server/http/envelope";
import { createSlideshow } from "@/lib/server/posts/posts";

export const dynamic = "force-dynamic";

export const POST = apiRoute("POST /api/v1/post/slideshow", async ({ ctx, principal, body }) =>
  respond(await createSlideshow(ctx, principal.organizationId, body, new Date()), 201, "Created"),
);
