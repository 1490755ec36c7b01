// Posts and their ordered images. Every function is scoped by organization.
import "server-only";
import { and, asc, count, desc, eq, gt, gte, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import type { PostStatus } from "@/lib/domain/posts";
import { type Db, executeRows } from "../client";
import { accounts, mediaObjects, postImages, posts } from "../schema";
import { type PostAccountFilters, accountsMatching } from "./accounts";
import type { AccountVersions } from "./scheduling";

/** A post's first slide and its stored media (the cover every list and card shows), for left joins. */
export const coverImage = and(eq(postImages.postId, posts.id), eq(postImages.position, 0));
export const coverMedia = eq(mediaObjects.id, postImages.mediaId);

/** Rows past a keyset cursor in (scheduled_at, id) order, ascending or descending. */
function pastCursor(after: { scheduledAt: Date; id: string } | undefined, descending = false): SQL | undefined {
  if (!after) return undefined;
  const [beyond, tie] = descending ? [lt(posts.scheduledAt, after.scheduledAt), lt(posts.id, after.id)] : [gt(posts.scheduledAt, after.scheduledAt), gt(posts.id, after.id)];
  return or(beyond, and(eq(posts.scheduledAt, after.scheduledAt), tie));
}

export type NewPost = {
  organizationId: string;
  accountId: string;
  caption: string;
  musicPostId: string | null;
  requestedTime: Date | null;
  scheduledAt: Date;
  strict: boolean;
  bumped: boolean;
  selection: Record<string, unknown>;
  warnings: string[];
  mediaIds: readonly string[];
  sourceUrls: readonly (string | null)[];
};

/** Inserts the post and its images; returns the post's columns (without the platform). */
export async function insertPost(tx: Db, p: NewPost): Promise<Omit<PostRow, "platform">> {
  const { platform: _joined, ...returned } = postColumns;
  const [row] = await tx
    .insert(posts)
    .values({
      organizationId: p.organizationId,
      accountId: p.accountId,
      caption: p.caption,
      musicPostId: p.musicPostId,
      requestedTime: p.requestedTime,
      scheduledAt: p.scheduledAt,
      strict: p.strict,
      bumped: p.bumped,
      selection: p.selection,
      warnings: p.warnings,
    })
    .returning(returned);
  await insertImages(tx, row!.id, p.mediaIds, p.sourceUrls);
  return row!;
}

/**
 * Inserts the post and its images in one statement (no transaction around it), but only while
 * the account's rules and bookings are at the versions in `guard`: the row is locked for the
 * statement, and a concurrent writer's commit makes Postgres re-check the versions on the new
 * row, so a placement decided from a read nobody has changed since is written, and any other is
 * not. Null when something changed (the caller reads again) and, with `skipLocked`, when another
 * writer holds the account's row (the caller tries elsewhere instead of queueing behind it).
 */
export async function insertPostIfUnchanged(db: Db, guard: AccountVersions, p: NewPost, opts: { skipLocked?: boolean } = {}): Promise<Omit<PostRow, "platform"> | null> {
  const list = (items: readonly (string | null)[], type: SQL) => sql`array[${sql.join(items.map((i) => sql`${i}`), sql`, `)}]::${type}`;
  const [row] = await executeRows<{ id: string; status: PostRow["status"]; created: number; updated: number }>(
    db,
    sql`with guard as (
        select ${accounts.id} as id from ${accounts}
         where ${and(
           eq(accounts.id, guard.accountId),
           eq(accounts.organizationId, guard.organizationId),
           eq(accounts.rulesVersion, guard.rulesVersion),
           eq(accounts.bookingsVersion, guard.bookingsVersion),
         )}
         for update${opts.skipLocked ? sql` skip locked` : sql``}
      ), post as (
        insert into ${posts} (organization_id, account_id, caption, music_post_id, requested_time, scheduled_at, strict, bumped, selection, warnings)
        select ${p.organizationId}::text, guard.id, ${p.caption}::text, ${p.musicPostId}::text, ${p.requestedTime?.toISOString() ?? null}::timestamptz,
               ${p.scheduledAt.toISOString()}::timestamptz, ${p.strict}::boolean, ${p.bumped}::boolean, ${JSON.stringify(p.selection)}::jsonb, ${JSON.stringify(p.warnings)}::jsonb
          from guard
        returning id, status, created_at, updated_at
      ), images as (
        insert into ${postImages} (post_id, position, media_id, source_url)
        select post.id, x.n - 1, x.media_id, x.source_url
          from post, unnest(${list(p.mediaIds, sql`uuid[]`)}, ${list(p.sourceUrls.slice(0, p.mediaIds.length), sql`text[]`)}) with ordinality as x(media_id, source_url, n)
      )
      select id, status, (extract(epoch from created_at) * 1000)::float8 as created, (extract(epoch from updated_at) * 1000)::float8 as updated from post`,
  );
  if (!row) return null;
  return {
    id: row.id,
    accountId: guard.accountId,
    status: row.status,
    caption: p.caption,
    musicPostId: p.musicPostId,
    requestedTime: p.requestedTime,
    scheduledAt: p.scheduledAt,
    strict: p.strict,
    bumped: p.bumped,
    selection: p.selection,
    warnings: p.warnings,
    socialId: null,
    postUrl: null,
    lastError: null,
    createdAt: new Date(Number(row.created)),
    updatedAt: new Date(Number(row.updated)),
  };
}

async function insertImages(tx: Db, postId: string, mediaIds: readonly string[], sourceUrls: readonly (string | null)[]) {
  if (mediaIds.length === 0) return;
  await tx.insert(postImages).values(
    mediaIds.map((mediaId, position) => ({ postId, position, mediaId, sourceUrl: sourceUrls[position] ?? null })),
  );
}

export async function replaceImages(
  tx: Db,
  params: { postId: string; mediaIds: readonly string[]; sourceUrls: readonly (string | null)[] },
) {
  await tx.delete(postImages).where(eq(postImages.postId, params.postId));
  await insertImages(tx, params.postId, params.mediaIds, params.sourceUrls);
}

const postColumns = {
  id: posts.id,
  accountId: posts.accountId,
  platform: accounts.platform,
  status: posts.status,
  caption: posts.caption,
  musicPostId: posts.musicPostId,
  requestedTime: posts.requestedTime,
  scheduledAt: posts.scheduledAt,
  strict: posts.strict,
  bumped: posts.bumped,
  selection: posts.selection,
  warnings: posts.warnings,
  socialId: posts.socialId,
  postUrl: posts.postUrl,
  lastError: posts.lastError,
  createdAt: posts.createdAt,
  updatedAt: posts.updatedAt,
};

export type PostRow = Awaited<ReturnType<typeof selectPosts>>[number];
export type PostImageRow = { postId: string; position: number; sha256: string; mimeType: string; mediaId: string };

function selectPosts(db: Db, where: SQL | undefined, limit?: number) {
  const q = db
    .select(postColumns)
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(where)
    .orderBy(asc(posts.scheduledAt), asc(posts.id));
  return limit === undefined ? q : q.limit(limit);
}

/** Images of the given posts, in slide order. */
export async function imagesOf(db: Db, postIds: readonly string[]): Promise<PostImageRow[]> {
  if (postIds.length === 0) return [];
  return db
    .select({
      postId: postImages.postId,
      position: postImages.position,
      sha256: mediaObjects.sha256,
      mimeType: mediaObjects.mimeType,
      mediaId: mediaObjects.id,
    })
    .from(postImages)
    .innerJoin(mediaObjects, eq(mediaObjects.id, postImages.mediaId))
    .where(inArray(postImages.postId, [...postIds]))
    .orderBy(asc(postImages.postId), asc(postImages.position));
}

export async function findPosts(db: Db, params: { organizationId: string; postIds: readonly string[] }): Promise<PostRow[]> {
  if (params.postIds.length === 0) return [];
  return selectPosts(db, and(eq(posts.organizationId, params.organizationId), inArray(posts.id, [...params.postIds])));
}

/** Locks the posts (in id order, so concurrent batches cannot deadlock) and returns them. */
export async function lockPosts(
  tx: Db,
  params: { organizationId: string; postIds: readonly string[] },
): Promise<{ id: string; accountId: string; status: PostStatus; scheduledAt: Date; strict: boolean; updatedAt: Date }[]> {
  if (params.postIds.length === 0) return [];
  return tx
    .select({ id: posts.id, accountId: posts.accountId, status: posts.status, scheduledAt: posts.scheduledAt, strict: posts.strict, updatedAt: posts.updatedAt })
    .from(posts)
    .where(and(eq(posts.organizationId, params.organizationId), inArray(posts.id, [...params.postIds])))
    .orderBy(asc(posts.id))
    .for("update");
}

/** Which account each of the posts belongs to (no lock: for choosing what to lock first). */
export async function postAccountIds(db: Db, params: { organizationId: string; postIds: readonly string[] }): Promise<Map<string, string>> {
  if (params.postIds.length === 0) return new Map();
  const rows = await db
    .select({ id: posts.id, accountId: posts.accountId })
    .from(posts)
    .where(and(eq(posts.organizationId, params.organizationId), inArray(posts.id, [...params.postIds])));
  return new Map(rows.map((r) => [r.id, r.accountId]));
}

/** Posts of the accounts held while paused: still scheduled, their time before `before`, oldest first. */
export async function heldPostIds(db: Db, params: { organizationId: string; accountIds: readonly string[]; before: Date }): Promise<string[]> {
  if (params.accountIds.length === 0) return [];
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(
        eq(posts.organizationId, params.organizationId),
        inArray(posts.accountId, [...params.accountIds]),
        eq(posts.status, "scheduled"),
        lt(posts.scheduledAt, params.before),
      ),
    )
    .orderBy(asc(posts.scheduledAt), asc(posts.id));
  return rows.map((r) => r.id);
}

