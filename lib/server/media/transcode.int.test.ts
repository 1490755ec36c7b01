import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sniffImage } from "@/lib/domain/media";
import { testConfig, testDbKind } from "@/test/db";
import { startS3, type TestS3 } from "@/test/s3";
import { localMediaStore } from "./local-store";
import type { MediaStore } from "./media-store";
import { s3MediaStore } from "./s3-store";
import { storeImage } from "./store";
import { carouselVariantsFor, variantFor } from "./transcode";

// Pure media work: it does not depend on the database, so it runs in the PGlite pass only.
// Each case runs on both stores: a local directory and a bucket on a real S3-protocol server.
describe.runIf(testDbKind === "pglite").each(["local", "s3"] as const)("variantFor (%s store)", (kind) => {
  let s3: TestS3 | undefined;
  beforeAll(async () => {
    if (kind === "s3") s3 = await startS3();
  });
  afterAll(async () => {
    await s3?.close();
  });

  /** A fresh, empty directory per test; on S3 one bucket (names are content hashes, so tests cannot collide). */
  function freshStore(): MediaStore {
    if (kind === "local") return localMediaStore(path.join(mkdtempSync(path.join(tmpdir(), "postdeck-transcode-")), "media"));
    return s3MediaStore(testConfig(s3!.env).s3!);
  }

  async function stored(store: MediaStore, width: number, height: number, format: "png" | "jpeg") {
    const img = sharp({ create: { width, height, channels: 3, background: "#ff0000" } });
    const bytes = await (format === "png" ? img.png() : img.jpeg()).toBuffer();
    return (await storeImage(store, bytes, format === "png" ? "image/png" : "image/jpeg")).fileName;
  }

  const bytesOf = async (store: MediaStore, name: string) => (await store.get(name))!;

  it("turns a large PNG into a TikTok JPEG at most 1080 on the short side", async () => {
    const store = freshStore();
    const v = await variantFor(store, await stored(store, 2160, 3840, "png"), "tiktok");
    const bytes = await bytesOf(store, v.fileName);
    const meta = await sharp(bytes).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1080, 1920]);
    expect(v).toMatchObject({ width: 1080, height: 1920, bytes: bytes.length });
    expect(sniffImage(bytes)).toBe("image/jpeg");
  });

  it("pads a 9:16 image for Instagram into 4:5 without cropping, white at the sides", async () => {
    const store = freshStore();
    const v = await variantFor(store, await stored(store, 1080, 1920, "jpeg"), "instagram");
    const img = sharp(await bytesOf(store, v.fileName));
    const meta = await img.metadata();
    expect([meta.width, meta.height]).toEqual([1440, 1800]);
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3));
    expect(px(5, 900).every((c) => c > 240)).toBe(true); // padding
    expect(px(720, 900)[0]).toBeGreaterThan(200); // the red image in the middle
    expect(px(720, 900)[1]).toBeLessThan(60);
  });

  it("pads a carousel's items into the first one's shape, once per file and shape", async () => {
    const store = freshStore();
    const square = await stored(store, 800, 800, "jpeg");
    const tall = await stored(store, 1080, 1920, "png");
    const [first, second] = await carouselVariantsFor(store, [square, tall]);
    expect([first!.width, first!.height, second!.width, second!.height]).toEqual([800, 800, 1440, 1440]);
    const meta = await sharp(await bytesOf(store, second!.fileName)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1440, 1440]);
    // The same file after a 4:5 first is another shape, hence another variant.
    const portrait = await stored(store, 1080, 1350, "jpeg");
    const [, again] = await carouselVariantsFor(store, [square, tall]);
    const [, other] = await carouselVariantsFor(store, [portrait, tall]);
    expect(again).toBe(second);
    expect([other!.width, other!.height]).toEqual([1440, 1800]);
    await expect(carouselVariantsFor(store, [square, "../x.jpg"])).rejects.toThrow(/not a stored media file/);
  });

  it("makes each variant once and refuses names the store could not have written", async () => {
    const store = freshStore();
    const name = await stored(store, 800, 800, "jpeg");
    const a = await variantFor(store, name, "tiktok");
    const b = await variantFor(store, name, "tiktok");
    expect(b).toBe(a);
    await expect(variantFor(store, "../etc/passwd", "tiktok")).rejects.toThrow(/not a stored media file/);
    await expect(variantFor(store, `${"a".repeat(64)}.jpg`, "tiktok")).rejects.toThrow(/no such file in the media store/);
  });
});
