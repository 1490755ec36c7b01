// The publish worker (DESIGN.md §6): one tick hands expired leases back, claims due posts and
// starts them, then polls the ones in flight. At most once: the platform's job id is saved the
// moment it is known, and a post whose send may have reached the platform is never resent.
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import * as wq from "@/db/queries/worker";
import { type Classified, TIKTOK_SEND_LIMITS, nextRetryAt, sendAllowedAt } from "@/lib/domain/publishing";
import { decryptSecret, encryptSecret } from "./crypto";
import { logger } from "./logger";
import { publicMediaUrl } from "./media/store";
import { variantFor } from "./media/transcode";
import * as instagram from "./platforms/instagram";
import * as tiktok from "./platforms/tiktok";

export type WorkerCtx = {
  db: Db;
  config: Pick<Config, "publicBaseUrl" | "mediaDir" | "encryptionKey" | "platforms" | "workerLeaseMs">;
};

export type TickSummary = {
  reclaimed: number;
  unknownOutcome: number;
  claimed: number;
  polled: number;
  complete: number;
  awaitingCreator: number;
  retrying: number;
  failed: number;
};

const BATCH = 20;
const REFRESH_AHEAD_MS = 10 * 60_000;
export const UNKNOWN_OUTCOME =
  "The worker stopped after sending this post and before the platform's answer was saved; it was not resent. Check the account, then retry or delete it.";

type Held = { job: wq.Job; lease: Date; now: Date };
type Tally = Omit<TickSummary, "reclaimed" | "unknownOutcome" | "claimed" | "polled">;

export async function tick(ctx: WorkerCtx, clock: () => Date = () => new Date()): Promise<TickSummary> {
  const now = clock();
  const { requeued, unknown } = await wq.reclaimExpired(ctx.db, { now, unknownReason: UNKNOWN_OUTCOME });
  const tally: Tally = { complete: 0, awaitingCreator: 0, retrying: 0, failed: 0 };
  const lease = () => new Date(clock().getTime() + ctx.config.workerLeaseMs);

  const claimed = await wq.claimDue(ctx.db, { now, limit: BATCH, leaseUntil: lease() });
  await Promise.all(claimed.map((id) => guarded(ctx, id, tally, clock, start)));
  const inFlight = await wq.claimInFlight(ctx.db, { now: clock(), limit: BATCH * 2, leaseUntil: lease() });
  await Promise.all(inFlight.map((id) => guarded(ctx, id, tally, clock, poll)));
  return { reclaimed: requeued, unknownOutcome: unknown, claimed: claimed.length, polled: inFlight.length, ...tally };
}

/** One post, isolated: a bug in one never stops the others (its lease expires and it is reclaimed). */
async function guarded(
  ctx: WorkerCtx,
  postId: string,
  tally: Tally,
  clock: () => Date,
  step: (ctx: WorkerCtx, held: Held, tally: Tally) => Promise<void>,
) {
  try {
    const job = await wq.loadJob(ctx.db, postId);
    if (!job?.post.leaseUntil) return;
    await step(ctx, { job, lease: job.post.leaseUntil, now: clock() }, tally);
  } catch (error) {
    logger.error(`worker: post ${postId} failed unexpectedly`, error);
  }
}

const set = (ctx: WorkerCtx, h: Held, fields: Parameters<typeof wq.updateHeldPost>[1]["set"]) =>
  wq.updateHeldPost(ctx.db, { postId: h.job.post.id, leaseUntil: h.lease, set: fields, now: h.now });

async function settle(ctx: WorkerCtx, h: Held, tally: Tally, failure: Classified, opts: { clearJob?: boolean; retryAfterMs?: number } = {}) {
  const clear = opts.clearJob ? { platformJobId: null, sendingSince: null } : {};
  if (failure.class === "needs_reauth") {
    await wq.updateAccountTokens(ctx.db, { accountId: h.job.account.id, set: { status: "needs_reauth", lastError: failure.reason }, now: h.now });
    await set(ctx, h, { ...clear, status: "failed", leaseUntil: null, lastError: `The account needs to be reconnected: ${failure.reason}` });
    tally.failed++;
    return;
  }
  if (failure.class === "unknown_outcome") {
    await set(ctx, h, { status: "failed", leaseUntil: null, lastError: `${failure.reason}. ${UNKNOWN_OUTCOME}` });
    tally.failed++;
    return;
  }
  const retryAt = nextRetryAt(failure.class, h.job.post.attempts, h.now, { jitter: Math.random(), retryAfterMs: opts.retryAfterMs });
  if (retryAt) {
    await set(ctx, h, { ...clear, status: "retrying", nextAttemptAt: retryAt, leaseUntil: null, lastError: failure.reason });
    tally.retrying++;
  } else {
    await set(ctx, h, { ...clear, status: "failed", leaseUntil: null, lastError: failure.reason });
    tally.failed++;
  }
}

