// What the calendar reads (dashboard.md §2): the posts of a range with what a card shows, in one
// query on the (organization_id, scheduled_at) index; the accounts a view is narrowed to; a
// post's history.
import "server-only";
import { and, asc, eq, gt, gte, inArray, lt } from "drizzle-orm";
import type { AccountStatus, Platform } from "@/lib/domain/accounts";
import type { PostStatus } from "@/lib/domain/posts";
import type { Db } from "../client";
import { accounts, mediaObjects, postEvents, postImages, posts } from "../schema";
import { type PostAccountFilters, accountsMatching } from "./accounts";
import { coverImage, coverMedia } from "./posts";
import { schedColumns } from "./scheduling";

export type CalendarFilters = PostAccountFilters;

export type CardRow = {
  id: string;
  accountId: string;
  username: string;
  avatarUrl: string | null;
  platform: Platform;
  accountStatus: AccountStatus;
  status: PostStatus;
  scheduledAt: Date;
  requestedTime: Date | null;
  bumped: boolean;
  strict: boolean;
  coverSha256: string | null;
  updatedAt: Date;
};

/**
 * Posts with scheduled_at in [from, to), their account and first slide, in time order. With
 * `changedSince`, only those updated after it (a live refresh, on the organization_id,
 * updated_at index).
 */
export async function rangeCards(
  db: Db,
  params: { organizationId: string; from?: Date; to?: Date; filters: CalendarFilters; statuses: readonly PostStatus[]; changedSince?: Date },
): Promise<CardRow[]> {
  return db
    .select({
      id: posts.id,
      accountId: posts.accountId,
      username: accounts.username,
      avatarUrl: accounts.avatarUrl,
      platform: accounts.platform,
      accountStatus: accounts.status,
      status: posts.status,
      scheduledAt: posts.scheduledAt,
      requestedTime: posts.requestedTime,
      bumped: posts.bumped,
      strict: posts.strict,
      coverSha256: mediaObjects.sha256,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .leftJoin(postImages, coverImage)
    .leftJoin(mediaObjects, coverMedia)
    .where(
      and(
        eq(posts.organizationId, params.organizationId),
        params.from ? gte(posts.scheduledAt, params.from) : undefined,
        params.to ? lt(posts.scheduledAt, params.to) : undefined,
        inArray(posts.status, [...params.statuses]),
        params.changedSince ? gt(posts.updatedAt, params.changedSince) : undefined,
        accountsMatching(params.organizationId, params.filters),
      ),
    )
    .orderBy(asc(posts.scheduledAt), asc(posts.id));
}

/** The accounts a view is narrowed to, with their scheduling rules and what a board row shows. */
export async function calendarAccounts(db: Db, params: { organizationId: string; filters: CalendarFilters }) {
  return db
    .select({
      ...schedColumns,
      username: accounts.username,
      avatarUrl: accounts.avatarUrl,
    })
    .from(accounts)
    .where(accountsMatching(params.organizationId, params.filters))
    .orderBy(asc(accounts.username), asc(accounts.id));
}

/** A post's history, oldest first (the caller has checked the post is the organization's). */
export async function postHistory(db: Db, params: { postId: string }) {
  return db
    .select({ status: postEvents.status, error: postEvents.error, scheduledAt: postEvents.scheduledAt, accountId: postEvents.accountId, at: postEvents.at })
    .from(postEvents)
    .where(eq(postEvents.postId, params.postId))
    .orderBy(asc(postEvents.at), asc(postEvents.id));
}
