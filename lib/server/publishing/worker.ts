// The publish worker (DESIGN.md §6): one tick hands expired leases back, refreshes tokens that
// are due, claims due posts and starts them (a bounded number at once, claiming more as they
// finish), follows up the Instagram containers it created until it can publish them, and checks
// the jobs in flight. At most once: the platform's job id is saved the moment it is known, a
// post whose send may have reached the platform is never resent, and a tick acts on a post only
// under the lease it claimed itself.
import "server-only";
import type { Config } from "@/env";
import { type Db, retryOnConflict } from "@/db/client";
import * as wq from "@/db/queries/worker";
import {
  type Classified,
  MAX_ATTEMPTS,
  TIKTOK_SEND_LIMITS,
  nextCheckAt,
  nextRetryAt,
  sendAllowedAt,
  sendNotBefore,
} from "@/lib/domain/publishing";
import { logger } from "../logger";
import { platformImageUrls } from "../media/variants";
import { type BeforeSend, type PublishJob, publisherFor } from "./platforms/publisher";
import { sweepTokens, usableToken } from "./tokens";

export type WorkerCtx = {
  db: Db;
  config: Pick<Config, "publicBaseUrl" | "mediaDir" | "s3" | "encryptionKey" | "platforms" | "workerLeaseMs">;
};

export type TickSummary = {
  reclaimed: number;
  unknownOutcome: number;
  tokensChecked: number;
  claimed: number;
  polled: number;
  complete: number;
  awaitingCreator: number;
  retrying: number;
  held: number;
  failed: number;
};

/** Posts a tick works on at once; more are claimed as these finish (DATABASE_POOL_SIZE is 10 by default). */
const CONCURRENCY = 32;
/** A tick claims again once this many of its slots are free (or none is busy). */
const MIN_CLAIM = 8;
/**
 * Instagram processes a new container in a few seconds. The tick that created one looks at it
 * again itself after these waits (ms, one after the other), still holding the post's lease, and
 * publishes it once it is ready: in the same tick, a second or two after it was due, instead of
 * a tick interval later, and no other tick polls it before it can be ready. After the last wait
 * (or once the tick's budget is spent) later ticks take over, with backoff.
 */
const CONTAINER_CHECKS_MS = [1_500, 500, 500, 1_000, 1_000];
/**
 * A send is recorded when it is marked, a moment before its request reaches the platform, which
 * counts it on arrival; TikTok's per-minute window is counted from the mark plus this margin so
 * that the platform never sees one more than its limit.
 */
const SEND_SKEW_MS = 2_000;
/** A send marked longer ago than this, by a tick that is gone, will not be answered any more. */
const FOREIGN_SEND_STALE_MS = 2 * 60_000;
const DAY_MS = 86_400_000;

export const UNKNOWN_OUTCOME =
  "The worker stopped after sending this post and before the platform's answer was saved; it was not resent. Check the account, then retry or delete it.";
const CAPPED = `The worker failed on this post ${MAX_ATTEMPTS} times (it crashed or timed out each time) and stopped trying.`;

/**
 * A post this tick claimed: the job as loaded, the lease it holds, and whether (and when) it
 * marked a send. `followUp`: the tick may keep the lease to look at the job again itself; the
 * step sets `again` when it did so. `prepared`: the token and image URLs, once worked out.
 */
type Held = {
  job: wq.Job;
  lease: Date;
  now: Date;
  clock: () => Date;
  marked: boolean;
  markedAt?: Date;
  followUp: boolean;
  again: boolean;
  prepared?: PublishJob;
};
type Tally = Pick<TickSummary, "complete" | "awaitingCreator" | "retrying" | "held" | "failed">;
type Step = (ctx: WorkerCtx, held: Held, tally: Tally) => Promise<void>;

