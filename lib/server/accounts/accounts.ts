// Account use-cases and the API's account object (snake_case, as UGC Inc's API).
import "server-only";
import { type Db, retryOnConflict } from "@/db/client";
import * as q from "@/db/queries/accounts";
import * as pq from "@/db/queries/posts";
import { lockAccounts } from "@/db/queries/scheduling";
import { type ListAccountsInput, toWeeklyPostingTimes, updateAccountsSchema } from "@/lib/domain/accounts";
import { AppError, type Result, invalid, resultOf } from "@/lib/domain/errors";
import { NOW_GRACE_MS } from "@/lib/domain/scheduling";
import { isValidTimeZone } from "@/lib/domain/time";
import type { AccountObject } from "@/lib/domain/wire";
import type { AccountRow } from "@/lib/domain/account-table";
import { parseOrThrow } from "../http/envelope";
import { placeLocked } from "../posts/scheduler";


export type { AccountObject };

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

/** The Accounts page's rows: the account object with what the table shows beside it. */
export async function accountsTable(db: Db, organizationId: string, now: Date): Promise<AccountRow[]> {
  const rows = await q.accountsTable(db, { organizationId, now });
  return rows.map((r) => ({
    ...toAccountObject(r),
    next_post_at: r.nextPostAt ? r.nextPostAt.toISOString() : null,
    today: r.today,
    upcoming: r.upcoming,
    last_error: r.lastError,
    privacy_level: r.privacyLevel,
  }));
}

/**
 * On resume, the posts a paused account held (DESIGN.md §6): oldest first, a non-strict one is
 * re-placed from now by the usual rules; a strict one whose exact time passed fails with that
 * reason. The caller's transaction holds the accounts' locks.
 */
async function replaceHeldPosts(tx: Db, organizationId: string, accountIds: string[], now: Date) {
  const accounts = await lockAccounts(tx, { organizationId, accountIds });
  const held = await pq.heldPostIds(tx, { organizationId, accountIds, before: new Date(now.getTime() - NOW_GRACE_MS) });
  const locked = new Map((await pq.lockPosts(tx, { organizationId, postIds: held })).map((p) => [p.id, p]));
  // Strict ones first: the slots they held are free for the re-placed ones.
  const order = [...held].sort((a, b) => Number(!locked.get(a)?.strict) - Number(!locked.get(b)?.strict));
  for (const id of order) {
    const post = locked.get(id);
    const account = post && accounts.get(post.accountId);
    if (!post || !account || post.status !== "scheduled") continue;
    const placed = post.strict ? null : await placeLocked(tx, account, { at: now, strict: false, now, excludePostId: id });
    if (placed?.ok) {
      await pq.updatePost(tx, {
        organizationId,
        postId: id,
        now,
        resetPublishState: true,
        changes: { scheduledAt: placed.value.at, bumped: true, selection: { ...placed.value.selection, reason: `re-placed when the account was resumed: ${placed.value.selection.reason}` } },
      });
    } else {
      const why = post.strict
        ? `its exact time (${post.scheduledAt.toISOString()}) passed while the account was paused`
        : `it could not be re-placed when the account was resumed: ${placed && !placed.ok ? placed.error.message : "no slot"}`;
      await pq.updatePost(tx, { organizationId, postId: id, now, resetPublishState: true, changes: { status: "failed", lastError: why } });
    }
  }
}

/**
 * POST /accounts/update-info: the same changes to one or more accounts of the organization,
 * all or nothing. Unknown (or foreign) ids are 404.
 */
export function updateAccountsInfo(db: Db, organizationId: string, body: unknown, now: Date): Promise<Result<AccountObject[]>> {
  return resultOf(async () => {
    const input = parseOrThrow(updateAccountsSchema, body);
    if (input.timezone !== undefined && !isValidTimeZone(input.timezone)) {
      throw invalid([{ path: "timezone", message: `"${input.timezone}" is not an IANA timezone such as Europe/Berlin` }]);
    }
    const ids = [...new Set([...(input.accountIds ?? []), ...(input.accountId ? [input.accountId] : [])])];
    const found = await q.existingAccountIds(db, { organizationId, ids });
    const missing = ids.find((id) => !found.has(id));
    if (missing) throw new AppError("not_found", `accountIds: no account ${missing} in your organization`);
    const changes: q.AccountChanges = {
      ...(input.tag !== undefined && { tag: input.tag }),
      ...(input.user_group !== undefined && { userGroup: input.user_group }),
      ...(input.org_group !== undefined && { orgGroup: input.org_group }),
      ...(input.timezone !== undefined && { timezone: input.timezone }),
      ...(input.postingTimes !== undefined && { postingTimes: toWeeklyPostingTimes(input.postingTimes) }),
      ...(input.minGapMinutes !== undefined && { minGapMinutes: input.minGapMinutes }),
      ...(input.dailyCap !== undefined && { dailyCap: input.dailyCap }),
      ...(input.privacyLevel !== undefined && { privacyLevel: input.privacyLevel }),
    };
    await retryOnConflict(() =>
      db.transaction(async (tx) => {
        // Accounts first (in id order), then their posts: the one lock order (DESIGN.md §4).
        const before = await lockAccounts(tx, { organizationId, accountIds: ids });
        if (input.privacyLevel && [...before.values()].some((a) => a.platform !== "tiktok")) {
          throw invalid([{ path: "privacyLevel", message: "is a TikTok setting; Instagram accounts have none" }]);
        }
        await q.updateAccounts(tx, { organizationId, ids, changes, paused: input.paused, now });
        const resumed = input.paused === false ? ids.filter((id) => before.get(id)?.status === "paused") : [];
        if (resumed.length) await replaceHeldPosts(tx, organizationId, resumed, now);
      }),
    );
    const rows = await q.listAccounts(db, { organizationId, filters: {}, ids });
    return rows.map(toAccountObject);
  });
}
