// POST /api/uploads — the dashboard's image upload (session cookie, editors and up): the same
// store, sniffing, limits and errors as POST /api/v1/media
import { okResponse } from "@/lib/server/http/envelope";
import { sessionRoute } from "@/lib/server/http/session-route";
import { uploadImage } from "@/lib/server/media/upload";

export const dynamic = "force-dynamic";

export const POST = sessionRoute("POST /api/uploads", "post:write", async ({ req, ctx, member }) =>
  okResponse(await uploadImage(ctx.db, req, { organizationId: member.organizationId, config: ctx.config }), 201, "Created"),
);