export async function tick(ctx: WorkerCtx, clock: () => Date = () => new Date()): Promise<TickSummary> {
  const begun = clock();
  const { requeued, unknown } = await retryOnConflict(() =>
    wq.reclaimExpired(ctx.db, { now: begun, unknownReason: UNKNOWN_OUTCOME, maxAttempts: MAX_ATTEMPTS, cappedReason: CAPPED }),
  );
  const tokensChecked = await sweepTokens(ctx, begun).catch((error: unknown) => {
    logger.error("worker: token sweep failed", error);
    return 0;
  });
  const tally: Tally = { complete: 0, awaitingCreator: 0, retrying: 0, held: 0, failed: 0 };
  const lease = () => new Date(clock().getTime() + ctx.config.workerLeaseMs);
  // Keep claiming while work is due, but stop well inside the lease.
  const budgetEnd = begun.getTime() + Math.min(ctx.config.workerLeaseMs / 2, 30_000);
  const inBudget = (aheadMs = 0) => clock().getTime() + aheadMs < budgetEnd;

  const pollInFlight = () =>
    drain(
      (limit) => wq.claimInFlight(ctx.db, { now: clock(), limit, leaseUntil: lease() }),
      async (c) => {
        await guarded(ctx, c, tally, clock, poll);
      },
      inBudget,
    );
  // Jobs in flight from earlier ticks are checked alongside the due posts, not behind them (a
  // tick can spend its whole budget claiming during a burst).
  const earlier = pollInFlight();
  earlier.catch(() => {}); // awaited below; this only keeps a failure from counting as unhandled meanwhile
  // Due posts, CONCURRENCY at a time, claimed as they come due; an Instagram container this tick
  // created is followed up by this tick (CONTAINER_CHECKS_MS) while the others go on.
  const followUps: Promise<void>[] = [];
  const claimed = await drain(
    (limit) => wq.claimDue(ctx.db, { now: clock(), limit, leaseUntil: lease() }),
    async (c) => {
      const again = await guarded(ctx, c, tally, clock, start, { followUp: inBudget(CONTAINER_CHECKS_MS[0]) });
      if (again) followUps.push(followContainer(ctx, again, tally, inBudget));
    },
    inBudget,
  );
  await Promise.all(followUps);
  // Then the jobs that became due for a check meanwhile (this tick's TikTok posts among them).
  const polled = (await earlier) + (await pollInFlight());
  return { reclaimed: requeued, unknownOutcome: unknown, tokensChecked, claimed, polled, ...tally };
}

/**
 * Claims posts with `claim(limit)` and runs `run` on each, at most CONCURRENCY at once, claiming
 * more (each claim with a fresh lease) as slots free up, until a claim comes back short of what
 * it asked for or the budget is spent. Returns how many were claimed.
 */
async function drain(claim: (limit: number) => Promise<wq.Claimed[]>, run: (c: wq.Claimed) => Promise<void>, inBudget: () => boolean): Promise<number> {
  const running = new Set<Promise<void>>();
  let claimed = 0;
  for (;;) {
    const room = CONCURRENCY - running.size;
    if (running.size > 0 && room < MIN_CLAIM) {
      await Promise.race(running);
      continue;
    }
    const batch = await claim(room);
    claimed += batch.length;
    for (const c of batch) {
      const task: Promise<void> = run(c)
        .catch((error: unknown) => logger.error(`worker: post ${c.id} failed unexpectedly`, error))
        .finally(() => running.delete(task));
      running.add(task);
    }
    if (batch.length < room || !inBudget()) break;
  }
  await Promise.all(running);
  return claimed;
}

/**
 * Looks again at an Instagram container this tick created, until it is published or handed on.
 * The tick still holds the post's lease, so nothing but its own steps changed the post (and the
 * send gate re-reads what matters under the account's lock): the job, token and image URLs are
 * not loaded again.
 */
async function followContainer(ctx: WorkerCtx, started: Held, tally: Tally, inBudget: (aheadMs?: number) => boolean) {
  let h = started;
  for (const [i, waitMs] of CONTAINER_CHECKS_MS.entries()) {
    await new Promise((r) => setTimeout(r, waitMs));
    const next = CONTAINER_CHECKS_MS[i + 1];
    const again = await run(ctx, { ...h, now: h.clock(), marked: false, markedAt: undefined, followUp: next !== undefined && inBudget(next), again: false }, tally, poll);
    if (!again) return;
    h = again;
  }
}

