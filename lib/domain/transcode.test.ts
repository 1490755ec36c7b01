import { describe, expect, it } from "vitest";
import { INSTAGRAM_MAX_RATIO, INSTAGRAM_MIN_RATIO, planTranscode } from "./transcode";

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
