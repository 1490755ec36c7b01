// What each platform gets (DESIGN.md §5): always JPEG; TikTok within 1080×1920 (short side at
// most 1080); Instagram padded (never cropped) into 4:5 … 1.91:1 and at most 1440 px wide.
// Sizes only; lib/server/media/transcode.ts does the pixels.

export type TranscodeTarget = "tiktok" | "instagram";

/** The output: a `width`×`height` canvas holding the scaled image (`inner`) at (`left`, `top`). */
export type TranscodePlan = {
  width: number;
  height: number;
  inner: { width: number; height: number };
  left: number;
  top: number;
};

const TIKTOK_SHORT = 1080;
const TIKTOK_LONG = 1920;
export const INSTAGRAM_MIN_RATIO = 0.8;
export const INSTAGRAM_MAX_RATIO = 1.91;
const INSTAGRAM_MAX_WIDTH = 1440;

/** Scale factor (never above 1: small images are not enlarged). */
function fit(width: number, height: number, maxW: number, maxH: number): number {
  return Math.min(1, maxW / width, maxH / height);
}

export function planTranscode(target: TranscodeTarget, width: number, height: number): TranscodePlan {
  if (width < 1 || height < 1) throw new Error("image has no pixels");
  if (target === "tiktok") {
    const portrait = height >= width;
    const s = fit(width, height, portrait ? TIKTOK_SHORT : TIKTOK_LONG, portrait ? TIKTOK_LONG : TIKTOK_SHORT);
    const inner = { width: Math.max(1, Math.round(width * s)), height: Math.max(1, Math.round(height * s)) };
    return { ...inner, inner, left: 0, top: 0 };
  }
  // Instagram: pad the short dimension until the ratio is inside the allowed band.
  const ratio = width / height;
  const canvasW = ratio < INSTAGRAM_MIN_RATIO ? Math.ceil(height * INSTAGRAM_MIN_RATIO) : width;
  const canvasH = ratio > INSTAGRAM_MAX_RATIO ? Math.ceil(width / INSTAGRAM_MAX_RATIO) : height;
  const s = Math.min(1, INSTAGRAM_MAX_WIDTH / canvasW);
  const out = { width: Math.max(1, Math.round(canvasW * s)), height: Math.max(1, Math.round(canvasH * s)) };
  const inner = {
    width: Math.min(out.width, Math.max(1, Math.round(width * s))),
    height: Math.min(out.height, Math.max(1, Math.round(height * s))),
  };
  return {
    ...out,
    inner,
    left: Math.floor((out.width - inner.width) / 2),
    top: Math.floor((out.height - inner.height) / 2),
  };
}
