// The publish worker (DESIGN.md §6): one tick hands expired leases back, claims due posts and
// starts them, then polls the ones in flight. At most once: the platform's job id is saved the
// moment it is known, and a post whose send may have reached the platform is never resent.
import "server-only";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import * as wq from "@/db/queries/worker";
import { type Classified, TIKTOK_SEND_LIMITS, nextRetryAt, sendAllowedAt } from "@/lib/domain/publishing";
import { decryptSecret, encryptSecret } from "../crypto";
import { logger } from "../logger";
import { publicMediaUrl, storedFileName } from "../media/store";
import { variantFor } from "../media/transcode";
import * as instagram from "./platforms/instagram";
import { type BeforeSend, type PublishJob, publisherFor } from "./platforms/publisher";
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
const CONTAINER_WAIT_MS = 2_000;
const REFRESH_AHEAD_MS = 10 * 60_000;
export const UNKNOWN_OUTCOME =
  "The worker stopped after sending this post and before the platform's answer was saved; it was not resent. Check the account, then retry or delete it.";

type Held = { job: wq.Job; lease: Date; now: Date };
type Tally = Omit<TickSummary, "reclaimed" | "unknownOutcome" | "claimed" | "polled">;

export async function tick(ctx: WorkerCtx, clock: () => Date = () => new Date()): Promise<TickSummary> {
  const begun = clock();
  const { requeued, unknown } = await wq.reclaimExpired(ctx.db, { now: begun, unknownReason: UNKNOWN_OUTCOME });
  const tally: Tally = { complete: 0, awaitingCreator: 0, retrying: 0, failed: 0 };
  const lease = () => new Date(clock().getTime() + ctx.config.workerLeaseMs);
  // Keep claiming batches while posts are due, but stop well inside the lease so nothing this
  // tick holds can be taken back from under it.
  const budgetEnd = begun.getTime() + Math.min(ctx.config.workerLeaseMs / 2, 30_000);

  let claimed = 0;
  const startedContainers = { count: 0 };
  const startAndCount = async (c: WorkerCtx, h: Held, t: Tally) => {
    await start(c, h, t);
    if (h.job.account.platform === "instagram") startedContainers.count++;
  };
  for (;;) {
    const batch = await wq.claimDue(ctx.db, { now: clock(), limit: BATCH, leaseUntil: lease() });
    claimed += batch.length;
    await Promise.all(batch.map((id) => guarded(ctx, id, tally, clock, startAndCount)));
    if (batch.length < BATCH || clock().getTime() > budgetEnd) break;
  }
  // Instagram processes a new container in a few seconds; waiting that long here publishes it in
  // this tick instead of the next one (which is a whole tick interval away).
  if (startedContainers.count > 0 && clock().getTime() + CONTAINER_WAIT_MS < budgetEnd) {
    await new Promise((r) => setTimeout(r, CONTAINER_WAIT_MS));
  }
  const inFlight = await wq.claimInFlight(ctx.db, { now: clock(), limit: BATCH * 5, leaseUntil: lease() });
  for (let i = 0; i < inFlight.length; i += BATCH) {
    await Promise.all(inFlight.slice(i, i + BATCH).map((id) => guarded(ctx, id, tally, clock, poll)));
  }
  return { reclaimed: requeued, unknownOutcome: unknown, claimed, polled: inFlight.length, ...tally };
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

/** The job as the publisher needs it: a fresh token and image URLs transcoded for the platform. */
async function publishJob(ctx: WorkerCtx, h: Held, tally: Tally): Promise<PublishJob | null> {
  const { post, account } = h.job;
  const token = await accessToken(ctx, h, tally);
  if (!token) return null;
  const imageUrls: string[] = [];
  for (const img of h.job.images) {
    const v = await variantFor(ctx.config.mediaDir, storedFileName(img.sha256, img.mimeType), account.platform);
    imageUrls.push(publicMediaUrl(ctx.config.publicBaseUrl, v.fileName));
  }
  return {
    account: { platformUserId: account.platformUserId, username: account.username, privacyLevel: account.privacyLevel },
    token,
    caption: post.caption,
    musicPostId: post.musicPostId,
    imageUrls,
  };
}

/**
 * Right before a publishing request: under the account's row lock, check the platform's
 * per-token send limits against this account's recent and in-flight sends, and mark this one
 * as sending. Concurrent sends (this tick's or another's) are thereby counted against each other.
 */
function beforeSendFor(ctx: WorkerCtx, h: Held, tally: Tally): BeforeSend {
  return async () => {
    const limits = h.job.account.platform === "tiktok" ? TIKTOK_SEND_LIMITS : null;
    const slot = await ctx.db.transaction(async (tx) => {
      await wq.lockAccountForSend(tx, { accountId: h.job.account.id });
      if (limits) {
        const recent = await wq.recentSends(tx, { accountId: h.job.account.id, since: new Date(h.now.getTime() - 86_400_000) });
        const wait = sendAllowedAt(recent, h.now, limits);
        if (wait) return { wait };
      }
      return { marked: await wq.updateHeldPost(tx, { postId: h.job.post.id, leaseUntil: h.lease, set: { sendingSince: h.now }, now: h.now }) };
    });
    if ("wait" in slot) {
      // Over the limits: wait for the window instead of spending an attempt on a 429.
      await set(ctx, h, { status: "retrying", nextAttemptAt: slot.wait, leaseUntil: null, attempts: h.job.post.attempts - 1 });
      tally.retrying++;
      return "stop";
    }
    return slot.marked ? "go" : "stop";
  };
}

async function start(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { account } = h.job;
  if (account.status !== "active") {
    await settle(ctx, h, tally, { class: "permanent", reason: `the account is ${account.status === "paused" ? "paused" : "disconnected (needs_reauth)"}` });
    return;
  }
  const job = await publishJob(ctx, h, tally);
  if (!job) return;
  const r = await publisherFor(account.platform, ctx.config.platforms).start(job, beforeSendFor(ctx, h, tally));
  if (r.kind === "stopped") return;
  if (r.kind === "started") {
    // Saved the moment it is known: from here on the post is polled, never started again.
    await set(ctx, h, { platformJobId: r.jobId, sendingSince: null, leaseUntil: null, ...(r.sent ? { sentAt: h.now } : {}) });
    return;
  }
  // A definite refusal was not a send: clear the marker so a retry may send again.
  if (!r.sent) await set(ctx, h, { sendingSince: null });
  await settle(ctx, h, tally, r.failure, { retryAfterMs: r.failure.retryAfterMs });
}

async function poll(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { post, account } = h.job;
  const job = await publishJob(ctx, h, tally);
  if (!job) return;
  const r = await publisherFor(account.platform, ctx.config.platforms).poll({ ...job, jobId: post.platformJobId! }, beforeSendFor(ctx, h, tally));
  switch (r.kind) {
    case "stopped":
      return;
    case "waiting":
      await set(ctx, h, {
        sendingSince: null,
        leaseUntil: r.retryInMs ? new Date(h.now.getTime() + r.retryInMs) : null,
        ...(r.note ? { lastError: r.note } : {}),
      });
      return;
    case "inbox":
      if (post.status !== "awaiting_creator") tally.awaitingCreator++;
      await set(ctx, h, { status: "awaiting_creator", leaseUntil: null, lastError: r.note });
      return;
    case "complete":
      await set(ctx, h, {
        status: "complete",
        leaseUntil: null,
        sendingSince: null,
        lastError: null,
        ...(r.socialId ? { socialId: r.socialId, postUrl: r.postUrl } : {}),
        ...(r.sent ? { sentAt: h.now } : {}),
      });
      tally.complete++;
      return;
    case "failed": {
      if (!r.sent) await set(ctx, h, { sendingSince: null });
      // A live job is only ever polled: retrying it would mean sending it again.
      const transient = r.failure.class === "retryable" || r.failure.class === "rate_limited";
      if (!r.restart && transient) {
        await set(ctx, h, { leaseUntil: null, lastError: r.failure.reason });
        return;
      }
      await settle(ctx, h, tally, r.failure, { clearJob: r.restart, retryAfterMs: r.failure.retryAfterMs });
    }
  }
}
