// The publishing rules of DESIGN.md §6 that concern time: tokens refreshed by the sweep, TikTok
// links filled in after moderation, inbox drafts checked with backoff and expired, publish state
// reset by retry and update, a crashing post capped, the gap kept by real sends, paused
// accounts holding their posts. Both clocks (the app's and the simulator's) move together.
import { unlinkSync } from "node:fs";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imagesOf } from "@/db/queries/posts";
import { accounts, posts } from "@/db/schema";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { updateAccountsInfo } from "../accounts/accounts";
import { mediaFilePath, storedFileName } from "../media/store";
import { createSlideshow, getPost, retryPosts, updatePost } from "../posts/posts";
import { tick } from "./worker";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

let h: PublishingHarness;
beforeAll(async () => {
  h = await startPublishing();
});
afterAll(async () => {
  await h.close();
});

async function setup(platform: "tiktok" | "instagram" = "tiktok") {
  const { organization } = await makeOrganization(h.app.db);
  const accountId = await h.connectAccount(organization.id, platform);
  const img = await h.storedImage(organization.id, 1080, 1350, "#334155");
  return { orgId: organization.id, accountId, img };
}

async function create(orgId: string, body: Record<string, unknown>) {
  const p = await createSlideshow(h.ctx, orgId, body, h.clock());
  if (!p.ok) throw p.error;
  return p.value.id;
}

/** Ticks, moving both clocks by `stepMs` between ticks, until `done` holds. */
async function tickUntil(done: () => Promise<boolean>, stepMs = 2_000, max = 40, watch?: string) {
  for (let i = 0; i < max; i++) {
    await tick(h.ctx, h.clock);
    if (await done()) return;
    await h.advance(stepMs);
  }
  throw new Error(`condition not reached${watch ? `: ${JSON.stringify(await h.post(watch))}` : ""}`);
}

const statusOf = async (id: string) => (await h.post(id)).status;
const initsFor = async (caption: string) => (await h.requests("/content/init/")).filter((r) => r.body?.includes(caption)).length;

describe("the token sweep", () => {
  it("keeps idle accounts' tokens alive past Instagram's 60 days and TikTok's refresh-token lifetime", async () => {
    const { orgId, accountId: ig } = await setup("instagram");
    const tt = await h.connectAccount(orgId, "tiktok");
    const [before] = await h.app.db.select({ exp: accounts.refreshTokenExpiresAt }).from(accounts).where(eq(accounts.id, tt));
    // 200 days with nothing due, a tick every 20 days: each tick's sweep refreshes what is due.
    for (let d = 0; d < 10; d++) {
      await h.advance(20 * DAY);
      await tick(h.ctx, h.clock);
    }
    const rows = await h.app.db.select().from(accounts).where(eq(accounts.organizationId, orgId));
    for (const a of rows) {
      expect(a.status).toBe("active");
      expect(a.accessTokenExpiresAt!.getTime()).toBeGreaterThan(h.clock().getTime());
    }
    const ttRow = rows.find((a) => a.id === tt)!;
    expect(ttRow.refreshTokenExpiresAt!.getTime()).toBeGreaterThan(before!.exp!.getTime() + 150 * DAY);
    // And the tokens still work: a post on each account publishes.
    const img = await h.storedImage(orgId, 1080, 1350, "#0369a1");
    const ids = [await create(orgId, { accountId: ig, imageUrls: [img], caption: "after 200 days ig" }), await create(orgId, { accountId: tt, imageUrls: [img], caption: "after 200 days tt" })];
    await tickUntil(async () => (await Promise.all(ids.map(statusOf))).every((s) => s === "complete"));
  }, 120_000);
});