export type ListFilters = {
  accountIds?: readonly string[];
  postIds?: readonly string[];
  statuses: readonly PostStatus[];
  start?: Date;
  end?: Date;
  after?: { scheduledAt: Date; id: string };
  limit: number;
};

/** A page of posts by scheduled_at then id, starting after the cursor position. */
export async function listPosts(db: Db, params: { organizationId: string; filters: ListFilters }): Promise<PostRow[]> {
  const f = params.filters;
  return selectPosts(
    db,
    and(
      eq(posts.organizationId, params.organizationId),
      f.accountIds ? inArray(posts.accountId, [...f.accountIds]) : undefined,
      f.postIds ? inArray(posts.id, [...f.postIds]) : undefined,
      inArray(posts.status, [...f.statuses]),
      f.start ? gte(posts.scheduledAt, f.start) : undefined,
      f.end ? lt(posts.scheduledAt, f.end) : undefined,
      pastCursor(f.after),
    ),
    f.limit,
  );
}

export type PostChanges = Partial<
  Omit<NewPost, "organizationId" | "mediaIds" | "sourceUrls"> & { status: PostStatus; lastError: string | null }
>;

/** A post's publish state, as the worker leaves it; cleared when a post is edited or retried. */
const CLEAR_PUBLISH_STATE = {
  attempts: 0,
  sendingSince: null,
  platformJobId: null,
  jobStartedAt: null,
  leaseUntil: null,
  nextAttemptAt: null,
} as const;

