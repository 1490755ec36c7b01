// Bursts and opposite-order batches on the real Postgres, with parallel connections (PGlite has
// one): a burst into one pool spreads over the pool instead of chasing its first account, and
// concurrent updates, deletes and retries over the same posts never deadlock into a 500
// (DESIGN.md §4 "Concurrency").
import { and, eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { posts } from "@/db/schema";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import { openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { ingestUploadedImage } from "../media/ingest";
import { createSlideshow, deletePosts, retryPosts, updatePost } from "./posts";

const T = new Date("2031-03-04T12:00:00Z");
const now = new Date("2031-03-01T00:00:00Z");

describe.runIf(testDbKind === "postgres")("bursts and batches under concurrency", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openTestContext({ maxConnections: 40 });
  });
  afterAll(async () => {
    await ctx.close();
  });

  async function pool(size: number, tag: string) {
    const { organization } = await makeOrganization(ctx.db, `Burst ${tag}`);
    for (let i = 0; i < size; i++) await makeAccount(ctx.db, organization.id, { tag });
    const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#9333ea" } }).jpeg().toBuffer();
    const img = await ingestUploadedImage(ctx.db, { organizationId: organization.id, bytes, config: ctx.config });
    if (!img.ok) throw img.error;
    return { orgId: organization.id, image: img.value.url };
  }

  /** `n` auto-selected creates for T, all started at once; their outcomes. */
  async function burst(orgId: string, image: string, tag: string, n: number, strict: boolean) {
    const body = { accountId: null, tag, imageUrls: [image], postTime: T.toISOString(), strict };
    const results = await Promise.all(
      Array.from({ length: n }, () => createSlideshow(ctx, orgId, body, now).catch((e: unknown) => ({ ok: false as const, error: { status: 500, message: String(e) } }))),
    );
    return results.map((r) => (r.ok ? { status: 201, account: r.value.account_id, at: r.value.scheduled_at } : { status: r.error.status, message: r.error.message }));
  }

  it.each([true, false])("150 simultaneous creates into a pool with more free accounts (strict %s): all 201, distinct accounts, exactly T", async (strict) => {
    const tag = `roomy-${strict}`;
    const { orgId, image } = await pool(200, tag);
    const out = await burst(orgId, image, tag, 150, strict);
    expect(out.filter((o) => o.status !== 201)).toEqual([]);
    expect(new Set(out.map((o) => o.account)).size).toBe(150);
    expect(new Set(out.map((o) => o.at))).toEqual(new Set([T.toISOString()]));
  }, 180_000);

  it("strict, fewer free accounts than requests: exactly that many at T, the rest 409", async () => {
    const { orgId, image } = await pool(60, "tight-strict");
    const out = await burst(orgId, image, "tight-strict", 150, true);
    expect(out.filter((o) => o.status !== 201 && o.status !== 409)).toEqual([]);
    const made = out.filter((o) => o.status === 201);
    expect(made).toHaveLength(60);
    expect(new Set(made.map((o) => o.account)).size).toBe(60);
    expect(made.every((o) => o.at === T.toISOString())).toBe(true);
  }, 180_000);

  it("non-strict, fewer free accounts than requests: that many at T, the rest bumped to their next slots, none 409", async () => {
    const { orgId, image } = await pool(60, "tight-flex");
    const out = await burst(orgId, image, "tight-flex", 150, false);
    expect(out.filter((o) => o.status !== 201)).toEqual([]);
    const atT = out.filter((o) => o.at === T.toISOString());
    expect(atT).toHaveLength(60);
    expect(new Set(atT.map((o) => o.account)).size).toBe(60);
    expect(out.filter((o) => o.at !== T.toISOString()).every((o) => o.at! > T.toISOString())).toBe(true);
    // No account got two posts within its gap.
    const rows = await ctx.db
      .select({ accountId: posts.accountId, at: posts.scheduledAt })
      .from(posts)
      .where(and(eq(posts.organizationId, orgId), inArray(posts.status, [...LIVE_STATUSES])));
    const byAccount = new Map<string, number[]>();
    for (const r of rows) byAccount.set(r.accountId, [...(byAccount.get(r.accountId) ?? []), r.at.getTime()]);
    for (const list of byAccount.values()) {
      const times = list.sort((a, b) => a - b);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(120 * 60_000);
    }
  }, 180_000);

  it("concurrent updates, opposite-order deletes and retries over the same posts: no 5xx, and every outcome is all or nothing", async () => {
    const { orgId, image } = await pool(0, "batches");
    const accounts = await Promise.all([0, 1, 2].map(() => makeAccount(ctx.db, orgId, { minGapMinutes: 30, dailyCap: 50 })));
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      const ids: string[] = [];
      for (let i = 0; i < 12; i++) {
        const at = new Date(T.getTime() + round * 86_400_000 + i * 3_600_000).toISOString();
        const p = await createSlideshow(ctx, orgId, { accountId: accounts[i % 3]!.id, imageUrls: [image], postTime: at }, now);
        if (!p.ok) throw p.error;
        ids.push(p.value.id);
      }
      const failed = ids.filter((_, i) => i % 2 === 0);
      const scheduled = ids.filter((_, i) => i % 2 === 1);
      await ctx.db.update(posts).set({ status: "failed" }).where(inArray(posts.id, failed));
      const later = (i: number) => new Date(T.getTime() + (round + 10) * 86_400_000 + i * 3_600_000).toISOString();
      const ops: (() => Promise<{ ok: boolean; error?: { status: number } }>)[] = [
        () => retryPosts(ctx, orgId, { postIds: failed }, now),
        () => retryPosts(ctx, orgId, { postIds: [...failed].reverse() }, now),
        () => deletePosts(ctx, orgId, { postIds: scheduled }, now),
        () => deletePosts(ctx, orgId, { postIds: [...scheduled].reverse() }, now),
        ...ids.map((id, i) => () => updatePost(ctx, orgId, { postId: id, postTime: later(i) }, now)),
        ...failed.map((id, i) => () => updatePost(ctx, orgId, { postId: id, accountId: accounts[(i + 1) % 3]!.id }, now)),
        ...scheduled.slice(0, 2).map((id) => () => deletePosts(ctx, orgId, { postIds: [id, failed[0]!] }, now)),
      ];
      const results = await Promise.all(ops.map((op) => op().catch(() => ({ ok: false, error: { status: 500 } }))));
      statuses.push(...results.map((r) => (r.ok ? 200 : r.error!.status)));
    }
    expect(statuses.length).toBe(3 * 24);
    expect(statuses.filter((s) => s !== 200 && s !== 404 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(20);
  }, 180_000);
});
