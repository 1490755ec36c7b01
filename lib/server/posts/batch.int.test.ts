// POST /post/slideshow/batch through its use-case: each item placed as if the earlier ones were
// created, all or nothing, errors at posts[i]…; and concurrent batches on the real Postgres.
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { ingestUploadedImage } from "../media/ingest";
import { createSlideshowBatch } from "./posts";

const T = "2031-06-02T09:00:00.000Z";
const now = new Date("2031-06-01T00:00:00Z");

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext({ maxConnections: testDbKind === "postgres" ? 20 : undefined });
});
afterAll(async () => {
  await ctx.close();
});

async function org(accounts: number, tag = "batch") {
  const { organization } = await makeOrganization(ctx.db, "Batch Org");
  const ids: string[] = [];
  for (let i = 0; i < accounts; i++) ids.push((await makeAccount(ctx.db, organization.id, { tag })).id);
  const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#0891b2" } }).jpeg().toBuffer();
  const img = await ingestUploadedImage(ctx.db, { organizationId: organization.id, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  return { orgId: organization.id, accounts: ids, image: img.value.url };
}

const count = async (orgId: string) => (await ctx.db.select({ id: posts.id }).from(posts).where(eq(posts.organizationId, orgId))).length;

describe("createSlideshowBatch", () => {
  it("places each post as if the earlier ones were created: a pool spreads, one account bumps", async () => {
    const o = await org(3);
    const pool = await createSlideshowBatch(ctx, o.orgId, { posts: Array(3).fill({ accountId: null, tag: "batch", imageUrls: [o.image], postTime: T }) }, now);
    if (!pool.ok) throw pool.error;
    expect(new Set(pool.value.posts.map((p) => p.account_id)).size).toBe(3);
    expect(pool.value.posts.map((p) => p.scheduled_at)).toEqual([T, T, T]);

    const one = await createSlideshowBatch(ctx, o.orgId, { posts: Array(3).fill({ accountId: o.accounts[0], imageUrls: [o.image], postTime: "2031-06-03T09:00:00Z" }) }, now);
    if (!one.ok) throw one.error;
    expect(one.value.posts.map((p) => [p.scheduled_at, p.bumped])).toEqual([
      ["2031-06-03T09:00:00.000Z", false],
      ["2031-06-03T12:00:00.000Z", true],
      ["2031-06-03T15:00:00.000Z", true],
    ]);
  });

  it("is all or nothing: a conflict in the last item names it and writes nothing", async () => {
    const o = await org(1);
    const before = await count(o.orgId);
    const r = await createSlideshowBatch(
      ctx,
      o.orgId,
      { posts: [{ accountId: o.accounts[0], imageUrls: [o.image], postTime: T }, { accountId: o.accounts[0], imageUrls: [o.image], postTime: T, strict: true }] },
      now,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(409);
    expect(r.error.message).toMatch(/^posts\[1\]: /);
    expect(await count(o.orgId)).toBe(before);
  });

  it.each([
    [{ posts: [] }, "posts"],
    [{ posts: Array(51).fill({ accountId: null, imageUrls: ["https://x.test/a.jpg"] }) }, "posts"],
    [{ posts: [{ accountId: null, imageUrls: ["https://x.test/a.jpg"] }, { accountId: null, imageUrls: ["nope"] }] }, "posts[1].imageUrls[0]"],
    [{ posts: [{ accountId: null, imageUrls: ["https://x.test/a.jpg"], caption: "a\u0000" }] }, "posts[0].caption"],
    [{ posts: [{ accountId: null, imageUrls: ["https://x.test/a.jpg"] }], extra: 1 }, "extra"],
    [[1, 2], "posts"],
  ])("refuses %j with a 400 at %s", async (body, path) => {
    const o = await org(1);
    const r = await createSlideshowBatch(ctx, o.orgId, body, now);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(400);
    expect(r.error.details[0]?.path).toBe(path);
    expect(await count(o.orgId)).toBe(0);
  });
});

describe.runIf(testDbKind === "postgres")("concurrent batches", () => {
  it("10 batches of 5 strict posts at once into a pool of 30: six whole batches, four refused whole, no account twice", async () => {
    const o = await org(30, "race");
    const body = { posts: Array(5).fill({ accountId: null, tag: "race", imageUrls: [o.image], postTime: T, strict: true }) };
    const results = await Promise.all(Array.from({ length: 10 }, () => createSlideshowBatch(ctx, o.orgId, body, now).catch(() => null)));
    expect(results.every((r) => r !== null && (r.ok || r.error.status === 409))).toBe(true);
    const made = results.filter((r) => r?.ok);
    expect(made).toHaveLength(6);
    const rows = await ctx.db.select({ accountId: posts.accountId }).from(posts).where(eq(posts.organizationId, o.orgId));
    expect(rows).toHaveLength(30);
    expect(new Set(rows.map((r) => r.accountId)).size).toBe(30);
  }, 120_000);
});