/** A usable access token, refreshed ahead of expiry; null after settling the post when impossible. */
async function accessToken(ctx: WorkerCtx, h: Held, tally: Tally): Promise<string | null> {
  const { account } = h.job;
  const key = ctx.config.encryptionKey;
  if (!account.accessTokenEnc) {
    await settle(ctx, h, tally, { class: "needs_reauth", reason: "no token stored" });
    return null;
  }
  const token = decryptSecret(account.accessTokenEnc, key);
  const expiresAt = account.accessTokenExpiresAt?.getTime() ?? Infinity;
  if (expiresAt - h.now.getTime() > REFRESH_AHEAD_MS) return token;
  if (account.platform === "tiktok" && account.refreshTokenEnc) {
    const r = await tiktok.refreshTokens(ctx.config.platforms.tiktok, decryptSecret(account.refreshTokenEnc, key), h.now);
    if (r.ok) {
      // Refresh tokens rotate: the new one must be stored before anything else.
      await wq.updateAccountTokens(ctx.db, {
        accountId: account.id,
        now: h.now,
        set: {
          accessTokenEnc: encryptSecret(r.value.accessToken, key),
          refreshTokenEnc: encryptSecret(r.value.refreshToken, key),
          accessTokenExpiresAt: r.value.accessTokenExpiresAt,
          refreshTokenExpiresAt: r.value.refreshTokenExpiresAt,
        },
      });
      return r.value.accessToken;
    }
    if (r.error.class === "needs_reauth" || expiresAt <= h.now.getTime()) {
      await settle(ctx, h, tally, r.error);
      return null;
    }
    return token;
  }
  if (account.platform === "instagram") {
    const r = await instagram.refreshToken(ctx.config.platforms.instagram, token, h.now);
    if (r.ok) {
      await wq.updateAccountTokens(ctx.db, { accountId: account.id, now: h.now, set: { accessTokenEnc: encryptSecret(r.value.accessToken, key), accessTokenExpiresAt: r.value.expiresAt } });
      return r.value.accessToken;
    }
  }
  if (expiresAt <= h.now.getTime()) {
    await settle(ctx, h, tally, { class: "needs_reauth", reason: "the access token expired and could not be refreshed" });
    return null;
  }
  return token;
}

async function start(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { post, account } = h.job;
  if (account.status !== "active") {
    await settle(ctx, h, tally, { class: "permanent", reason: `the account is ${account.status === "paused" ? "paused" : "disconnected (needs_reauth)"}` });
    return;
  }
  const token = await accessToken(ctx, h, tally);
  if (!token) return;
  const urls: string[] = [];
  for (const img of h.job.images) {
    const v = await variantFor(ctx.config.mediaDir, `${img.sha256}.${img.mimeType === "image/png" ? "png" : "jpg"}`, account.platform);
    urls.push(publicMediaUrl(ctx.config.publicBaseUrl, v.fileName));
  }

  if (account.platform === "tiktok") {
    const cfg = ctx.config.platforms.tiktok;
    const info = await tiktok.creatorInfo(cfg, token);
    if (!info.ok) return settle(ctx, h, tally, info.error, { retryAfterMs: info.error.retryAfterMs });
    const options = info.value.privacyLevelOptions;
    const privacyLevel = account.privacyLevel && options.includes(account.privacyLevel)
      ? account.privacyLevel
      : options.includes("PUBLIC_TO_EVERYONE") ? "PUBLIC_TO_EVERYONE" : options[0];
    // TikTok's API cannot attach a chosen sound: such posts go to the creator's inbox as drafts.
    const mode = post.musicPostId ? "MEDIA_UPLOAD" : "DIRECT_POST";
    // Check TikTok's per-token limits and mark this send in one transaction under the account's
    // row lock, so concurrent sends (this tick's or another's) are counted against each other.
    const slot = await ctx.db.transaction(async (tx) => {
      await wq.lockAccountForSend(tx, { accountId: account.id });
      const recent = await wq.recentSends(tx, { accountId: account.id, since: new Date(h.now.getTime() - 86_400_000) });
      const wait = sendAllowedAt(recent, h.now, TIKTOK_SEND_LIMITS);
      if (wait) return { wait };
      const marked = await wq.updateHeldPost(tx, { postId: post.id, leaseUntil: h.lease, set: { sendingSince: h.now }, now: h.now });
      return { marked };
    });
    if ("wait" in slot) {
      // Over the limits: wait for the window instead of spending an attempt on a 429.
      await set(ctx, h, { status: "retrying", nextAttemptAt: slot.wait, leaseUntil: null, attempts: post.attempts - 1 });
      tally.retrying++;
      return;
    }
    if (!slot.marked) return;
    const init = await tiktok.initPhotoPost(cfg, token, {
      mode,
      title: post.caption.slice(0, 90),
      description: post.caption,
      privacyLevel,
      imageUrls: urls,
    });
    if (!init.ok) {
      // A definite refusal was not a send: clear the marker so a retry may send again.
      if (init.error.class !== "unknown_outcome") await set(ctx, h, { sendingSince: null });
      return settle(ctx, h, tally, init.error, { retryAfterMs: init.error.retryAfterMs });
    }
    await set(ctx, h, { platformJobId: init.value.publishId, sendingSince: null, sentAt: h.now, leaseUntil: null });
    return;
  }

  // Instagram: containers are drafts (creating one twice posts nothing); publishing happens in poll.
  const cfg = ctx.config.platforms.instagram;
  const userId = account.platformUserId;
  let containerId: string;
  if (urls.length === 1) {
    const single = await instagram.createImageContainer(cfg, token, userId, { imageUrl: urls[0]!, carouselItem: false, caption: post.caption });
    if (!single.ok) return settle(ctx, h, tally, single.error, { retryAfterMs: single.error.retryAfterMs });
    containerId = single.value;
  } else {
    const children: string[] = [];
    for (const url of urls) {
      const child = await instagram.createImageContainer(cfg, token, userId, { imageUrl: url, carouselItem: true });
      if (!child.ok) return settle(ctx, h, tally, child.error, { retryAfterMs: child.error.retryAfterMs });
      children.push(child.value);
    }
    const parent = await instagram.createCarouselContainer(cfg, token, userId, { children, caption: post.caption });
    if (!parent.ok) return settle(ctx, h, tally, parent.error, { retryAfterMs: parent.error.retryAfterMs });
    containerId = parent.value;
  }
  await set(ctx, h, { platformJobId: containerId, leaseUntil: null });
}

