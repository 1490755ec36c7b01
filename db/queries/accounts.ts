// Social accounts, always within one organization.
import { and, asc, eq, sql } from "drizzle-orm";
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
  params: { organizationId: string; filters: AccountFilters },
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
      ),
    )
    .orderBy(asc(accounts.createdAt), asc(accounts.id));
}

export type AccountListRow = Awaited<ReturnType<typeof listAccounts>>[number];
