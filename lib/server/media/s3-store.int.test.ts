// The S3 media store against a real S3-protocol server (s3rver): write-once objects, reads and
// ranges, thumbnails and transcoded variants in the bucket, a 503 (and nothing written) when
// the store cannot be reached during an upload or a create, and the publish path with images
// in S3 pulled by the platform simulator.
import { existsSync } from "node:fs";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mediaObjects, posts } from "@/db/schema";
import { POST as createPost } from "@/app/api/v1/post/slideshow/route";
import { POST as uploadMedia } from "@/app/api/v1/media/route";
import { AppError } from "@/lib/domain/errors";
import type { AppContext } from "@/lib/server/context";
import { installAppContext, openTestContext, testConfig, testDbKind } from "@/test/db";
import { makeAccount, makeApiKey, makeOrganization } from "@/test/factories";
import { fixtureImages, type FixtureImages, startMediaFixture, type MediaFixture } from "@/test/media-fixtures";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { startS3, type TestS3 } from "@/test/s3";
import { createSlideshow } from "../posts/posts";
import { tick } from "../publishing/worker";
import { ingestUploadedImage } from "./ingest";
import { mediaStoreFor } from "./media-store";
import { createS3Client, ensureBucket } from "./s3-client";
import { MEDIA_STORE_UNAVAILABLE, s3MediaStore } from "./s3-store";
import { storedFileName, storedFileNameOf, thumbnailFileName } from "./store";
import { platformImageUrls } from "./variants";

const text = async (stream: ReadableStream<Uint8Array> | null) => (stream ? Buffer.from(await new Response(stream).arrayBuffer()).toString() : null);