/**
 * One post, isolated: a bug in one never stops the others. The post is acted on only if the
 * row still carries the lease this tick claimed. The post back when the step kept the lease for
 * this tick to look at the job again (only with `followUp`).
 */
async function guarded(ctx: WorkerCtx, claimed: wq.Claimed, tally: Tally, clock: () => Date, step: Step, opts: { followUp?: boolean } = {}): Promise<Held | null> {
  let job: wq.Job | null;
  try {
    job = await wq.loadJob(ctx.db, claimed.id);
  } catch (error) {
    logger.error(`worker: post ${claimed.id} failed unexpectedly`, error);
    return null;
  }
  if (!job || job.post.leaseUntil?.getTime() !== claimed.lease.getTime()) return null;
  return run(ctx, { job, lease: claimed.lease, now: clock(), clock, marked: false, followUp: opts.followUp === true, again: false }, tally, step);
}

/** Runs `step` on a held post; a crash is recorded against the post (and counted towards its attempts) instead of being left to lease expiry. */
async function run(ctx: WorkerCtx, held: Held, tally: Tally, step: Step): Promise<Held | null> {
  try {
    await step(ctx, held, tally);
    return held.again ? held : null;
  } catch (error) {
    const id = held.job.post.id;
    logger.error(`worker: post ${id} failed unexpectedly`, error);
    await crashed(ctx, held, tally, error).catch((e: unknown) => logger.error(`worker: could not record the failure of post ${id}`, e));
    return null;
  }
}

async function crashed(ctx: WorkerCtx, h: Held, tally: Tally, error: unknown) {
  const reason = `the worker failed while publishing: ${error instanceof Error ? error.message : String(error)}`;
  if (h.marked) return settle(ctx, h, tally, { class: "unknown_outcome", reason });
  if (h.job.post.platformJobId) {
    // A job the platform has: never restart it, look again later.
    await write(ctx, h, { leaseUntil: null, lastError: reason, nextAttemptAt: checkAfter(h, "processing") });
    return;
  }
  await settle(ctx, h, tally, { class: "retryable", reason });
}

/**
 * Writes to the held post (compare-and-set on its lease). A write that takes the post out of
 * the live set changes the account's last_post_at by trigger, so it locks the account first:
 * accounts before posts, the one lock order (DESIGN.md §4).
 */
async function write(ctx: WorkerCtx, h: Held, set: wq.PostUpdate): Promise<boolean> {
  const args = { postId: h.job.post.id, leaseUntil: h.lease, set, now: h.now };
  if (set.status !== "failed") return retryOnConflict(() => wq.updateHeldPost(ctx.db, args));
  return retryOnConflict(() =>
    ctx.db.transaction(async (tx) => {
      await wq.lockAccountForSend(tx, { accountId: h.job.account.id });
      return wq.updateHeldPost(tx, args);
    }),
  );
}

function checkAfter(h: Held, kind: "processing" | "inbox" | "link"): Date | null {
  const since = kind === "processing" ? (h.job.post.jobStartedAt ?? h.now) : (h.job.post.sentAt ?? h.job.post.jobStartedAt ?? h.now);
  return nextCheckAt(kind, since, h.now);
}

