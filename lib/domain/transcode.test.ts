import { describe, expect, it } from "vitest";
import {
  carouselPaddingWarnings,
  INSTAGRAM_MAX_RATIO,
  INSTAGRAM_MIN_RATIO,
  instagramShape,
  planInstagramCarousel,
  planTranscode,
  type TranscodePlan,
} from "./transcode";

describe("planTranscode: TikTok", () => {
  it.each([
    [1080, 1920, 1080, 1920],
    [2160, 3840, 1080, 1920],
    [3000, 2000, 1620, 1080],
    [1000, 4000, 480, 1920],
    [640, 480, 640, 480],
  ])("%ix%i → %ix%i, unpadded", (w, h, ow, oh) => {
    const p = planTranscode("tiktok", w, h);
    expect([p.width, p.height]).toEqual([ow, oh]);
    expect(p.inner).toEqual({ width: ow, height: oh });
    expect(Math.min(p.width, p.height)).toBeLessThanOrEqual(1080);
  });
});

describe("planTranscode: Instagram", () => {
  it.each([
    // 9:16 is too tall for Instagram: padded sideways to 4:5 (1536×1920), then scaled to 1440 wide.
    [1080, 1920, 1440, 1800, 1013, 1800],
    // within the band: only scaled to 1440 wide
    [2000, 2000, 1440, 1440, 1440, 1440],
    [1080, 1350, 1080, 1350, 1080, 1350],
    // too wide: padded vertically to 1.91:1, then scaled
    [4000, 1000, 1440, 754, 1440, 360],
  ])("%ix%i → canvas %ix%i holding %ix%i", (w, h, cw, ch, iw, ih) => {
    const p = planTranscode("instagram", w, h);
    expect([p.width, p.height, p.inner.width, p.inner.height]).toEqual([cw, ch, iw, ih]);
  });

  it("always lands inside 4:5 … 1.91:1, at most 1440 wide, centred, never cropping", () => {
    for (const [w, h] of [[100, 1000], [1000, 100], [1080, 1920], [5000, 5001], [1, 1], [7000, 3000]] as const) {
      const p = planTranscode("instagram", w, h);
      const r = p.width / p.height;
      expect(r).toBeGreaterThanOrEqual(INSTAGRAM_MIN_RATIO - 0.01);
      expect(r).toBeLessThanOrEqual(INSTAGRAM_MAX_RATIO + 0.01);
      expect(p.width).toBeLessThanOrEqual(1440);
      expect(p.inner.width / p.inner.height).toBeCloseTo(w / h, 1);
      expect(p.left + p.inner.width).toBeLessThanOrEqual(p.width);
      expect(p.top + p.inner.height).toBeLessThanOrEqual(p.height);
      expect(Math.abs(p.left * 2 + p.inner.width - p.width)).toBeLessThanOrEqual(1);
    }
  });
});

type Size = { width: number; height: number };
const size = (width: number, height: number): Size => ({ width, height });
const canvasOf = (p: TranscodePlan) => [p.width, p.height, p.inner.width, p.inner.height];

/** True when w×h is `ratio` up to one pixel of rounding on either side. */
function withinAPixel(w: number, h: number, ratio: number): boolean {
  return Math.abs(w - h * ratio) <= 1 || Math.abs(h - w / ratio) <= 1;
}

