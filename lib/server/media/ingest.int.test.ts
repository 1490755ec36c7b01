import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mediaObjects } from "@/db/schema";
import type { AppContext } from "@/lib/server/context";
import { openTestContext } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { blockNonLoopbackRequests, type MediaFixture, startMediaFixture } from "@/test/media-fixtures";
import { ingestImageUrls, ingestUploadedImage, type MediaConfig } from "./ingest";

let ctx: AppContext;
let fixture: MediaFixture;
let guard: ReturnType<typeof blockNonLoopbackRequests>;

beforeAll(async () => {
  ctx = await openTestContext();
  fixture = await startMediaFixture();
  guard = blockNonLoopbackRequests();
});
afterAll(async () => {
  guard.restore();
  await fixture.close();
  await ctx.close();
});
afterEach(() => {
  expect(guard.violations.splice(0), "requests to non-loopback addresses").toEqual([]);
});

/** A fresh media directory per test, so "nothing was written" can be checked exactly. */
function freshConfig(overrides: Partial<Omit<MediaConfig, "s3">> = {}): MediaConfig {
  const mediaDir = path.join(mkdtempSync(path.join(tmpdir(), "postdeck-media-")), "media");
  return { mediaDir, s3: null, publicBaseUrl: "https://postdeck.test", allowPrivateMediaUrls: false, ...overrides };
}

/** The stored originals (each also has its `.t1.webp` thumbnail beside it). */
const filesIn = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => !f.endsWith(".t1.webp")).sort();
  } catch {
    return [];
  }
};
const thumbnailsIn = (dir: string) => {
  try {
    return readdirSync(dir).filter((f) => f.endsWith(".t1.webp")).sort();
  } catch {
    return [];
  }
};

const rowsOf = (organizationId: string) =>
  ctx.db.select().from(mediaObjects).where(eq(mediaObjects.organizationId, organizationId));

async function setup() {
  const { organization } = await makeOrganization(ctx.db);
  return { organizationId: organization.id, config: freshConfig() };
}

const throughSeam = () => ({ allowAddress: fixture.allowFixture });

