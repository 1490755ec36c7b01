// What each platform gets (DESIGN.md §5): always JPEG; TikTok within 1080×1920 (short side at
// most 1080); Instagram padded (never cropped) into 4:5 … 1.91:1 and at most 1440 px wide.
// Sizes only; lib/server/media/transcode.ts does the pixels.
//
// Instagram crops every carousel item to the first item's aspect ratio (platforms.md §2.5), so
// a carousel is planned as a whole: every item is padded into the first item's shape.

import { ratioLabel } from "./media";

export type TranscodeTarget = "tiktok" | "instagram";

/** An image's size in pixels, as displayed (EXIF orientation applied). */
export type ImageSize = { width: number; height: number };

/** The output: a `width`×`height` canvas holding the scaled image (`inner`) at (`left`, `top`). */
export type TranscodePlan = {
  width: number;
  height: number;
  inner: { width: number; height: number };
  left: number;
  top: number;
};

/** Every item of an Instagram carousel, each padded into one shape (`ratio` = width ÷ height). */
export type CarouselPlan = { ratio: number; items: TranscodePlan[] };

const TIKTOK_SHORT = 1080;
const TIKTOK_LONG = 1920;
export const INSTAGRAM_MIN_RATIO = 0.8;
export const INSTAGRAM_MAX_RATIO = 1.91;
const INSTAGRAM_MAX_WIDTH = 1440;

/** Scale factor (never above 1: small images are not enlarged). */
function fit(width: number, height: number, maxW: number, maxH: number): number {
  return Math.min(1, maxW / width, maxH / height);
}

/**
 * The plan for one image (pixels, as displayed): TikTok scaled down only; Instagram padded into
 * its own ratio brought into 4:5 … 1.91:1, at most 1440 px wide. Throws on an empty image.
 */
