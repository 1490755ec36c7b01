import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, posts } from "@/db/schema/index";
import { openTestContext } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { poolMembers } from "./pool-rules";
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
      { organizationId: organization.id, accountId: untagged.id, caption: "", scheduledAt: at(1), status: "scheduled" },
      { organizationId: other.organization.id, accountId: foreign.id, caption: "", scheduledAt: at(1), status: "scheduled" },
    ]);
    const { members, booked } = await poolMembers(ctx.db, { organizationId: organization.id, filters: { tag: "snap", platforms: ["tiktok", "instagram"] }, from: at(-1), to: at(24) });
    expect(members.map((m) => m.account.id)).toEqual([mine.id]);
    expect(members[0]!.lastPostAt?.toISOString()).toBe(at(90).toISOString());
    // The versions the rules and bookings were read at, for a write guarded on them.
    const [row] = await ctx.db.select({ rules: accounts.rulesVersion, bookings: accounts.bookingsVersion }).from(accounts).where(eq(accounts.id, mine.id));
    expect(row!.bookings).toBeGreaterThan(0);
    expect(members[0]!.versions).toEqual({ rulesVersion: row!.rules, bookingsVersion: row!.bookings });
    expect(members[0]!.account).toMatchObject({ platform: "tiktok", timezone: mine.timezone, minGapMinutes: mine.minGapMinutes, dailyCap: mine.dailyCap, postingTimes: mine.postingTimes });
    // Live posts only (not the failed one), inside [from, to), of pool members only.
    expect([...booked.keys()]).toEqual([mine.id]);
    expect(booked.get(mine.id)!.map((p) => p.at.toISOString())).toEqual([at(1).toISOString()]);
  });
});
