// The publish worker's reads and writes. Claims use FOR UPDATE SKIP LOCKED, so any number of
// ticks can run at once and each post is handled by one of them; a lease (lease_until) hands a
// post back if the tick that holds it dies. Every write to a held post is a compare-and-set on
// the lease its tick claimed, so a tick that lost its lease cannot write (DESIGN.md §6).
import "server-only";
import { and, asc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import type { Db } from "../client";
import { accounts, posts } from "../schema";
import { imagesOf } from "./posts";

export type Claimed = { id: string; lease: Date };

const notPaused = sql`not exists (select 1 from ${accounts} a where a.id = ${posts.accountId} and a.status = 'paused')`;

/**
 * Due posts (scheduled, or retrying whose wait is over) of accounts that are not paused →
 * pending, leased until `leaseUntil`. A paused account's posts are held where they are.
 */
export async function claimDue(db: Db, p: { now: Date; limit: number; leaseUntil: Date }): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(
        and(
          or(
            and(eq(posts.status, "scheduled"), lte(posts.scheduledAt, p.now)),
            and(eq(posts.status, "retrying"), lte(posts.nextAttemptAt, p.now)),
          ),
          notPaused,
        ),
      )
      .orderBy(asc(posts.scheduledAt))
      .limit(p.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await tx
      .update(posts)
      .set({ status: "pending", leaseUntil: p.leaseUntil, nextAttemptAt: null, attempts: sql`${posts.attempts} + 1`, updatedAt: p.now })
      .where(inArray(posts.id, ids));
    return ids.map((id) => ({ id, lease: p.leaseUntil }));
  });
}

/**
 * Jobs to look at again, leased: posts in flight (a job id saved) whose lease is free or expired
 * and whose next check is due, and complete TikTok posts still waiting for their public link.
 */