export function planTranscode(target: TranscodeTarget, width: number, height: number): TranscodePlan {
  if (width < 1 || height < 1) throw new Error("image has no pixels");
  if (target === "tiktok") {
    const portrait = height >= width;
    const s = fit(width, height, portrait ? TIKTOK_SHORT : TIKTOK_LONG, portrait ? TIKTOK_LONG : TIKTOK_SHORT);
    const inner = { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
    return { ...inner, inner, left: 0, top: 0 };
  }
  return padIntoShape(width, height, instagramShape({ width, height }));
}

/** The shape (width ÷ height, unitless) Instagram accepts for an image: its own, clamped to 0.8 … 1.91. */
export function instagramShape(image: ImageSize): number {
  return Math.min(INSTAGRAM_MAX_RATIO, Math.max(INSTAGRAM_MIN_RATIO, image.width / image.height));
}

/**
 * Plans a whole Instagram carousel (sizes in pixels, as displayed, in post order): the first
 * item is planned as a single image would be, and every other item is padded into the first
 * item's output shape, so Instagram's crop to that shape removes nothing. Throws when empty.
 */
export function planInstagramCarousel(images: readonly ImageSize[]): CarouselPlan {
  const [first, ...rest] = images;
  if (!first) throw new Error("a carousel needs at least one image");
  const lead = planTranscode("instagram", first.width, first.height);
  // The first item's canvas, not the ideal clamped ratio: that canvas is what Instagram crops to.
  const ratio = lead.width / lead.height;
  return { ratio, items: [lead, ...rest.map((img) => padIntoShape(img.width, img.height, ratio))] };
}

/**
 * Warnings for a post's images (pixels, as displayed, in post order) on `platform`: for an
 * Instagram carousel, which items will be padded to the first image's shape; otherwise none.
 */
export function carouselPaddingWarnings(platform: TranscodeTarget, images: readonly ImageSize[]): string[] {
  const [first] = images;
  if (platform !== "instagram" || images.length < 2 || !first) return [];
  if (images.some((img) => img.width < 1 || img.height < 1)) return [];
  const padded = planInstagramCarousel(images).items.flatMap((plan, i) => (isPadded(plan) ? [i + 1] : []));
  if (padded.length === 0) return [];

  const own = first.width / first.height;
  const shape = instagramShape(first);
  const target =
    shape === own
      ? `the first image's ${ratioLabel(first.width, first.height)} shape`
      : `${shape === INSTAGRAM_MIN_RATIO ? "4:5" : "1.91:1"}, the nearest shape Instagram allows to the first image's ${ratioLabel(first.width, first.height)}`;
  const which = `${padded.length === 1 ? "image" : "images"} ${numberList(padded)}`;
  return [`Instagram: ${which} will be padded to ${target}; Instagram crops carousel items to the first image's shape`];
}

/** More than a pixel of padding: one row or column is rounding, not a visible border. */
function isPadded(plan: TranscodePlan): boolean {
  return plan.width - plan.inner.width > 1 || plan.height - plan.inner.height > 1;
}

/**
 * The smallest `ratio`-shaped canvas around a `width`×`height` image, scaled to at most 1440 px
 * wide, with the image centred in it and never enlarged.
 */
function padIntoShape(width: number, height: number, ratio: number): TranscodePlan {
  if (width < 1 || height < 1) throw new Error("image has no pixels");
  const boxWidth = Math.max(width, height * ratio);
  if (boxWidth <= INSTAGRAM_MAX_WIDTH) {
    // Pad the short side only; the other side is the image's own, so nothing is resampled.
    const canvas =
      width / height <= ratio
        ? { width: Math.max(width, widthFor(height, ratio)), height }
        : { width, height: Math.max(height, heightFor(width, ratio)) };
    return centred(canvas, { width, height });
  }
  // Fix the canvas first and fit the image into it, so both sides of the canvas come from the
  // shape and not from two separately rounded scalings of the image.
  const canvas = { width: INSTAGRAM_MAX_WIDTH, height: heightFor(INSTAGRAM_MAX_WIDTH, ratio) };
  const s = Math.min(canvas.width / width, canvas.height / height);
  const inner = {
    width: Math.min(canvas.width, Math.max(1, Math.round(width * s))),
    height: Math.min(canvas.height, Math.max(1, Math.round(height * s))),
  };
  return centred(canvas, inner);
}

// Nearest whole pixel to the shape, but never a pixel outside 4:5 … 1.91:1: Instagram refuses
// 1001×524 (1.9103) although it is the nearest to 1.91 at that width.
function widthFor(height: number, ratio: number): number {
  const w = Math.max(1, Math.round(height * ratio));
  if (w / height < INSTAGRAM_MIN_RATIO) return w + 1;
  if (w / height > INSTAGRAM_MAX_RATIO) return w - 1;
  return w;
}

function heightFor(width: number, ratio: number): number {
  const h = Math.max(1, Math.round(width / ratio));
  if (width / h > INSTAGRAM_MAX_RATIO) return h + 1;
  if (width / h < INSTAGRAM_MIN_RATIO) return h - 1;
  return h;
}

function centred(canvas: { width: number; height: number }, inner: { width: number; height: number }): TranscodePlan {
  return {
    ...canvas,
    inner,
    left: Math.floor((canvas.width - inner.width) / 2),
    top: Math.floor((canvas.height - inner.height) / 2),
  };
}

/** 1-based positions as people read them: [2, 3, 5] → "2–3 and 5". */
function numberList(positions: readonly number[]): string {
  const runs: string[] = [];
  for (let i = 0; i < positions.length; ) {
    let j = i;
    while (j + 1 < positions.length && positions[j + 1] === positions[j]! + 1) j++;
    runs.push(j > i ? `${positions[i]}–${positions[j]}` : `${positions[i]}`);
    i = j + 1;
  }
  return runs.length === 1 ? runs[0]! : `${runs.slice(0, -1).join(", ")} and ${runs[runs.length - 1]}`;
}
