import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/domain/media";
import { testDbKind } from "@/test/db";
import { storeImage } from "./store";
import { carouselVariantsFor, variantFor } from "./transcode";

// Pure file work: it does not depend on the database, so it runs in the PGlite pass only.
describe.runIf(testDbKind === "pglite")("variantFor", () => {
  const dir = () => path.join(mkdtempSync(path.join(tmpdir(), "postdeck-transcode-")), "media");

  async function stored(mediaDir: string, width: number, height: number, format: "png" | "jpeg") {
    const img = sharp({ create: { width, height, channels: 3, background: "#ff0000" } });
    const bytes = await (format === "png" ? img.png() : img.jpeg()).toBuffer();
    return (await storeImage(mediaDir, bytes, format === "png" ? "image/png" : "image/jpeg")).fileName;
  }

  it("turns a large PNG into a TikTok JPEG at most 1080 on the short side", async () => {
    const mediaDir = dir();
    const v = await variantFor(mediaDir, await stored(mediaDir, 2160, 3840, "png"), "tiktok");
    const file = path.join(mediaDir, v.fileName);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1080, 1920]);
    expect(v).toMatchObject({ width: 1080, height: 1920 });
    expect(sniffImage(await sharp(file).toBuffer())).toBe("image/jpeg");
  });

  it("pads a 9:16 image for Instagram into 4:5 without cropping, white at the sides", async () => {
    const mediaDir = dir();
    const v = await variantFor(mediaDir, await stored(mediaDir, 1080, 1920, "jpeg"), "instagram");
    const img = sharp(path.join(mediaDir, v.fileName));
    const meta = await img.metadata();
    expect([meta.width, meta.height]).toEqual([1440, 1800]);
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(px(5, 900).every((c) => c > 240)).toBe(true); // padding
    expect(px(720, 900)[0]).toBeGreaterThan(200); // the red image in the middle
    expect(px(720, 900)[1]).toBeLessThan(60);
  });

  it("pads a carousel's items into the first one's shape, once per file and shape", async () => {
    const mediaDir = dir();
    const square = await stored(mediaDir, 800, 800, "jpeg");
    const tall = await stored(mediaDir, 1080, 1920, "png");
    const [first, second] = await carouselVariantsFor(mediaDir, [square, tall]);
    expect([first!.width, first!.height, second!.width, second!.height]).toEqual([800, 800, 1440, 1440]);
    const meta = await sharp(path.join(mediaDir, second!.fileName)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1440, 1440]);
    // The same file after a 4:5 first is another shape, hence another variant.
    const portrait = await stored(mediaDir, 1080, 1350, "jpeg");
    const [, again] = await carouselVariantsFor(mediaDir, [square, tall]);
    const [, other] = await carouselVariantsFor(mediaDir, [portrait, tall]);
    expect(again).toBe(second);
    expect([other!.width, other!.height]).toEqual([1440, 1800]);
    await expect(carouselVariantsFor(mediaDir, [square, "../x.jpg"])).rejects.toThrow(/not a stored media file/);
  });

  it("makes each variant once and refuses names the store could not have written", async () => {
    const mediaDir = dir();
    const name = await stored(mediaDir, 800, 800, "jpeg");
    const a = await variantFor(mediaDir, name, "tiktok");
    const b = await variantFor(mediaDir, name, "tiktok");
    expect(b).toBe(a);
    await expect(variantFor(mediaDir, "../etc/passwd", "tiktok")).rejects.toThrow(/not a stored media file/);
  });
});
