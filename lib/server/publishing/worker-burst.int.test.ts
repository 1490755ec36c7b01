// The worker under a burst (scripts/bench-publish.ts measures it with real app processes): a
// tick follows up the Instagram containers it created itself, holding their leases, so they are
// published in that tick and no other tick polls them before they can be ready; and TikTok's
// per-minute limit holds as the platform counts it (on arrival), even when a send is slow to
// leave after the worker decided to make it.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accounts, posts } from "@/db/schema";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { createSlideshow } from "../posts/posts";
import { tick } from "./worker";

let h: PublishingHarness;
beforeAll(async () => {
  h = await startPublishing();
});
afterAll(async () => {
  await h.close();
});

/** `perAccount` posts due now on each of `count` new accounts of `platform` (minimum gap 0). */
async function duePosts(platform: "tiktok" | "instagram", count: number, perAccount: number, label: string) {
  const { organization } = await makeOrganization(h.app.db);
  const ids: string[] = [];
  for (let a = 0; a < count; a++) {
    const accountId = await h.connectAccount(organization.id, platform);
    await h.app.db.update(accounts).set({ minGapMinutes: 0 }).where(eq(accounts.id, accountId));
    const img = await h.storedImage(organization.id, 1080, 1350, "#1d4ed8");
    for (let i = 0; i < perAccount; i++) {
      const p = await createSlideshow(h.ctx, organization.id, { accountId, imageUrls: [img], caption: `${label} ${a}.${i}` }, h.clock());
      if (!p.ok) throw p.error;
      ids.push(p.value.id);
    }
  }
  await h.app.db.update(posts).set({ scheduledAt: new Date(h.clock().getTime() - 1000) }).where(inArray(posts.id, ids));
  return ids;
}

describe("a burst of due posts", () => {
  it("publishes Instagram containers in the tick that created them, holding their leases until then", async () => {
    const ids = await duePosts("instagram", 6, 2, "followed up");
    const first = tick(h.ctx, h.clock);
    // Once every container exists (none is processed yet), each post is still held by the tick
    // that created it, so no other tick polls it early; a second tick running now leaves them alone.
    for (let i = 0; i < 500; i++) {
      const rows = await h.app.db.select({ job: posts.platformJobId }).from(posts).where(inArray(posts.id, ids));
      if (rows.every((r) => r.job)) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const held = await h.app.db.select({ status: posts.status, lease: posts.leaseUntil }).from(posts).where(inArray(posts.id, ids));
    expect(held.every((r) => r.status === "complete" || r.lease !== null)).toBe(true);
    await tick(h.ctx, h.clock);
    await first;
    // All published by the first tick, each exactly once.
    const rows = await h.app.db.select().from(posts).where(inArray(posts.id, ids));
    expect(rows.map((r) => r.status)).toEqual(ids.map(() => "complete"));
    expect(rows.every((r) => r.leaseUntil === null && r.sendingSince === null && r.sentAt !== null)).toBe(true);
    const feed = await h.feed();
    for (let a = 0; a < 6; a++) for (let i = 0; i < 2; i++) expect(feed.filter((f) => f.caption === `followed up ${a}.${i}`)).toHaveLength(1);
    const publishes = (await h.requests("/media_publish")).filter((r) => rows.some((p) => r.body?.includes(p.platformJobId!)));
    expect(publishes.map((r) => r.status)).toEqual(rows.map(() => 200));
  }, 60_000);

  it("keeps TikTok's 6 inits a minute as the platform counts them, when the first sends were slow to leave", async () => {
    const ids = await duePosts("tiktok", 1, 7, "slow to leave");
    // The creator_info calls before six of the sends take 1.5 s: those sends reach TikTok 1.5 s
    // after their posts were claimed.
    await h.admin("/faults", { endpoint: "tiktok.creator_info", count: 6, delayMs: 1_500 });
    await tick(h.ctx, h.clock);
    const waiting = (await h.app.db.select().from(posts).where(inArray(posts.id, ids))).filter((r) => r.status === "retrying");
    expect(waiting).toHaveLength(1);
    // The seventh goes when the worker says the window has room: TikTok must agree.
    await h.advance(waiting[0]!.nextAttemptAt!.getTime() - h.clock().getTime());
    await tick(h.ctx, h.clock);
    const inits = (await h.requests("/content/init/")).filter((r) => r.body?.includes("slow to leave"));
    expect(inits.map((r) => r.status)).toEqual(ids.map(() => 200));
    const rows = await h.app.db.select({ status: posts.status, attempts: posts.attempts }).from(posts).where(inArray(posts.id, ids));
    expect(rows.every((r) => r.status === "pending" || r.status === "complete")).toBe(true);
  }, 60_000);
});