describe("checking jobs after they were sent", () => {
  it("fills in a TikTok post's link once moderation is over, with backoff", async () => {
    await h.admin("/settings", { tiktokModerationMs: 10 * MIN });
    try {
      const { orgId, accountId, img } = await setup();
      const id = await create(orgId, { accountId, imageUrls: [img], caption: "link after moderation" });
      await tickUntil(async () => (await statusOf(id)) === "complete");
      expect((await h.post(id)).socialId).toBeNull();
      const checksBefore = (await h.requests("/status/fetch/")).length;
      // Ticks in quick succession do not re-check a young link every time.
      for (let i = 0; i < 4; i++) await tick(h.ctx, h.clock);
      expect((await h.requests("/status/fetch/")).length - checksBefore).toBeLessThanOrEqual(1);
      await tickUntil(async () => (await h.post(id)).socialId !== null, MIN);
      const post = await getPost(h.ctx, orgId, { postId: id });
      if (!post.ok) throw post.error;
      expect(post.value.social_id).toMatch(/^\d+$/);
      expect(post.value.post_url).toContain(post.value.social_id!);
      expect((await h.feed()).find((f) => f.caption === "link after moderation")?.postId).toBe(post.value.social_id);
    } finally {
      await h.admin("/settings", { tiktokModerationMs: 3_000 });
    }
  }, 120_000);

  it("checks an inbox draft with backoff, not every tick, and fails it as expired after 7 days", async () => {
    const { orgId, accountId, img } = await setup();
    const id = await create(orgId, { accountId, imageUrls: [img], caption: "draft waits", musicPostId: "7559313483398008095" });
    await tickUntil(async () => (await statusOf(id)) === "awaiting_creator");
    const checksBefore = (await h.requests("/status/fetch/")).length;
    for (let i = 0; i < 5; i++) {
      await tick(h.ctx, h.clock);
      await h.advance(5_000);
    }
    expect((await h.requests("/status/fetch/")).length - checksBefore).toBe(0);
    await h.advance(8 * DAY);
    await tick(h.ctx, h.clock);
    const row = await h.post(id);
    expect(row.status).toBe("failed");
    expect(row.lastError).toMatch(/expired/);
  }, 60_000);
});

describe("retry, update and crashes", () => {
  it("retry resets attempts, the send marker and the job, so the retried post gets its backoff and is sent", async () => {
    const { orgId, accountId, img } = await setup();
    const id = await create(orgId, { accountId, imageUrls: [img], caption: "retried after five" });
    await h.app.db
      .update(posts)
      .set({ status: "failed", attempts: 5, sendingSince: new Date(Date.now() - HOUR), platformJobId: "v_pub_stale", lastError: "earlier failure" })
      .where(eq(posts.id, id));
    const r = await retryPosts(h.ctx, orgId, { postIds: [id] }, h.clock());
    if (!r.ok) throw r.error;
    expect(await h.post(id)).toMatchObject({ status: "scheduled", attempts: 0, sendingSince: null, platformJobId: null, leaseUntil: null });
    // A passing refusal now is retried with backoff, not failed as "out of attempts".
    await h.admin("/faults", { endpoint: "tiktok.content_init", status: 429, code: "rate_limit_exceeded" });
    await tick(h.ctx, h.clock);
    expect(await statusOf(id)).toBe("retrying");
    await tickUntil(async () => (await statusOf(id)) === "complete", 10 * MIN);
    expect((await h.feed()).filter((f) => f.caption === "retried after five")).toHaveLength(1);
  }, 60_000);

  it("update of a failed post resets its publish state too", async () => {
    const { orgId, accountId, img } = await setup();
    const id = await create(orgId, { accountId, imageUrls: [img], caption: "updated after failure" });
    await h.app.db.update(posts).set({ status: "failed", attempts: 5, sendingSince: new Date(), platformJobId: "v_pub_old" }).where(eq(posts.id, id));
    const r = await updatePost(h.ctx, orgId, { postId: id, postTime: new Date(h.clock().getTime() + HOUR).toISOString() }, h.clock());
    if (!r.ok) throw r.error;
    expect(await h.post(id)).toMatchObject({ status: "scheduled", attempts: 0, sendingSince: null, platformJobId: null });
  });

  it("a post that crashes the worker every time fails after a bounded number of attempts, with the error", async () => {
    const { orgId, accountId } = await setup();
    const img = await h.storedImage(orgId, 1080, 1352, "#7c2d12"); // its own file: no variant cached
    const id = await create(orgId, { accountId, imageUrls: [img], caption: "always crashes" });
    // Its stored image is gone: transcoding throws on every attempt.
    for (const i of await imagesOf(h.app.db, [id])) unlinkSync(mediaFilePath(h.ctx.config.mediaDir, storedFileName(i.sha256, i.mimeType))!);
    await tickUntil(async () => (await statusOf(id)) === "failed", 2 * HOUR, 12, id);
    const row = await h.post(id);
    expect(row.attempts).toBe(5);
    expect(row.lastError).toMatch(/ENOENT|no such file/);
    expect(await initsFor("always crashes")).toBe(0);
  }, 60_000);
});

