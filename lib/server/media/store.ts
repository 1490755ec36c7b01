// The content-addressed media store: one file per distinct image, named by its SHA-256, so the
// same bytes are stored once and a file never changes once written (hence immutable caching).
// The names and the write-once rule live here; where the bytes go (a directory, an S3 bucket)
// is the MediaStore backend's business (media-store.ts).
import "server-only";
import { createHash } from "node:crypto";
import path from "node:path";
import type { ImageMimeType } from "@/lib/domain/media";
import type { MediaStore } from "./media-store";

const EXTENSION: Record<ImageMimeType, string> = { "image/jpeg": "jpg", "image/png": "png" };
/** Originals and the variants made from them; `t1` is the thumbnail recipe's version. */
const FILE_NAME = /^[0-9a-f]{64}\.(jpg|png|t1\.webp)$/;
const ORIGINAL_NAME = /^[0-9a-f]{64}\.(jpg|png)$/;
const THUMBNAIL_SUFFIX = ".t1.webp";
/** Thumbnails fit in this square (px): big enough for a slide tile or a calendar card at 2×. */
export const THUMBNAIL_SIZE = 320;

export type StoredImage = { sha256: string; fileName: string };

/** The store's name for an image: its content hash and the extension of its type. */
export function storedFileName(sha256: string, mimeType: string): string {
  return `${sha256}.${EXTENSION[mimeType as ImageMimeType] ?? "jpg"}`;
}

/** Writes `bytes` as `<sha256>.jpg|png` unless already there; readers never see a partial file. */
export async function storeImage(store: MediaStore, bytes: Uint8Array, mimeType: ImageMimeType): Promise<StoredImage> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const fileName = storedFileName(sha256, mimeType);
  await store.putOnce(fileName, bytes, mimeType);
  return { sha256, fileName };
}

/** Whether `fileName` is a name the store could have written (never `../x` or `notes.txt`). */
export function isMediaFileName(fileName: string): boolean {
  return FILE_NAME.test(fileName);
}

/** The file's path in a local store, or null for any name the store could not have written. */
export function mediaFilePath(mediaDir: string, fileName: string): string | null {
  return isMediaFileName(fileName) ? path.join(mediaDir, fileName) : null;
}

/** The Content-Type of a stored file, by the extension the store gave it. */
export function mimeTypeOfFileName(fileName: string): ImageMimeType | "image/webp" {
  if (fileName.endsWith(".webp")) return "image/webp";
  return fileName.endsWith(".png") ? "image/png" : "image/jpeg";
}

/**
 * The thumbnail of the image with this hash, `<sha256>.t1.webp`, beside the original. It is
 * derived from the original by a fixed recipe (`t1`), so it never changes either.
 */
export function thumbnailFileName(sha256: string): string {
  return `${sha256}${THUMBNAIL_SUFFIX}`;
}

/** Where the app serves the thumbnail of the image with this hash. */
export function thumbnailUrl(publicBaseUrl: string, sha256: string): string {
  return publicMediaUrl(publicBaseUrl, thumbnailFileName(sha256));
}

/** The hash an app media URL is named by (`…/media/<sha256>.jpg`), or null for any other URL. */
export function storedHashOf(url: string, publicBaseUrl: string): string | null {
  return storedFileNameOf(url, publicBaseUrl)?.slice(0, 64) ?? null;
}

/** The original a thumbnail is made from (any stored extension), or null if `fileName` is none. */
export function thumbnailSource(fileName: string): { sha256: string } | null {
  return fileName.endsWith(THUMBNAIL_SUFFIX) && FILE_NAME.test(fileName) ? { sha256: fileName.slice(0, 64) } : null;
}

/** Writes a derived file (a thumbnail) under `fileName` unless present, atomically. */
export async function storeDerived(store: MediaStore, fileName: string, bytes: Uint8Array): Promise<void> {
  if (!isMediaFileName(fileName)) throw new Error(`not a stored media file: ${fileName}`);
  await store.putOnce(fileName, bytes, mimeTypeOfFileName(fileName));
}

/** The store's file name when `url` is one of this app's media URLs, else null. */
export function storedFileNameOf(url: string, publicBaseUrl: string): string | null {
  const prefix = publicMediaUrl(publicBaseUrl, "");
  const fileName = url.startsWith(prefix) ? url.slice(prefix.length) : "";
  return ORIGINAL_NAME.test(fileName) ? fileName : null;
}

/** Where the app serves a stored file (app/media/[file]/route.ts). */
export function publicMediaUrl(publicBaseUrl: string, fileName: string): string {
  return `${publicBaseUrl.replace(/\/+$/, "")}/media/${fileName}`;
}

/** Whether the store holds `fileName` (a name it could have written). */
export async function isStored(store: MediaStore, fileName: string): Promise<boolean> {
  return isMediaFileName(fileName) && (await store.has(fileName));
}

/** The bytes of stored file `fileName`; throws for a name the store could not have written or a missing file. */
export async function readStored(store: MediaStore, fileName: string): Promise<Buffer> {
  if (!isMediaFileName(fileName)) throw new Error(`not a stored media file: ${fileName}`);
  const bytes = await store.get(fileName);
  if (!bytes) throw new Error(`${fileName}: no such file in the media store`);
  return bytes;
}
