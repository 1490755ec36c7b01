// The calendar's reads through their use-cases (both databases): a range of cards with no page
// limit, filters, live changes with what to drop, slots, the board's rows, a post's history; and
// a move that names the version it saw, raced on the real Postgres.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WeeklyPostingTimes } from "@/lib/domain/accounts";
import { openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { ingestUploadedImage } from "../media/ingest";
import { calendarBoard, calendarRange, postDetails } from "./calendar";
import { createSlideshow, createSlideshowBatch, deletePosts, updatePost } from "./posts";

const now = new Date("2031-06-01T00:00:00Z");
const everyDay = (...times: string[]): WeeklyPostingTimes => ({ mon: times, tue: times, wed: times, thu: times, fri: times, sat: times, sun: times });

let ctx: AppContext;
beforeAll(async () => {
  ctx = await openTestContext({ maxConnections: testDbKind === "postgres" ? 10 : undefined });
});
afterAll(async () => {
  await ctx.close();
});

async function org() {
  const { organization } = await makeOrganization(ctx.db, "Calendar Org");
  const bytes = await sharp({ create: { width: 1080, height: 1920, channels: 3, background: "#7c3aed" } }).jpeg().toBuffer();
  const img = await ingestUploadedImage(ctx.db, { organizationId: organization.id, bytes, config: ctx.config });
  if (!img.ok) throw img.error;
  return { orgId: organization.id, image: img.value.url, sha: img.value.sha256 };
}

async function post(orgId: string, body: Record<string, unknown>) {
  const r = await createSlideshow(ctx, orgId, { strict: true, ...body }, now);
  if (!r.ok) throw r.error;
  return r.value;
}

const range = async (orgId: string, body: Record<string, unknown>) => {
  const r = await calendarRange(ctx, orgId, { from: "2031-06-02T00:00:00Z", to: "2031-06-09T00:00:00Z", ...body }, now);
  if (!r.ok) throw r.error;
  return r.value;
};

describe("calendarRange", () => {
  it("returns every post of the range (no page limit) with what a card shows, in time order, deleted ones hidden", async () => {
    const o = await org();
    const accounts = await Promise.all(Array.from({ length: 4 }, (_, i) => makeAccount(ctx.db, o.orgId, { tag: "food", postingTimes: everyDay(), minGapMinutes: 15, dailyCap: 100, avatarUrl: i === 0 ? "https://cdn.test/a.jpg" : null })));
    // 4 accounts × 40 posts a quarter hour apart on 2 June: 160 posts, more than any API page.
    for (const [n, a] of accounts.entries()) {
      const batch = await createSlideshowBatch(
        ctx,
        o.orgId,
        { posts: Array.from({ length: 40 }, (_, i) => ({ accountId: a.id, imageUrls: [o.image], strict: true, postTime: new Date(Date.parse("2031-06-02T06:00:00Z") + i * 15 * 60_000 + n * 1000).toISOString() })) },
        now,
      );
      if (!batch.ok) throw batch.error;
    }
    const outside = await post(o.orgId, { accountId: accounts[0]!.id, imageUrls: [o.image], postTime: "2031-06-09T00:00:00Z" });
    const r = await range(o.orgId, {});
    expect(r.posts).toHaveLength(160);
    expect(r.posts.map((p) => p.id)).not.toContain(outside.id);
    expect([...r.posts].sort((a, b) => a.scheduled_at.localeCompare(b.scheduled_at))).toEqual(r.posts);
    const first = r.posts[0]!;
    expect(first).toMatchObject({ account_id: accounts[0]!.id, username: accounts[0]!.username, avatar_url: "https://cdn.test/a.jpg", platform: "tiktok", status: "scheduled", strict: true });
    expect(first.cover_url).toBe(`${ctx.config.publicBaseUrl}/media/${o.sha}.t1.webp`);
    expect(r.slots).toBeNull();

    const del = await deletePosts(ctx, o.orgId, { postIds: [first.id] }, now);
    expect(del.ok).toBe(true);
    expect((await range(o.orgId, {})).posts.map((p) => p.id)).not.toContain(first.id);
    expect((await range(o.orgId, { status: ["deleted"] })).posts.map((p) => p.id)).toEqual([first.id]);
  });

  it("filters by account, label and platform, and never shows another organization's posts", async () => {
    const o = await org();
    const other = await org();
    const food = await makeAccount(ctx.db, o.orgId, { tag: "food", postingTimes: everyDay() });
    const travel = await makeAccount(ctx.db, o.orgId, { tag: "travel", platform: "instagram", postingTimes: everyDay() });
    const foreign = await makeAccount(ctx.db, other.orgId, { tag: "food", postingTimes: everyDay() });
    const a = await post(o.orgId, { accountId: food.id, imageUrls: [o.image], postTime: "2031-06-03T10:00:00Z" });
    const b = await post(o.orgId, { accountId: travel.id, imageUrls: [o.image], postTime: "2031-06-03T11:00:00Z" });
    await post(other.orgId, { accountId: foreign.id, imageUrls: [other.image], postTime: "2031-06-03T10:00:00Z" });

    const ids = async (body: Record<string, unknown>) => (await range(o.orgId, body)).posts.map((p) => p.id);
    expect(await ids({})).toEqual([a.id, b.id]);
    expect(await ids({ tag: "food" })).toEqual([a.id]);
    expect(await ids({ platform: "instagram" })).toEqual([b.id]);
    expect(await ids({ accountIds: [travel.id, food.id] })).toEqual([a.id, b.id]);
    expect(await ids({ accountIds: [foreign.id] })).toEqual([]);
    expect(await ids({ status: ["failed"] })).toEqual([]);
  });

  it("sends only what changed since the last read, and which cards to drop", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o.orgId, { postingTimes: everyDay(), minGapMinutes: 15 });
    const stay = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-03T10:00:00Z" });
    const moved = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-03T11:00:00Z" });
    const gone = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-03T12:00:00Z" });
    const first = await range(o.orgId, {});
    expect(first.as_of).toBe(now.toISOString());

    const later = new Date(now.getTime() + 60_000);
    const m1 = await updatePost(ctx, o.orgId, { postId: stay.id, postTime: "2031-06-04T10:00:00Z" }, later);
    const m2 = await updatePost(ctx, o.orgId, { postId: moved.id, postTime: "2031-06-20T10:00:00Z" }, later);
    const d = await deletePosts(ctx, o.orgId, { postIds: [gone.id] }, later);
    expect([m1.ok, m2.ok, d.ok]).toEqual([true, true, true]);

    const r = await calendarRange(ctx, o.orgId, { from: "2031-06-02T00:00:00Z", to: "2031-06-09T00:00:00Z", changedSince: first.as_of }, later);
    if (!r.ok) throw r.error;
    expect(r.value.posts.map((p) => [p.id, p.scheduled_at])).toEqual([[stay.id, "2031-06-04T10:00:00.000Z"]]);
    expect(r.value.gone.sort()).toEqual([moved.id, gone.id].sort());
  });

  it("draws the slots of one account, free or unavailable with the reason", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o.orgId, { postingTimes: everyDay("09:00", "10:00", "18:00"), minGapMinutes: 120, dailyCap: 5 });
    const p = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-02T09:00:00Z" });
    const r = await range(o.orgId, { accountIds: [acc.id], to: "2031-06-03T00:00:00Z" });
    expect(r.slots!.map((s) => [s.at, s.free])).toEqual([
      ["2031-06-02T09:00:00.000Z", false],
      ["2031-06-02T10:00:00.000Z", false],
      ["2031-06-02T18:00:00.000Z", true],
    ]);
    expect(r.slots![1]!.reason).toMatch(`post ${p.id}`);
    expect((await range(o.orgId, { tag: "nobody" })).slots).toEqual([]);
  });

  it("refuses a bad range with a field path", async () => {
    const o = await org();
    const r = await calendarRange(ctx, o.orgId, { from: "2031-06-02T00:00:00Z", to: "2031-09-02T00:00:00Z" }, now);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.status, r.error.details[0]?.path]).toEqual([400, "to"]);
    const bad = await calendarRange(ctx, o.orgId, { from: "yesterday", to: "2031-06-02T00:00:00Z", accountIds: ["x"] }, now);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect([...new Set(bad.error.details.map((i) => i.path))].sort()).toEqual(["accountIds[0]", "from"]);
  });
});

