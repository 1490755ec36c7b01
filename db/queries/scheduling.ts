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

/** `column` is one of `ids`, as one text parameter: a pool's thousands of ids stay clear of the protocol's 65,535-parameter limit. */
const oneOf = (column: typeof accounts.id, ids: readonly string[]) => sql`${column} = any(string_to_array(${ids.join(",")}, ',')::uuid[])`;

const epochMs = (column: typeof accounts.lastPostAt | typeof posts.scheduledAt) => sql`(extract(epoch from ${column}) * 1000)::bigint`;

/**
 * The organization's accounts matching every label filter on the given platforms, with the
 * versions of their rules and bookings and their latest live post time (accounts.last_post_at,
 * kept by triggers on posts), in one statement. The list comes back as one text value (four
 * comma-separated fields per account): a pool is thousands of rows per selection, and decoding
 * them row by row (driver, then drizzle) cost several times the query.
 */
export async function poolHeads(db: Db, params: { organizationId: string; filters: PoolFilters }): Promise<PoolHead[]> {
  const [row] = await executeRows<{ heads: string | null }>(
    db,
    sql`select string_agg(${accounts.id}::text || ',' || ${accounts.rulesVersion} || ',' || ${accounts.bookingsVersion} || ',' || coalesce(${epochMs(accounts.lastPostAt)}::text, ''), ',') as heads
          from ${accounts} where ${poolCondition(params.organizationId, params.filters)}`,
  );
  const heads: PoolHead[] = [];
  const h = row?.heads ? row.heads.split(",") : [];
  for (let i = 0; i + 3 < h.length; i += 4) {
    heads.push({ id: h[i]!, rulesVersion: Number(h[i + 1]), bookingsVersion: Number(h[i + 2]), lastPostAt: h[i + 3] ? new Date(Number(h[i + 3])) : null });
  }
  return heads;
}

/** An account's live posts in a range, as of the bookings version they were read at. */
export type Bookings = { accountId: string; bookingsVersion: number; posts: BookedPost[] };

/**
 * The live posts in [from, to) of these accounts of the organization, each list with the
 * account's bookings version, read in the same statement (so a list is exactly the account's
 * bookings in that range at that version). Unknown and foreign ids are left out.
 */
export async function bookingsIn(db: Db, params: { organizationId: string; accountIds: readonly string[]; from: Date; to: Date }): Promise<Bookings[]> {
  if (params.accountIds.length === 0) return [];
  const rows = await db
    .select({ accountId: accounts.id, bookingsVersion: accounts.bookingsVersion, list: bookedAgg(params) })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), oneOf(accounts.id, params.accountIds)));
  return rows.map(({ accountId, bookingsVersion, list: l }) => ({ accountId, bookingsVersion, posts: bookedList(l) }));
}

/**
 * The outer account row's live posts in [from, to) (less `excludePostId`) as one text value,
 * "id,ms,id,ms…" in time order: read back by bookedList.
 */
function bookedAgg(params: { from: Date; to: Date; excludePostId?: string }) {
  return sql<string | null>`(select string_agg(${posts.id}::text || ',' || ${epochMs(posts.scheduledAt)}, ',' order by ${posts.scheduledAt})
      from ${posts} where ${and(
        eq(posts.accountId, accounts.id),
        inArray(posts.status, [...LIVE_STATUSES]),
        gte(posts.scheduledAt, params.from),
        lt(posts.scheduledAt, params.to),
        params.excludePostId ? ne(posts.id, params.excludePostId) : undefined,
      )})`;
}

/** "id,ms,id,ms…" (string_agg of a post's id and epoch milliseconds) as booked posts. */
function bookedList(list: string | null): BookedPost[] {
  const fields = list ? list.split(",") : [];
  const out: BookedPost[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) out.push({ id: fields[i]!, at: new Date(Number(fields[i + 1])) });
  return out;
}

/** The rules of these accounts of the organization, with the version they were read at. */
export async function schedAccountsByIds(db: Db, params: { organizationId: string; ids: readonly string[] }): Promise<(SchedAccount & { rulesVersion: number })[]> {
  if (params.ids.length === 0) return [];
  return db
    .select({ ...schedColumns, rulesVersion: accounts.rulesVersion })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), oneOf(accounts.id, params.ids)));
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
  const [row] = await db
    .select({ ...schedColumns, rulesVersion: accounts.rulesVersion, bookingsVersion: accounts.bookingsVersion, booked: bookedAgg(params) })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)))
    .limit(1);
  if (!row) return null;
  const { rulesVersion, bookingsVersion, booked: list, ...account } = row;
  return { account, rulesVersion, bookingsVersion, booked: bookedList(list) };
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
