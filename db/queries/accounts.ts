// Social accounts, always within one organization.
import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { WeeklyPostingTimes } from "@/lib/domain/accounts";
import type { Db } from "../client";
import { accounts, posts } from "../schema";

export type AccountFilters = { tag?: string; userGroup?: string; orgGroup?: string };

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
    select max(${posts.scheduledAt}) from ${posts}
    where ${posts.accountId} = ${accounts.id} and ${posts.status} = 'complete'
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

export type AccountChanges = Partial<{
  tag: string | null;
  userGroup: string | null;
  orgGroup: string | null;
  timezone: string;
  postingTimes: WeeklyPostingTimes;
  minGapMinutes: number;
  dailyCap: number;
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
