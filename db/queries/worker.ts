// The publish worker's reads and writes. Claims use FOR UPDATE SKIP LOCKED, so any number of
// ticks can run at once and each post is handled by one of them; a lease (lease_until) hands a
// post back if the tick that holds it dies.
import "server-only";
import { and, asc, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { accounts, posts } from "../schema";
import { imagesOf } from "./posts";

/** Due posts (scheduled, or retrying whose wait is over) → pending, leased; returns their ids. */
export async function claimDue(db: Db, p: { now: Date; limit: number; leaseUntil: Date }): Promise<string[]> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(
        or(
          and(eq(posts.status, "scheduled"), lte(posts.scheduledAt, p.now)),
          and(eq(posts.status, "retrying"), lte(posts.nextAttemptAt, p.now)),
        ),
      )
      .orderBy(asc(posts.scheduledAt))
      .limit(p.limit)
      .for("update", { skipLocked: true });
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await tx
      .update(posts)
      .set({ status: "pending", leaseUntil: p.leaseUntil, attempts: sql`${posts.attempts} + 1`, updatedAt: p.now })
      .where(inArray(posts.id, ids));
    return ids;
  });
}

/** Posts already sent (a job id saved) whose lease is free or expired: leased again to poll. */
export async function claimInFlight(db: Db, p: { now: Date; limit: number; leaseUntil: Date }): Promise<string[]> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .select({ id: posts.id })
      .from(posts)
      .where(
        and(
          inArray(posts.status, ["pending", "awaiting_creator"]),
          isNotNull(posts.platformJobId),
          or(isNull(posts.leaseUntil), lt(posts.leaseUntil, p.now)),
        ),
      )
      .orderBy(asc(posts.updatedAt))
      .limit(p.limit)
      .for("update", { skipLocked: true });
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    await tx.update(posts).set({ leaseUntil: p.leaseUntil }).where(inArray(posts.id, ids));
    return ids;
  });
}

/**
 * Pending posts whose lease ran out before a job id was saved. Never sent (sending_since
 * unset): back to retrying at once. Possibly sent: failed with the reason, for a human.
 */
export async function reclaimExpired(db: Db, p: { now: Date; unknownReason: string }) {
  const expired = and(eq(posts.status, "pending"), isNull(posts.platformJobId), lt(posts.leaseUntil, p.now));
  const requeued = await db
    .update(posts)
    .set({ status: "retrying", nextAttemptAt: p.now, leaseUntil: null, updatedAt: p.now })
    .where(and(expired, isNull(posts.sendingSince)))
    .returning({ id: posts.id });
  const unknown = await db
    .update(posts)
    .set({ status: "failed", lastError: p.unknownReason, leaseUntil: null, updatedAt: p.now })
    .where(and(expired, isNotNull(posts.sendingSince)))
    .returning({ id: posts.id });
  return { requeued: requeued.length, unknown: unknown.length };
}

export async function loadJob(db: Db, postId: string) {
  const [row] = await db
    .select({
      post: {
        id: posts.id,
        status: posts.status,
        caption: posts.caption,
        musicPostId: posts.musicPostId,
        attempts: posts.attempts,
        platformJobId: posts.platformJobId,
        sendingSince: posts.sendingSince,
        leaseUntil: posts.leaseUntil,
      },
      account: {
        id: accounts.id,
        platform: accounts.platform,
        platformUserId: accounts.platformUserId,
        username: accounts.username,
        status: accounts.status,
        privacyLevel: accounts.privacyLevel,
        accessTokenEnc: accounts.accessTokenEnc,
        refreshTokenEnc: accounts.refreshTokenEnc,
        accessTokenExpiresAt: accounts.accessTokenExpiresAt,
      },
    })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(eq(posts.id, postId));
  if (!row) return null;
  return { ...row, images: await imagesOf(db, [postId]) };
}

export type Job = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

type PostUpdate = Partial<typeof posts.$inferInsert>;

/** Updates a post this worker holds; a no-op if its lease was taken over meanwhile. */
export async function updateHeldPost(db: Db, p: { postId: string; leaseUntil: Date | null; set: PostUpdate; now: Date }): Promise<boolean> {
  const held = p.leaseUntil ? eq(posts.leaseUntil, p.leaseUntil) : isNull(posts.leaseUntil);
  const rows = await db
    .update(posts)
    .set({ ...p.set, updatedAt: p.now })
    .where(and(eq(posts.id, p.postId), held))
    .returning({ id: posts.id });
  return rows.length === 1;
}

export async function updateAccountTokens(
  db: Db,
  p: { accountId: string; set: Partial<Pick<typeof accounts.$inferInsert, "accessTokenEnc" | "refreshTokenEnc" | "accessTokenExpiresAt" | "refreshTokenExpiresAt" | "status" | "lastError">>; now: Date },
) {
  await db.update(accounts).set({ ...p.set, updatedAt: p.now }).where(eq(accounts.id, p.accountId));
}

/** Serialises send decisions per account (until the transaction ends). */
export async function lockAccountForSend(tx: Db, p: { accountId: string }): Promise<void> {
  await tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, p.accountId)).for("update");
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
