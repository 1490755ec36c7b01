// Turns a stored image into the JPEG a platform accepts (lib/domain/transcode.ts decides the
// sizes). The result goes back into the content-addressed store, so each variant is made once
// and served like any other stored image.
import "server-only";
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { type TranscodeTarget, planTranscode } from "@/lib/domain/transcode";
import { MAX_IMAGE_PIXELS } from "@/lib/domain/media";
import { mediaFilePath, storeImage } from "./store";

export type Variant = { fileName: string; width: number; height: number; bytes: number };

const PAD = { r: 255, g: 255, b: 255, alpha: 1 };
const made = new Map<string, Variant>();

/** The `target` variant of stored file `fileName` (e.g. "<sha256>.png"), made once per process. */
export async function variantFor(mediaDir: string, fileName: string, target: TranscodeTarget): Promise<Variant> {
  const key = `${mediaDir}|${fileName}|${target}`;
  const cached = made.get(key);
  if (cached) return cached;
  const file = mediaFilePath(mediaDir, fileName);
  if (!file) throw new Error(`not a stored media file: ${fileName}`);
  const input = await readFile(file);
  // Rotate by EXIF first, so sizes are those of the image as people see it.
  const oriented = sharp(input, { limitInputPixels: MAX_IMAGE_PIXELS }).rotate();
  const { autoOrient } = await oriented.metadata();
  const plan = planTranscode(target, autoOrient.width, autoOrient.height);
  const output = await oriented
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
  const stored = await storeImage(mediaDir, output, "image/jpeg");
  const variant = { fileName: stored.fileName, width: plan.width, height: plan.height, bytes: output.length };
  made.set(key, variant);
  return variant;
}
