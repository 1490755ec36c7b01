// A seeded fuzz of every /api/v1 endpoint: a few thousand mutated bodies (wrong types, huge and
// odd strings, NUL and lone surrogates, unknown fields, broken JSON, bad bytes). Whatever comes
// in: never a 5xx, always the JSON envelope with the HTTP status as its code, and a rejected
// request writes nothing (DESIGN.md §8, §11).
import { sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "@/db/client";
import type { AppContext } from "@/lib/server/context";
import { ingestUploadedImage } from "@/lib/server/media/ingest";
import { createSlideshow } from "@/lib/server/posts/posts";
import { installAppContext, openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeApiKey, makeOrganization } from "@/test/factories";
import { POST as accounts } from "./accounts/route";
import { POST as updateInfo } from "./accounts/update-info/route";
import { POST as media } from "./media/route";
import { POST as deletePosts } from "./post/delete/route";
import { POST as preview } from "./post/preview-schedule/route";
import { POST as retry } from "./post/retry/route";
import { POST as list } from "./post/route";
import { POST as slideshow } from "./post/slideshow/route";
import { POST as status } from "./post/status/route";
import { POST as update } from "./post/update/route";

type Handler = (req: Request) => Promise<Response>;
const ITERATIONS = 2_500;

/** mulberry32: a small seeded generator, so a failure reproduces with the same seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

// The process is a shared test database: the PGlite pass is enough for a property that does
// not depend on the database engine.
describe.runIf(testDbKind === "pglite")("fuzzing /api/v1", () => {
  let ctx: AppContext;
  let key: string;
  let base: Record<string, () => unknown>;
  const handlers: Record<string, Handler> = { slideshow, preview, list, status, update, deletePosts, retry, accounts, updateInfo };

  beforeAll(async () => {
    ctx = await openTestContext();
    installAppContext(ctx);
    const { organization } = await makeOrganization(ctx.db, "Fuzz Org");
    key = (await makeApiKey(ctx.db, organization.id)).key;
    const tt = await makeAccount(ctx.db, organization.id, { tag: "fuzz", minGapMinutes: 0, dailyCap: 1000 });
    const ig = await makeAccount(ctx.db, organization.id, { platform: "instagram", tag: "fuzz", minGapMinutes: 0, dailyCap: 1000 });
    const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#be123c" } }).jpeg().toBuffer();
    const img = await ingestUploadedImage(ctx.db, { organizationId: organization.id, bytes, config: ctx.config });
    if (!img.ok) throw img.error;
    const image = img.value.url;
    const future = () => new Date(Date.now() + 86_400_000 * (1 + Math.random() * 20)).toISOString();
    const p = await createSlideshow(ctx, organization.id, { accountId: tt.id, imageUrls: [image], postTime: future() }, new Date());
    if (!p.ok) throw p.error;
    const postId = p.value.id;
    base = {
      slideshow: () => ({ accountId: tt.id, imageUrls: [image, image], caption: "fuzz #one", postTime: future(), strict: false }),
      preview: () => ({ posts: [{ accountId: null, tag: "fuzz", imageUrls: [image], postTime: future() }] }),
      list: () => ({ accountIds: [tt.id, ig.id], status: ["scheduled", "failed"], limit: 10, startDate: new Date().toISOString() }),
      status: () => ({ postId }),
      update: () => ({ postId, caption: "changed", postTime: future(), strict: false }),
      deletePosts: () => ({ postIds: [postId] }),
      retry: () => ({ postIds: [postId] }),
      accounts: () => ({ tag: "fuzz" }),
      updateInfo: () => ({ accountIds: [tt.id, ig.id], tag: "fuzz", timezone: "Europe/Berlin", postingTimes: ["09:00", "18:30"], minGapMinutes: 0, dailyCap: 1000 }),
    };
  });
  afterAll(async () => {
    await ctx.close();
  });

  const odd: unknown[] = [
    null, true, false, 0, -1, 1.5, 1e308, -0, "", " ", "\u0000", "caption\u0000nul", "\ud800", "x\udfffy", "😀".repeat(600),
    "a".repeat(100_000), "2026-12-31T12:00:00", "2026-02-30T12:00:00Z", "1900-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
    "not-a-uuid", "00000000-0000-0000-0000-000000000000", "http://127.0.0.1:1/x.jpg", "ftp://example.test/a.jpg", "javascript:alert(1)",
    "http://[::1]/a.png", "http://0x7f000001/a.png", "<script>alert(1)</script>", "%00", "../../etc/passwd", "__proto__", "constructor",
    [], [null], [1, 2, 3], ["\u0000"], Array(200).fill("x"), {}, { a: 1 }, { __proto__: { polluted: true } }, "Mon", "mon", "25:00", "09:60",
  ];

  function mutate(r: ReturnType<typeof rng>, value: unknown, depth = 0): unknown {
    if (depth > 3 || r.next() < 0.25) return r.pick(odd);
    if (Array.isArray(value)) {
      const copy = [...value];
      const roll = r.int(4);
      if (roll === 0 || copy.length === 0) copy.push(r.pick(odd));
      else if (roll === 1) copy.splice(r.int(copy.length), 1);
      else copy[r.int(copy.length)] = mutate(r, copy[r.int(copy.length)], depth + 1);
      return copy;
    }
    if (value && typeof value === "object") {
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      const keys = Object.keys(copy);
      const roll = r.int(5);
      if (roll === 0) copy[r.pick(["extra", "accountid", "image_urls", "\u0000", "postTime ", "status"])] = r.pick(odd);
      else if (roll === 1 && keys.length) delete copy[r.pick(keys)];
      else if (keys.length) {
        const k = r.pick(keys);
        copy[k] = mutate(r, copy[k], depth + 1);
      }
      return copy;
    }
    return r.pick(odd);
  }

  /** A request body: usually a mutated JSON body, sometimes broken text or bytes. */
  function bodyFor(r: ReturnType<typeof rng>, endpoint: string): BodyInit {
    const roll = r.int(20);
    const json = JSON.stringify(mutate(r, base[endpoint]!()));
    if (roll === 0) return json.slice(0, r.int(json.length));
    if (roll === 1) return `${json}}{`;
    if (roll === 2) return Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28, 0x7b]);
    if (roll === 3) return JSON.stringify(r.pick(odd));
    if (roll === 4) return json.replace(/"/, "'");
    return json;
  }

  async function fingerprint() {
    const [row] = await executeRows<Record<string, unknown>>(
      ctx.db,
      sql`select (select count(*) from posts) as posts, (select count(*) from post_images) as images,
                 (select count(*) from media_objects) as media, (select max(updated_at) from posts) as posts_at,
                 (select max(updated_at) from accounts) as accounts_at`,
    );
    return JSON.stringify(row);
  }

  async function expectEnvelope(res: Response, where: string) {
    expect(res.status, where).toBeLessThan(500);
    expect(res.headers.get("content-type") ?? "", where).toMatch(/application\/json/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.code, where).toBe(res.status);
    expect(typeof body.message, where).toBe("string");
    expect(typeof body.ok, where).toBe("boolean");
    if (!body.ok) {
      expect(body.data, where).toBeNull();
      const error = body.error as { type: string; details: unknown[] };
      expect(typeof error.type, where).toBe("string");
      expect(Array.isArray(error.details), where).toBe(true);
    }
    return body;
  }

  it(`${ITERATIONS} mutated bodies over every JSON endpoint: no 5xx, always the envelope, nothing written when refused`, async () => {
    const r = rng(Number(process.env.FUZZ_SEED ?? 20261201));
    const endpoints = Object.keys(handlers);
    const seen = { ok: 0, refused: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      const endpoint = r.pick(endpoints);
      const body = bodyFor(r, endpoint);
      const before = await fingerprint();
      const res = await handlers[endpoint]!(
        new Request(`http://test/api/v1/${endpoint}`, { method: "POST", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body }),
      );
      const where = `#${i} ${endpoint} ${typeof body === "string" ? body.slice(0, 300) : "<bytes>"}`;
      const envelope = await expectEnvelope(res, where);
      if (envelope.ok) seen.ok++;
      else {
        seen.refused++;
        expect(await fingerprint(), `${where} wrote although refused`).toBe(before);
      }
    }
    // The fuzz reached both sides: some bodies were accepted, most refused.
    expect(seen.ok).toBeGreaterThan(50);
    expect(seen.refused).toBeGreaterThan(ITERATIONS / 2);
  }, 600_000);

  it.each([
    ["slideshow", "caption", (b: Record<string, unknown>) => ({ ...b, caption: "nul \u0000 here" })],
    ["slideshow", "imageUrls[1]", (b: Record<string, unknown>) => ({ ...b, imageUrls: [(b.imageUrls as string[])[0], "https://x.test/\ud800.jpg"] })],
    ["preview", "posts[0].tag", () => ({ posts: [{ accountId: null, tag: "fu\u0000zz", imageUrls: ["https://x.test/a.jpg"] }] })],
    ["update", "caption", (b: Record<string, unknown>) => ({ ...b, caption: "\udc00" })],
    ["updateInfo", "user_group", (b: Record<string, unknown>) => ({ ...b, user_group: "a\u0000" })],
    ["accounts", "org_group", () => ({ org_group: "\ud83d" })],
  ] as const)("%s: text Postgres cannot store is a 400 naming %s", async (endpoint, path, change) => {
    const before = await fingerprint();
    // JSON.stringify writes NUL and lone surrogates as \u escapes, as a client would send them.
    const body = JSON.stringify(change(base[endpoint]!() as Record<string, unknown>));
    const res = await handlers[endpoint]!(new Request("http://test/x", { method: "POST", headers: { Authorization: `Bearer ${key}` }, body }));
    const envelope = (await expectEnvelope(res, endpoint)) as { error: { type: string; details: { path: string }[] }; message: string };
    expect(res.status).toBe(400);
    expect(envelope.error.details[0]?.path).toBe(path);
    expect(envelope.message).toMatch(new RegExp(`^${path.replace(/[[\]]/g, "\\$&")}:`));
    expect(await fingerprint()).toBe(before);
  });

  it("media uploads with odd bytes and headers: no 5xx, the envelope, nothing stored", async () => {
    const r = rng(7);
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#000" } }).jpeg().toBuffer();
    for (let i = 0; i < 150; i++) {
      const form = new FormData();
      const bytes = r.next() < 0.5 ? Buffer.from(Array.from({ length: r.int(2000) }, () => r.int(256))) : Buffer.concat([jpeg.subarray(0, r.int(jpeg.length))]);
      form.set(r.pick(["file", "image", "\u0000"]), new Blob([bytes], { type: r.pick(["image/jpeg", "text/plain", ""]) }), r.pick(["a.jpg", "\u0000.png", "x"]));
      const plain = r.next() < 0.2;
      const before = await fingerprint();
      const res = await media(new Request("http://test/api/v1/media", { method: "POST", headers: { Authorization: `Bearer ${key}` }, body: plain ? bytes : form }));
      const envelope = await expectEnvelope(res, `media #${i}`);
      if (!envelope.ok) expect(await fingerprint()).toBe(before);
    }
  }, 120_000);
});
