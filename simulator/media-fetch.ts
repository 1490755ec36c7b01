// Both platforms pull images from the URLs they are given, so the simulator really GETs them and
// judges the bytes it received: format by magic bytes (never extension or Content-Type),
// dimensions from the image header.
import sharp from "sharp";

export type ImageFormat = "jpeg" | "webp" | "png" | "gif" | "unknown";

export type FetchedImage =
  | { ok: true; bytes: Buffer; format: ImageFormat; width: number; height: number }
  | { ok: false; problem: "redirect" | "status" | "network" | "timeout"; detail: string };

export async function fetchImage(url: string, opts: { followRedirects: boolean; timeoutMs: number }): Promise<FetchedImage> {
  try {
    const res = await fetch(url, {
      redirect: opts.followRedirects ? "follow" : "manual",
      signal: AbortSignal.timeout(opts.timeoutMs),
    });
    if (res.status >= 300 && res.status < 400) return { ok: false, problem: "redirect", detail: `HTTP ${res.status}` };
    if (!res.ok) return { ok: false, problem: "status", detail: `HTTP ${res.status}` };
    const bytes = Buffer.from(await res.arrayBuffer());
    const format = sniffFormat(bytes);
    const { width, height } = await dimensions(bytes);
    return { ok: true, bytes, format, width, height };
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    return { ok: false, problem: timedOut ? "timeout" : "network", detail: String(error) };
  }
}

export function sniffFormat(bytes: Buffer): ImageFormat {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (bytes.length >= 12 && bytes.toString("latin1", 0, 4) === "RIFF" && bytes.toString("latin1", 8, 12) === "WEBP") return "webp";
  if (bytes.length >= 4 && bytes.readUInt32BE(0) === 0x89504e47) return "png";
  if (bytes.toString("latin1", 0, 4) === "GIF8") return "gif";
  return "unknown";
}

export function contentTypeOf(format: ImageFormat): string {
  return format === "unknown" ? "application/octet-stream" : `image/${format}`;
}

// Header-only read; a body sharp cannot parse has no usable dimensions (0×0).
async function dimensions(bytes: Buffer): Promise<{ width: number; height: number }> {
  try {
    const meta = await sharp(bytes).metadata();
    return { width: meta.width ?? 0, height: meta.height ?? 0 };
  } catch {
    return { width: 0, height: 0 };
  }
}
