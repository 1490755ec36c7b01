// GET|HEAD /media/<sha256>.<jpg|png|t1.webp> — serve a stored image or its thumbnail publicly: immutable, ranged, streamed
import { AppError } from "@/lib/domain/errors";
import { parseByteRange } from "@/lib/domain/media";
import { getAppContext } from "@/lib/server/context";
import { type MediaStore, mediaStoreFor } from "@/lib/server/media/media-store";
import { isMediaFileName, mimeTypeOfFileName, thumbnailSource } from "@/lib/server/media/store";
import { ensureThumbnailFile } from "@/lib/server/media/transcode";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ file: string }> };

export async function GET(req: Request, { params }: RouteContext): Promise<Response> {
  return serve(req, (await params).file, true);
}

export async function HEAD(req: Request, { params }: RouteContext): Promise<Response> {
  return serve(req, (await params).file, false);
}

async function serve(req: Request, fileName: string, withBody: boolean): Promise<Response> {
  if (!isMediaFileName(fileName)) return notFound();
  const { config } = await getAppContext();
  const store = mediaStoreFor(config);
  try {
    const direct = store.publicUrl(fileName);
    if (direct) return await redirectTo(store, fileName, direct);
    return await fromStore(req, store, fileName, withBody);
  } catch (error) {
    // The S3 store is down: say so (and that it is passing), rather than a 500 or a 404.
    if (error instanceof AppError && error.kind === "service_unavailable") {
      return new Response("Media storage is unavailable", { status: 503, headers: { ...plainText, "retry-after": "5" } });
    }
    throw error;
  }
}

/**
 * The file, proxied from the store (a local file, or streamed from S3 a range at a time), so
 * the app's URLs work the same whatever the store, and platforms never meet a redirect.
 */
async function fromStore(req: Request, store: MediaStore, fileName: string, withBody: boolean): Promise<Response> {
  let size = await store.size(fileName);
  if (size === null && (await ensureThumbnailFile(store, fileName))) size = await store.size(fileName);
  if (size === null) return notFound();

  // The name is the content's hash, so the file at a URL never changes.
  const etag = `"${fileName.replace(/\.(jpg|png)$/, "")}"`;
  const headers = new Headers({
    "content-type": mimeTypeOfFileName(fileName),
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "accept-ranges": "bytes",
    "x-content-type-options": "nosniff",
  });
  if (etagMatches(req.headers.get("if-none-match"), etag)) return new Response(null, { status: 304, headers });

  // If-Range with another validator means "the whole file, the part I have is stale".
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseByteRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers.set("content-length", String(end - start + 1));
  if (range) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  const status = range ? 206 : 200;
  if (!withBody || end < start) return new Response(null, { status, headers });
  // Only the bytes asked for are read from the store (S3: a ranged GetObject).
  const body = await store.stream(fileName, { start, end });
  if (!body) return notFound();
  return new Response(body, { status, headers });
}

/**
 * S3_PUBLIC_BASE_URL serves the bucket: send the client there. A thumbnail is made first if
 * missing (images stored before thumbnails existed); any other name is sent on unchecked, as
 * the store answers a missing one itself. A day's caching, not a year's, so changing the
 * setting takes effect.
 */
async function redirectTo(store: MediaStore, fileName: string, url: string): Promise<Response> {
  if (thumbnailSource(fileName) && !(await ensureThumbnailFile(store, fileName))) return notFound();
  return new Response(null, { status: 302, headers: { location: url, "cache-control": "public, max-age=86400" } });
}

const plainText = { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" };

function notFound(): Response {
  return new Response("Not found", { status: 404, headers: plainText });
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === etag;
  });
}