describe("ingestImageUrls", () => {
  it("stores each image once, in order, with a row, a public URL and a warning for non-9:16", async () => {
    const { organizationId, config } = await setup();
    const urls = [fixture.url("/portrait.jpg"), fixture.url("/mislabelled.png"), fixture.url("/square.jpg")];
    const result = await ingestImageUrls(ctx.db, { organizationId, urls, config, fetchOptions: throughSeam() });
    if (!result.ok) throw result.error;

    const { images, warnings } = result.value;
    expect(images.map((i) => [i.mimeType, i.width, i.height, i.sourceUrl])).toEqual([
      ["image/jpeg", 1080, 1920, urls[0]],
      ["image/png", 1080, 1920, urls[1]],
      ["image/jpeg", 1080, 1080, urls[2]],
    ]);
    expect(warnings).toEqual(["imageUrls[2]: image is 1080x1080 (1:1); 9:16 (e.g. 1080x1920) is recommended"]);
    for (const image of images) {
      expect(image.fileName).toBe(`${image.sha256}.${image.mimeType === "image/png" ? "png" : "jpg"}`);
      expect(image.url).toBe(`https://postdeck.test/media/${image.fileName}`);
      expect(image.bytes).toBe(readFileSync(path.join(config.mediaDir, image.fileName)).length);
    }
    expect(readFileSync(path.join(config.mediaDir, images[0]!.fileName)).equals(fixture.images.portraitJpeg)).toBe(true);
    expect(filesIn(config.mediaDir)).toEqual(images.map((i) => i.fileName).sort());
    expect(thumbnailsIn(config.mediaDir)).toEqual(images.map((i) => `${i.sha256}.t1.webp`).sort());

    const rows = await rowsOf(organizationId);
    expect(rows.map((r) => r.id).sort()).toEqual(images.map((i) => i.mediaId).sort());
    const first = rows.find((r) => r.id === images[0]!.mediaId);
    expect(first).toMatchObject({ mimeType: "image/jpeg", width: 1080, height: 1920, source: urls[0] });
  });

  it("keeps one row and one file per distinct image, per organization", async () => {
    const { organizationId, config } = await setup();
    const other = await setup();
    const urls = [fixture.url("/portrait.jpg"), fixture.url("/redirect")];
    const opts = { urls, config, fetchOptions: throughSeam() };
    const once = await ingestImageUrls(ctx.db, { organizationId, ...opts });
    const again = await ingestImageUrls(ctx.db, { organizationId, ...opts });
    const theirs = await ingestImageUrls(ctx.db, { organizationId: other.organizationId, ...opts });
    if (!once.ok || !again.ok || !theirs.ok) throw new Error("expected all three to succeed");

    const ids = [...once.value.images, ...again.value.images].map((i) => i.mediaId);
    expect(new Set(ids).size).toBe(1);
    expect(theirs.value.images[0]!.mediaId).not.toBe(ids[0]);
    expect(await rowsOf(organizationId)).toHaveLength(1);
    expect(filesIn(config.mediaDir)).toHaveLength(1);
  });

  it("checks every image before writing anything, and names each failing index", async () => {
    const { organizationId, config } = await setup();
    const urls = [
      fixture.url("/portrait.jpg"),
      fixture.url("/page.jpg"),
      fixture.url("/missing.jpg"),
      fixture.url("/huge.png"),
      fixture.url("/anim.gif"),
      fixture.url("/big.jpg"),
      fixture.url("/portrait.png"),
    ];
    const result = await ingestImageUrls(ctx.db, { organizationId, urls, config, fetchOptions: throughSeam() });
    if (result.ok) throw new Error("expected a media error");

    expect(result.error.kind).toBe("media_error");
    expect(result.error.status).toBe(422);
    expect(result.error.message).toBe("imageUrls[1]: not a JPEG or PNG image (looks like HTML)");
    expect(result.error.details).toEqual([
      { path: "imageUrls[1]", message: "not a JPEG or PNG image (looks like HTML)" },
      { path: "imageUrls[2]", message: "HTTP 404" },
      { path: "imageUrls[3]", message: "more than 50 megapixels" },
      { path: "imageUrls[4]", message: "not a JPEG or PNG image (looks like GIF)" },
      { path: "imageUrls[5]", message: "larger than 5 MB" },
    ]);
    expect(fixture.hits.get("/portrait.png")).toBeGreaterThan(0); // the last one was fetched too
    expect(filesIn(config.mediaDir)).toEqual([]);
    expect(await rowsOf(organizationId)).toEqual([]);
  });

  it("refuses the fixture itself when private addresses are off and there is no seam", async () => {
    const { organizationId, config } = await setup();
    const before = fixture.hits.get("/square.jpg") ?? 0;
    const result = await ingestImageUrls(ctx.db, { organizationId, urls: [fixture.url("/square.jpg")], config });
    expect(!result.ok && result.error.message).toBe("imageUrls[0]: refused: 127.0.0.1 is a loopback address");
    expect(fixture.hits.get("/square.jpg") ?? 0).toBe(before);
  });

  it("reaches the fixture through ALLOW_PRIVATE_MEDIA_URLS", async () => {
    const { organizationId } = await setup();
    const config = freshConfig({ allowPrivateMediaUrls: true });
    const result = await ingestImageUrls(ctx.db, { organizationId, urls: [fixture.url("/portrait.png")], config });
    expect(result.ok && result.value.images[0]?.mimeType).toBe("image/png");
  });

  it("fetches at most 8 at a time and keeps the given order", async () => {
    const { organizationId, config } = await setup();
    // Later images answer sooner, so completion order is the reverse of the given order.
    const urls = Array.from({ length: 12 }, (_, i) =>
      fixture.url(`/delay/${(12 - i) * 15}/${i % 3 === 0 ? "square" : "portrait"}.jpg`),
    );
    const result = await ingestImageUrls(ctx.db, { organizationId, urls, config, fetchOptions: throughSeam() });
    if (!result.ok) throw result.error;
    expect(result.value.images.map((i) => i.height)).toEqual(urls.map((_, i) => (i % 3 === 0 ? 1080 : 1920)));
    expect(result.value.warnings.map((w) => w.slice(0, 13))).toEqual(["imageUrls[0]:", "imageUrls[3]:", "imageUrls[6]:", "imageUrls[9]:"]);
    expect(fixture.maxInFlight()).toBe(8);
  });

  it("accepts an empty list without writing", async () => {
    const { organizationId, config } = await setup();
    expect(await ingestImageUrls(ctx.db, { organizationId, urls: [], config })).toEqual({
      ok: true,
      value: { images: [], warnings: [] },
    });
  });
});