describe("the gap holds for real sends", () => {
  it("a retried post waits for the gap after a post that was really sent", async () => {
    const { orgId, accountId, img } = await setup();
    const now = h.clock();
    const sent = await create(orgId, { accountId, imageUrls: [img], caption: "sent half an hour ago", postTime: new Date(now.getTime() + 3 * HOUR).toISOString() });
    const retried = await create(orgId, { accountId, imageUrls: [img], caption: "retried within the gap", postTime: new Date(now.getTime() + 6 * HOUR).toISOString() });
    const sentAt = new Date(now.getTime() - 30 * MIN);
    await h.app.db.update(posts).set({ status: "complete", scheduledAt: sentAt, sentAt }).where(eq(posts.id, sent));
    await h.app.db.update(posts).set({ status: "retrying", scheduledAt: new Date(now.getTime() - 3 * HOUR), nextAttemptAt: now, attempts: 1 }).where(eq(posts.id, retried));
    await tick(h.ctx, h.clock);
    const row = await h.post(retried);
    expect(row.status).toBe("retrying");
    expect(row.nextAttemptAt!.getTime()).toBe(sentAt.getTime() + 120 * MIN);
    expect(await initsFor("retried within the gap")).toBe(0);
  });

  it("a delayed post does not go out within the gap before a post due after it", async () => {
    const { orgId, accountId, img } = await setup();
    const now = h.clock();
    const due = new Date(now.getTime() + 30 * MIN);
    await create(orgId, { accountId, imageUrls: [img], caption: "due in half an hour", postTime: due.toISOString(), strict: true });
    const late = await create(orgId, { accountId, imageUrls: [img], caption: "late retry", postTime: new Date(now.getTime() + 5 * HOUR).toISOString() });
    await h.app.db.update(posts).set({ status: "retrying", scheduledAt: new Date(now.getTime() - 100 * MIN), nextAttemptAt: now, attempts: 1 }).where(eq(posts.id, late));
    await tick(h.ctx, h.clock);
    const row = await h.post(late);
    expect(row.status).toBe("retrying");
    expect(row.nextAttemptAt!.getTime()).toBe(due.getTime() + 120 * MIN);
    expect(await initsFor("late retry")).toBe(0);
  });
});

describe("pausing an account", () => {
  it("holds its due posts instead of failing them; resuming re-places the non-strict ones and fails strict ones whose time passed", async () => {
    const { orgId, accountId, img } = await setup();
    const start = h.clock();
    const flexible = await create(orgId, { accountId, imageUrls: [img], caption: "held flexible", postTime: new Date(start.getTime() + 10 * MIN).toISOString() });
    const exact = await create(orgId, { accountId, imageUrls: [img], caption: "held exact", postTime: new Date(start.getTime() + 3 * HOUR).toISOString(), strict: true });
    const paused = await updateAccountsInfo(h.app.db, orgId, { accountId, paused: true }, h.clock());
    if (!paused.ok) throw paused.error;
    await h.advance(4 * HOUR);
    await tick(h.ctx, h.clock);
    expect(await statusOf(flexible)).toBe("scheduled");
    expect(await statusOf(exact)).toBe("scheduled");
    expect(await initsFor("held ")).toBe(0);

    const resumedAt = h.clock();
    const resumed = await updateAccountsInfo(h.app.db, orgId, { accountId, paused: false }, resumedAt);
    if (!resumed.ok) throw resumed.error;
    const f = await h.post(flexible);
    expect(f.status).toBe("scheduled");
    expect(f.scheduledAt.getTime()).toBeGreaterThanOrEqual(resumedAt.getTime());
    expect(f.bumped).toBe(true);
    const e = await h.post(exact);
    expect(e.status).toBe("failed");
    expect(e.lastError).toMatch(/paused/);
    await tickUntil(async () => (await statusOf(flexible)) === "complete", 2_000, 40, flexible);
  }, 60_000);
});