describe("calendarBoard", () => {
  it("gives each account its slots of the day, today n / cap and its next free slot", async () => {
    const o = await org();
    const busy = await makeAccount(ctx.db, o.orgId, { username: "aa-busy", postingTimes: everyDay("09:00", "12:00"), minGapMinutes: 60, dailyCap: 2 });
    const idle = await makeAccount(ctx.db, o.orgId, { username: "bb-idle", postingTimes: everyDay("09:00", "12:00"), minGapMinutes: 60, dailyCap: 2 });
    const p1 = await post(o.orgId, { accountId: busy.id, imageUrls: [o.image], postTime: "2031-06-02T09:00:00Z" });
    await post(o.orgId, { accountId: busy.id, imageUrls: [o.image], postTime: "2031-06-02T12:00:00Z" });
    const r = await calendarBoard(ctx, o.orgId, { date: "2031-06-02", zone: "UTC" }, now);
    if (!r.ok) throw r.error;
    const [a, b] = r.value.accounts;
    expect([a!.username, b!.username]).toEqual(["aa-busy", "bb-idle"]);
    expect(a).toMatchObject({ today: 2, cap: 2, next_free: "2031-06-03T09:00:00.000Z" });
    expect(a!.slots.map((s) => s.free)).toEqual([false, false]);
    expect(b).toMatchObject({ account_id: idle.id, today: 0, cap: 2, next_free: "2031-06-02T09:00:00.000Z" });
    expect(r.value.posts.map((p) => p.id)).toContain(p1.id);
    const bad = await calendarBoard(ctx, o.orgId, { date: "2031-06-02", zone: "Mars/Olympus" }, now);
    if (!bad.ok) expect(bad.error.details[0]?.path).toBe("zone");
    expect(bad.ok).toBe(false);
  });
});