describe("ingestUploadedImage", () => {
  it("stores an upload with source 'upload' and reports the ratio warning", async () => {
    const { organizationId, config } = await setup();
    const result = await ingestUploadedImage(ctx.db, { organizationId, bytes: fixture.images.squareJpeg, config });
    if (!result.ok) throw result.error;
    expect(result.value).toMatchObject({ mimeType: "image/jpeg", width: 1080, height: 1080, sourceUrl: null });
    expect(result.value.warnings).toEqual(["image is 1080x1080 (1:1); 9:16 (e.g. 1080x1920) is recommended"]);
    expect((await rowsOf(organizationId))[0]?.source).toBe("upload");
  });

  it("reports dimensions as displayed, after EXIF rotation", async () => {
    const { organizationId, config } = await setup();
    // Stored 1920x1080, tagged "rotate 90°": it displays as 1080x1920.
    const rotated = await sharp({ create: { width: 1920, height: 1080, channels: 3, background: "#123" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const result = await ingestUploadedImage(ctx.db, { organizationId, bytes: rotated, config });
    expect(result.ok && [result.value.width, result.value.height, result.value.warnings]).toEqual([1080, 1920, []]);
  });

  it.each([
    ["HTML", () => Buffer.from("<html>"), "media_error", "file: not a JPEG or PNG image (looks like HTML)"],
    ["a GIF", () => fixture.images.gif, "media_error", "file: not a JPEG or PNG image (looks like GIF)"],
    ["a 100-megapixel PNG", () => fixture.images.hugePng, "media_error", "file: more than 50 megapixels"],
    ["a truncated JPEG header", () => Buffer.from([0xff, 0xd8, 0xff, 0xe0]), "media_error", "file: not a readable JPEG image"],
    ["6 MB", () => fixture.images.bigJpeg, "payload_too_large", "file: larger than 5 MB"],
  ])("refuses %s without writing", async (_label, bytes, kind, message) => {
    const { organizationId, config } = await setup();
    const result = await ingestUploadedImage(ctx.db, { organizationId, bytes: bytes(), config });
    expect(result.ok ? null : [result.error.kind, result.error.message, result.error.details[0]?.path]).toEqual([
      kind,
      message,
      "file",
    ]);
    expect(filesIn(config.mediaDir)).toEqual([]);
    expect(await rowsOf(organizationId)).toEqual([]);
  });
});

describe("images already stored in Postdeck", () => {
  it("are reused by their Postdeck URL without fetching, only within the organization that stored them", async () => {
    const config = freshConfig();
    const { organization } = await makeOrganization(ctx.db);
    const png = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0ea5e9" } }).png().toBuffer();
    const uploaded = await ingestUploadedImage(ctx.db, { organizationId: organization.id, bytes: png, config });
    expect(uploaded.ok).toBe(true);
    if (!uploaded.ok) return;
    // Fetching https://postdeck.test could not succeed here (it does not resolve): an ok result
    // means the stored copy was used.
    const reused = await ingestImageUrls(ctx.db, { organizationId: organization.id, urls: [uploaded.value.url, uploaded.value.url], config });
    expect(reused.ok && reused.value.images.map((i) => i.mediaId)).toEqual([uploaded.value.mediaId, uploaded.value.mediaId]);
    expect(reused.ok && reused.value.images[0]).toMatchObject({ mimeType: "image/png", width: 1080, height: 1920, sourceUrl: uploaded.value.url });

    // Another organization does not own that image: its URL is fetched like any other (and
    // https://postdeck.test does not resolve here), so it is not reused.
    const other = await makeOrganization(ctx.db);
    const foreign = await ingestImageUrls(ctx.db, { organizationId: other.organization.id, urls: [uploaded.value.url], config });
    expect(foreign.ok).toBe(false);
  });
});
