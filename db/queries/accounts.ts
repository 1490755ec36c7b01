// Social accounts, always within one organization.
import "server-only";
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { Platform, WeeklyPostingTimes } from "@/lib/domain/accounts";
import { LIVE_STATUSES, type PostStatus } from "@/lib/domain/posts";
import type { Db } from "../client";
import { accounts, posts } from "../schema";

export type AccountFilters = { tag?: string; userGroup?: string; orgGroup?: string };

/** What the calendar and the posts table narrow posts by: their accounts' ids, labels (exact) and platform. */
export type PostAccountFilters = AccountFilters & { accountIds?: readonly string[]; platform?: Platform };

/** The organization's accounts matching every given filter (joined to their posts by callers). */
export function accountsMatching(organizationId: string, f: PostAccountFilters): SQL | undefined {
  return and(
    eq(accounts.organizationId, organizationId),
    f.accountIds?.length ? inArray(accounts.id, [...f.accountIds]) : undefined,
    f.tag === undefined ? undefined : eq(accounts.tag, f.tag),
    f.userGroup === undefined ? undefined : eq(accounts.userGroup, f.userGroup),
    f.orgGroup === undefined ? undefined : eq(accounts.orgGroup, f.orgGroup),
    f.platform === undefined ? undefined : eq(accounts.platform, f.platform),
  );
}

// Drizzle writes a one-table select's columns unqualified ("id"), which inside a subquery on
// posts would mean the post's id: the correlated subqueries name the outer account explicitly.
const accountId = sql.raw(`"accounts"."id"`);
const accountZone = sql.raw(`"accounts"."timezone"`);

const listColumns = {
  id: accounts.id,
  platform: accounts.platform,
  username: accounts.username,
  displayName: accounts.displayName,
  avatarUrl: accounts.avatarUrl,
  tag: accounts.tag,
  userGroup: accounts.userGroup,
  orgGroup: accounts.orgGroup,
  timezone: accounts.timezone,
  postingTimes: accounts.postingTimes,
  minGapMinutes: accounts.minGapMinutes,
  dailyCap: accounts.dailyCap,
  status: accounts.status,
  createdAt: accounts.createdAt,
  // The latest published post; a correlated subquery keeps this one round trip.
  lastPostedAt: sql<Date | null>`(
    select max(p.scheduled_at) from posts p
    where p.account_id = ${accountId} and p.status = 'complete'
  )`.mapWith((v: Date | string | null) => (v == null ? null : new Date(v))),
};

export async function listAccounts(
  db: Db,
  params: { organizationId: string; filters: AccountFilters; ids?: readonly string[] },
) {
  const { tag, userGroup, orgGroup } = params.filters;
  return db
    .select(listColumns)
    .from(accounts)
    .where(
      and(
        eq(accounts.organizationId, params.organizationId),
        tag === undefined ? undefined : eq(accounts.tag, tag),
        userGroup === undefined ? undefined : eq(accounts.userGroup, userGroup),
        orgGroup === undefined ? undefined : eq(accounts.orgGroup, orgGroup),
        params.ids ? inArray(accounts.id, [...params.ids]) : undefined,
      ),
    )
    .orderBy(asc(accounts.createdAt), asc(accounts.id));
}

export type AccountListRow = Awaited<ReturnType<typeof listAccounts>>[number];

const liveList = sql.raw(LIVE_STATUSES.map((s) => `'${s}'`).join(", "));
const toDate = (v: Date | string | null) => (v == null ? null : new Date(v));

/**
 * The Accounts page's rows (dashboard.md §4): the list columns plus the next post still to go
 * out, the live posts on the account's own calendar day of `now` (the daily cap's count) and
 * the last error. One round trip; each subquery walks the index on (account_id, scheduled_at).
 * The day is read in the account's zone by Postgres's own IANA rules (`at time zone`), the
 * same tz database the domain's Intl rules use.
 */
export function accountsTable(db: Db, params: { organizationId: string; now: Date }) {
  const now = params.now.toISOString();
  return db
    .select({
      ...listColumns,
      lastError: accounts.lastError,
      privacyLevel: accounts.privacyLevel,
      nextPostAt: sql<Date | null>`(
        select min(p.scheduled_at) from posts p
        where p.account_id = ${accountId} and p.status in ('scheduled', 'retrying')
          and p.scheduled_at >= ${now}::timestamptz
      )`.mapWith(toDate),
      upcoming: sql<number>`(
        select count(*) from posts p
        where p.account_id = ${accountId} and p.status in ('scheduled', 'retrying')
      )`.mapWith(Number),
      today: sql<number>`(
        select count(*) from posts p
        where p.account_id = ${accountId} and p.status in (${liveList})
          and p.scheduled_at > ${now}::timestamptz - interval '1 day'
          and p.scheduled_at < ${now}::timestamptz + interval '1 day'
          and (p.scheduled_at at time zone ${accountZone})::date = (${now}::timestamptz at time zone ${accountZone})::date
      )`.mapWith(Number),
    })
    .from(accounts)
    .where(eq(accounts.organizationId, params.organizationId))
    .orderBy(asc(accounts.username), asc(accounts.id));
}

