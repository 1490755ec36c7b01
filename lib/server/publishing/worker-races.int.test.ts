// Races between ticks, on the real Postgres with parallel connections (PGlite has one): a tick
// that lost its lease never sends (DESIGN.md §6 "Leases are owned"), and one account's token is
// refreshed once however many of its posts are due together ("single-flight").
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, posts } from "@/db/schema";
import { testDbKind } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { createSlideshow } from "../posts/posts";
import { tick } from "./worker";

describe.runIf(testDbKind === "postgres")("ticks racing each other", () => {
  let h: PublishingHarness;
  beforeAll(async () => {
    h = await startPublishing({ env: { WORKER_LEASE_MS: "1000" }, maxConnections: 20 });
  });
  afterAll(async () => {
    await h.close();
  });

  /** `count` posts due now, spread over `accountIds` (which get no minimum gap, so all are due at once). */
  async function duePosts(organizationId: string, accountIds: string[], count: number, label: string) {
    await h.app.db.update(accounts).set({ minGapMinutes: 0 }).where(inArray(accounts.id, accountIds));
    const img = await h.storedImage(organizationId, 1080, 1350, "#0f766e");
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const p = await createSlideshow(h.ctx, organizationId, { accountId: accountIds[i % accountIds.length]!, imageUrls: [img], caption: `${label} ${i}` }, new Date());
      if (!p.ok) throw p.error;
      ids.push(p.value.id);
    }
    await h.app.db.update(posts).set({ scheduledAt: new Date(Date.now() - 1000) }).where(inArray(posts.id, ids));
    return ids;
  }

  async function settleAll(ids: string[]) {
    for (let i = 0; i < 40; i++) {
      await tick(h.ctx, h.clock);
      const rows = await h.app.db.select({ status: posts.status }).from(posts).where(inArray(posts.id, ids));
      if (rows.every((r) => r.status === "complete" || r.status === "failed")) return;
      await h.advance(2_000);
    }
    throw new Error("posts did not settle");
  }

  it("a tick whose lease was taken over never publishes: one media_publish per container, every post once on the feed", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const igAccounts = [await h.connectAccount(organization.id, "instagram"), await h.connectAccount(organization.id, "instagram"), await h.connectAccount(organization.id, "instagram")];
    const ids = await duePosts(organization.id, igAccounts, 21, "lease race");
    // First, containers are created (nothing is published at this step; a tick with a 1 s
    // lease stops claiming after half a second, so this may take a few).
    for (let i = 0; i < 10; i++) {
      await tick(h.ctx, h.clock);
      const started = await h.app.db.select({ job: posts.platformJobId }).from(posts).where(inArray(posts.id, ids));
      if (started.every((r) => r.job)) break;
    }
    const started = await h.app.db.select({ job: posts.platformJobId }).from(posts).where(inArray(posts.id, ids));
    expect(started.every((r) => r.job)).toBe(true);
    await h.advance(5_000); // containers finish processing

    // Tick A's status checks take 2 s (its 1 s lease runs out meanwhile); tick B starts after
    // A's lease expired, takes the posts over, and its publishes take 2.5 s, so both ticks are
    // in the middle of the same posts at once.
    await h.admin("/faults", { endpoint: "instagram.object", delayMs: 2_000, count: 20 });
    await h.admin("/faults", { endpoint: "instagram.media_publish", delayMs: 2_500, count: 21 });
    const before = (await h.requests("/media_publish")).length;
    const a = tick(h.ctx, h.clock);
    await new Promise((r) => setTimeout(r, 1_300));
    const b = tick(h.ctx, h.clock);
    await Promise.all([a, b]);
    await h.admin("/faults/clear", {});
    await settleAll(ids);

    const publishes = (await h.requests("/media_publish")).slice(before);
    const perContainer = new Map<string, number>();
    for (const r of publishes) {
      const id = new URLSearchParams(r.body ?? "").get("creation_id") ?? "?";
      perContainer.set(id, (perContainer.get(id) ?? 0) + 1);
    }
    expect(Math.max(...perContainer.values())).toBe(1);
    const feed = await h.feed();
    for (let i = 0; i < 21; i++) expect(feed.filter((f) => f.caption === `lease race ${i}`)).toHaveLength(1);
    const rows = await h.app.db.select({ status: posts.status }).from(posts).where(inArray(posts.id, ids));
    expect(rows.filter((r) => r.status === "complete")).toHaveLength(21);
  }, 120_000);

  it("refreshes one account's expiring token once for many due posts; the account stays active and all publish", async () => {
    const { organization } = await makeOrganization(h.app.db);
    const tt = await h.connectAccount(organization.id, "tiktok");
    const ids = await duePosts(organization.id, [tt], 6, "refresh race");
    await h.app.db.update(accounts).set({ accessTokenExpiresAt: new Date(Date.now() + 5 * 60_000) }).where(eq(accounts.id, tt));
    const refreshesBefore = (await h.requests("/oauth/token")).filter((r) => r.body?.includes("grant_type=refresh_token")).length;

    // Two ticks at once, each with the same account's posts in its batch.
    await Promise.all([tick(h.ctx, h.clock), tick(h.ctx, h.clock)]);
    await settleAll(ids);

    const refreshes = (await h.requests("/oauth/token")).filter((r) => r.body?.includes("grant_type=refresh_token")).length - refreshesBefore;
    expect(refreshes).toBe(1);
    const [account] = await h.app.db.select({ status: accounts.status, expires: accounts.accessTokenExpiresAt }).from(accounts).where(eq(accounts.id, tt));
    expect(account?.status).toBe("active");
    expect(account!.expires!.getTime()).toBeGreaterThan(Date.now() + 60 * 60_000);
    const rows = await h.app.db.select({ status: posts.status }).from(posts).where(inArray(posts.id, ids));
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill("complete"));
  }, 120_000);
});
