// What the scheduler reads: accounts' rules, their live posts in a window, and who posted last.
// Writers lock the account row first (lockAccount), which serialises reservations per account.
import "server-only";
import { and, asc, eq, gte, inArray, lt, ne } from "drizzle-orm";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import type { BookedPost, SchedAccount } from "@/lib/domain/scheduling";
import type { Db } from "../client";
import { accounts, posts } from "../schema";

/** What the scheduling rules read of an account (SchedAccount); the calendar selects it too. */
export const schedColumns = {
  id: accounts.id,
  platform: accounts.platform,
  status: accounts.status,
  timezone: accounts.timezone,
  postingTimes: accounts.postingTimes,
  minGapMinutes: accounts.minGapMinutes,
  dailyCap: accounts.dailyCap,
};

export type PoolFilters = { tag?: string; userGroup?: string; orgGroup?: string; platforms: readonly ("tiktok" | "instagram")[] };

export type PoolAccount = SchedAccount & { lastPostAt: Date | null };

function poolCondition(organizationId: string, f: PoolFilters) {
  return and(
    eq(accounts.organizationId, organizationId),
    f.tag === undefined ? undefined : eq(accounts.tag, f.tag),
    f.userGroup === undefined ? undefined : eq(accounts.userGroup, f.userGroup),
    f.orgGroup === undefined ? undefined : eq(accounts.orgGroup, f.orgGroup),
    inArray(accounts.platform, [...f.platforms]),
  );
}

/**
 * The organization's accounts matching every label filter, on the given platforms, each with
 * its latest live post time (accounts.last_post_at, kept by triggers on posts).
 */
export async function findPool(db: Db, params: { organizationId: string; filters: PoolFilters }): Promise<PoolAccount[]> {
  return db
    .select({ ...schedColumns, lastPostAt: accounts.lastPostAt })
    .from(accounts)
    .where(poolCondition(params.organizationId, params.filters));
}

/** Live posts in [from, to) of every account in the pool, in one join (no id list to send). */
export async function poolLivePosts(
  db: Db,
  params: { organizationId: string; filters: PoolFilters; from: Date; to: Date; excludePostId?: string },
): Promise<Map<string, BookedPost[]>> {
  const rows = await db
    .select({ accountId: posts.accountId, id: posts.id, at: posts.scheduledAt })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(
      and(
        poolCondition(params.organizationId, params.filters),
        inArray(posts.status, [...LIVE_STATUSES]),
        gte(posts.scheduledAt, params.from),
        lt(posts.scheduledAt, params.to),
        params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
      ),
    )
    .orderBy(posts.scheduledAt);
  const out = new Map<string, BookedPost[]>();
  for (const r of rows) {
    const list = out.get(r.accountId);
    if (list) list.push({ id: r.id, at: r.at });
    else out.set(r.accountId, [{ id: r.id, at: r.at }]);
  }
  return out;
}

/** One account of the organization, or null (unknown and foreign ids look the same). */
export async function findSchedAccount(db: Db, params: { organizationId: string; accountId: string }): Promise<SchedAccount | null> {
  const [row] = await db
    .select(schedColumns)
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)))
    .limit(1);
  return row ?? null;
}

/**
 * Locks the account row until the transaction ends and returns its current rules. Every
 * reservation on an account happens under this lock, so concurrent creates, updates and
 * retries for one account run one after another and each sees the others' posts.
 */
export async function lockAccount(
  tx: Db,
  params: { organizationId: string; accountId: string; skipLocked?: boolean },
): Promise<SchedAccount | null> {
  const [row] = await tx
    .select(schedColumns)
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)))
    .for("update", params.skipLocked ? { skipLocked: true } : {});
  return row ?? null;
}

/**
 * Locks several accounts of the organization in id order (the one lock order: accounts by id,
 * then posts by id, so concurrent batches cannot deadlock) and returns their rules by id.
 */
export async function lockAccounts(tx: Db, params: { organizationId: string; accountIds: readonly string[] }): Promise<Map<string, SchedAccount>> {
  if (params.accountIds.length === 0) return new Map();
  const rows = await tx
    .select(schedColumns)
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), inArray(accounts.id, [...params.accountIds])))
    .orderBy(asc(accounts.id))
    .for("update");
  return new Map(rows.map((r) => [r.id, r]));
}

/** Live posts of the accounts with scheduled_at in [from, to), grouped by account. */
export async function livePosts(
  db: Db,
  params: { accountIds: readonly string[]; from: Date; to: Date; excludePostId?: string },
): Promise<Map<string, BookedPost[]>> {
  const out = new Map<string, BookedPost[]>(params.accountIds.map((id) => [id, []]));
  if (params.accountIds.length === 0) return out;
  const rows = await db
    .select({ accountId: posts.accountId, id: posts.id, at: posts.scheduledAt })
    .from(posts)
    .where(
      and(
        inArray(posts.accountId, [...params.accountIds]),
        inArray(posts.status, [...LIVE_STATUSES]),
        gte(posts.scheduledAt, params.from),
        lt(posts.scheduledAt, params.to),
        params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
      ),
    )
    .orderBy(posts.scheduledAt);
  for (const r of rows) out.get(r.accountId)?.push({ id: r.id, at: r.at });
  return out;
}
