// One image uploaded as multipart/form-data (field `file`): the body read under a cap, the file
// ingested into the media store. Shared by POST /api/v1/media (API key) and POST /api/uploads
// (the dashboard's session), so both sniff, limit and refuse alike.
import "server-only";
import type { Db } from "@/db/client";
import { AppError, type ErrorKind, type Result, resultOf } from "@/lib/domain/errors";
import { MAX_IMAGE_BYTES, sizeRefusal } from "@/lib/domain/media";
import { imageUrlSchema } from "@/lib/domain/posts";
import type { MediaObject } from "@/lib/domain/wire";
import { parseOrThrow, readBodyCapped } from "../http/envelope";
import { type IngestedImage, type MediaConfig, ingestImageUrls, ingestUploadedImage } from "./ingest";
import { thumbnailUrl } from "./store";

/** Room for the multipart boundary and part headers around a file at the limit. */
const MAX_UPLOAD_BODY = MAX_IMAGE_BYTES + 64 * 1024;

export type { MediaObject };


/** Reads the request's `file` and stores it for the organization; an AppError names `file`. */
export async function uploadImage(db: Db, req: Request, p: { organizationId: string; config: MediaConfig }): Promise<MediaObject> {
  const bytes = await readFileField(req);
  const result = await ingestUploadedImage(db, { organizationId: p.organizationId, bytes, config: p.config });
  if (!result.ok) throw result.error;
  return toMediaObject(result.value, result.value.warnings, p.config.publicBaseUrl);
}

/**
 * The composer's "Add image URLs": one URL fetched through the same SSRF-guarded ingest as the
 * API's imageUrls, so a refused URL gets the API's reason (its error names `url`).
 */
export function addImageFromUrl(db: Db, body: unknown, p: { organizationId: string; config: MediaConfig }): Promise<Result<MediaObject>> {
  return resultOf(async () => {
    const { url } = parseOrThrow(imageUrlSchema, body);
    const result = await ingestImageUrls(db, { organizationId: p.organizationId, urls: [url], config: p.config });
    if (!result.ok) {
      const reason = result.error.details[0]?.message ?? result.error.message;
      throw new AppError(result.error.kind, `url: ${reason}`, [{ path: "url", message: reason }]);
    }
    const image = result.value.images[0]!;
    return toMediaObject(image, result.value.warnings.map((w) => w.replace(/^imageUrls\[0\]: /, "")), p.config.publicBaseUrl);
  });
}

function toMediaObject(img: IngestedImage, warnings: string[], publicBaseUrl: string): MediaObject {
  return {
    id: img.mediaId,
    url: img.url,
    thumbnail_url: thumbnailUrl(publicBaseUrl, img.sha256),
    mime_type: img.mimeType,
    width: img.width,
    height: img.height,
    bytes: img.bytes,
    sha256: img.sha256,
    warnings,
  };
}

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
