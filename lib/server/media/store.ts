// The content-addressed media store: one file per distinct image, named by its SHA-256, so the
// same bytes are stored once and a file never changes once written (hence immutable caching).
import "server-only";
import { createHash, randomUUID } from "node:crypto";
import { access, mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ImageMimeType } from "@/lib/domain/media";

const EXTENSION: Record<ImageMimeType, string> = { "image/jpeg": "jpg", "image/png": "png" };
const FILE_NAME = /^[0-9a-f]{64}\.(jpg|png)$/;

export type StoredImage = { sha256: string; fileName: string };

/** The store's name for an image: its content hash and the extension of its type. */
export function storedFileName(sha256: string, mimeType: string): string {
  return `${sha256}.${EXTENSION[mimeType as ImageMimeType] ?? "jpg"}`;
}

/** Writes `bytes` as `<sha256>.jpg|png` unless already there; readers never see a partial file. */
export async function storeImage(mediaDir: string, bytes: Uint8Array, mimeType: ImageMimeType): Promise<StoredImage> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileName = storedFileName(sha256, mimeType);
  const target = path.join(mediaDir, fileName);
  if (await exists(target)) return { sha256, fileName };
  await mkdir(mediaDir, { recursive: true });
  // Same-directory rename is atomic, so a concurrent reader sees no file or the whole file.
  const tmp = path.join(mediaDir, `.${fileName}.${randomUUID()}.tmp`);
  try {
    await writeFile(tmp, bytes, { flag: "wx" });
    await rename(tmp, target);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
  return { sha256, fileName };
}

/** The file's path, or null for any name the store could not have written (e.g. `../x`). */
export function mediaFilePath(mediaDir: string, fileName: string): string | null {
  return FILE_NAME.test(fileName) ? path.join(mediaDir, fileName) : null;
}

/** The Content-Type of a stored file, by the extension the store gave it. */
export function mimeTypeOfFileName(fileName: string): ImageMimeType {
  return fileName.endsWith(".png") ? "image/png" : "image/jpeg";
}

/** The store's file name when `url` is one of this app's media URLs, else null. */
export function storedFileNameOf(url: string, publicBaseUrl: string): string | null {
  const prefix = publicMediaUrl(publicBaseUrl, "");
  const fileName = url.startsWith(prefix) ? url.slice(prefix.length) : "";
  return FILE_NAME.test(fileName) ? fileName : null;
}

/** Where the app serves a stored file (app/media/[file]/route.ts). */
export function publicMediaUrl(publicBaseUrl: string, fileName: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/media/${fileName}`;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