async function poll(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { post, account } = h.job;
  const jobId = post.platformJobId!;
  const token = await accessToken(ctx, h, tally);
  if (!token) return;

  if (account.platform === "tiktok") {
    const s = await tiktok.fetchPublishStatus(ctx.config.platforms.tiktok, token, jobId);
    if (!s.ok) {
      // The post was sent; a failed status call is no reason to resend. Try again next tick.
      if (s.error.class === "needs_reauth") return settle(ctx, h, tally, s.error);
      await set(ctx, h, { leaseUntil: null });
      return;
    }
    const v = s.value;
    if (v.state === "processing") return void (await set(ctx, h, { leaseUntil: null }));
    if (v.state === "inbox") {
      if (post.status !== "awaiting_creator") tally.awaitingCreator++;
      await set(ctx, h, {
        status: "awaiting_creator",
        leaseUntil: null,
        lastError: post.musicPostId ? `Waiting for the creator to finish the draft in TikTok and add the sound from post ${post.musicPostId}` : null,
      });
      return;
    }
    if (v.state === "complete") {
      const id = v.postIds[0] ?? null;
      await set(ctx, h, { status: "complete", leaseUntil: null, socialId: id, postUrl: id ? tiktok.postUrl(account.username, id) : null, lastError: null });
      tally.complete++;
      return;
    }
    // A definite failure: a retry starts a new publish.
    return settle(ctx, h, tally, v.failure, { clearJob: true });
  }

  const cfg = ctx.config.platforms.instagram;
  const status = await instagram.containerStatus(cfg, token, jobId);
  if (!status.ok) {
    if (status.error.class === "needs_reauth") return settle(ctx, h, tally, status.error);
    await set(ctx, h, { leaseUntil: null });
    return;
  }
  if (status.value === "IN_PROGRESS") return void (await set(ctx, h, { leaseUntil: null }));
  if (status.value === "ERROR" || status.value === "EXPIRED") {
    return settle(ctx, h, tally, { class: "retryable", reason: `Instagram container ${status.value}` }, { clearJob: true });
  }
  if (status.value === "PUBLISHED") {
    // Published by an earlier tick whose answer was lost: reconciled, not published again.
    await set(ctx, h, { status: "complete", leaseUntil: null, sendingSince: null, lastError: null });
    tally.complete++;
    return;
  }
  const quota = await instagram.publishingLimit(cfg, token, account.platformUserId);
  if (quota.ok && quota.value.usage >= quota.value.total) {
    // The 24-hour publishing quota is used up: look again in an hour rather than be refused.
    await set(ctx, h, { leaseUntil: new Date(h.now.getTime() + 3_600_000), lastError: `Instagram's publishing quota (${quota.value.total} a day) is used up; waiting` });
    return;
  }
  if (!(await set(ctx, h, { sendingSince: h.now }))) return;
  const media = await instagram.publishContainer(cfg, token, account.platformUserId, jobId);
  if (!media.ok) {
    if (media.error.class === "unknown_outcome") return settle(ctx, h, tally, media.error);
    if (media.error.class === "retryable" || media.error.class === "rate_limited") {
      // Not ready yet, or throttled: keep the container and try publishing it on a later tick.
      await set(ctx, h, { sendingSince: null, leaseUntil: null, lastError: media.error.reason });
      return;
    }
    return settle(ctx, h, tally, media.error, { clearJob: true });
  }
  const link = await instagram.permalink(cfg, token, media.value);
  await set(ctx, h, { status: "complete", leaseUntil: null, sendingSince: null, sentAt: h.now, socialId: media.value, postUrl: link.ok ? link.value : null, lastError: null });
  tally.complete++;
}
