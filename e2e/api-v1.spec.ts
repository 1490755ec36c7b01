import { compileErrors, validate } from "@readme/openapi-parser";
import sharp from "sharp";
import { expect, test } from "./fixtures";
import { runCli, uniqueEmail } from "./helpers";

// Drives the slideshow API through the real Next.js server (the use-cases have their own tests).
// `api` goes through the contract proxy, which checks each request and response against the
// OpenAPI document; `request` goes straight to the app (see e2e/fixtures.ts).
test.describe("the public API through the running app", () => {
  let key = "";
  test.beforeAll(async () => {
    const org = await runCli(["org", "create", "--name", "API Spec Org", "--owner-email", uniqueEmail("api"), "--password", "api-spec-pass-1"]);
    const { slug } = JSON.parse(org.stdout) as { slug: string };
    key = (await runCli(["api-key", "create", "--org", slug])).stdout.trim();
  });

  test("serves the OpenAPI document publicly, bare, and it is a valid OpenAPI 3.1 document", async ({ request }) => {
    const res = await request.get("/api/v1/openapi.json");
    expect(res.status()).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/post/slideshow");
    const result = await validate(structuredClone(doc) as never);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
  });

  test("stores an uploaded image and serves it with immutable caching and ranges", async ({ request }) => {
    const jpeg = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#f97316" } }).jpeg().toBuffer();
    // Uploads go straight to the app: Prism's proxy re-encodes binary bodies as text.
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

  test("answers a create with no account to take it with a 409 envelope, and bad input with a 400 naming the field", async ({ api, request }) => {
    const headers = { Authorization: `Bearer ${key}` };
    const none = await api.post("/api/v1/post/slideshow", {
      headers,
      data: { accountId: null, tag: "nobody", imageUrls: ["https://example.com/a.jpg"] },
    });
    expect(none.status()).toBe(409);
    expect(await none.json()).toMatchObject({ ok: false, code: 409, error: { type: "conflict" } });

    // A body without accountId breaks the document on purpose, so it goes straight to the app.
    const bad = await request.post("/api/v1/post/slideshow", { headers, data: { imageUrls: ["https://example.com/a.jpg"] } });
    expect(bad.status()).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 400, error: { type: "validation_error", details: [{ path: "accountId" }] } });

    const list = await api.post("/api/v1/post", { headers, data: {} });
    expect(await list.json()).toEqual({ ok: true, code: 200, message: "OK", data: { posts: [], next_cursor: null } });
  });
});

type Account = { id: string; posting_times: Record<string, string[]>; user_group: string | null };
type Post = { id: string; account_id: string; status: string; caption: string; selection: { mode: string } | null };

test("every JSON endpoint answers as the OpenAPI document says", async ({ api, request }) => {
  const org = await runCli(["org", "create", "--name", "Contract Org", "--owner-email", uniqueEmail("contract"), "--password", "contract-pass-1"]);
  const { slug } = JSON.parse(org.stdout) as { slug: string };
  const headers = { Authorization: `Bearer ${(await runCli(["api-key", "create", "--org", slug])).stdout.trim()}` };
  const connected = await runCli(["accounts", "connect-simulated", "--org", slug, "--platform", "tiktok", "--count", "2", "--tag", "contract"]);
  expect(connected.code, connected.stderr).toBe(0);

  async function call<T>(path: string, data: unknown, status = 200): Promise<T> {
    const res = await api.post(`/api/v1${path}`, { headers, data });
    expect(res.status(), `${path}: ${await res.text()}`).toBe(status);
    return ((await res.json()) as { data: T }).data;
  }

  const { accounts } = await call<{ accounts: Account[] }>("/accounts", { tag: "contract" });
  expect(accounts).toHaveLength(2);
  const account = accounts[0]!;
  const updated = await call<{ accounts: Account[] }>("/accounts/update-info", {
    accountIds: [account.id],
    postingTimes: ["20:00", "08:30"],
    minGapMinutes: 60,
    user_group: "eu",
    timezone: "Europe/Berlin",
  });
  expect(updated.accounts[0]).toMatchObject({ user_group: "eu", posting_times: { mon: ["08:30", "20:00"] } });

  const png = await sharp({ create: { width: 1080, height: 1350, channels: 3, background: "#22c55e" } }).png().toBuffer();
  // Uploads go straight to the app: Prism's proxy re-encodes binary bodies as text.
  const up = await request.post("/api/v1/media", { headers, multipart: { file: { name: "c.png", mimeType: "image/png", buffer: png } } });
  expect(up.status()).toBe(201);
  const { data: image } = (await up.json()) as { data: { url: string } };

  const preview = await call<{ account_id: string }>("/post/preview-schedule", { accountId: null, tag: "contract", imageUrls: [image.url] });
  expect(accounts.map((a) => a.id)).toContain(preview.account_id);
  const previews = await call<{ posts: unknown[] }>("/post/preview-schedule", {
    posts: [
      { accountId: account.id, imageUrls: [image.url] },
      { accountId: account.id, imageUrls: [image.url] },
    ],
  });
  expect(previews.posts).toHaveLength(2);

  // A week ahead, so the in-app worker leaves both posts scheduled while the test changes them.
  const postTime = new Date(Date.now() + 7 * 86_400_000).toISOString();
  const post = await call<Post>("/post/slideshow", { accountId: account.id, imageUrls: [image.url, image.url], caption: "contract #one", postTime, strict: false }, 201);
  const pooled = await call<Post>("/post/slideshow", { accountId: null, tag: "contract", imageUrls: [image.url], postTime }, 201);
  expect(pooled.selection?.mode).not.toBe("explicit");
  expect(await call<Post>("/post/status", { postId: post.id })).toMatchObject({ id: post.id, status: "scheduled" });
  expect(await call<Post>("/post/update", { postId: post.id, caption: "contract #two" })).toMatchObject({ caption: "contract #two" });

  const page = await call<{ posts: Post[]; next_cursor: string | null }>("/post", { status: ["scheduled"], limit: 1 });
  expect(page.posts).toHaveLength(1);
  expect(page.next_cursor).not.toBeNull();
  const rest = await call<{ posts: Post[]; next_cursor: string | null }>("/post", { status: "scheduled", cursor: page.next_cursor });
  expect([...page.posts, ...rest.posts].map((p) => p.id).sort()).toEqual([post.id, pooled.id].sort());

  const later = new Date(Date.now() + 9 * 86_400_000).toISOString();
  const batch = await call<{ posts: Post[] }>("/post/slideshow/batch", { posts: [0, 1].map(() => ({ accountId: null, tag: "contract", imageUrls: [image.url], postTime: later, strict: true })) }, 201);
  expect(new Set(batch.posts.map((p) => p.account_id)).size).toBe(2);

  const deleted = await call<{ posts: Post[] }>("/post/delete", { postIds: [post.id] });
  expect(deleted.posts).toEqual([expect.objectContaining({ id: post.id, status: "deleted" })]);
  // Only failed posts can be retried: a scheduled one is a 409, in the document's error envelope.
  await call("/post/retry", { postIds: [pooled.id] }, 409);
});
