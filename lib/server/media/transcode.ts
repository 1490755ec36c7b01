// Turns a stored image into the JPEG a platform accepts (lib/domain/transcode.ts decides the
// sizes). The result goes back into the content-addressed store, so each variant is made once
// and served like any other stored image.
import "server-only";
import sharp from "sharp";
import { type ImageSize, type TranscodePlan, type TranscodeTarget, planInstagramCarousel, planTranscode } from "@/lib/domain/transcode";
import { MAX_IMAGE_PIXELS } from "@/lib/domain/media";
import type { MediaStore } from "./media-store";
import { THUMBNAIL_SIZE, isStored, readStored, storeDerived, storeImage, storedFileName, thumbnailFileName, thumbnailSource } from "./store";

export type Variant = { fileName: string; width: number; height: number; bytes: number };

const PAD = { r: 255, g: 255, b: 255, alpha: 1 };
const made = new Map<string, Variant>();
// Stored files never change (their name is their hash), so neither do their sizes.
const sizes = new Map<string, ImageSize>();

/**
 * The `target` variant of stored file `fileName` (e.g. "<sha256>.png"), made once per process.
 * Another process (a second app instance on the same bucket) may make it too: it writes the
 * same bytes under the same name, so the store keeps one.
 */
export async function variantFor(store: MediaStore, fileName: string, target: TranscodeTarget): Promise<Variant> {
  const key = `${store.id}|${fileName}|${target}`;
  const cached = made.get(key);
  if (cached) return cached;
  const { input, size } = await load(store, fileName);
  const variant = await render(store, input, planTranscode(target, size.width, size.height));
  made.set(key, variant);
  return variant;
}

/**
 * The Instagram variants of the stored files `fileNames` (in post order) as one carousel: each
 * padded into the first one's shape, since Instagram crops every item to that shape. Each
 * file's variant is made once per process and shape.
 */
export async function carouselVariantsFor(store: MediaStore, fileNames: readonly string[]): Promise<Variant[]> {
  const measured: ImageSize[] = [];
  for (const fileName of fileNames) measured.push(await sizeOf(store, fileName));
  const plan = planInstagramCarousel(measured);
  const variants: Variant[] = [];
  // One at a time: a 50-megapixel image decodes to 150 MB, and a carousel holds up to 10.
  for (const [i, fileName] of fileNames.entries()) {
    const key = `${store.id}|${fileName}|instagram-carousel|${plan.ratio}`;
    let variant = made.get(key);
    if (!variant) {
      variant = await render(store, (await load(store, fileName)).input, plan.items[i]!);
      made.set(key, variant);
    }
    variants.push(variant);
  }
  return variants;
}

async function sizeOf(store: MediaStore, fileName: string): Promise<ImageSize> {
  return sizes.get(`${store.id}|${fileName}`) ?? (await load(store, fileName)).size;
}

/** The file's bytes and its size as people see it (rotated by EXIF first). */
async function load(store: MediaStore, fileName: string): Promise<{ input: Buffer; size: ImageSize }> {
  const input = await readStored(store, fileName);
  const { autoOrient } = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS }).metadata();
  const size = { width: autoOrient.width, height: autoOrient.height };
  sizes.set(`${store.id}|${fileName}`, size);
  return { input, size };
}

async function render(store: MediaStore, input: Buffer, plan: TranscodePlan): Promise<Variant> {
  const output = await sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize(plan.inner.width, plan.inner.height, { fit: "fill" })
    .extend({
      top: plan.top,
      bottom: plan.height - plan.inner.height - plan.top,
      left: plan.left,
      right: plan.width - plan.inner.width - plan.left,
      background: PAD,
    })
    .flatten({ background: PAD })
    .jpeg({ quality: 90, mozjpeg: true })
    .toBuffer();
  const stored = await storeImage(store, output, "image/jpeg");
  return { fileName: stored.fileName, width: plan.width, height: plan.height, bytes: output.length };
}

/**
 * Makes the image's WebP thumbnail (EXIF-rotated, fitted inside THUMBNAIL_SIZE², never enlarged)
 * beside the original, unless it exists. `source` is the original's bytes.
 */
export async function makeThumbnail(store: MediaStore, sha256: string, source: Buffer): Promise<string> {
  const fileName = thumbnailFileName(sha256);
  if (await isStored(store, fileName)) return fileName;
  await storeDerived(store, fileName, await renderThumbnail(source));
  return fileName;
}

/**
 * The thumbnail's bytes. Decoding the whole image, it also proves the image is complete: a
 * JPEG cut short passes a header check but fails here, before anything is stored.
 */
export function renderThumbnail(source: Buffer): Promise<Buffer> {
  return sharp(source, { limitInputPixels: MAX_IMAGE_PIXELS })
    .rotate()
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: "inside", withoutEnlargement: true })
    .webp({ quality: 72 })
    .toBuffer();
}

/**
 * Makes a missing thumbnail on request from its stored original (images stored before
 * thumbnails existed get one the first time it is asked for). False when there is no original.
 */
export async function ensureThumbnailFile(store: MediaStore, fileName: string): Promise<boolean> {
  const source = thumbnailSource(fileName);
  if (!source) return false;
  if (await isStored(store, fileName)) return true;
  for (const original of [storedFileName(source.sha256, "image/jpeg"), storedFileName(source.sha256, "image/png")]) {
    if (await isStored(store, original)) {
      await makeThumbnail(store, source.sha256, await readStored(store, original));
      return true;
    }
  }
  return false;
}
