// Every platform answer of platforms.md that applies to photo posts, driven through the worker
// with the simulator's fault injection, ends in the right post status.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { accounts, posts } from "@/db/schema/index";
import { testDbKind } from "@/test/db";
import { makeOrganization } from "@/test/factories";
import { type PublishingHarness, startPublishing } from "@/test/publishing";
import { createSlideshow } from "../posts/posts";
import { tick } from "./worker";

type Expected = "retrying" | "failed" | "needs_reauth" | "pending";

// The mapping does not depend on the database: run once, in the PGlite pass.
describe.runIf(testDbKind === "pglite")("platform errors through the worker", () => {
  let h: PublishingHarness;
  beforeAll(async () => {
    h = await startPublishing();
  });
  afterAll(async () => {
    await h.close();
  });
  // Each case owns the worker: posts left in flight by an earlier case would otherwise be
  // published in this case's ticks and take its injected fault.
  beforeEach(async () => {
    await h.app.db
      .update(posts)
      .set({ status: "failed", leaseUntil: null })
      .where(inArray(posts.status, ["scheduled", "pending", "retrying", "awaiting_creator"]));
  });

  let n = 0;
  async function duePost(platform: "tiktok" | "instagram", images = 1) {
    n++;
    const { organization } = await makeOrganization(h.app.db);
    const accountId = await h.connectAccount(organization.id, platform);
    const url = await h.storedImage(organization.id, 1080, 1350, "#64748b");
    const p = await createSlideshow(h.ctx, organization.id, { accountId, imageUrls: Array(images).fill(url), caption: `${platform} errors ${n}` }, new Date());
    if (!p.ok) throw p.error;
    return { postId: p.value.id, accountId, caption: `${platform} errors ${n}` };
  }

  async function expectOutcome(postId: string, accountId: string, expected: Expected) {
    const post = await h.post(postId);
    const [account] = await h.app.db.select({ status: accounts.status }).from(accounts).where(eq(accounts.id, accountId));
    if (expected === "needs_reauth") {
      expect(post.status).toBe("failed");
      expect(account?.status).toBe("needs_reauth");
    } else {
      expect(post.status).toBe(expected);
      expect(account?.status).toBe("active");
    }
    if (expected !== "pending") expect(post.lastError).toBeTruthy();
  }

  it.each([
    [400, "invalid_param", "failed"],
    [400, "app_version_check_failed", "failed"],
    [403, "spam_risk_too_many_posts", "retrying"],
    [403, "spam_risk_user_banned_from_posting", "failed"],
    [403, "spam_risk_too_many_pending_share", "retrying"],
    [403, "reached_active_user_cap", "retrying"],
    [403, "unaudited_client_can_only_post_to_private_accounts", "failed"],
    [403, "url_ownership_unverified", "failed"],
    [403, "privacy_level_option_mismatch", "failed"],
    [401, "access_token_invalid", "needs_reauth"],
    [401, "scope_not_authorized", "needs_reauth"],
    [429, "rate_limit_exceeded", "retrying"],
  ] as const)("TikTok content/init HTTP %i %s → %s", async (status, code, expected) => {
    const { postId, accountId } = await duePost("tiktok");
    await h.admin("/faults", { endpoint: "tiktok.content_init", status, code });
    await tick(h.ctx, h.clock);
    await expectOutcome(postId, accountId, expected);
    // Nothing reached the feed, and nothing is left marked as sending.
    expect((await h.post(postId)).sendingSince).toBeNull();
  });

  // A 5xx to the request that creates the post came from past the platform's front door: the
  // post may exist, so it is never resent (DESIGN.md §6 "Unknown outcome is the default").
  it.each([
    [500, { code: "internal_error" }],
    [502, { body: "<html>Bad Gateway</html>" }],
    [503, { body: "" }],
  ] as const)("TikTok content/init HTTP %i → failed as unknown outcome, never resent", async (status, fault) => {
    const { postId, accountId } = await duePost("tiktok");
    await h.admin("/faults", { endpoint: "tiktok.content_init", status, ...fault });
    const inits = async () => ((await (await h.admin("/requests")).json()) as { requests: { path: string }[] }).requests.filter((r) => r.path.includes("/content/init/")).length;
    const before = await inits();
    await tick(h.ctx, h.clock);
    await expectOutcome(postId, accountId, "failed");
    expect((await h.post(postId)).lastError).toMatch(/not resent|may have been published/);
    await tick(h.ctx, h.clock);
    expect(await inits()).toBe(before + 1);
  });

  it.each([
    ["internal", "retrying"],
    ["photo_pull_failed", "retrying"],
    ["file_format_check_failed", "failed"],
    ["picture_size_check_failed", "failed"],
    ["publish_cancelled", "failed"],
    ["auth_removed", "needs_reauth"],
    ["spam_risk_too_many_posts", "retrying"],
    ["spam_risk_user_banned_from_posting", "failed"],
    ["spam_risk_text", "failed"],
    ["spam_risk", "failed"],
  ] as const)("TikTok fail_reason %s → %s", async (reason, expected) => {
    const { postId, accountId } = await duePost("tiktok");
    await tick(h.ctx, h.clock);
    const jobId = (await h.post(postId)).platformJobId;
    expect(jobId).toBeTruthy();
    await h.admin(`/tiktok/publish/${encodeURIComponent(jobId!)}/fail`, { reason });
    await h.advance(5_000); // the job's next status check is due
    await tick(h.ctx, h.clock);
    await expectOutcome(postId, accountId, expected);
    if (expected === "retrying") expect((await h.post(postId)).platformJobId).toBeNull();
  });

  it.each([
    [36000, 2207004, "failed"],
    [36001, 2207005, "failed"],
    [36003, 2207009, "failed"],
    [36004, 2207010, "failed"],
    [9004, 2207052, "retrying"],
    [-2, 2207003, "retrying"],
    [-1, 2207001, "retrying"],
    [100, 2207028, "failed"],
    [4, 2207051, "failed"],
    [25, 2207050, "needs_reauth"],
    [190, 463, "needs_reauth"],
    [4, undefined, "retrying"],
  ] as const)("Instagram container creation code %i/%s → %s", async (code, subcode, expected) => {
    const { postId, accountId } = await duePost("instagram");
    await h.admin("/faults", { endpoint: "instagram.media_create", status: 400, code, subcode });
    await tick(h.ctx, h.clock);
    await expectOutcome(postId, accountId, expected);
  });

  it.each([
    [9, 2207042, "pending", 400],
    [9007, 2207027, "pending", 400],
    [24, 2207008, "pending", 400],
    [190, 460, "needs_reauth", 400],
    [100, 2207023, "failed", 400],
    [2, undefined, "failed", 500],
    [1, undefined, "failed", 503],
  ] as const)("Instagram media_publish code %i/%s → %s", async (code, subcode, expected, status) => {
    const { postId, accountId, caption } = await duePost("instagram");
    // The next media_publish call (in whichever tick the container is ready) is refused; a
    // 5xx leaves the outcome unknown, so the post fails for a human instead of being resent.
    await h.admin("/faults", { endpoint: "instagram.media_publish", status, code, ...(subcode === undefined ? {} : { subcode }) });
    // Ticks until the container is ready and the publish is attempted (and refused).
    for (let i = 0; i < 20; i++) {
      await tick(h.ctx, h.clock);
      const now = await h.post(postId);
      if (now.status !== "pending" || now.lastError) break;
      await h.advance(1_000);
    }
    await expectOutcome(postId, accountId, expected);
    const feed = await h.feed();
    expect(feed.filter((f) => f.caption === caption).length).toBe(0);
  });

  it("keeps polling (never resends) when the status call itself fails after a send", async () => {
    const { postId, accountId } = await duePost("tiktok");
    await tick(h.ctx, h.clock);
    await h.admin("/faults", { endpoint: "tiktok.status_fetch", status: 503, body: "<html>oops</html>", count: 3 });
    await h.advance(5_000);
    await tick(h.ctx, h.clock);
    await expectOutcome(postId, accountId, "pending");
    expect((await h.post(postId)).platformJobId).toBeTruthy();
    const before = ((await (await h.admin("/requests")).json()) as { requests: { path: string }[] }).requests.filter((r) => r.path.includes("/content/init/")).length;
    await h.advance(5_000);
    await tick(h.ctx, h.clock);
    const after = ((await (await h.admin("/requests")).json()) as { requests: { path: string }[] }).requests.filter((r) => r.path.includes("/content/init/")).length;
    expect(after).toBe(before);
  });
});
