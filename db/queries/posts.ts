// Posts and their ordered images. Every function is scoped by organization.
import "server-only";
import { and, asc, eq, gt, gte, inArray, lt, or, type SQL } from "drizzle-orm";
import type { PostStatus } from "@/lib/domain/posts";
import type { Db } from "../client";
import { accounts, mediaObjects, postImages, posts } from "../schema";

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
      f.after
        ? or(gt(posts.scheduledAt, f.after.scheduledAt), and(eq(posts.scheduledAt, f.after.scheduledAt), gt(posts.id, f.after.id)))
        : undefined,
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
