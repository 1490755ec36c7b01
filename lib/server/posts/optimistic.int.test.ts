import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPost, insertPostIfUnchanged } from "@/db/queries/posts";
import { accountSnapshot } from "@/db/queries/scheduling";
import { accounts, mediaObjects, postImages, posts } from "@/db/schema/index";
import { openTestContext, testDbKind } from "@/test/db";
import { makeAccount, makeOrganization } from "@/test/factories";
import type { AppContext } from "../context";
import { createSlideshow } from "./posts";
import { type PlaceRequest, reserveNew } from "./scheduler";

const T = new Date("2031-05-06T12:00:00Z");
const NOW = new Date("2031-05-01T00:00:00Z");
const EVERY_HOUR = Object.fromEntries(["mon", "tue", "wed", "thu", "fri", "sat", "sun"].map((d) => [d, Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, "0")}:00`)])) as never;

describe("creates written by one guarded statement", () => {
  let ctx: AppContext;
  beforeAll(async () => {
    ctx = await openTestContext({ maxConnections: 20 });
  });
  afterAll(async () => {
    await ctx.close();
  });

  const bookingsOf = async (id: string) => (await ctx.db.select({ v: accounts.bookingsVersion }).from(accounts).where(eq(accounts.id, id)))[0]!.v;

  it("raises an account's bookings version whenever its live posts change, and only then", async () => {
    const { organization } = await makeOrganization(ctx.db, "Bookings Org");
    const a = await makeAccount(ctx.db, organization.id);
    const b = await makeAccount(ctx.db, organization.id);
    const [p] = await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: a.id, caption: "", scheduledAt: T, status: "scheduled" }).returning();
    expect(await bookingsOf(a.id)).toBe(1);
    await ctx.db.update(posts).set({ caption: "edited", status: "pending" }).where(eq(posts.id, p!.id)); // live → live, same time
    expect(await bookingsOf(a.id)).toBe(1);
    await ctx.db.update(posts).set({ scheduledAt: new Date(T.getTime() + 3_600_000) }).where(eq(posts.id, p!.id));
    expect(await bookingsOf(a.id)).toBe(2);
    await ctx.db.update(posts).set({ status: "failed" }).where(eq(posts.id, p!.id)); // no longer live
    expect(await bookingsOf(a.id)).toBe(3);
    await ctx.db.update(posts).set({ accountId: b.id, status: "scheduled" }).where(eq(posts.id, p!.id)); // moved to b
    expect([await bookingsOf(a.id), await bookingsOf(b.id)]).toEqual([4, 1]);
    await ctx.db.delete(posts).where(eq(posts.id, p!.id));
    expect(await bookingsOf(b.id)).toBe(2);
  });

  it("writes nothing when the account's posts changed after they were read, and the post with its images when not", async () => {
    const { organization } = await makeOrganization(ctx.db, "Guard Org");
    const a = await makeAccount(ctx.db, organization.id);
    const [m1, m2] = await ctx.db
      .insert(mediaObjects)
      .values([1, 2].map((i) => ({ organizationId: organization.id, sha256: `${i}`.repeat(64), mimeType: "image/jpeg", width: 1080, height: 1920, bytes: 10 })))
      .returning();
    const snap = (await accountSnapshot(ctx.db, { organizationId: organization.id, accountId: a.id, from: new Date(T.getTime() - 86_400_000), to: new Date(T.getTime() + 86_400_000) }))!;
    const guard = { organizationId: organization.id, accountId: a.id, rulesVersion: snap.rulesVersion, bookingsVersion: snap.bookingsVersion };
    const post = { organizationId: organization.id, accountId: a.id, caption: "guarded", musicPostId: null, requestedTime: T, scheduledAt: T, strict: true, bumped: false, selection: { mode: "explicit" }, warnings: ["w"], mediaIds: [m2!.id, m1!.id], sourceUrls: [null, "https://x.test/1.jpg"] };

    // Someone else books the account in between (what the read did not see).
    await ctx.db.insert(posts).values({ organizationId: organization.id, accountId: a.id, caption: "", scheduledAt: T, status: "scheduled" });
    expect(await insertPostIfUnchanged(ctx.db, guard, post)).toBeNull();
    expect(await ctx.db.select().from(posts).where(and(eq(posts.organizationId, organization.id), eq(posts.caption, "guarded")))).toHaveLength(0);
    // A rule changed in between: refused too.
    const fresh = (await accountSnapshot(ctx.db, { organizationId: organization.id, accountId: a.id, from: T, to: T }))!;
    await ctx.db.update(accounts).set({ dailyCap: a.dailyCap + 1 }).where(eq(accounts.id, a.id));
    expect(await insertPostIfUnchanged(ctx.db, { ...guard, bookingsVersion: fresh.bookingsVersion }, post)).toBeNull();

    const current = (await accountSnapshot(ctx.db, { organizationId: organization.id, accountId: a.id, from: T, to: T }))!;
    const row = await insertPostIfUnchanged(ctx.db, { ...guard, rulesVersion: current.rulesVersion, bookingsVersion: current.bookingsVersion }, post);
    expect(row).toMatchObject({ accountId: a.id, status: "scheduled", caption: "guarded", strict: true, warnings: ["w"] });
    const [stored] = await ctx.db.select().from(posts).where(eq(posts.id, row!.id));
    expect(stored).toMatchObject({ caption: "guarded", scheduledAt: T, requestedTime: T, selection: { mode: "explicit" }, warnings: ["w"], strict: true });
    expect(stored!.createdAt.getTime()).toBe(row!.createdAt.getTime());
    const images = await ctx.db.select().from(postImages).where(inArray(postImages.postId, [row!.id])).orderBy(postImages.position);
    expect(images.map((i) => [i.position, i.mediaId, i.sourceUrl])).toEqual([
      [0, m2!.id, null],
      [1, m1!.id, "https://x.test/1.jpg"],
    ]);
    // Another organization's id is no account at all.
    const other = await makeOrganization(ctx.db, "Guard Other");
    expect(await insertPostIfUnchanged(ctx.db, { ...guard, organizationId: other.organization.id, bookingsVersion: current.bookingsVersion + 1 }, post)).toBeNull();
  });

  // Concurrency claims need real parallel connections: PGlite has one.
  it.runIf(testDbKind === "postgres")("20 + 20 simultaneous creates on one account: strict ones at one time, one wins; non-strict ones all land, a gap apart", async () => {
    const { organization } = await makeOrganization(ctx.db, "Optimistic Race Org");
    const a = await makeAccount(ctx.db, organization.id, { minGapMinutes: 60, dailyCap: 100, postingTimes: EVERY_HOUR });
    const body = (strict: boolean) => ({ accountId: a.id, postTime: T.toISOString(), strict });
    const [media] = await ctx.db
      .insert(mediaObjects)
      .values({ organizationId: organization.id, sha256: "c".repeat(64), mimeType: "image/jpeg", width: 1080, height: 1920, bytes: 10 })
      .returning();
    const url = `${ctx.config.publicBaseUrl}/media/${"c".repeat(64)}.jpg`;
    expect(media).toBeTruthy();
    const strict = await Promise.all(Array.from({ length: 20 }, () => createSlideshow(ctx, organization.id, { ...body(true), imageUrls: [url] }, NOW)));
    const statuses = strict.map((r) => (r.ok ? 201 : r.error.status));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);

    const loose = await Promise.all(Array.from({ length: 20 }, () => createSlideshow(ctx, organization.id, { ...body(false), imageUrls: [url] }, NOW)));
    expect(loose.map((r) => (r.ok ? 201 : r.error.status))).toEqual(Array(20).fill(201));
    const times = (await ctx.db.select({ at: posts.scheduledAt }).from(posts).where(eq(posts.accountId, a.id))).map((p) => p.at.getTime()).sort((x, y) => x - y);
    expect(times).toHaveLength(21);
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(60 * 60_000);
  });

  describe("a new post in a pool", () => {
    /** Two pool accounts free at T, and reserveNew's writes recorded: which account each path wrote to. */
    async function pool(name: string) {
      const { organization } = await makeOrganization(ctx.db, name);
      const tag = name.toLowerCase().replace(/\W/g, "-");
      const a = await makeAccount(ctx.db, organization.id, { tag, postingTimes: EVERY_HOUR });
      const b = await makeAccount(ctx.db, organization.id, { tag, postingTimes: EVERY_HOUR });
      const req: PlaceRequest = {
        organizationId: organization.id,
        target: { kind: "pool", filters: { tag }, platforms: ["tiktok", "instagram"], label: `tag=${tag}` },
        at: T,
        strict: true,
        now: NOW,
      };
      const calls: string[] = [];
      const post = (accountId: string) => ({ organizationId: organization.id, accountId, caption: name, musicPostId: null, requestedTime: T, scheduledAt: T, strict: true, bumped: false, selection: { mode: "pool" }, warnings: [], mediaIds: [], sourceUrls: [] });
      const writes = (before?: (accountId: string) => Promise<void>) => ({
        guarded: async (guard: Parameters<typeof insertPostIfUnchanged>[1], _p: unknown, _a: unknown, opts?: { skipLocked?: boolean }) => {
          calls.push(`guarded ${guard.accountId}`);
          await before?.(guard.accountId);
          return insertPostIfUnchanged(ctx.db, guard, post(guard.accountId), opts);
        },
        locked: async (tx: typeof ctx.db, placement: { accountId: string }) => {
          calls.push(`locked ${placement.accountId}`);
          return insertPost(tx, post(placement.accountId));
        },
      });
      const postsOn = async (id: string) => (await ctx.db.select({ caption: posts.caption, at: posts.scheduledAt }).from(posts).where(eq(posts.accountId, id))).map((p) => p.caption);
      return { organization, a, b, req, calls, writes, postsOn };
    }

    it("is written by one guarded statement on the best candidate when nothing changed", async () => {
      const { req, calls, writes } = await pool("Pool Guarded");
      const r = await reserveNew(ctx.db, req, writes());
      expect(r.ok).toBe(true);
      expect(calls).toEqual([`guarded ${r.ok && r.value.placement.accountId}`]);
    });

    it("goes down the ranking under row locks when the best candidate was booked after the snapshot, and never double-books it", async () => {
      const { organization, a, b, req, calls, writes, postsOn } = await pool("Pool Changed");
      // Between the snapshot and the guarded write, someone else takes the best candidate at T.
      const sneakIn = async (accountId: string) => {
        await ctx.db.insert(posts).values({ organizationId: organization.id, accountId, caption: "someone else", scheduledAt: T, status: "scheduled" });
      };
      const r = await reserveNew(ctx.db, req, writes(sneakIn));
      expect(r.ok).toBe(true);
      const first = calls[0]!.split(" ")[1]!;
      const second = first === a.id ? b.id : a.id;
      expect(calls).toEqual([`guarded ${first}`, `locked ${second}`]);
      expect(r.ok && r.value.placement.accountId).toBe(second);
      expect(await postsOn(first)).toEqual(["someone else"]);
      expect(await postsOn(second)).toEqual(["Pool Changed"]);
    });

    it.runIf(testDbKind === "postgres")("8 simultaneous creates into a pool of 8 each take their own account by a guarded write, none queueing on the best one", async () => {
      const { organization } = await makeOrganization(ctx.db, "Pool Spread");
      const tag = "pool-spread";
      const ids = new Set<string>();
      for (let i = 0; i < 8; i++) ids.add((await makeAccount(ctx.db, organization.id, { tag, postingTimes: EVERY_HOUR })).id);
      const req: PlaceRequest = { organizationId: organization.id, target: { kind: "pool", filters: { tag }, platforms: ["tiktok", "instagram"], label: `tag=${tag}` }, at: T, strict: true, now: NOW };
      const calls: string[] = [];
      const post = (accountId: string) => ({ organizationId: organization.id, accountId, caption: "spread", musicPostId: null, requestedTime: T, scheduledAt: T, strict: true, bumped: false, selection: {}, warnings: [], mediaIds: [], sourceUrls: [] });
      const writes = {
        guarded: async (guard: Parameters<typeof insertPostIfUnchanged>[1], _p: unknown, _a: unknown, opts?: { skipLocked?: boolean }) => {
          calls.push("guarded");
          return insertPostIfUnchanged(ctx.db, guard, post(guard.accountId), opts);
        },
        locked: async (tx: typeof ctx.db, placement: { accountId: string }) => {
          calls.push("locked");
          return insertPost(tx, post(placement.accountId));
        },
      };
      // Warm the instance's cache, as any earlier selection does.
      await reserveNew(ctx.db, { ...req, at: new Date(T.getTime() + 86_400_000) }, { guarded: async () => null, locked: async (_tx, p) => ({ id: p.accountId }) });
      const results = await Promise.all(Array.from({ length: 8 }, () => reserveNew(ctx.db, req, writes)));
      const placed = results.map((r) => (r.ok ? r.value.placement.accountId : r.error.status));
      expect(new Set(placed)).toEqual(ids);
      expect(calls).toEqual(Array(8).fill("guarded"));
    });

    it.runIf(testDbKind === "postgres")("skips a best candidate whose row another writer holds instead of waiting for it", async () => {
      const { a, b, req, calls, writes, postsOn } = await pool("Pool Held");
      // Which one is best: ask without writing, then hold that account's row in a transaction.
      const probe = await reserveNew(ctx.db, req, { guarded: async () => null, locked: async (_tx, p) => ({ id: p.accountId }) });
      const best = probe.ok ? probe.value.written.id : "";
      calls.length = 0;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = ctx.db.transaction(async (tx) => {
        await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, best)).for("update");
        locked();
        await held;
      });
      await isLocked;
      const r = await reserveNew(ctx.db, req, writes());
      release();
      await holder;
      const other = best === a.id ? b.id : a.id;
      expect(r.ok && r.value.placement.accountId).toBe(other);
      expect(calls).toEqual([`guarded ${best}`, `locked ${other}`]);
      expect(await postsOn(best)).toEqual([]);
      expect(await postsOn(other)).toEqual(["Pool Held"]);
    });
  });
});