async function settle(ctx: WorkerCtx, h: Held, tally: Tally, failure: Classified, opts: { clearJob?: boolean; retryAfterMs?: number } = {}) {
  const clear: wq.PostUpdate = opts.clearJob ? { platformJobId: null, jobStartedAt: null, sendingSince: null } : {};
  if (failure.class === "needs_reauth") {
    if (await write(ctx, h, { ...clear, status: "failed", leaseUntil: null, lastError: `The account needs to be reconnected: ${failure.reason}` })) {
      await wq.updateAccountTokens(ctx.db, { accountId: h.job.account.id, set: { status: "needs_reauth", lastError: failure.reason }, now: h.now });
      tally.failed++;
    }
    return;
  }
  if (failure.class === "unknown_outcome") {
    if (await write(ctx, h, { status: "failed", leaseUntil: null, lastError: `${failure.reason}. ${UNKNOWN_OUTCOME}` })) tally.failed++;
    return;
  }
  const retryAt = nextRetryAt(failure.class, h.job.post.attempts, h.now, { jitter: Math.random(), retryAfterMs: opts.retryAfterMs });
  if (retryAt) {
    if (await write(ctx, h, { ...clear, status: "retrying", nextAttemptAt: retryAt, leaseUntil: null, lastError: failure.reason })) tally.retrying++;
  } else if (await write(ctx, h, { ...clear, status: "failed", leaseUntil: null, lastError: failure.reason })) {
    tally.failed++;
  }
}

const transcoding = new Map<string, Promise<string[]>>();

/**
 * platformImageUrls, once at a time per set of images: posts with the same images (copies of a
 * slideshow for many accounts) claimed together share one transcode instead of each starting it.
 */
function imageUrlsFor(ctx: WorkerCtx, platform: "tiktok" | "instagram", images: wq.Job["images"]): Promise<string[]> {
  const key = [ctx.config.mediaDir, ctx.config.publicBaseUrl, platform, ...images.map((i) => `${i.sha256}/${i.mimeType}`)].join("|");
  const shared = transcoding.get(key);
  if (shared) return shared;
  const made = platformImageUrls(ctx.config, platform, images).finally(() => transcoding.delete(key));
  transcoding.set(key, made);
  return made;
}

/** The job as the publisher needs it: a usable token and image URLs transcoded for the platform. */
async function publishJob(ctx: WorkerCtx, h: Held): Promise<{ ok: true; job: PublishJob } | { ok: false; failure: Classified }> {
  if (h.prepared) return { ok: true, job: h.prepared };
  const { post, account } = h.job;
  const token = await usableToken(ctx, account.id, h.now);
  if (!token.ok) return token;
  const imageUrls = await imageUrlsFor(ctx, account.platform, h.job.images);
  h.prepared = {
    account: { platformUserId: account.platformUserId, username: account.username, privacyLevel: account.privacyLevel },
    token: token.token,
    caption: post.caption,
    musicPostId: post.musicPostId,
    imageUrls,
  };
  return { ok: true, job: h.prepared };
}

type Gate =
  | { kind: "go"; at: Date }
  | { kind: "stop" }
  | { kind: "wait"; until: Date; why: string }
  | { kind: "held" }
  | { kind: "foreign"; since: Date };

/**
 * The gate right before a publishing request (TikTok content/init, Instagram media_publish),
 * under the account's row lock so concurrent sends of one account are decided one at a time:
 * the lease must still be this tick's and no other send may be in flight for the post; the
 * account must be active; TikTok's per-token limits and the account's minimum gap (against
 * real sends) must allow it now. Only then is the send marked, and the request may leave.
 * "Now" is read at the gate, not when the post was claimed: the mark is the send's time.
 */
