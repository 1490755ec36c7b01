// What Instagram does to a carousel's pictures: it shows every child in the first child's aspect
// ratio, centre-cropping the ones that differ (platforms.md §2.5). Real Instagram reports none of
// this through the API; the simulator records it so tests can see what a carousel would lose.
import type { CarouselFraming, ImageShape } from "../state";

/** The framing of a carousel whose children pulled `images` (in order; the first sets the shape). */
export function carouselFraming(images: readonly { width: number; height: number }[]): CarouselFraming | undefined {
  const [first] = images;
  if (!first) return undefined;
  const ratio = first.width / first.height;
  return { shape: shapeOf(first), children: images.map((img) => ({ ...shapeOf(img), cropped: croppedFraction(img, ratio) })) };
}

/**
 * The fraction of a `width`×`height` image outside a centred crop to `ratio`, in whole pixels
 * as a crop removes them; a single row or column is rounding, not a crop, and counts as 0.
 */
export function croppedFraction(img: { width: number; height: number }, ratio: number): number {
  const { width, height } = img;
  if (width < 1 || height < 1 || !(ratio > 0)) return 0;
  const tooWide = width / height > ratio;
  const cut = tooWide ? width - Math.round(height * ratio) : height - Math.round(width / ratio);
  if (cut <= 1) return 0;
  return round4(cut / (tooWide ? width : height));
}

function shapeOf(img: { width: number; height: number }): ImageShape {
  return { width: img.width, height: img.height, ratio: round4(img.width / img.height) };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
