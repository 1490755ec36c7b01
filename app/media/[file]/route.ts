// GET|HEAD /media/<sha256>.<jpg|png|t1.webp> — serve a stored image or its thumbnail publicly: immutable, ranged, streamed
import { type FileHandle, open } from "node:fs/promises";
import { Readable } from "node:stream";
import { parseByteRange } from "@/lib/domain/media";
import { getAppContext } from "@/lib/server/context";
import { mediaFilePath, mimeTypeOfFileName } from "@/lib/server/media/store";
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
  const { config } = await getAppContext();
  const file = mediaFilePath(config.mediaDir, fileName);
  let handle = file ? await openIfExists(file) : null;
  if (!handle && file && (await ensureThumbnailFile(config.mediaDir, fileName))) handle = await openIfExists(file);
  if (!handle) return new Response("Not found", { status: 404, headers: plainText });

  const size = (await handle.stat()).size;
  // The name is the content's hash, so the file at a URL never changes.
  const etag = `"${fileName.replace(/\.(jpg|png)$/, "")}"`;
  const headers = new Headers({
    "content-type": mimeTypeOfFileName(fileName),
    "cache-control": "public, max-age=31536000, immutable",
    etag,
    "accept-ranges": "bytes",
    "x-content-type-options": "nosniff",
  });
  if (etagMatches(req.headers.get("if-none-match"), etag)) return finish(handle, 304, headers);

  // If-Range with another validator means "the whole file, the part I have is stale".
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? null : parseByteRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("content-range", `bytes */${size}`);
    return finish(handle, 416, headers);
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  headers.set("content-length", String(end - start + 1));
  if (range) headers.set("content-range", `bytes ${start}-${end}/${size}`);
  const status = range ? 206 : 200;
  if (!withBody || end < start) return finish(handle, status, headers);
  // The stream closes the file when it ends or the client goes away.
  const body = Readable.toWeb(handle.createReadStream({ start, end })) as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

const plainText = { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" };

async function openIfExists(file: string): Promise<FileHandle | null> {
  try {
    return await open(file, "r");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

async function finish(handle: FileHandle, status: number, headers: Headers): Promise<Response> {
  await handle.close();
  return new Response(null, { status, headers });
}

function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((tag) => {
    const t = tag.trim().replace(/^W\//, "");
    return t === "*" || t === etag;
  });
}