export type AccountTableRow = Awaited<ReturnType<typeof accountsTable>>[number];

export type AccountChanges = Partial<{
  tag: string | null;
  userGroup: string | null;
  orgGroup: string | null;
  timezone: string;
  postingTimes: WeeklyPostingTimes;
  minGapMinutes: number;
  dailyCap: number;
  privacyLevel: string | null;
}>;

/** Ids among `ids` that belong to the organization. */
export async function existingAccountIds(db: Db, params: { organizationId: string; ids: readonly string[] }): Promise<Set<string>> {
  const rows = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), inArray(accounts.id, [...params.ids])));
  return new Set(rows.map((r) => r.id));
}

/**
 * Applies changes to the accounts; `paused` true pauses them, false resumes paused ones
 * (an account that needs reconnecting stays needs_reauth).
 */
export async function updateAccounts(
  tx: Db,
  params: { organizationId: string; ids: readonly string[]; changes: AccountChanges; paused?: boolean; now: Date },
) {
  const scope = and(eq(accounts.organizationId, params.organizationId), inArray(accounts.id, [...params.ids]));
  if (Object.keys(params.changes).length) {
    await tx.update(accounts).set({ ...params.changes, updatedAt: params.now }).where(scope);
  }
  if (params.paused === true) {
    await tx.update(accounts).set({ status: "paused", updatedAt: params.now }).where(and(scope, eq(accounts.status, "active")));
  } else if (params.paused === false) {
    await tx.update(accounts).set({ status: "active", updatedAt: params.now }).where(and(scope, eq(accounts.status, "paused")));
  }
}

const LABEL_COLUMNS = { tag: accounts.tag, user_group: accounts.userGroup, org_group: accounts.orgGroup } as const;

/** How many of the organization's accounts carry `value` as their `kind` label. */
export async function countWithLabel(db: Db, params: { organizationId: string; kind: keyof typeof LABEL_COLUMNS; value: string }): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(accounts)
    .where(and(eq(accounts.organizationId, params.organizationId), eq(LABEL_COLUMNS[params.kind], params.value)));
  return Number(row?.n ?? 0);
}

/** Sets the `kind` label `from` to `to` on every account of the organization that has it; how many. */
export async function relabel(tx: Db, params: { organizationId: string; kind: keyof typeof LABEL_COLUMNS; from: string; to: string; now: Date }): Promise<number> {
  const column = { tag: "tag", user_group: "userGroup", org_group: "orgGroup" } as const;
  const rows = await tx
    .update(accounts)
    .set({ [column[params.kind]]: params.to, updatedAt: params.now })
    .where(and(eq(accounts.organizationId, params.organizationId), eq(LABEL_COLUMNS[params.kind], params.from)))
    .returning({ id: accounts.id });
  return rows.length;
}

/** The account's posts in the given statuses (for a disconnect to fail or delete them). */
export async function accountPostIds(db: Db, params: { organizationId: string; accountId: string; statuses: readonly PostStatus[] }): Promise<{ id: string; status: PostStatus }[]> {
  return db
    .select({ id: posts.id, status: posts.status })
    .from(posts)
    .where(and(eq(posts.organizationId, params.organizationId), eq(posts.accountId, params.accountId), inArray(posts.status, [...params.statuses])))
    .orderBy(asc(posts.id));
}

/** Drops the account's tokens and marks it as needing a reconnect, saying why. */
export async function disconnect(tx: Db, params: { organizationId: string; accountId: string; reason: string; now: Date }) {
  await tx
    .update(accounts)
    .set({
      status: "needs_reauth",
      lastError: params.reason,
      accessTokenEnc: null,
      refreshTokenEnc: null,
      accessTokenExpiresAt: null,
      refreshTokenExpiresAt: null,
      accessTokenIssuedAt: null,
      tokenRefreshUntil: null,
      updatedAt: params.now,
    })
    .where(and(eq(accounts.organizationId, params.organizationId), eq(accounts.id, params.accountId)));
}
