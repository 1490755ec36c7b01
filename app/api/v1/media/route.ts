// POST /api/v1/media — upload one JPEG or PNG (multipart/form-data, field `file`) to the media store
import { apiRoute } from "@/lib/server/http/api-route";
import { okResponse } from "@/lib/server/http/envelope";
import { uploadImage } from "@/lib/server/media/upload";

export const dynamic = "force-dynamic";

export const POST = apiRoute(
  "POST /api/v1/media",
  async ({ req, ctx, principal }) => okResponse(await uploadImage(ctx.db, req, { organizationId: principal.organizationId, config: ctx.config }), 201, "Created"),
  { body: "raw" },
);
