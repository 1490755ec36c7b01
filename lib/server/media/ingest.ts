// Turns image URLs (or one upload) into stored media. Every image is fetched and checked before
// anything is written, so a post with one bad image leaves no files and no rows behind.
import "server-only";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { findMediaByHash, upsertMedia } from "@/db/queries/media";
import type { Config } from "@/env";
import { AppError, err, type FieldIssue, ok, type Result } from "@/lib/domain/errors";
import {
  aspectRatioWarning,
  FETCH_CONCURRENCY,
  type ImageMimeType,
  MAX_IMAGE_PIXELS,
  notAnImageReason,
  PIXEL_LIMIT_REASON,
  sizeRefusal,
  sniffImage,
} from "@/lib/domain/media";
import { type MediaStoreConfig, mediaStoreFor } from "./media-store";
import { safeFetch, type SafeFetchOptions } from "./safe-fetch";
import { mimeTypeOfFileName, publicMediaUrl, storeDerived, storedFileNameOf, storeImage, thumbnailFileName } from "./store";
import { renderThumbnail } from "./transcode";

export type MediaConfig = MediaStoreConfig & Pick<Config, "allowPrivateMediaUrls" | "publicBaseUrl">;

export type IngestedImage = {
  mediaId: string;
  sha256: string;
  fileName: string;
  mimeType: ImageMimeType;
  bytes: number;
  width: number;
  height: number;
  /** Where the app serves the stored copy. */
  url: string;
  /** The URL it was fetched from; null for an upload. */
  sourceUrl: string | null;
};

/** A fetched image that passed every check; width and height as displayed (EXIF-rotated). */
type CheckedImage = { data: Buffer; mimeType: ImageMimeType; width: number; height: number; thumbnail: Buffer };

/** Fetches, checks and stores `urls` in order; errors name each failing `imageUrls[i]`. */
export async function ingestImageUrls(
  db: Db,
  params: {
    organizationId: string;
    urls: string[];
    config: MediaConfig;
    fetchOptions?: Partial<SafeFetchOptions>;
  },
): Promise<Result<{ images: IngestedImage[]; warnings: string[] }, AppError>> {
  const fetchOptions = { allowPrivate: params.config.allowPrivateMediaUrls, ...params.fetchOptions };
  const known = await alreadyStored(db, params.organizationId, params.config, params.urls);
  const results = await mapLimited(params.urls, FETCH_CONCURRENCY, async (url, i) => {
    if (known.has(i)) return ok(null);
    const fetched = await safeFetch(url, fetchOptions);
    return fetched.ok ? checkImage(fetched.value.bytes) : err(fetched.error.reason);
  });
  const checked: { index: number; image: CheckedImage; sourceUrl: string }[] = [];
  const failures: FieldIssue[] = [];
  for (const [i, result] of results.entries()) {
    if (!result.ok) failures.push({ path: `imageUrls[${i}]`, message: result.error });
    else if (result.value) checked.push({ index: i, image: result.value, sourceUrl: params.urls[i]! });
  }
  if (failures.length) return err(mediaError(failures));

  const saved = await save(db, params.organizationId, params.config, checked);
  const images = params.urls.map((_, i) => known.get(i) ?? saved[checked.findIndex((c) => c.index === i)]!);
  const warnings = images.flatMap((img, i) => {
    const warning = aspectRatioWarning(img.width, img.height);
    return warning ? [`imageUrls[${i}]: ${warning}`] : [];
  });
  return ok({ images, warnings });
}

/** Checks and stores one uploaded file (the dashboard's and POST /api/v1/media's path "file"). */
export async function ingestUploadedImage(
  db: Db,
  params: { organizationId: string; bytes: Buffer; config: MediaConfig },
): Promise<Result<IngestedImage & { warnings: string[] }, AppError>> {
  const tooLarge = sizeRefusal(params.bytes.length);
  if (tooLarge) return err(new AppError("payload_too_large", `file: ${tooLarge}`, [{ path: "file", message: tooLarge }]));
  const checked = await checkImage(params.bytes);
  if (!checked.ok) return err(mediaError([{ path: "file", message: checked.error }]));
  const [image] = await save(db, params.organizationId, params.config, [{ image: checked.value, sourceUrl: null }]);
  const warning = aspectRatioWarning(checked.value.width, checked.value.height);
  return ok({ ...image!, warnings: warning ? [warning] : [] });
}

