import { writeFileSync } from "node:fs";
import path from "node:path";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "@/lib/server/context";
import { mediaStoreFor } from "@/lib/server/media/media-store";
import { createS3Client } from "@/lib/server/media/s3-client";
import { storeImage, type StoredImage, thumbnailFileName } from "@/lib/server/media/store";
import { installAppContext, openTestContext, testConfig } from "@/test/db";
import { fixtureImages } from "@/test/media-fixtures";
import { startS3, type TestS3 } from "@/test/s3";
import { GET, HEAD } from "./route";

function request(method: "GET" | "HEAD", file: string, headers: Record<string, string> = {}) {
  const handler = method === "GET" ? GET : HEAD;
  return handler(new Request(`http://test/media/${file}`, { method, headers }), { params: Promise.resolve({ file }) });
}

const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

// One database for the file; each suite swaps in the media configuration it tests.
let base: AppContext;
beforeAll(async () => {
  base = await openTestContext();
});
afterAll(async () => {
  await base.close();
});

function useConfig(env: Record<string, string> = {}): AppContext {
  const ctx = { ...base, config: testConfig(env) };
  installAppContext(ctx);
  return ctx;
}

// The same URLs, headers and ranges whichever store holds the files: a local directory, or a
// bucket on a real S3-protocol server (proxied: ranged GetObjects streamed through the app).
describe.each(["local", "s3"] as const)("GET /media/<sha256>.<ext> (%s store)", (kind) => {
  let ctx: AppContext;
  let s3: TestS3 | undefined;
  let jpeg: StoredImage & { bytes: Buffer };
  let png: StoredImage & { bytes: Buffer };

  beforeAll(async () => {
    if (kind === "s3") s3 = await startS3();
    ctx = useConfig(s3?.env);
    const images = await fixtureImages();
    const store = mediaStoreFor(ctx.config);
    jpeg = { ...(await storeImage(store, images.portraitJpeg, "image/jpeg")), bytes: images.portraitJpeg };
    png = { ...(await storeImage(store, images.portraitPng, "image/png")), bytes: images.portraitPng };
  });
  afterAll(async () => {
    await s3?.close();
  });

  it("serves the whole file with immutable caching, its type, ETag and range support", async () => {
    const res = await request("GET", jpeg.fileName);
    expect(res.status).toBe(200);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      "content-type": "image/jpeg",
      "cache-control": "public, max-age=31536000, immutable",
      etag: `"${jpeg.sha256}"`,
      "accept-ranges": "bytes",
      "content-length": String(jpeg.bytes.length),
      "x-content-type-options": "nosniff",
    });
    expect((await bodyOf(res)).equals(jpeg.bytes)).toBe(true);
  });

  it("serves a PNG as image/png", async () => {
    const res = await request("GET", png.fileName);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect((await bodyOf(res)).equals(png.bytes)).toBe(true);
  });

  it("answers HEAD with the headers and no body", async () => {
    const res = await request("HEAD", jpeg.fileName);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(jpeg.bytes.length));
    expect(res.headers.get("etag")).toBe(`"${jpeg.sha256}"`);
    expect((await bodyOf(res)).length).toBe(0);
  });

  it.each([
    ["bytes=0-9", 0, 9],
    ["bytes=100-", 100, "last"],
    ["bytes=-50", "size-50", "last"],
    ["bytes=10-99999999", 10, "last"],
  ] as const)("answers Range %s with 206 and just those bytes", async (range, from, to) => {
    const size = jpeg.bytes.length;
    const start = from === "size-50" ? size - 50 : from;
    const end = to === "last" ? size - 1 : to;
    const res = await request("GET", jpeg.fileName, { range });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes ${start}-${end}/${size}`);
    expect(res.headers.get("content-length")).toBe(String(end - start + 1));
    expect((await bodyOf(res)).equals(jpeg.bytes.subarray(start, end + 1))).toBe(true);
  });

  it("answers a range past the end with 416", async () => {
    const size = jpeg.bytes.length;
    const res = await request("GET", jpeg.fileName, { range: `bytes=${size}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it.each([
    ["several ranges", { range: "bytes=0-1,5-6" }],
    ["a stale If-Range", { range: "bytes=0-9", "if-range": '"another"' }],
  ])("sends the whole file for %s", async (_label, headers) => {
    const res = await request("GET", jpeg.fileName, headers);
    expect(res.status).toBe(200);
    expect((await bodyOf(res)).length).toBe(jpeg.bytes.length);
  });

  it("honours a matching If-Range", async () => {
    const res = await request("GET", jpeg.fileName, { range: "bytes=0-9", "if-range": `"${jpeg.sha256}"` });
    expect(res.status).toBe(206);
  });

  it("answers a matching If-None-Match with 304", async () => {
    const res = await request("GET", jpeg.fileName, { "if-none-match": `"x", W/"${jpeg.sha256}"` });
    expect(res.status).toBe(304);
    expect((await bodyOf(res)).length).toBe(0);
  });

  it.each([
    ["an unknown hash", () => `${"0".repeat(64)}.jpg`],
    ["a stored hash with the other extension", () => jpeg.fileName.replace(".jpg", ".png")],
    ["upper-case hex", () => jpeg.fileName.toUpperCase()],
    ["another extension", () => `${jpeg.sha256}.gif`],
    ["a temp file name", () => `.${jpeg.fileName}.tmp`],
    ["a path escape", () => "../../../etc/passwd"],
    ["an encoded path escape", () => "..%2F..%2Fsecrets.json"],
    ["an empty name", () => ""],
  ])("answers %s with 404", async (_label, file) => {
    const res = await request("GET", file());
    expect(res.status).toBe(404);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("does not serve files the store did not name, even inside the media directory or bucket", async () => {
    if (kind === "local") writeFileSync(path.join(ctx.config.mediaDir, "notes.txt"), "secret");
    else await createS3Client(ctx.config.s3!).send(new PutObjectCommand({ Bucket: s3!.bucket, Key: "notes.txt", Body: "secret" }));
    expect((await request("GET", "notes.txt")).status).toBe(404);
  });

  it("makes a missing thumbnail on request from the stored original", async () => {
    const store = mediaStoreFor(ctx.config);
    const name = thumbnailFileName(png.sha256);
    expect(await store.has(name)).toBe(false);
    const res = await request("GET", name);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/webp");
    expect((await bodyOf(res)).equals((await store.get(name))!)).toBe(true);
    expect((await request("GET", thumbnailFileName("0".repeat(64)))).status).toBe(404);
  });
});

describe("GET /media with S3 behind it", () => {
  it("answers 503, not 404 or 500, while the S3 store cannot be reached", async () => {
    useConfig({ MEDIA_STORE: "s3", S3_ENDPOINT: "http://127.0.0.1:1", S3_BUCKET: "postdeck-media", S3_ACCESS_KEY_ID: "k", S3_SECRET_ACCESS_KEY: "s" });
    const res = await request("GET", `${"a".repeat(64)}.jpg`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    expect(await res.text()).toBe("Media storage is unavailable");
  });

  it("redirects to S3_PUBLIC_BASE_URL when the bucket is served publicly, making a missing thumbnail first", async () => {
    const s3 = await startS3();
    const publicBase = `${s3.endpoint}/${s3.bucket}`;
    const ctx = useConfig({ ...s3.env, S3_PUBLIC_BASE_URL: `${publicBase}/` });
    try {
      const images = await fixtureImages();
      const store = mediaStoreFor(ctx.config);
      const img = await storeImage(store, images.squareJpeg, "image/jpeg");
      const res = await request("GET", img.fileName);
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe(`${publicBase}/${img.fileName}`);
      // s3rver serves the bucket path-style, so the redirect leads to the very bytes, typed.
      const followed = await fetch(res.headers.get("location")!);
      expect(followed.headers.get("content-type")).toBe("image/jpeg");
      expect(Buffer.from(await followed.arrayBuffer()).equals(images.squareJpeg)).toBe(true);
      const thumb = await request("GET", thumbnailFileName(img.sha256));
      expect([thumb.status, thumb.headers.get("location")]).toEqual([302, `${publicBase}/${thumbnailFileName(img.sha256)}`]);
      expect(await store.has(thumbnailFileName(img.sha256))).toBe(true);
      expect((await request("GET", thumbnailFileName("0".repeat(64)))).status).toBe(404);
      expect((await request("GET", "../secrets.json")).status).toBe(404);
    } finally {
      await s3.close();
    }
  });
});
