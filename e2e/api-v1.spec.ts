import { expect, test } from "@playwright/test";
import sharp from "sharp";
import { runCli, uniqueEmail } from "./helpers";

// Drives the slideshow API through the real Next.js server (the use-cases have their own tests).
test.describe("the public API through the running app", () => {
  let key = "";
  test.beforeAll(async () => {
    const org = await runCli(["org", "create", "--name", "API Spec Org", "--owner-email", uniqueEmail("api"), "--password", "api-spec-pass-1"]);
    const { slug } = JSON.parse(org.stdout) as { slug: string };
    key = (await runCli(["api-key", "create", "--org", slug])).stdout.trim();
  });

  test("serves the OpenAPI document publicly, bare", async ({ request }) => {
    const res = await request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/post/slideshow");
  });

  test("stores an uploaded image and serves it with immutable caching and ranges", async ({ request }) => {
    const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#f97316" } }).jpeg().toBuffer();
    const up = await request.post("/api/v1/media", {
      headers: { Authorization: `Bearer ${key}` },
      multipart: { file: { name: "slide.jpg", mimeType: "image/jpeg", buffer: jpeg } },
    });
    expect(up.status()).toBe(201);
    const { data } = (await up.json()) as { data: { url: string; width: number; height: number; mime_type: string } };
    expect(data).toMatchObject({ width: 1080, height: 1920, mime_type: "image/jpeg" });
    const path = new URL(data.url).pathname;

    const whole = await request.get(path);
    expect(whole.status()).toBe(200);
    expect(whole.headers()["content-type"]).toBe("image/jpeg");
    expect(whole.headers()["cache-control"]).toContain("immutable");
    expect((await whole.body()).equals(jpeg)).toBe(true);

    const part = await request.get(path, { headers: { Range: "bytes=0-9" } });
    expect(part.status()).toBe(206);
    expect((await part.body()).equals(jpeg.subarray(0, 10))).toBe(true);
    expect(part.headers()["content-range"]).toBe(`bytes 0-9/${jpeg.length}`);
  });

  test("answers a create with no account to take it with a 409 envelope, and bad input with a 400 naming the field", async ({ request }) => {
    const headers = { Authorization: `Bearer ${key}` };
    const none = await request.post("/api/v1/post/slideshow", {
      headers,
      data: { accountId: null, tag: "nobody", imageUrls: ["https://example.com/a.jpg"] },
    });
    expect(none.status()).toBe(409);
    expect(await none.json()).toMatchObject({ ok: false, code: 409, error: { type: "conflict" } });

    const bad = await request.post("/api/v1/post/slideshow", { headers, data: { imageUrls: ["https://example.com/a.jpg"] } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, error: { type: "validation_error", details: [{ path: "accountId" }] } });

    const list = await request.post("/api/v1/post", { headers, data: {} });
    expect(await list.json()).toEqual({ ok: true, code: 200, message: "OK", data: { posts: [], next_cursor: null } });
  });
});