export async function updatePost(
  tx: Db,
  params: { organizationId: string; postId: string; changes: PostChanges; now: Date; resetPublishState?: boolean },
) {
  await tx
    .update(posts)
    .set({ ...params.changes, ...(params.resetPublishState ? CLEAR_PUBLISH_STATE : {}), updatedAt: params.now })
    .where(and(eq(posts.organizationId, params.organizationId), eq(posts.id, params.postId)));
}

export async function setStatuses(
  tx: Db,
  params: { organizationId: string; postIds: readonly string[]; status: PostStatus; now: Date },
) {
  if (params.postIds.length === 0) return;
  await tx
    .update(posts)
    .set({ status: params.status, updatedAt: params.now })
    .where(and(eq(posts.organizationId, params.organizationId), inArray(posts.id, [...params.postIds])));
}

/** Fails the posts with `reason` (the caller holds their locks). */
export async function failPosts(tx: Db, params: { organizationId: string; postIds: readonly string[]; reason: string; now: Date }) {
  if (params.postIds.length === 0) return;
  await tx
    .update(posts)
    .set({ status: "failed", lastError: params.reason, updatedAt: params.now })
    .where(and(eq(posts.organizationId, params.organizationId), inArray(posts.id, [...params.postIds])));
}

// ---------------------------------------------------------------------------------------------
// The Posts page (dashboard.md §3): the filtered table, its count, the failed posts for the
// failures view and the navigation's badge. Label and platform filters are on the account.