// Media only (the database merely holds rows), so this runs in the PGlite pass.
describe.runIf(testDbKind === "pglite")("the S3 media store", () => {
  let s3: TestS3;
  let images: FixtureImages;
  beforeAll(async () => {
    s3 = await startS3();
    images = await fixtureImages();
  });
  afterAll(async () => {
    await s3.close();
  });

  it("writes a name once, and answers has, get, size and byte ranges", async () => {
    const store = s3MediaStore(testConfig(s3.env).s3!);
    const name = `${"1".repeat(64)}.jpg`;
    expect([await store.has(name), await store.get(name), await store.size(name), await store.stream(name, { start: 0, end: 1 })]).toEqual([false, null, null, null]);
    await store.putOnce(name, Buffer.from("0123456789"), "image/jpeg");
    // A name is its content's hash, so a second put of that name is skipped, whatever it carries.
    await store.putOnce(name, Buffer.from("something else"), "image/jpeg");
    expect(await store.has(name)).toBe(true);
    expect((await store.get(name))!.toString()).toBe("0123456789");
    expect(await store.size(name)).toBe(10);
    expect(await text(await store.stream(name, { start: 2, end: 5 }))).toBe("2345");
    expect(await text(await store.stream(name, { start: 9, end: 9 }))).toBe("9");
    // Served as is from S3_PUBLIC_BASE_URL too: typed and cached for good.
    const head = await createS3Client(testConfig(s3.env).s3!).send(new HeadObjectCommand({ Bucket: s3.bucket, Key: name }));
    expect([head.ContentType, head.CacheControl]).toEqual(["image/jpeg", "public, max-age=31536000, immutable"]);
    expect(store.publicUrl(name)).toBeNull();
    expect(s3MediaStore(testConfig({ ...s3.env, S3_PUBLIC_BASE_URL: "https://cdn.example.test/m/" }).s3!).publicUrl(name)).toBe(`https://cdn.example.test/m/${name}`);
  });

  it("keeps uploads and their thumbnails in the bucket, none on local disk", async () => {
    const config = testConfig(s3.env);
    const { organization } = await makeOrganization((await db()).db);
    const result = await ingestUploadedImage((await db()).db, { organizationId: organization.id, bytes: images.portraitPng, config });
    if (!result.ok) throw result.error;
    const store = mediaStoreFor(config);
    expect(result.value.fileName).toBe(storedFileName(result.value.sha256, "image/png"));
    expect((await store.get(result.value.fileName))!.equals(images.portraitPng)).toBe(true);
    const thumb = await store.get(thumbnailFileName(result.value.sha256));
    expect(thumb!.subarray(8, 12).toString()).toBe("WEBP");
    expect(existsSync(config.mediaDir)).toBe(false);
  });

  it("puts transcoded variants in the bucket and hands platforms the app's media URLs", async () => {
    const config = testConfig({ ...s3.env, PUBLIC_BASE_URL: "https://postdeck.test" });
    const { organization } = await makeOrganization((await db()).db);
    const up = await ingestUploadedImage((await db()).db, { organizationId: organization.id, bytes: images.portraitPng, config });
    if (!up.ok) throw up.error;
    const [url] = await platformImageUrls(config, "tiktok", [{ sha256: up.value.sha256, mimeType: "image/png" }]);
    const fileName = url!.replace("https://postdeck.test/media/", "");
    expect(fileName).toMatch(/^[0-9a-f]{64}\.jpg$/);
    const variant = await mediaStoreFor(config).get(fileName);
    expect(variant!.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    // With S3_PUBLIC_BASE_URL, platforms get the public bucket URL (they do not follow redirects).
    const direct = testConfig({ ...s3.env, PUBLIC_BASE_URL: "https://postdeck.test", S3_PUBLIC_BASE_URL: "https://cdn.example.test" });
    expect(await platformImageUrls(direct, "tiktok", [{ sha256: up.value.sha256, mimeType: "image/png" }])).toEqual([`https://cdn.example.test/${fileName}`]);
  });

  it("turns refused credentials into the store being unavailable, not a crash", async () => {
    // s3rver checks the access key id (it does not verify SigV4 signatures).
    const store = s3MediaStore(testConfig({ ...s3.env, S3_ACCESS_KEY_ID: "NOT-A-KEY" }).s3!);
    const failure = await store.has(`${"2".repeat(64)}.jpg`).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ kind: "service_unavailable", status: 503, message: MEDIA_STORE_UNAVAILABLE });
  });

  it("checks the bucket as npm start does: creates a missing one, then finds it; names the variable at fault", async () => {
    const fresh = testConfig({ ...s3.env, S3_BUCKET: "made-at-start" }).s3!;
    expect(await ensureBucket(fresh)).toEqual({ ok: true, created: true });
    expect(await ensureBucket(fresh)).toEqual({ ok: true, created: false });
    await s3MediaStore(fresh).putOnce(`${"3".repeat(64)}.png`, Buffer.from("x"), "image/png");
    const refused = await ensureBucket({ ...fresh, accessKeyId: "NOT-A-KEY" });
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/refused S3_BUCKET "made-at-start".*HTTP 403.*check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY$/) });
  });

  // One database for the tests that need rows.
  let database: AppContext | undefined;
  async function db(): Promise<AppContext> {
    database ??= await openTestContext({ env: { ALLOW_PRIVATE_MEDIA_URLS: "1" } });
    return database;
  }
  afterAll(async () => {
    await database?.close();
  });

  describe("while the store cannot be reached", () => {
    let fixture: MediaFixture;
    let down: AppContext;
    let organizationId: string;
    let auth: Record<string, string>;
    beforeAll(async () => {
      fixture = await startMediaFixture();
      // A server that was there and went away: nothing listens on its port now.
      const gone = await startS3();
      await gone.close();
      const base = await db();
      down = { ...base, config: testConfig({ ...gone.env, ALLOW_PRIVATE_MEDIA_URLS: "1" }) };
      installAppContext(down);
      const { organization } = await makeOrganization(base.db);
      organizationId = organization.id;
      auth = { authorization: `Bearer ${(await makeApiKey(base.db, organizationId)).key}` };
    });
    afterAll(async () => {
      await fixture.close();
    });

    const rowsOf = async () => ({
      media: await down.db.select({ id: mediaObjects.id }).from(mediaObjects).where(eq(mediaObjects.organizationId, organizationId)),
      posts: await down.db.select({ id: posts.id }).from(posts).where(eq(posts.organizationId, organizationId)),
    });
    const unavailable = { ok: false, code: 503, message: MEDIA_STORE_UNAVAILABLE, data: null, error: { type: "service_unavailable", details: [] } };

    it("answers an upload with a 503 envelope and writes no row", async () => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(images.portraitJpeg)], { type: "image/jpeg" }), "a.jpg");
      const res = await uploadMedia(new Request("http://test/api/v1/media", { method: "POST", headers: auth, body: form }));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual(unavailable);
      expect(await rowsOf()).toEqual({ media: [], posts: [] });
    });

    it("answers a create that ingests image URLs with a 503 envelope and writes nothing", async () => {
      const account = await makeAccount(down.db, organizationId);
      const body = JSON.stringify({ accountId: account.id, imageUrls: [fixture.url("/portrait.jpg"), fixture.url("/square.jpg")], caption: "never stored" });
      const res = await createPost(new Request("http://test/api/v1/post/slideshow", { method: "POST", headers: { ...auth, "content-type": "application/json" }, body }));
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual(unavailable);
      expect(fixture.hits.get("/portrait.jpg")).toBe(1); // fetched and checked, then the store failed
      expect(await rowsOf()).toEqual({ media: [], posts: [] });
    });
  });
});