export async function claimInFlight(db: Db, p: { now: Date; limit: number; leaseUntil: Date }): Promise<Claimed[]> {
  return db.transaction(async (tx) => {
    const checkDue = or(isNull(posts.nextAttemptAt), lte(posts.nextAttemptAt, p.now));
    const rows = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(
        and(
          isNotNull(posts.platformJobId),
          or(isNull(posts.leaseUntil), lt(posts.leaseUntil, p.now)),
          or(
            and(inArray(posts.status, ["pending", "awaiting_creator"]), checkDue),
            and(eq(posts.status, "complete"), isNull(posts.socialId), lte(posts.nextAttemptAt, p.now)),
          ),
        ),
      )
      .orderBy(asc(posts.nextAttemptAt))
      .limit(p.limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.update(posts).set({ leaseUntil: p.leaseUntil }).where(inArray(posts.id, ids));
    return ids.map((id) => ({ id, lease: p.leaseUntil }));
  });
}

/**
 * Pending posts whose lease ran out before a job id was saved (the tick holding them died or
 * stalled). Possibly sent (sending_since set): failed with `unknownReason`, for a human. Never
 * sent: retried at once, unless `maxAttempts` were used up — then failed with the last error.
 */
export async function reclaimExpired(db: Db, p: { now: Date; unknownReason: string; maxAttempts: number; cappedReason: string }) {
  const expired = and(eq(posts.status, "pending"), isNull(posts.platformJobId), lt(posts.leaseUntil, p.now));
  const unknown = await db
    .update(posts)
    .set({ status: "failed", lastError: p.unknownReason, leaseUntil: null, updatedAt: p.now })
    .where(and(expired, isNotNull(posts.sendingSince)))
    .returning({ id: posts.id });
  const capped = await db
    .update(posts)
    .set({
      status: "failed",
      lastError: sql`${p.cappedReason} || coalesce(' Last error: ' || ${posts.lastError}, '')`,
      leaseUntil: null,
      updatedAt: p.now,
    })
    .where(and(expired, isNull(posts.sendingSince), gte(posts.attempts, p.maxAttempts)))
    .returning({ id: posts.id });
  const requeued = await db
    .update(posts)
    .set({ status: "retrying", nextAttemptAt: p.now, leaseUntil: null, updatedAt: p.now })
    .where(and(expired, isNull(posts.sendingSince), lt(posts.attempts, p.maxAttempts)))
    .returning({ id: posts.id });
  return { requeued: requeued.length, unknown: unknown.length + capped.length };
}

const jobAccountColumns = {
  id: accounts.id,
  platform: accounts.platform,
  platformUserId: accounts.platformUserId,
  username: accounts.username,
  status: accounts.status,
  privacyLevel: accounts.privacyLevel,
};

export async function loadJob(db: Db, postId: string) {
  const [row] = await db
    .select({
      post: {
        id: posts.id,
        status: posts.status,
        caption: posts.caption,
        musicPostId: posts.musicPostId,
        scheduledAt: posts.scheduledAt,
        attempts: posts.attempts,
        platformJobId: posts.platformJobId,
        jobStartedAt: posts.jobStartedAt,
        sendingSince: posts.sendingSince,
        sentAt: posts.sentAt,
        socialId: posts.socialId,
        leaseUntil: posts.leaseUntil,
      },
      account: jobAccountColumns,
    })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(eq(posts.id, postId));
  if (!row) return null;
  return { ...row, images: await imagesOf(db, [postId]) };
}

export type Job = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

export type PostUpdate = Partial<typeof posts.$inferInsert>;

/** Updates a post this tick holds (lease `leaseUntil`); false, writing nothing, if it lost it. */
export async function updateHeldPost(db: Db, p: { postId: string; leaseUntil: Date; set: PostUpdate; now: Date }): Promise<boolean> {
  const rows = await db
    .update(posts)
    .set({ ...p.set, updatedAt: p.now })
    .where(and(eq(posts.id, p.postId), eq(posts.leaseUntil, p.leaseUntil)))
    .returning({ id: posts.id });
  return rows.length === 1;
}

/**
 * Marks a held post as sending, only if nobody else's send is in flight for it: the one gate
 * every publishing request passes (at most once). False when the lease was lost or a send began.
 */
export async function markSending(db: Db, p: { postId: string; leaseUntil: Date; now: Date }): Promise<boolean> {
  const rows = await db
    .update(posts)
    .set({ sendingSince: p.now, updatedAt: p.now })
    .where(and(eq(posts.id, p.postId), eq(posts.leaseUntil, p.leaseUntil), isNull(posts.sendingSince), eq(posts.status, "pending")))
    .returning({ id: posts.id });
  return rows.length === 1;
}

/** Locks the account row until the transaction ends (accounts before posts, always); its send rules. */
export async function lockAccountForSend(tx: Db, p: { accountId: string }) {
  const [row] = await tx
    .select({ status: accounts.status, minGapMinutes: accounts.minGapMinutes })
    .from(accounts)
    .where(eq(accounts.id, p.accountId))
    .for("update");
  return row ?? null;
}

/** The fields the send gate re-reads under the account lock. */
export function sendState(db: Db, p: { postId: string }) {
  return db
    .select({ status: posts.status, leaseUntil: posts.leaseUntil, sendingSince: posts.sendingSince })
    .from(posts)
    .where(eq(posts.id, p.postId));
}

/** When the account's publishes since `since` were sent, or started sending (for the per-token limits). */
export async function recentSends(db: Db, p: { accountId: string; since: Date }): Promise<Date[]> {
  const rows = await db
    .select({ sent: posts.sentAt, sending: posts.sendingSince })
    .from(posts)
    .where(and(eq(posts.accountId, p.accountId), or(gte(posts.sentAt, p.since), gte(posts.sendingSince, p.since))));
  return rows.flatMap((r) => {
    const at = r.sent ?? r.sending;
    return at ? [at] : [];
  });
}

/**
 * The account's other live posts that were sent, or are scheduled, within [from, to): what the
 * send gap looks at. `sentAt` is the real send (or its start), null while unsent.
 */
export async function sendNeighbours(db: Db, p: { accountId: string; postId: string; from: Date; to: Date }) {
  const rows = await db
    .select({ scheduledAt: posts.scheduledAt, sentAt: posts.sentAt, sendingSince: posts.sendingSince })
    .from(posts)
    .where(
      and(
        eq(posts.accountId, p.accountId),
        ne(posts.id, p.postId),
        inArray(posts.status, [...LIVE_STATUSES]),
        or(
          and(gte(posts.scheduledAt, p.from), lt(posts.scheduledAt, p.to)),
          and(gte(posts.sentAt, p.from), lt(posts.sentAt, p.to)),
          and(gte(posts.sendingSince, p.from), lt(posts.sendingSince, p.to)),
        ),
      ),
    );
  return rows.map((r) => ({ scheduledAt: r.scheduledAt, sentAt: r.sentAt ?? r.sendingSince }));
}

// ── Tokens ────────────────────────────────────────────────────────────────────────────────

const tokenColumns = {
  id: accounts.id,
  platform: accounts.platform,
  status: accounts.status,
  accessTokenEnc: accounts.accessTokenEnc,
  refreshTokenEnc: accounts.refreshTokenEnc,
  accessTokenExpiresAt: accounts.accessTokenExpiresAt,
  accessTokenIssuedAt: accounts.accessTokenIssuedAt,
  refreshTokenExpiresAt: accounts.refreshTokenExpiresAt,
  tokenRefreshUntil: accounts.tokenRefreshUntil,
};

export type AccountTokens = NonNullable<Awaited<ReturnType<typeof readTokens>>>;

export async function readTokens(db: Db, p: { accountId: string }) {
  const [row] = await db.select(tokenColumns).from(accounts).where(eq(accounts.id, p.accountId));
  return row ?? null;
}

/** Takes the account's refresh claim until `until` (compare-and-set); false if another holds it. */
export async function claimTokenRefresh(db: Db, p: { accountId: string; now: Date; until: Date }): Promise<boolean> {
  const rows = await db
    .update(accounts)
    .set({ tokenRefreshUntil: p.until })
    .where(and(eq(accounts.id, p.accountId), or(isNull(accounts.tokenRefreshUntil), lte(accounts.tokenRefreshUntil, p.now))))
    .returning({ id: accounts.id });
  return rows.length === 1;
}

export type TokenWrite = Partial<
  Pick<
    typeof accounts.$inferInsert,
    "accessTokenEnc" | "refreshTokenEnc" | "accessTokenExpiresAt" | "accessTokenIssuedAt" | "refreshTokenExpiresAt" | "status" | "lastError" | "tokenRefreshUntil"
  >
>;

export async function updateAccountTokens(db: Db, p: { accountId: string; set: TokenWrite; now: Date }) {
  await db.update(accounts).set({ ...p.set, updatedAt: p.now }).where(eq(accounts.id, p.accountId));
}

/**
 * Accounts whose tokens want refreshing now (a cheap superset of lib/domain's
 * tokenRefreshDue, which decides), not already being refreshed, soonest expiry first.
 */
export async function dueTokenRefreshes(db: Db, p: { now: Date; tiktokBefore: Date; instagramIssuedBefore: Date; limit: number }) {
  return db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(
        ne(accounts.status, "needs_reauth"),
        or(isNull(accounts.tokenRefreshUntil), lte(accounts.tokenRefreshUntil, p.now)),
        or(
          and(eq(accounts.platform, "tiktok"), lt(accounts.accessTokenExpiresAt, p.tiktokBefore), or(isNull(accounts.refreshTokenExpiresAt), gt(accounts.refreshTokenExpiresAt, p.now))),
          and(eq(accounts.platform, "instagram"), lte(accounts.accessTokenIssuedAt, p.instagramIssuedBefore), gt(accounts.accessTokenExpiresAt, p.now)),
        ),
      ),
    )
    .orderBy(asc(accounts.accessTokenExpiresAt))
    .limit(p.limit);
}
