import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppContext } from "@/lib/server/context";
import { storeImage, type StoredImage } from "@/lib/server/media/store";
import { installAppContext, openTestContext } from "@/test/db";
import { fixtureImages } from "@/test/media-fixtures";
import { GET, HEAD } from "./route";

let ctx: AppContext;
let jpeg: StoredImage & { bytes: Buffer };
let png: StoredImage & { bytes: Buffer };

beforeAll(async () => {
  ctx = await openTestContext();
  installAppContext(ctx);
  const images = await fixtureImages();
  jpeg = { ...(await storeImage(ctx.config.mediaDir, images.portraitJpeg, "image/jpeg")), bytes: images.portraitJpeg };
  png = { ...(await storeImage(ctx.config.mediaDir, images.portraitPng, "image/png")), bytes: images.portraitPng };
});
afterAll(async () => {
  await ctx.close();
});

function request(method: "GET" | "HEAD", file: string, headers: Record<string, string> = {}) {
  const handler = method === "GET" ? GET : HEAD;
  return handler(new Request(`http://test/media/${file}`, { method, headers }), { params: Promise.resolve({ file }) });
}

const bodyOf = async (res: Response) => Buffer.from(await res.arrayBuffer());

describe("GET /media/<sha256>.<ext>", () => {
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

  it("does not serve files the store did not name, even inside the media directory", async () => {
    writeFileSync(path.join(ctx.config.mediaDir, "notes.txt"), "secret");
    expect((await request("GET", "notes.txt")).status).toBe(404);
  });
});
