import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, mediaObjects, posts } from "@/db/schema/index";
import { openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { poolMembers } from "./pool-cache";
import { createSlideshow } from "./posts";
import { choosePlacement } from "./scheduler";

const T = new Date("2031-03-04T12:00:00Z");
const NOW = new Date("2031-03-01T00:00:00Z");

describe("the pool's cached rules", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openTestContext();
  });
  afterAll(async () => {
    await ctx.close();
  });

  const versionOf = async (id: string) => (await ctx.db.select({ v: accounts.rulesVersion }).from(accounts).where(eq(accounts.id, id)))[0]!.v;

  it("raises an account's rules version when a rule changes, and not when its posts or names do", async () => {
    const { organization } = await makeOrganization(ctx.db, "Versions Org");
    const a = await makeAccount(ctx.db, organization.id, { tag: "v" });
    expect(await versionOf(a.id)).toBe(0);
    // A post moves last_post_at (the posts triggers update the account row): not a rule.
    await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: a.id, caption: "", scheduledAt: T, status: "scheduled" });
    await ctx.db.update(accounts).set({ displayName: "Renamed", lastError: "x" }).where(eq(accounts.id, a.id));
    expect(await versionOf(a.id)).toBe(0);
    // Writing a rule with its current value is no change either.
    await ctx.db.update(accounts).set({ dailyCap: a.dailyCap }).where(eq(accounts.id, a.id));
    expect(await versionOf(a.id)).toBe(0);
    await ctx.db.update(accounts).set({ minGapMinutes: a.minGapMinutes + 5 }).where(eq(accounts.id, a.id));
    await ctx.db.update(accounts).set({ postingTimes: { ...a.postingTimes, mon: ["10:00"] } }).where(eq(accounts.id, a.id));
    await ctx.db.update(accounts).set({ status: "paused" }).where(eq(accounts.id, a.id));
    await ctx.db.update(accounts).set({ timezone: "Asia/Tokyo" }).where(eq(accounts.id, a.id));
    expect(await versionOf(a.id)).toBe(4);
  });

  it("a selection sees a rule changed behind the cache's back (another instance) at once", async () => {
    const { organization } = await makeOrganization(ctx.db, "Cache Org");
    const older = await makeAccount(ctx.db, organization.id, { tag: "cache", minGapMinutes: 60 });
    const newer = await makeAccount(ctx.db, organization.id, { tag: "cache", minGapMinutes: 60 });
    // `older` posted longer ago, so it is chosen first.
    await ctx.db.insert(posts).values([
      { organizationId: organization.id, accountId: older.id, caption: "", scheduledAt: new Date("2031-02-01T09:00:00Z"), status: "complete" },
      { organizationId: organization.id, accountId: newer.id, caption: "", scheduledAt: new Date("2031-02-20T09:00:00Z"), status: "complete" },
    ]);
    const req = { organizationId: organization.id, target: { kind: "pool" as const, filters: { tag: "cache" }, platforms: ["tiktok" as const, "instagram" as const], label: "tag=cache" }, at: T, strict: true, now: NOW };
    const first = await choosePlacement(ctx.db, req);
    expect(first.ok && first.value.accountId).toBe(older.id);

    // Paused by a statement this instance's cache never saw (as another app instance would).
    await ctx.db.execute(sql`update accounts set status = 'paused' where id = ${older.id}`);
    const second = await choosePlacement(ctx.db, req);
    expect(second.ok && second.value.accountId).toBe(newer.id);
    expect(second.ok && second.value.selection.available).toBe(1);

    // And back: the cache follows every change, not only the first.
    await ctx.db.execute(sql`update accounts set status = 'active' where id = ${older.id}`);
    const third = await choosePlacement(ctx.db, req);
    expect(third.ok && third.value.accountId).toBe(older.id);
  });

  it("a selection sees posts booked, moved and removed behind the cache's back (another instance) at once", async () => {
    const { organization } = await makeOrganization(ctx.db, "Bookings Cache Org");
    const a = await makeAccount(ctx.db, organization.id, { tag: "bcache", minGapMinutes: 60 });
    const b = await makeAccount(ctx.db, organization.id, { tag: "bcache", minGapMinutes: 60 });
    const req = { organizationId: organization.id, target: { kind: "pool" as const, filters: { tag: "bcache" }, platforms: ["tiktok" as const, "instagram" as const], label: "tag=bcache" }, at: T, strict: true, now: NOW };
    const chosen = async () => {
      const r = await choosePlacement(ctx.db, req);
      return r.ok ? { id: r.value.accountId, available: r.value.selection.available } : r.error.message;
    };
    const first = await chosen();
    expect(first).toMatchObject({ available: 2 });
    const best = typeof first === "string" ? "" : first.id;
    const other = best === a.id ? b.id : a.id;

    // Booked at T by a statement this instance never saw: the other account is chosen.
    const [taken] = await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: best, caption: "", scheduledAt: T, status: "scheduled" }).returning({ id: posts.id });
    expect(await chosen()).toEqual({ id: other, available: 1 });
    // Moved 30 minutes later (still within the gap), then two hours away: free again.
    await ctx.db.execute(sql`update posts set scheduled_at = ${new Date(T.getTime() + 30 * 60_000).toISOString()} where id = ${taken!.id}`);
    expect(await chosen()).toEqual({ id: other, available: 1 });
    await ctx.db.execute(sql`update posts set scheduled_at = ${new Date(T.getTime() + 2 * 3_600_000).toISOString()} where id = ${taken!.id}`);
    expect(await chosen()).toMatchObject({ available: 2 });
    // Both booked at T: nobody is free; one removed: that one is.
    await ctx.db.execute(sql`update posts set scheduled_at = ${T.toISOString()} where id = ${taken!.id}`);
    await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: other, caption: "", scheduledAt: T, status: "scheduled" });
    expect(await chosen()).toMatch(/none of the 2 accounts/);
    await ctx.db.execute(sql`delete from posts where id = ${taken!.id}`);
    expect(await chosen()).toEqual({ id: best, available: 1 });
  });

  it("follows the posts this instance writes without reading them again, and never books a time twice", async () => {
    const { organization } = await makeOrganization(ctx.db, "Write Through Org");
    const hourly = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)])) as never;
    const a = await makeAccount(ctx.db, organization.id, { tag: "wt", minGapMinutes: 60, postingTimes: hourly });
    const b = await makeAccount(ctx.db, organization.id, { tag: "wt", minGapMinutes: 60, postingTimes: hourly });
    await ctx.db.insert(mediaObjects).values({ organizationId: organization.id, sha256: "e".repeat(64), mimeType: "image/jpeg", width: 1080, height: 1920, bytes: 10 });
    const body = (strict: boolean, at = T) => ({ accountId: null, tag: "wt", postTime: at.toISOString(), strict, imageUrls: [`${ctx.config.publicBaseUrl}/media/${"e".repeat(64)}.jpg`] });
    const placed = async (strict: boolean, at?: Date) => {
      const r = await createSlideshow(ctx, organization.id, body(strict, at), NOW);
      return r.ok ? `${r.value.account_id} ${r.value.scheduled_at}` : r.error.status;
    };
    // The cache is warm (a selection read both accounts), then each create goes through it.
    expect((await choosePlacement(ctx.db, { organizationId: organization.id, target: { kind: "pool", filters: { tag: "wt" }, platforms: ["tiktok", "instagram"], label: "tag=wt" }, at: T, strict: true, now: NOW })).ok).toBe(true);
    const first = await placed(true);
    const second = await placed(true);
    expect([first, second].sort()).toEqual([`${a.id} ${T.toISOString()}`, `${b.id} ${T.toISOString()}`].sort());
    expect(await placed(true)).toBe(409);
    // Non-strict: both bumped to the next hourly slot, a gap after the posts just written.
    const later = new Date(T.getTime() + 3_600_000).toISOString();
    expect([await placed(false), await placed(false)].sort()).toEqual([`${a.id} ${later}`, `${b.id} ${later}`].sort());
    const rows = await ctx.db.select({ at: posts.scheduledAt }).from(posts).where(eq(posts.organizationId, organization.id));
    expect(rows).toHaveLength(4);
  });

  it("reads an account's posts again for a time past what its cached posts cover, even when nothing changed", async () => {
    const { organization } = await makeOrganization(ctx.db, "Range Org");
    const a = await makeAccount(ctx.db, organization.id, { tag: "range", minGapMinutes: 60 });
    const b = await makeAccount(ctx.db, organization.id, { tag: "range", minGapMinutes: 60 });
    const later = new Date(T.getTime() + 20 * 86_400_000);
    // Booked before anything was cached: no version moves after the first selection.
    await ctx.db.insert(posts).values([a, b].map((x) => ({ organizationId: organization.id, accountId: x.id, caption: "", scheduledAt: later, status: "scheduled" as const })));
    const req = (at: Date) => ({ organizationId: organization.id, target: { kind: "pool" as const, filters: { tag: "range" }, platforms: ["tiktok" as const, "instagram" as const], label: "tag=range" }, at, strict: true, now: NOW });
    const near = await choosePlacement(ctx.db, req(T));
    expect(near.ok && near.value.selection.available).toBe(2);
    const far = await choosePlacement(ctx.db, req(later));
    expect(far.ok ? far.value : far.error.message).toMatch(/none of the 2 accounts/);
  });

  it("reads the pool's members with their last post time and their posts in the window, and nobody else's", async () => {
    const { organization } = await makeOrganization(ctx.db, "Snapshot Org");
    const other = await makeOrganization(ctx.db, "Snapshot Other");
    const mine = await makeAccount(ctx.db, organization.id, { tag: "snap" });
    const untagged = await makeAccount(ctx.db, organization.id, { tag: "elsewhere" });
    const foreign = await makeAccount(ctx.db, other.organization.id, { tag: "snap" });
    const at = (h: number) => new Date(T.getTime() + h * 3_600_000);
    await ctx.db.insert(posts).values([
      { organizationId: organization.id, accountId: mine.id, caption: "", scheduledAt: at(1), status: "scheduled" },
      { organizationId: organization.id, accountId: mine.id, caption: "", scheduledAt: at(2), status: "failed" },
      { organizationId: organization.id, accountId: mine.id, caption: "", scheduledAt: at(90), status: "scheduled" },
      // The window's edges: its start is in it, its end is not.
      { organizationId: organization.id, accountId: mine.id, caption: "", scheduledAt: at(-1), status: "scheduled" },
      { organizationId: organization.id, accountId: mine.id, caption: "", scheduledAt: at(24), status: "scheduled" },
      { organizationId: organization.id, accountId: untagged.id, caption: "", scheduledAt: at(1), status: "scheduled" },
      { organizationId: other.organization.id, accountId: foreign.id, caption: "", scheduledAt: at(1), status: "scheduled" },
    ]);
    const { members, booked } = await poolMembers(ctx.db, { organizationId: organization.id, filters: { tag: "snap", platforms: ["tiktok", "instagram"] }, windowOf: () => ({ from: at(-1), to: at(24) }) });
    expect(members.map((m) => m.account.id)).toEqual([mine.id]);
    expect(members[0]!.lastPostAt?.toISOString()).toBe(at(90).toISOString());
    // The versions the rules and bookings were read at, for a write guarded on them.
    const [row] = await ctx.db.select({ rules: accounts.rulesVersion, bookings: accounts.bookingsVersion }).from(accounts).where(eq(accounts.id, mine.id));
    expect(row!.bookings).toBeGreaterThan(0);
    expect(members[0]!.versions).toEqual({ rulesVersion: row!.rules, bookingsVersion: row!.bookings });
    expect(members[0]!.account).toMatchObject({ platform: "tiktok", timezone: mine.timezone, minGapMinutes: mine.minGapMinutes, dailyCap: mine.dailyCap, postingTimes: mine.postingTimes });
    // Live posts only (not the failed one), inside [from, to), of pool members only.
    expect([...booked.keys()]).toEqual([mine.id]);
    expect(booked.get(mine.id)!.map((p) => p.at.toISOString())).toEqual([at(-1).toISOString(), at(1).toISOString()]);
  });

  it("concurrent selections of one pool share one read of its heads; a selection after it reads again", async () => {
    const { organization } = await makeOrganization(ctx.db, "Shared Heads Org");
    const a = await makeAccount(ctx.db, organization.id, { tag: "shared" });
    const params = { organizationId: organization.id, filters: { tag: "shared", platforms: ["tiktok" as const, "instagram" as const] }, windowOf: () => ({ from: T, to: new Date(T.getTime() + 86_400_000) }) };
    await poolMembers(ctx.db, params);
    // The heads are the statement a selection sends through db.execute (rules and posts go
    // through db.select, and the cache holds them now).
    const execute = vi.spyOn(ctx.db, "execute");
    try {
      const all = await Promise.all([1, 2, 3, 4].map(() => poolMembers(ctx.db, params)));
      expect(all.map((r) => r.members.map((m) => m.account.id))).toEqual([[a.id], [a.id], [a.id], [a.id]]);
      expect(execute).toHaveBeenCalledTimes(1);
      // Done reading: the next selection reads again, and sees a post booked meanwhile.
      await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: a.id, caption: "", scheduledAt: T, status: "scheduled" });
      const after = await poolMembers(ctx.db, params);
      expect(execute).toHaveBeenCalledTimes(2);
      expect(after.booked.get(a.id)?.map((p) => p.at.toISOString())).toEqual([T.toISOString()]);
    } finally {
      execute.mockRestore();
    }
  });
});