describe("planInstagramCarousel", () => {
  it.each<[string, Size[], number, number[][]]>([
    [
      "square first, 9:16 rest: the rest padded sideways into squares",
      [size(1080, 1080), size(1080, 1920), size(1080, 1920)],
      1,
      [[1080, 1080, 1080, 1080], [1440, 1440, 810, 1440], [1440, 1440, 810, 1440]],
    ],
    [
      "9:16 first is clamped to 4:5; a landscape item is padded top and bottom into 4:5",
      [size(1080, 1920), size(1920, 1080)],
      0.8,
      [[1440, 1800, 1013, 1800], [1440, 1800, 1440, 810]],
    ],
    [
      "1.91:1 first (small, so unscaled): a square and a 4:5 item padded sideways",
      [size(955, 500), size(500, 500), size(400, 500)],
      1.91,
      [[955, 500, 955, 500], [955, 500, 500, 500], [955, 500, 400, 500]],
    ],
    [
      "1.91:1 first, large: the shape is that of its 1440-wide canvas",
      [size(1910, 1000), size(1000, 1000), size(1080, 1350)],
      1440 / 754,
      [[1440, 754, 1440, 754], [1440, 754, 754, 754], [1440, 754, 603, 754]],
    ],
    [
      "exact 4:5 everywhere: nothing padded, large items only scaled",
      [size(1080, 1350), size(1080, 1350), size(2160, 2700)],
      0.8,
      [[1080, 1350, 1080, 1350], [1080, 1350, 1080, 1350], [1440, 1800, 1440, 1800]],
    ],
    [
      "exact squares of different sizes: nothing padded, nothing enlarged",
      [size(1080, 1080), size(640, 640), size(3000, 3000)],
      1,
      [[1080, 1080, 1080, 1080], [640, 640, 640, 640], [1440, 1440, 1440, 1440]],
    ],
    [
      "a landscape first inside the band keeps its own shape; a portrait item is padded sideways",
      [size(1600, 900), size(900, 1600)],
      1440 / 810,
      [[1440, 810, 1440, 810], [1440, 810, 456, 810]],
    ],
  ])("%s", (_name, images, ratio, expected) => {
    const plan = planInstagramCarousel(images);
    expect(plan.ratio).toBeCloseTo(ratio, 6);
    expect(plan.items.map(canvasOf)).toEqual(expected);
  });

  it("plans the first item exactly as a single image", () => {
    for (const first of [size(1080, 1920), size(1080, 1080), size(4000, 1000), size(777, 999)]) {
      expect(planInstagramCarousel([first, size(1080, 1080)]).items[0]).toEqual(planTranscode("instagram", first.width, first.height));
    }
  });

  // Awkward sizes on purpose: odd pixels, band edges, tiny and huge, either orientation.
  const sizes = [
    size(1, 1), size(3, 7), size(100, 1000), size(1000, 100), size(1001, 524), size(1003, 1254), size(1080, 1920),
    size(1920, 1080), size(1080, 1350), size(1081, 1350), size(1910, 1000), size(1911, 1000), size(4000, 3000),
    size(5000, 5001), size(7000, 3000), size(1441, 1441), size(1439, 1801), size(321, 167), size(2999, 1571),
  ];
  it("gives every item the first item's shape to a pixel, inside the band, at most 1440 wide, padded not cropped", () => {
    for (const first of sizes) {
      const plan = planInstagramCarousel([first, ...sizes]);
      const ideal = instagramShape(first);
      expect(withinAPixel(plan.items[0]!.width, plan.items[0]!.height, ideal), `first ${first.width}x${first.height}`).toBe(true);
      for (const [i, p] of plan.items.entries()) {
        const img = i === 0 ? first : sizes[i - 1]!;
        const label = `first ${first.width}x${first.height}, item ${img.width}x${img.height} → ${canvasOf(p).join("x")}`;
        expect(withinAPixel(p.width, p.height, plan.ratio), label).toBe(true);
        expect(p.width / p.height, label).toBeGreaterThanOrEqual(INSTAGRAM_MIN_RATIO);
        expect(p.width / p.height, label).toBeLessThanOrEqual(INSTAGRAM_MAX_RATIO);
        expect(p.width, label).toBeLessThanOrEqual(1440);
        // Never enlarged, never cropped: the whole image is inside, its own shape kept to a pixel.
        expect(p.inner.width, label).toBeLessThanOrEqual(img.width);
        expect(p.inner.height, label).toBeLessThanOrEqual(img.height);
        expect(withinAPixel(p.inner.width, p.inner.height, img.width / img.height), label).toBe(true);
        expect(p.left + p.inner.width, label).toBeLessThanOrEqual(p.width);
        expect(p.top + p.inner.height, label).toBeLessThanOrEqual(p.height);
        // Centred, and padded on one axis only: the image spans the other.
        expect(Math.abs(p.left * 2 + p.inner.width - p.width), label).toBeLessThanOrEqual(1);
        expect(Math.abs(p.top * 2 + p.inner.height - p.height), label).toBeLessThanOrEqual(1);
        expect(Math.min(p.width - p.inner.width, p.height - p.inner.height), label).toBeLessThanOrEqual(1);
      }
    }
  });

  it("refuses an empty carousel", () => {
    expect(() => planInstagramCarousel([])).toThrow(/at least one image/);
  });
});

describe("carouselPaddingWarnings", () => {
  const tail = "; Instagram crops carousel items to the first image's shape";
  it.each<[string, "tiktok" | "instagram", Size[], string[]]>([
    ["square first, 9:16 rest", "instagram", [size(1080, 1080), size(1080, 1920), size(1080, 1920)], [`Instagram: images 2–3 will be padded to the first image's 1:1 shape${tail}`]],
    [
      "9:16 first, clamped to 4:5, and a landscape",
      "instagram",
      [size(1080, 1920), size(1920, 1080)],
      [`Instagram: images 1–2 will be padded to 4:5, the nearest shape Instagram allows to the first image's 9:16${tail}`],
    ],
    [
      "a first image wider than 1.91:1",
      "instagram",
      [size(3000, 1000), size(1910, 1000)],
      [`Instagram: image 1 will be padded to 1.91:1, the nearest shape Instagram allows to the first image's 3:1${tail}`],
    ],
    [
      "scattered items",
      "instagram",
      [size(1080, 1350), size(1080, 1350), size(1080, 1920), size(2160, 2700), size(1080, 1080), size(1920, 1080), size(1080, 1350), size(100, 100)],
      [`Instagram: images 3, 5–6 and 8 will be padded to the first image's 4:5 shape${tail}`],
    ],
    ["all 4:5", "instagram", [size(1080, 1350), size(2160, 2700), size(864, 1080)], []],
    ["a pixel off is rounding, not padding", "instagram", [size(1000, 1000), size(1001, 1000), size(1000, 999)], []],
    ["a single image keeps its own shape", "instagram", [size(1080, 1920)], []],
    ["TikTok does not crop", "tiktok", [size(1080, 1080), size(1080, 1920)], []],
  ])("%s", (_name, platform, images, expected) => {
    expect(carouselPaddingWarnings(platform, images)).toEqual(expected);
  });
});