describe("postDetails and the history", () => {
  it("records creation, moves, failures and deletion, whoever made them", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o.orgId, { postingTimes: everyDay() });
    const p = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-03T10:00:00Z" });
    const later = new Date(now.getTime() + 60_000);
    const moved = await updatePost(ctx, o.orgId, { postId: p.id, postTime: "2031-06-04T10:00:00Z" }, later);
    expect(moved.ok).toBe(true);
    const captioned = await updatePost(ctx, o.orgId, { postId: p.id, caption: "only the caption" }, later);
    expect(captioned.ok).toBe(true);
    await deletePosts(ctx, o.orgId, { postIds: [p.id] }, new Date(later.getTime() + 60_000));
    const r = await postDetails(ctx, o.orgId, { postId: p.id });
    if (!r.ok) throw r.error;
    expect(r.value.account?.username).toBe(acc.username);
    expect(r.value.thumbnail_urls).toEqual([`${ctx.config.publicBaseUrl}/media/${o.sha}.t1.webp`]);
    expect(r.value.post.caption).toBe("only the caption");
    // A caption change is not history; the time change and the deletion are.
    expect(r.value.history.map((h) => [h.status, h.scheduled_at])).toEqual([
      ["scheduled", "2031-06-03T10:00:00.000Z"],
      ["scheduled", "2031-06-04T10:00:00.000Z"],
      ["deleted", "2031-06-04T10:00:00.000Z"],
    ]);
    const other = await org();
    const foreign = await postDetails(ctx, other.orgId, { postId: p.id });
    expect(foreign.ok ? 200 : foreign.error.status).toBe(404);
  });
});

describe("a move that names the version it saw", () => {
  it("is refused with 409 when the post changed since, and changes nothing", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o.orgId, { postingTimes: everyDay(), minGapMinutes: 15 });
    const p = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: "2031-06-03T10:00:00Z" });
    const later = new Date(now.getTime() + 60_000);
    const first = await updatePost(ctx, o.orgId, { postId: p.id, postTime: "2031-06-03T11:00:00Z", expectedUpdatedAt: p.updated_at }, later);
    if (!first.ok) throw first.error;
    const stale = await updatePost(ctx, o.orgId, { postId: p.id, postTime: "2031-06-03T12:00:00Z", expectedUpdatedAt: p.updated_at }, later);
    expect(stale.ok).toBe(false);
    if (!stale.ok) {
      expect(stale.error.status).toBe(409);
      expect(stale.error.details[0]?.path).toBe("expectedUpdatedAt");
    }
    const fresh = await postDetails(ctx, o.orgId, { postId: p.id });
    expect(fresh.ok && fresh.value.post.scheduled_at).toBe("2031-06-03T11:00:00.000Z");
  });

  it.runIf(testDbKind === "postgres")("two tabs moving one post at once: exactly one wins", async () => {
    const o = await org();
    const acc = await makeAccount(ctx.db, o.orgId, { postingTimes: everyDay(), minGapMinutes: 15 });
    for (let round = 0; round < 5; round++) {
      const p = await post(o.orgId, { accountId: acc.id, imageUrls: [o.image], postTime: `2031-06-1${round}T10:00:00Z` });
      const later = new Date(now.getTime() + (round + 1) * 60_000);
      const results = await Promise.all(
        ["11", "12", "13", "14"].map((h) => updatePost(ctx, o.orgId, { postId: p.id, postTime: `2031-06-1${round}T${h}:00:00Z`, expectedUpdatedAt: p.updated_at }, later)),
      );
      const won = results.filter((r) => r.ok);
      expect(won).toHaveLength(1);
      for (const r of results) if (!r.ok) expect(r.error.status).toBe(409);
      const now2 = await postDetails(ctx, o.orgId, { postId: p.id });
      expect(now2.ok && now2.value.post.scheduled_at).toBe(won[0]!.ok && won[0]!.value.scheduled_at);
    }
  });
});