describe.runIf(testDbKind === "pglite")("publishing with the images in S3", () => {
  let s3: TestS3;
  let h: PublishingHarness;
  beforeAll(async () => {
    s3 = await startS3();
    h = await startPublishing({ env: s3.env });
  });
  afterAll(async () => {
    await h.close();
    await s3.close();
  });

  it("publishes a TikTok slideshow and an Instagram carousel whose images and variants live in the bucket", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const tt = await h.connectAccount(organization.id, "tiktok");
    const ig = await h.connectAccount(organization.id, "instagram");
    const portrait = await h.storedImage(organization.id, 2160, 3840, "#0ea5e9");
    const square = await h.storedImage(organization.id, 1200, 1200, "#a855f7");
    const store = mediaStoreFor(h.ctx.config);
    for (const url of [portrait, square]) expect(await store.has(storedFileNameOf(url, h.ctx.config.publicBaseUrl)!)).toBe(true);
    expect(existsSync(h.ctx.config.mediaDir)).toBe(false);

    const now = h.clock();
    const a = await createSlideshow(h.ctx, organization.id, { accountId: tt, imageUrls: [portrait, square], caption: "from s3 #tt" }, now);
    const b = await createSlideshow(h.ctx, organization.id, { accountId: ig, imageUrls: [square, portrait], caption: "from s3 #ig" }, now);
    if (!a.ok || !b.ok) throw new Error("create failed");
    for (let i = 0; i < 60; i++) {
      await tick(h.ctx, h.clock);
      const rows = [await h.post(a.value.id), await h.post(b.value.id)];
      if (rows.every((r) => r.status === "complete" || r.status === "failed")) break;
      await h.advance(5_000);
    }
    expect(await h.post(a.value.id)).toMatchObject({ status: "complete", lastError: null });
    expect(await h.post(b.value.id)).toMatchObject({ status: "complete", lastError: null });
    const feed = await h.feed();
    expect(feed.filter((f) => f.caption === "from s3 #tt")).toHaveLength(1);
    expect(feed.filter((f) => f.caption === "from s3 #ig")).toHaveLength(1);
    // The variants the simulator pulled (through the media server, from the store) are in the bucket.
    const sources = [portrait, square].map((url) => storedFileNameOf(url, h.ctx.config.publicBaseUrl)!).map((f) => ({ sha256: f.slice(0, 64), mimeType: "image/png" }));
    for (const platform of ["tiktok", "instagram"] as const) {
      for (const url of await platformImageUrls(h.ctx.config, platform, sources)) {
        expect(await store.has(url.slice(url.lastIndexOf("/") + 1))).toBe(true);
      }
    }
    expect(existsSync(h.ctx.config.mediaDir)).toBe(false);
  });
});
