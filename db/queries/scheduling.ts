// What the scheduler reads: accounts' rules, their live posts in a window, and who posted last.
// Writers lock the account row first (lockAccount), which serialises reservations per account.
import { and, eq, gte, inArray, lt, max, ne } from "drizzle-orm";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import type { BookedPost, SchedAccount } from "@/lib/domain/scheduling";
import type { Db } from "../client";
import { accounts, posts } from "../schema";

const schedColumns = {
  id: accounts.id,
  platform: accounts.platform,
  status: accounts.status,
  timezone: accounts.timezone,
  postingTimes: accounts.postingTimes,
  minGapMinutes: accounts.minGapMinutes,
  dailyCap: accounts.dailyCap,
};

export type PoolFilters = { tag?: string; userGroup?: string; orgGroup?: string; platforms: readonly ("tiktok" | "instagram")[] };

/** The organization's accounts matching every label filter, on the given platforms. */
export async function findPool(db: Db, params: { organizationId: string; filters: PoolFilters }): Promise<SchedAccount[]> {
  const f = params.filters;
  return db
    .select(schedColumns)
    .from(accounts)
    .where(
      and(
        eq(accounts.organizationId, params.organizationId),
        f.tag === undefined ? undefined : eq(accounts.tag, f.tag),
        f.userGroup === undefined ? undefined : eq(accounts.userGroup, f.userGroup),
        f.orgGroup === undefined ? undefined : eq(accounts.orgGroup, f.orgGroup),
        inArray(accounts.platform, [...f.platforms]),
      ),
    );
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
export async function lockAccount(tx: Db, params: { organizationId: string; accountId: string }): Promise<SchedAccount | null> {
  const [row] = await tx
    .select(schedColumns)
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)))
    .for("update");
  return row ?? null;
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

/** Each account's greatest scheduled_at among live posts, past or future (absent: none). */
export async function lastLivePostAt(
  db: Db,
  params: { accountIds: readonly string[]; excludePostId?: string },
): Promise<Map<string, Date>> {
  if (params.accountIds.length === 0) return new Map();
  const rows = await db
    .select({ accountId: posts.accountId, last: max(posts.scheduledAt) })
    .from(posts)
    .where(
      and(
        inArray(posts.accountId, [...params.accountIds]),
        inArray(posts.status, [...LIVE_STATUSES]),
        params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
      ),
    )
    .groupBy(posts.accountId);
  return new Map(rows.flatMap((r) => (r.last ? [[r.accountId, r.last] as const] : [])));
}

