// An Instagram carousel that starts square and continues 9:16, published through the Instagram
// client to the simulator, which records what Instagram's crop to the first item's shape removes.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { testDbKind } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { decryptSecret } from "../crypto";
import * as instagram from "../publishing/platforms/instagram";
import { mimeTypeOfFileName, publicMediaUrl, storedFileName, storedFileNameOf } from "./store";
import { mediaStoreFor } from "./media-store";
import { variantFor } from "./transcode";
import { platformImageUrls } from "./variants";

type Shape = { width: number; height: number; ratio: number };
type FeedCarousel = { shape: Shape; items: (Shape & { image: string | null; cropped: number })[] };

// Files and the simulator only; the database merely holds the connected account.
describe.runIf(testDbKind === "pglite")("Instagram carousel images", () => {
  let h: PublishingHarness;
  let org: string;
  let igUserId: string;
  let token: string;
  let images: { sha256: string; mimeType: string }[];

  beforeAll(async () => {
    h = await startPublishing();
    org = (await makeOrganization(h.app.db)).organization.id;
    const accountId = await h.connectAccount(org, "instagram");
    const [account] = await h.app.db.select().from(accounts).where(eq(accounts.id, accountId));
    igUserId = account!.platformUserId;
    token = decryptSecret(account!.accessTokenEnc!, h.ctx.config.encryptionKey);
    const urls = [
      await h.storedImage(org, 1080, 1080, "#dc2626"),
      await h.storedImage(org, 1080, 1920, "#2563eb"),
      await h.storedImage(org, 1080, 1920, "#16a34a"),
    ];
    images = urls.map((url) => {
      const fileName = storedFileNameOf(url, h.ctx.config.publicBaseUrl)!;
      return { sha256: fileName.slice(0, 64), mimeType: mimeTypeOfFileName(fileName) };
    });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Publishes `imageUrls` as a carousel the way the publisher does; what the feed shows of it. */
  async function publishCarousel(imageUrls: string[]): Promise<FeedCarousel> {
    const cfg = h.ctx.config.platforms.instagram;
    const children: string[] = [];
    for (const imageUrl of imageUrls) {
      const child = await instagram.createImageContainer(cfg, token, igUserId, { imageUrl, carouselItem: true });
      if (!child.ok) throw new Error(child.error.reason);
      children.push(child.value);
    }
    const parent = await instagram.createCarouselContainer(cfg, token, igUserId, { children, caption: "square then 9:16" });
    if (!parent.ok) throw new Error(parent.error.reason);
    await h.admin("/clock", { advanceMs: 60_000 });
    const media = await instagram.publishContainer(cfg, token, igUserId, parent.value);
    if (!media.ok) throw new Error(media.error.reason);
    const { items } = (await (await fetch(`${h.sim.url}/feed.json`)).json()) as { items: { postId: string; carousel: FeedCarousel | null }[] };
    const published = items.find((i) => i.postId === media.value);
    if (!published?.carousel) throw new Error("the carousel is not in the simulator's feed");
    return published.carousel;
  }

  it("pads every item into the first image's square, so Instagram crops nothing", async () => {
    const urls = await platformImageUrls(h.ctx.config, "instagram", images);
    const carousel = await publishCarousel(urls);

    expect(carousel.shape).toEqual({ width: 1080, height: 1080, ratio: 1 });
    expect(carousel.items.map((i) => i.cropped)).toEqual([0, 0, 0]);
    for (const item of carousel.items) {
      const { width, height } = carousel.shape;
      const sameShape = Math.abs(item.width * height - item.height * width) <= Math.max(width, height);
      expect(sameShape, `${item.width}x${item.height}`).toBe(true);
    }
    // Padded, not squeezed or cropped: white at the sides, the blue image whole in the middle.
    const { data, info } = await sharp(Buffer.from(await (await fetch(carousel.items[1]!.image!)).arrayBuffer()))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const px = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect([info.width, info.height]).toEqual([1440, 1440]);
    expect(px(10, 720).every((c) => c > 240)).toBe(true);
    expect(px(720, 3)[2]).toBeGreaterThan(200);
    expect(px(720, 1436)[2]).toBeGreaterThan(200);
  });

  it("detects the per-image variants: 9:16 items padded only to 4:5 are cropped to the square", async () => {
    const urls: string[] = [];
    for (const img of images) {
      const v = await variantFor(mediaStoreFor(h.ctx.config), storedFileName(img.sha256, img.mimeType), "instagram");
      urls.push(publicMediaUrl(h.ctx.config.publicBaseUrl, v.fileName));
    }
    const carousel = await publishCarousel(urls);

    expect(carousel.shape.ratio).toBe(1);
    expect(carousel.items.map((i) => [i.width, i.height])).toEqual([[1080, 1080], [1440, 1800], [1440, 1800]]);
    // 360 of 1800 rows cut from each 4:5 item.
    expect(carousel.items.map((i) => i.cropped)).toEqual([0, 0.2, 0.2]);
  });

  it("leaves TikTok and single Instagram images as they were", async () => {
    const single = await platformImageUrls(h.ctx.config, "instagram", images.slice(1, 2));
    const v = await variantFor(mediaStoreFor(h.ctx.config), storedFileName(images[1]!.sha256, images[1]!.mimeType), "instagram");
    expect(single).toEqual([publicMediaUrl(h.ctx.config.publicBaseUrl, v.fileName)]);
    const tiktok = await platformImageUrls(h.ctx.config, "tiktok", images);
    const meta = await Promise.all(tiktok.map(async (url) => sharp(Buffer.from(await (await fetch(url)).arrayBuffer())).metadata()));
    expect(meta.map((m) => [m.format, m.width, m.height])).toEqual([["jpeg", 1080, 1080], ["jpeg", 1080, 1920], ["jpeg", 1080, 1920]]);
  });
});