function beforeSendFor(ctx: WorkerCtx, h: Held, tally: Tally): BeforeSend {
  const { post, account } = h.job;
  return async () => {
    const gate = await retryOnConflict(() =>
      ctx.db.transaction(async (tx): Promise<Gate> => {
        const now = h.clock();
        const rules = await wq.lockAccountForSend(tx, { accountId: account.id });
        if (!rules) return { kind: "stop" };
        // Read together (one round trip), decided in order below.
        const gapMs = rules.minGapMinutes * 60_000;
        const [[row], recent, neighbours] = await Promise.all([
          wq.sendState(tx, { postId: post.id }),
          account.platform === "tiktok" ? wq.recentSends(tx, { accountId: account.id, since: new Date(now.getTime() - DAY_MS - SEND_SKEW_MS) }) : null,
          wq.sendNeighbours(tx, { accountId: account.id, postId: post.id, from: new Date(now.getTime() - gapMs), to: new Date(now.getTime() + DAY_MS) }),
        ]);
        if (!row || row.leaseUntil?.getTime() !== h.lease.getTime() || row.status !== "pending") return { kind: "stop" };
        if (row.sendingSince) return { kind: "foreign", since: row.sendingSince };
        if (rules.status === "paused") return { kind: "held" };
        if (recent) {
          const arrived = recent.map((d) => new Date(d.getTime() + SEND_SKEW_MS));
          const until = sendAllowedAt(arrived, now, TIKTOK_SEND_LIMITS);
          if (until) return { kind: "wait", until, why: `waiting for TikTok's per-account send limit (${TIKTOK_SEND_LIMITS.perMinute} a minute, ${TIKTOK_SEND_LIMITS.per24h} a day)` };
        }
        const notBefore = sendNotBefore({ scheduledAt: post.scheduledAt }, neighbours, now, rules.minGapMinutes);
        if (notBefore > now) return { kind: "wait", until: notBefore, why: `waiting to keep the account's ${rules.minGapMinutes}-minute gap to its other posts` };
        return (await wq.markSending(tx, { postId: post.id, leaseUntil: h.lease, now })) ? { kind: "go", at: now } : { kind: "stop" };
      }),
    );
    switch (gate.kind) {
      case "go":
        h.marked = true;
        h.markedAt = gate.at;
        return "go";
      case "stop":
        return "stop";
      case "held":
        await hold(ctx, h, tally);
        return "stop";
      case "wait":
        // Waiting is not an attempt: the platform was not asked.
        if (post.platformJobId) await write(ctx, h, { leaseUntil: null, nextAttemptAt: gate.until, lastError: gate.why });
        else if (await write(ctx, h, { status: "retrying", nextAttemptAt: gate.until, leaseUntil: null, attempts: post.attempts - 1, lastError: gate.why })) tally.retrying++;
        return "stop";
      case "foreign":
        // Another tick's send for this post may still be answered; once it cannot be, the
        // outcome is unknown: never send again.
        if (h.now.getTime() - gate.since.getTime() > FOREIGN_SEND_STALE_MS) await settle(ctx, h, tally, { class: "unknown_outcome", reason: "a send of this post was started and never answered" });
        else await write(ctx, h, { leaseUntil: null, nextAttemptAt: new Date(h.now.getTime() + 30_000) });
        return "stop";
    }
  };
}

/** A paused account's post waits where it is, not failed; resuming re-places it (DESIGN.md §6). */
async function hold(ctx: WorkerCtx, h: Held, tally: Tally) {
  const set: wq.PostUpdate = h.job.post.platformJobId
    ? { leaseUntil: null, nextAttemptAt: new Date(h.now.getTime() + 60_000), lastError: "held: the account is paused" }
    : { status: "scheduled", leaseUntil: null, attempts: h.job.post.attempts - 1 };
  if (await write(ctx, h, set)) tally.held++;
}

async function start(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { account } = h.job;
  if (account.status === "paused") return hold(ctx, h, tally);
  if (account.status !== "active") {
    return settle(ctx, h, tally, { class: "permanent", reason: "the account is disconnected (needs_reauth); reconnect it, then retry" });
  }
  const prepared = await publishJob(ctx, h);
  if (!prepared.ok) return settle(ctx, h, tally, prepared.failure);
  const r = await publisherFor(account.platform, ctx.config.platforms).start(prepared.job, beforeSendFor(ctx, h, tally));
  if (r.kind === "stopped") return;
  if (r.kind === "started") {
    // An Instagram container is followed up by this tick, which keeps the lease meanwhile.
    const follow = h.followUp && account.platform === "instagram";
    // Saved the moment it is known: from here on the post is checked, never started again.
    const saved = await write(ctx, h, {
      platformJobId: r.jobId,
      jobStartedAt: h.now,
      sendingSince: null,
      ...(follow ? {} : { leaseUntil: null }),
      nextAttemptAt: h.now,
      ...(r.sent ? { sentAt: h.markedAt ?? h.now } : {}),
    });
    if (!saved) logger.error(`worker: lost the lease of post ${h.job.post.id} before saving job ${r.jobId}; its send marker stays, so it is never resent`);
    if (saved && follow) {
      h.job = { ...h.job, post: { ...h.job.post, platformJobId: r.jobId, jobStartedAt: h.now, sendingSince: null } };
      h.again = true;
    }
    return;
  }
  // A definite refusal was not a send: clear our marker so a retry may send again.
  if (!r.sent && h.marked) await write(ctx, h, { sendingSince: null });
  await settle(ctx, h, tally, r.failure, { retryAfterMs: r.failure.retryAfterMs });
}

