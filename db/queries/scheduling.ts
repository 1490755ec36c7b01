// What the scheduler reads: accounts' rules, their live posts in a window, and who posted last.
// Writers lock the account row first (lockAccount), which serialises reservations per account.
import "server-only";
import { and, asc, eq, gte, inArray, lt, ne, sql } from "drizzle-orm";
import { LIVE_STATUSES } from "@/lib/domain/posts";
import type { BookedPost, SchedAccount } from "@/lib/domain/scheduling";
import { type Db, executeRows } from "../client";
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

function poolCondition(organizationId: string, f: PoolFilters) {
  return and(
    eq(accounts.organizationId, organizationId),
    f.tag === undefined ? undefined : eq(accounts.tag, f.tag),
    f.userGroup === undefined ? undefined : eq(accounts.userGroup, f.userGroup),
    f.orgGroup === undefined ? undefined : eq(accounts.orgGroup, f.orgGroup),
    inArray(accounts.platform, [...f.platforms]),
  );
}

/** A pool member as a selection first reads it: no rules, only what changes with every post. */
export type PoolHead = { id: string; rulesVersion: number; bookingsVersion: number; lastPostAt: Date | null };

export type PoolSnapshot = { heads: PoolHead[]; booked: Map<string, BookedPost[]> };

/**
 * In one statement: the organization's accounts matching every label filter on the given
 * platforms, with the versions of their rules and bookings and their latest live post time
 * (accounts.last_post_at, kept by triggers on posts), and the live posts of those accounts in
 * [from, to) — one snapshot, so a post is booked exactly as of its account's bookings version.
 * Each list comes back as one text value (comma-separated fields): a pool is thousands of rows
 * per selection, and decoding them row by row (driver, then drizzle) cost several times the query.
 */
export async function poolSnapshot(
  db: Db,
  params: { organizationId: string; filters: PoolFilters; from: Date; to: Date; excludePostId?: string },
): Promise<PoolSnapshot> {
  const pool = poolCondition(params.organizationId, params.filters);
  const ms = (column: typeof accounts.lastPostAt | typeof posts.scheduledAt) => sql`(extract(epoch from ${column}) * 1000)::bigint`;
  const [row] = await executeRows<{ heads: string | null; booked: string | null }>(
    db,
    sql`select
      (select string_agg(${accounts.id}::text || ',' || ${accounts.rulesVersion} || ',' || ${accounts.bookingsVersion} || ',' || coalesce(${ms(accounts.lastPostAt)}::text, ''), ',')
         from ${accounts} where ${pool}) as heads,
      (select string_agg(${posts.accountId}::text || ',' || ${posts.id}::text || ',' || ${ms(posts.scheduledAt)}, ',' order by ${posts.scheduledAt})
         from ${posts} inner join ${accounts} on ${accounts.id} = ${posts.accountId}
        where ${and(
          pool,
          inArray(posts.status, [...LIVE_STATUSES]),
          gte(posts.scheduledAt, params.from),
          lt(posts.scheduledAt, params.to),
          params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
        )}) as booked`,
  );
  // Flat lists of four and three fields per item: one split, no array per item.
  const heads: PoolHead[] = [];
  const h = row?.heads ? row.heads.split(",") : [];
  for (let i = 0; i + 3 < h.length; i += 4) {
    heads.push({ id: h[i]!, rulesVersion: Number(h[i + 1]), bookingsVersion: Number(h[i + 2]), lastPostAt: h[i + 3] ? new Date(Number(h[i + 3])) : null });
  }
  const booked = new Map<string, BookedPost[]>();
  const b = row?.booked ? row.booked.split(",") : [];
  for (let i = 0; i + 2 < b.length; i += 3) {
    const post = { id: b[i + 1]!, at: new Date(Number(b[i + 2])) };
    const list = booked.get(b[i]!);
    if (list) list.push(post);
    else booked.set(b[i]!, [post]);
  }
  return { heads, booked };
}

/** The rules of these accounts of the organization, with the version they were read at. */
export async function schedAccountsByIds(db: Db, params: { organizationId: string; ids: readonly string[] }): Promise<(SchedAccount & { rulesVersion: number })[]> {
  if (params.ids.length === 0) return [];
  return db
    .select({ ...schedColumns, rulesVersion: accounts.rulesVersion })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), inArray(accounts.id, [...params.ids])));
}

/** The versions an account's rules and bookings were read at (accounts.rules_version, bookings_version). */
export type AccountVersions = { organizationId: string; accountId: string; rulesVersion: number; bookingsVersion: number };

/** An account as a create reads it: its rules, the versions they and its bookings are at, its live posts. */
export type AccountSnapshot = { account: SchedAccount; rulesVersion: number; bookingsVersion: number; booked: BookedPost[] };

/**
 * One account of the organization with its live posts in [from, to), in one statement, and the
 * versions of its rules and bookings they were read at (null for an unknown or foreign id).
 */
export async function accountSnapshot(
  db: Db,
  params: { organizationId: string; accountId: string; from: Date; to: Date; excludePostId?: string },
): Promise<AccountSnapshot | null> {
  const booked = sql<string | null>`(select string_agg(${posts.id}::text || ',' || (extract(epoch from ${posts.scheduledAt}) * 1000)::bigint, ',' order by ${posts.scheduledAt})
      from ${posts} where ${and(
        eq(posts.accountId, accounts.id),
        inArray(posts.status, [...LIVE_STATUSES]),
        gte(posts.scheduledAt, params.from),
        lt(posts.scheduledAt, params.to),
        params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
      )})`;
  const [row] = await db
    .select({ ...schedColumns, rulesVersion: accounts.rulesVersion, bookingsVersion: accounts.bookingsVersion, booked })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)))
    .limit(1);
  if (!row) return null;
  const { rulesVersion, bookingsVersion, booked: list, ...account } = row;
  const fields = list ? list.split(",") : [];
  const posted: BookedPost[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) posted.push({ id: fields[i]!, at: new Date(Number(fields[i + 1])) });
  return { account, rulesVersion, bookingsVersion, booked: posted };
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