export type TableFilters = PostAccountFilters & {
  statuses: readonly PostStatus[];
  from?: Date;
  to?: Date;
  /** Case-insensitive substring of the caption. */
  search?: string;
};

/** `%`, `_` and `\` typed in a search are letters, not LIKE wildcards. */
const likeEscaped = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function tableWhere(organizationId: string, f: TableFilters): SQL | undefined {
  return and(
    eq(posts.organizationId, organizationId),
    inArray(posts.status, [...f.statuses]),
    accountsMatching(organizationId, f),
    f.from ? gte(posts.scheduledAt, f.from) : undefined,
    f.to ? lt(posts.scheduledAt, f.to) : undefined,
    f.search ? ilike(posts.caption, `%${likeEscaped(f.search)}%`) : undefined,
  );
}

export type TablePostRow = Awaited<ReturnType<typeof listTablePosts>>[number];

/**
 * A page of the table by scheduled_at then id (ascending or descending), after the keyset
 * position; on the (organization_id, status, scheduled_at) index, so the 100th page costs what
 * the first does. Carries what a row and an export line show, with the cover's hash.
 */
export async function listTablePosts(
  db: Db,
  params: { organizationId: string; filters: TableFilters; desc: boolean; after?: { scheduledAt: Date; id: string }; limit: number },
) {
  const down = params.desc;
  return db
    .select({
      id: posts.id,
      accountId: posts.accountId,
      username: accounts.username,
      avatarUrl: accounts.avatarUrl,
      platform: accounts.platform,
      accountTimezone: accounts.timezone,
      status: posts.status,
      scheduledAt: posts.scheduledAt,
      requestedTime: posts.requestedTime,
      strict: posts.strict,
      bumped: posts.bumped,
      caption: posts.caption,
      musicPostId: posts.musicPostId,
      postUrl: posts.postUrl,
      lastError: posts.lastError,
      coverSha256: mediaObjects.sha256,
      updatedAt: posts.updatedAt,
    })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .leftJoin(postImages, coverImage)
    .leftJoin(mediaObjects, coverMedia)
    .where(and(tableWhere(params.organizationId, params.filters), pastCursor(params.after, down)))
    .orderBy(...(down ? [desc(posts.scheduledAt), desc(posts.id)] : [asc(posts.scheduledAt), asc(posts.id)]))
    .limit(params.limit);
}

/** How many posts match the table's filters. */
export async function countTablePosts(db: Db, params: { organizationId: string; filters: TableFilters }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(tableWhere(params.organizationId, params.filters));
  return row?.n ?? 0;
}

/** The organization's failed posts (oldest first, at most `limit`) with what grouping them needs. */
export async function failedPosts(db: Db, params: { organizationId: string; limit: number }) {
  return db
    .select({ id: posts.id, accountId: posts.accountId, username: accounts.username, accountStatus: accounts.status, lastError: posts.lastError })
    .from(posts)
    .innerJoin(accounts, eq(accounts.id, posts.accountId))
    .where(and(eq(posts.organizationId, params.organizationId), eq(posts.status, "failed")))
    .orderBy(asc(posts.scheduledAt), asc(posts.id))
    .limit(params.limit);
}

/** The navigation badge: how many of the organization's posts are failed. */
export async function countFailedPosts(db: Db, params: { organizationId: string }): Promise<number> {
  return db.$count(posts, and(eq(posts.organizationId, params.organizationId), eq(posts.status, "failed")));
}