async function poll(ctx: WorkerCtx, h: Held, tally: Tally) {
  const { post, account } = h.job;
  const wasComplete = post.status === "complete";
  if (post.status === "awaiting_creator" && !checkAfter(h, "inbox")) {
    return settle(ctx, h, tally, { class: "permanent", reason: "expired: the creator did not finish the draft in TikTok within 7 days" });
  }
  const prepared = await publishJob(ctx, h);
  if (!prepared.ok) {
    // The post was sent: a token problem is no reason to send it again.
    if (prepared.failure.class === "needs_reauth" && !wasComplete) return settle(ctx, h, tally, prepared.failure);
    await write(ctx, h, { leaseUntil: null, nextAttemptAt: checkAfter(h, wasComplete ? "link" : "processing") });
    return;
  }
  const r = await publisherFor(account.platform, ctx.config.platforms).poll({ ...prepared.job, jobId: post.platformJobId! }, beforeSendFor(ctx, h, tally));
  const ownMarker = h.marked ? { sendingSince: null } : {};
  switch (r.kind) {
    case "stopped":
      return;
    case "waiting":
      if (h.followUp && !h.marked && !r.note && !r.retryInMs) {
        // Still processing, nothing refused: this tick looks again itself, holding the lease.
        h.again = true;
        return;
      }
      await write(ctx, h, {
        ...ownMarker,
        leaseUntil: null,
        nextAttemptAt: r.retryInMs ? new Date(h.now.getTime() + r.retryInMs) : checkAfter(h, "processing"),
        ...(r.note ? { lastError: r.note } : {}),
      });
      return;
    case "inbox":
      if (await write(ctx, h, { status: "awaiting_creator", leaseUntil: null, nextAttemptAt: checkAfter(h, "inbox"), lastError: r.note })) {
        if (post.status !== "awaiting_creator") tally.awaitingCreator++;
      }
      return;
    case "complete": {
      const sentAt = r.sent ? (h.markedAt ?? h.now) : post.sentAt;
      // TikTok shows the public post id only after moderation: keep checking for the link.
      const linkLater = !r.socialId && account.platform === "tiktok" ? nextCheckAt("link", sentAt ?? h.now, h.now) : null;
      const saved = await write(ctx, h, {
        status: "complete",
        leaseUntil: null,
        sendingSince: null,
        lastError: null,
        nextAttemptAt: linkLater,
        ...(r.socialId ? { socialId: r.socialId, postUrl: r.postUrl } : {}),
        ...(r.sent ? { sentAt } : {}),
      });
      if (saved && !wasComplete) tally.complete++;
      return;
    }
    case "failed": {
      if (!r.sent && h.marked) await write(ctx, h, { sendingSince: null });
      // A live job is only ever checked: retrying it would mean sending it again.
      const transient = r.failure.class === "retryable" || r.failure.class === "rate_limited";
      if (wasComplete || (!r.restart && transient)) {
        await write(ctx, h, { leaseUntil: null, lastError: wasComplete ? null : r.failure.reason, nextAttemptAt: checkAfter(h, wasComplete ? "link" : "processing") });
        return;
      }
      await settle(ctx, h, tally, r.failure, { clearJob: r.restart, retryAfterMs: r.failure.retryAfterMs });
    }
  }
}
