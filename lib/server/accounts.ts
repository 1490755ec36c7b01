// Account use-cases and the API's account object (snake_case, as UGC Inc's API).
import type { Db } from "@/db/client";
import * as q from "@/db/queries/accounts";
import type { ListAccountsInput } from "@/lib/domain/accounts";

export type AccountObject = {
  id: string;
  platform: string;
  username: string;
  display_name: string | null;
  avatar_url: string | null;
  tag: string | null;
  user_group: string | null;
  org_group: string | null;
  timezone: string;
  posting_times: Record<string, string[]>;
  min_gap_minutes: number;
  daily_cap: number;
  status: string;
  last_posted_at: string | null;
  created_at: string;
};

export function toAccountObject(row: q.AccountListRow): AccountObject {
  return {
    id: row.id,
    platform: row.platform,
    username: row.username,
    display_name: row.displayName,
    avatar_url: row.avatarUrl,
    tag: row.tag,
    user_group: row.userGroup,
    org_group: row.orgGroup,
    timezone: row.timezone,
    posting_times: row.postingTimes,
    min_gap_minutes: row.minGapMinutes,
    daily_cap: row.dailyCap,
    status: row.status,
    last_posted_at: row.lastPostedAt ? row.lastPostedAt.toISOString() : null,
    created_at: row.createdAt.toISOString(),
  };
}

/** The organization's accounts matching every given label exactly. */
export async function listAccounts(
  db: Db,
  params: { organizationId: string; filters: ListAccountsInput },
): Promise<AccountObject[]> {
  const rows = await q.listAccounts(db, {
    organizationId: params.organizationId,
    filters: {
      tag: params.filters.tag,
      userGroup: params.filters.user_group,
      orgGroup: params.filters.org_group,
    },
  });
  return rows.map(toAccountObject);
}
