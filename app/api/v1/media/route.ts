// POST /api/v1/media — upload one JPEG or PNG (multipart/form-data, field `file`) to the media store
import { AppError, type ErrorKind } from "@/lib/domain/errors";
import { MAX_IMAGE_BYTES, sizeRefusal } from "@/lib/domain/media";
import { apiRoute } from "@/lib/server/http/api-route";
import { okResponse, readBodyCapped } from "@/lib/server/http/envelope";
import { ingestUploadedImage } from "@/lib/server/media/ingest";

export const dynamic = "force-dynamic";

/** Room for the multipart boundary and part headers around a file at the limit. */
const MAX_UPLOAD_BODY = MAX_IMAGE_BYTES + 64 * 1024;

export const POST = apiRoute(
  "POST /api/v1/media",
  async ({ req, ctx, principal }) => {
    const bytes = await readFileField(req);
    const result = await ingestUploadedImage(ctx.db, { organizationId: principal.organizationId, bytes, config: ctx.config });
    if (!result.ok) throw result.error;
    const { mediaId, url, mimeType, width, height, sha256, warnings } = result.value;
    const data = { id: mediaId, url, mime_type: mimeType, width, height, bytes: result.value.bytes, sha256, warnings };
    return okResponse(data, 201, "Created");
  },
  { body: "raw" },
);

async function readFileField(req: Request): Promise<Buffer> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) throw fileError("validation_error", "must be sent as multipart/form-data");
  // Parse a capped copy: formData() on the request itself would read a chunked body without limit.
  const body = await readBodyCapped(req, MAX_UPLOAD_BODY, () => fileError("payload_too_large", sizeRefusal(MAX_UPLOAD_BODY + 1)!));
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { "content-type": contentType } }).formData();
  } catch {
    throw fileError("validation_error", "must be sent as multipart/form-data");
  }
  const files = form.getAll("file");
  const file = files[0];
  if (file === undefined) throw fileError("validation_error", "is required");
  if (files.length > 1) throw fileError("validation_error", "must be a single file");
  if (typeof file === "string") throw fileError("validation_error", "must be a file, not a text field");
  refuseOver(MAX_IMAGE_BYTES, file.size);
  return Buffer.from(await file.arrayBuffer());
}

/** 413 when `size` exceeds `limit` (the file's limit, or the body's with multipart overhead). */
function refuseOver(limit: number, size: number): void {
  const why = size > limit ? sizeRefusal(size) : null;
  if (why) throw fileError("payload_too_large", why);
}

function fileError(kind: ErrorKind, message: string): AppError {
  return new AppError(kind, `file: ${message}`, [{ path: "file", message }]);
}