/** JPEG or PNG by magic bytes, within the byte and pixel limits, with readable dimensions. */
async function checkImage(data: Buffer): Promise<Result<CheckedImage, string>> {
  const tooLarge = sizeRefusal(data.length);
  if (tooLarge) return err(tooLarge);
  const mimeType = sniffImage(data);
  if (!mimeType) return err(notAnImageReason(data));
  try {
    // Reads the header only; limitInputPixels refuses a small file that claims huge dimensions.
    const meta = await sharp(data, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
    const thumbnail = await renderThumbnail(data);
    return ok({ data, mimeType, width: meta.autoOrient.width, height: meta.autoOrient.height, thumbnail });
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) return err(PIXEL_LIMIT_REASON);
    return err(`not a readable ${mimeType === "image/png" ? "PNG" : "JPEG"} image`);
  }
}

function mediaError(failures: FieldIssue[]): AppError {
  const first = failures[0]!;
  return new AppError("media_error", `${first.path}: ${first.message}`, failures);
}

/**
 * Writes the files, then one row per distinct image (an image already stored keeps its row).
 * A store that fails throws (a 503 for S3) before any row is written.
 */
async function save(
  db: Db,
  organizationId: string,
  config: MediaConfig,
  items: { image: CheckedImage; sourceUrl: string | null }[],
): Promise<IngestedImage[]> {
  if (items.length === 0) return [];
  const store = mediaStoreFor(config);
  const stored = await settledAll(items.map(({ image }) => storeImage(store, image.data, image.mimeType)));
  // Thumbnails for slide tiles and calendar cards, rendered while the image was checked.
  await settledAll(stored.map((s, i) => storeDerived(store, thumbnailFileName(s.sha256), items[i]!.image.thumbnail)));
  const idOf = await upsertMedia(db, {
    organizationId,
    rows: items.map(({ image, sourceUrl }, i) => ({
      organizationId,
      sha256: stored[i]!.sha256,
      mimeType: image.mimeType,
      bytes: image.data.length,
      width: image.width,
      height: image.height,
      source: sourceUrl ?? "upload",
    })),
  });
  return items.map(({ image, sourceUrl }, i) => {
    const { sha256, fileName } = stored[i]!;
    return {
      mediaId: idOf.get(sha256)!,
      sha256,
      fileName,
      mimeType: image.mimeType,
      bytes: image.data.length,
      width: image.width,
      height: image.height,
      url: publicMediaUrl(config.publicBaseUrl, fileName),
      sourceUrl,
    };
  });
}

/**
 * Images given by their Postdeck URL (`PUBLIC_BASE_URL/media/<sha256>.<ext>`) that this
 * organization already stored: they are used as they are, without fetching them again.
 */
async function alreadyStored(db: Db, organizationId: string, config: MediaConfig, urls: readonly string[]): Promise<Map<number, IngestedImage>> {
  const byIndex = new Map<number, string>();
  for (const [i, url] of urls.entries()) {
    const fileName = storedFileNameOf(url, config.publicBaseUrl);
    if (fileName) byIndex.set(i, fileName);
  }
  if (byIndex.size === 0) return new Map();
  const rows = await findMediaByHash(db, { organizationId, sha256s: [...byIndex.values()].map((f) => f.slice(0, 64)) });
  const bySha = new Map(rows.map((r) => [r.sha256, r]));
  const out = new Map<number, IngestedImage>();
  for (const [i, fileName] of byIndex) {
    const row = bySha.get(fileName.slice(0, 64));
    if (!row || row.mimeType !== mimeTypeOfFileName(fileName)) continue;
    out.set(i, {
      mediaId: row.id,
      sha256: row.sha256,
      fileName,
      mimeType: row.mimeType as ImageMimeType,
      bytes: row.bytes,
      width: row.width,
      height: row.height,
      url: publicMediaUrl(config.publicBaseUrl, fileName),
      sourceUrl: urls[i]!,
    });
  }
  return out;
}

/**
 * Promise.all that waits for every write before throwing the first failure, so no write of a
 * refused request is still in flight (and retrying against a failing store) after the answer.
 */
async function settledAll<T>(writes: Promise<T>[]): Promise<T[]> {
  const settled = await Promise.allSettled(writes);
  const failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Like Promise.all over `items`, with at most `limit` calls of `fn` in flight; keeps order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
