// Post use-cases behind /api/v1/post*: create, preview, list, status, update, delete, retry.
// Each parses its input with the shared schema, applies the rules of lib/domain and
// reserves times through lib/server/scheduler. Expected failures come back as AppError results.
import "server-only";
import type { Config } from "@/env";
import type { Db } from "@/db/client";
import * as pq from "@/db/queries/posts";
import * as sq from "@/db/queries/sounds";
import { StartOver, retryOnConflict } from "@/db/client";
import { findSchedAccount, lockAccounts } from "@/db/queries/scheduling";
import type { Platform } from "@/lib/domain/accounts";
import { AppError, type Result, invalid, resultOf } from "@/lib/domain/errors";
import {
  type CreateSlideshowInput,
  POST_STATUSES,
  type PostStatus,
  checkPostTime,
  createSlideshowSchema,
  describeFilters,
  listPostsSchema,
  platformIssues,
  postIdSchema,
  postIdsSchema,
  replacementOf,
  updatePostSchema,
  uuid,
} from "@/lib/domain/posts";
import { movePostsSchema } from "@/lib/domain/posts-table";
import type { BookedPost, Placement, SchedAccount } from "@/lib/domain/scheduling";
import { findUnstorableText } from "@/lib/domain/text";
import { carouselPaddingWarnings } from "@/lib/domain/transcode";
import { parseOrThrow as parse } from "../http/envelope";
import { ingestImageUrls } from "../media/ingest";
import { storedFileNameOf } from "../media/store";
import { type PostObject, toPostObjects } from "./post-object";
import { type PlaceRequest, type Target, type VirtualBook, choosePlacement, placeLocked, reserve, reserveNew } from "./scheduler";

export type PostsCtx = {
  db: Db;
  config: Pick<Config, "publicBaseUrl" | "mediaDir" | "s3" | "allowPrivateMediaUrls">;
};

async function loadPostObjects(ctx: PostsCtx, organizationId: string, ids: readonly string[]): Promise<PostObject[]> {
  const rows = await pq.findPosts(ctx.db, { organizationId, postIds: ids });
  const order = new Map(ids.map((id, i) => [id, i]));
  rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return toPostObjects(rows, await pq.imagesOf(ctx.db, ids), ctx.config.publicBaseUrl);
}

const ALL_PLATFORMS: readonly Platform[] = ["tiktok", "instagram"];

/** Where a create (or preview) goes: one account, or the pool of accounts that can carry it. */
async function targetFor(ctx: PostsCtx, organizationId: string, input: CreateSlideshowInput): Promise<Target> {
  const shape = { musicPostId: input.musicPostId, imageCount: input.imageUrls.length, caption: input.caption };
  if (input.accountId !== null) {
    const account = await findSchedAccount(ctx.db, { organizationId, accountId: input.accountId });
    if (!account) throw new AppError("not_found", "accountId: no such account in your organization");
    const issues = platformIssues(account.platform, shape);
    if (issues.length) throw invalid(issues);
    return { kind: "account", accountId: account.id };
  }
  const platforms = ALL_PLATFORMS.filter((p) => platformIssues(p, shape).length === 0);
  if (platforms.length === 0) throw invalid(platformIssues("instagram", shape));
  const filters = { tag: input.tag, userGroup: input.user_group, orgGroup: input.org_group };
  const label = describeFilters(input, platforms.length === 1 && platforms[0] === "tiktok");
  return { kind: "pool", filters, platforms, label };
}

function validateCreate(body: unknown, now: Date): CreateSlideshowInput {
  const input = parse(createSlideshowSchema, body);
  const timeIssue = checkPostTime(input.postTime, now);
  if (timeIssue) throw invalid([timeIssue]);
  return input;
}

function selectionOf(p: Placement): Record<string, unknown> {
  return { ...p.selection };
}

type Prepared = { input: CreateSlideshowInput; req: PlaceRequest };

/** A create body, validated and aimed: its account or pool, and the time it asks for. */
async function prepareCreate(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Prepared> {
  return prepareFrom(ctx, organizationId, validateCreate(body, now), now);
}

async function prepareFrom(ctx: PostsCtx, organizationId: string, input: CreateSlideshowInput, now: Date): Promise<Prepared> {
  const target = await targetFor(ctx, organizationId, input);
  return { input, req: { organizationId, target, at: input.postTime ? new Date(input.postTime) : now, strict: input.strict ?? false, now } };
}

type Ingested = Extract<Awaited<ReturnType<typeof ingestImageUrls>>, { ok: true }>["value"];

/** The post row a reservation writes: the prepared input, its images and where it was placed. */
function newPostOf(p: Prepared, media: Ingested, placement: Placement, account: SchedAccount): pq.NewPost {
  const { input, req } = p;
  return {
    organizationId: req.organizationId,
    accountId: placement.accountId,
    caption: input.caption ?? "",
    musicPostId: input.musicPostId ?? null,
    requestedTime: input.postTime ? new Date(input.postTime) : null,
    scheduledAt: placement.at,
    strict: input.strict ?? false,
    bumped: placement.bumped,
    selection: selectionOf(placement),
    warnings: [...media.warnings, ...carouselPaddingWarnings(account.platform, media.images)],
    mediaIds: media.images.map((i) => i.mediaId),
    sourceUrls: media.images.map((i) => i.sourceUrl),
  };
}

/**
 * Reserves the prepared post's time and writes it in `db` (a transaction, for a batch). A
 * single post takes the optimistic path (reserveNew: a read and one guarded statement); an item
 * of a batch, which holds the locks of the items before it, the row locks of reserve.
 */
async function reserveAndInsert(db: Db, p: Prepared, ingested: Ingested | Promise<Ingested>, publicBaseUrl: string, holdingLocks = false): Promise<PostObject> {
  const { req } = p;
  // Stored images may still be being looked up: the reservation reads meanwhile, the write waits.
  const locked = async (tx: Db, placement: Placement, account: SchedAccount) => ({ platform: account.platform, ...(await pq.insertPost(tx, newPostOf(p, await ingested, placement, account))) });
  const reserved =
    !holdingLocks
      ? await reserveNew(db, req, {
          guarded: async (guard, placement, account, opts) => {
            const row = await pq.insertPostIfUnchanged(db, guard, newPostOf(p, await ingested, placement, account), opts);
            return row && { platform: account.platform, ...row };
          },
          locked,
        })
      : await reserve(db, req, locked, { holdingLocks });
  if (!reserved.ok) {
    await ingested; // a refused image is the answer before a refused time, as when it was looked up first
    throw reserved.error;
  }
  // Everything the post object needs is in hand: no need to read it back.
  const row = reserved.value.written;
  const media = await ingested;
  const images = media.images.map((img, position) => ({ ...img, postId: row.id, position }));
  return toPostObjects([row], images, publicBaseUrl)[0]!;
}

async function ingestFor(ctx: PostsCtx, organizationId: string, input: CreateSlideshowInput): Promise<Ingested> {
  const media = await ingestImageUrls(ctx.db, { organizationId, urls: input.imageUrls, config: ctx.config });
  if (!media.ok) throw media.error;
  return media.value;
}

const needsFetching = (ctx: PostsCtx, input: CreateSlideshowInput) => input.imageUrls.some((url) => !storedFileNameOf(url, ctx.config.publicBaseUrl));

/** POST /post/slideshow: validate, pick the account and time, fetch the images, reserve. */
export function createSlideshow(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<PostObject>> {
  return resultOf(async () => {
    const input = validateCreate(body, now);
    let prepared: Prepared;
    let media: Ingested | Promise<Ingested>;
    if (needsFetching(ctx, input)) {
      prepared = await prepareFrom(ctx, organizationId, input, now);
      // Refuse an impossible time before spending seconds fetching images.
      const preview = await choosePlacement(ctx.db, prepared.req);
      if (!preview.ok) throw preview.error;
      media = await ingestFor(ctx, organizationId, input);
    } else {
      // Stored images cost a lookup: it runs beside the target's check and the reservation's
      // read, and only the write waits for it. A refused target wins.
      media = ingestFor(ctx, organizationId, input);
      media.catch(() => {}); // seen where it is awaited; unobserved if the target is refused
      prepared = await prepareFrom(ctx, organizationId, input, now);
    }
    const post = await reserveAndInsert(ctx.db, prepared, media, ctx.config.publicBaseUrl);
    await recordSoundUses(ctx.db, organizationId, [prepared], now);
    return post;
  });
}

/** The sound library counts the posts that name each sound (after they were written). */
async function recordSoundUses(db: Db, organizationId: string, prepared: readonly Prepared[], now: Date) {
  for (const p of prepared) {
    if (p.input.musicPostId) await sq.recordSoundUse(db, { organizationId, tiktokPostId: p.input.musicPostId, now });
  }
}

export const MAX_BATCH_POSTS = 50;
/** Concurrent batches into one pool restart each other (never wait on each other): allow many rounds. */
const BATCH_TX_ATTEMPTS = 30;

/**
 * POST /post/slideshow/batch: 1–50 create bodies, each placed as if the earlier ones were
 * created, all or nothing: every item is validated (errors at `posts[i]…`), its images fetched,
 * then all are reserved and written in one transaction, so a 409 on the last undoes the first.
 */
export function createSlideshowBatch(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<{ posts: PostObject[] }>> {
  return resultOf(async () => {
    const raw = parseBatch(body, MAX_BATCH_POSTS);
    const prefixed = <T>(i: number, fn: () => Promise<T>) => withPathPrefix(`posts[${i}]`, fn);
    const prepared: Prepared[] = [];
    for (const [i, item] of raw.entries()) prepared.push(await prefixed(i, () => prepareCreate(ctx, organizationId, item, now)));
    // The whole batch must fit before any image is fetched (stored images cost nothing).
    if (prepared.some((p) => needsFetching(ctx, p.input))) {
      const virtual: VirtualBook = new Map();
      for (const [i, p] of prepared.entries()) {
        const placed = await prefixed(i, async () => {
          const chosen = await choosePlacement(ctx.db, p.req, virtual);
          if (!chosen.ok) throw chosen.error;
          return chosen.value;
        });
        virtual.set(placed.accountId, [...(virtual.get(placed.accountId) ?? []), { id: `batch-${i}`, at: placed.at }]);
      }
    }
    const media: Ingested[] = [];
    for (const [i, p] of prepared.entries()) media.push(await prefixed(i, () => ingestFor(ctx, organizationId, p.input)));
    const posts = await retryOnConflict(
      () =>
        ctx.db.transaction(async (tx) => {
          const out: PostObject[] = [];
          // Nested reservations run as savepoints of this transaction: each sees the ones before it.
          for (const [i, p] of prepared.entries()) out.push(await prefixed(i, () => reserveAndInsert(tx, p, media[i]!, ctx.config.publicBaseUrl, true)));
          return out;
        }),
      BATCH_TX_ATTEMPTS,
    );
    await recordSoundUses(ctx.db, organizationId, prepared, now);
    return { posts };
  });
}

export type PreviewItem = { account_id: string; scheduled_at: string; bumped: boolean; selection: Placement["selection"] };

/**
 * POST /post/preview-schedule: where a create would land, writing nothing. With {posts}, each
 * is placed as if the earlier ones had been created.
 */
export function previewSchedule(
  ctx: PostsCtx,
  organizationId: string,
  body: unknown,
  now: Date,
): Promise<Result<PreviewItem | { posts: PreviewItem[] }>> {
  return resultOf(async () => {
    const batch = typeof body === "object" && body !== null && "posts" in body;
    const raw: unknown[] = batch ? parseBatch(body, 100) : [body];
    const virtual: VirtualBook = new Map();
    const out: PreviewItem[] = [];
    for (const [i, item] of raw.entries()) {
      const prefixed = <T>(fn: () => Promise<T>) => (batch ? withPathPrefix(`posts[${i}]`, fn) : fn());
      const placement = await prefixed(async () => {
        const input = validateCreate(item, now);
        const target = await targetFor(ctx, organizationId, input);
        const req = { organizationId, target, at: input.postTime ? new Date(input.postTime) : now, strict: input.strict ?? false, now };
        const chosen = await choosePlacement(ctx.db, req, virtual);
        if (!chosen.ok) throw chosen.error;
        return chosen.value;
      });
      const booked: BookedPost[] = virtual.get(placement.accountId) ?? [];
      booked.push({ id: `preview-${i}`, at: placement.at });
      virtual.set(placement.accountId, booked);
      out.push({
        account_id: placement.accountId,
        scheduled_at: placement.at.toISOString(),
        bumped: placement.bumped,
        selection: placement.selection,
      });
    }
    return batch ? { posts: out } : out[0]!;
  });
}

/** The list of a {posts: [...]} body, 1 to `max` items; each item is parsed on its own. */
function parseBatch(body: unknown, max: number): unknown[] {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw invalid([{ path: "posts", message: "body must be an object with a list of posts" }]);
  const unstorable = findUnstorableText(body);
  if (unstorable) throw invalid([unstorable]);
  const keys = Object.keys(body).filter((k) => k !== "posts");
  if (keys.length) throw invalid([{ path: keys[0]!, message: "unknown field" }]);
  const posts = (body as { posts?: unknown }).posts;
  if (!Array.isArray(posts)) throw invalid([{ path: "posts", message: "must be a list of posts" }]);
  if (posts.length < 1 || posts.length > max) throw invalid([{ path: "posts", message: `must hold 1 to ${max} posts` }]);
  return posts;
}

async function withPathPrefix<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const details = e.details.map((d) => ({ ...d, path: d.path ? `${prefix}.${d.path}` : prefix }));
    const message = details.length && e.kind === "validation_error" ? `${details[0]!.path}: ${details[0]!.message}` : `${prefix}: ${e.message}`;
    throw new AppError(e.kind, message, details);
  }
}

/** POST /post/status */
export function getPost(ctx: PostsCtx, organizationId: string, body: unknown): Promise<Result<PostObject>> {
  return resultOf(async () => {
    const { postId } = parse(postIdSchema, body);
    const [post] = await loadPostObjects(ctx, organizationId, [postId]);
    if (!post) throw new AppError("not_found", "postId: no such post in your organization");
    return post;
  });
}

type Cursor = { s: string; i: string };

/** A list's keyset cursor (scheduled time and id of the last row), opaque to callers. */
export function encodeCursor(row: { scheduledAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ s: row.scheduledAt.toISOString(), i: row.id } satisfies Cursor)).toString("base64url");
}

/** A cursor back, or the 400 naming `cursor` when it is not one a list gave out. */
export function decodeCursor(cursor: string): { scheduledAt: Date; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    const scheduledAt = new Date(c.s);
    if (Number.isNaN(scheduledAt.getTime()) || !uuid.safeParse(c.i).success) throw new Error("bad");
    return { scheduledAt, id: c.i };
  } catch {
    throw invalid([{ path: "cursor", message: "is not a cursor this API returned" }]);
  }
}

/** POST /post: a page of posts by scheduled_at then id; deleted ones only when asked for. */
export function listPosts(
  ctx: PostsCtx,
  organizationId: string,
  body: unknown,
): Promise<Result<{ posts: PostObject[]; next_cursor: string | null }>> {
  return resultOf(async () => {
    const input = parse(listPostsSchema, body);
    const statuses: PostStatus[] =
      input.status === undefined
        ? POST_STATUSES.filter((s) => s !== "deleted")
        : Array.isArray(input.status)
          ? input.status
          : [input.status];
    const limit = input.limit ?? 50;
    const rows = await pq.listPosts(ctx.db, {
      organizationId,
      filters: {
        accountIds: input.accountIds,
        postIds: input.postIds,
        statuses,
        start: input.startDate ? new Date(input.startDate) : undefined,
        end: input.endDate ? new Date(input.endDate) : undefined,
        after: input.cursor ? decodeCursor(input.cursor) : undefined,
        limit: limit + 1,
      },
    });
    const page = rows.slice(0, limit);
    const images = await pq.imagesOf(ctx.db, page.map((r) => r.id));
    return {
      posts: toPostObjects(page, images, ctx.config.publicBaseUrl),
      next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
    };
  });
}

const EDITABLE: readonly PostStatus[] = ["scheduled", "failed"];

/**
 * An update that names the version it saw (`expectedUpdatedAt`) is refused with 409 when the post
 * has changed since: two tabs moving one post, or an edit of an old copy, cannot overwrite.
 */
export function assertVersion(seen: { updatedAt: Date }, expectedUpdatedAt: string | undefined): void {
  if (expectedUpdatedAt !== undefined && seen.updatedAt.getTime() !== Date.parse(expectedUpdatedAt)) {
    throw new AppError("conflict", "postId: the post was changed elsewhere since you loaded it; reload it to see the latest version", [
      { path: "expectedUpdatedAt", message: `the post's updated_at is now ${seen.updatedAt.toISOString()}` },
    ]);
  }
}

/**
 * POST /post/update: omitted fields are kept (strict too). The post is re-placed only when
 * its time, strictness or account changes, ignoring itself when checking conflicts.
 */
export function updatePost(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<PostObject>> {
  return resultOf(async () => {
    const input = parse(updatePostSchema, body);
    const timeIssue = checkPostTime(input.postTime, now);
    if (timeIssue) throw invalid([timeIssue]);
    const [current] = await pq.findPosts(ctx.db, { organizationId, postIds: [input.postId] });
    if (!current) throw new AppError("not_found", "postId: no such post in your organization");
    const unchangedSince = (seen: { updatedAt: Date }) => assertVersion(seen, input.expectedUpdatedAt);
    unchangedSince(current);
    if (!EDITABLE.includes(current.status)) {
      throw new AppError("conflict", `postId: a ${current.status} post cannot be changed; only scheduled and failed posts can`);
    }

    const accountId = input.accountId ?? current.accountId;
    const target = accountId === current.accountId ? null : await findSchedAccount(ctx.db, { organizationId, accountId });
    if (accountId !== current.accountId && !target) throw new AppError("not_found", "accountId: no such account in your organization");
    const platform = target?.platform ?? current.platform;
    const caption = input.caption ?? current.caption;
    const musicPostId = input.musicPostId === undefined ? current.musicPostId : input.musicPostId;
    const imageCount = input.imageUrls?.length ?? (await pq.imagesOf(ctx.db, [current.id])).length;
    const issues = platformIssues(platform, { musicPostId, imageCount, caption });
    if (issues.length) throw invalid(issues);

    const media = input.imageUrls
      ? await ingestImageUrls(ctx.db, { organizationId, urls: input.imageUrls, config: ctx.config })
      : null;
    if (media && !media.ok) throw media.error;

    const strict = input.strict ?? current.strict;
    const replacement = replacementOf(current, { accountId, strict, postTime: input.postTime }, now);
    const fieldChanges: pq.PostChanges = {
      caption,
      musicPostId,
      ...(media?.ok ? { warnings: [...media.value.warnings, ...carouselPaddingWarnings(platform, media.value.images)] } : {}),
    };
    const writeImages = async (tx: Db) => {
      if (media?.ok) {
        await pq.replaceImages(tx, {
          postId: current.id,
          mediaIds: media.value.images.map((i) => i.mediaId),
          sourceUrls: media.value.images.map((i) => i.sourceUrl),
        });
      }
    };

    const stillEditable = (locked: { status: PostStatus; accountId: string; updatedAt: Date } | undefined) => {
      if (locked) unchangedSince(locked);
      if (!locked || !EDITABLE.includes(locked.status) || locked.accountId !== current.accountId) {
        throw new AppError("conflict", "postId: the post changed meanwhile; reload it and try again");
      }
    };
    await retryOnConflict(() =>
      ctx.db.transaction(async (tx) => {
        if (!replacement) {
          const [locked] = await pq.lockPosts(tx, { organizationId, postIds: [current.id] });
          stillEditable(locked);
          await pq.updatePost(tx, { organizationId, postId: current.id, changes: fieldChanges, resetPublishState: true, now });
          await writeImages(tx);
          return;
        }
        // Accounts (the post's and the new one, in id order), then the post: the one lock order.
        const lockedAccounts = await lockAccounts(tx, { organizationId, accountIds: [...new Set([current.accountId, accountId])] });
        const account = lockedAccounts.get(accountId);
        if (!account) throw new AppError("not_found", "accountId: no such account in your organization");
        const [locked] = await pq.lockPosts(tx, { organizationId, postIds: [current.id] });
        stillEditable(locked);
        const placed = await placeLocked(tx, account, { at: replacement.from, strict, now, excludePostId: current.id });
        if (!placed.ok) throw placed.error;
        await pq.updatePost(tx, {
          organizationId,
          postId: current.id,
          now,
          resetPublishState: true,
          changes: {
            ...fieldChanges,
            accountId: placed.value.accountId,
            scheduledAt: placed.value.at,
            strict,
            bumped: placed.value.bumped,
            selection: selectionOf(placed.value),
            status: "scheduled",
            lastError: null,
            ...(input.postTime ? { requestedTime: new Date(input.postTime) } : {}),
          },
        });
        await writeImages(tx);
      }),
    );
    const [post] = await loadPostObjects(ctx, organizationId, [current.id]);
    return post!;
  });
}

/** Locks the posts and checks that all exist and have one of `allowed` statuses (all or nothing). */
async function lockForBatch(tx: Db, organizationId: string, postIds: string[], allowed: readonly PostStatus[], verb: string) {
  const unique = [...new Set(postIds)];
  // Accounts first, then posts, each in id order: the one lock order (DESIGN.md §4).
  const owners = await pq.postAccountIds(tx, { organizationId, postIds: unique });
  const accounts = await lockAccounts(tx, { organizationId, accountIds: [...new Set(owners.values())] });
  const locked = await pq.lockPosts(tx, { organizationId, postIds: unique });
  // A post moved to another account between the two reads: its new account is not locked.
  if (locked.some((p) => !accounts.has(p.accountId))) throw new StartOver("a post moved to another account");
  const found = new Map(locked.map((p) => [p.id, p]));
  const missing = postIds.findIndex((id) => !found.has(id));
  if (missing !== -1) {
    throw new AppError("not_found", `postIds[${missing}]: no such post in your organization; nothing was ${verb}`, [
      { path: `postIds[${missing}]`, message: "no such post" },
    ]);
  }
  const wrong = postIds.findIndex((id) => !allowed.includes(found.get(id)!.status));
  if (wrong !== -1) {
    const status = found.get(postIds[wrong]!)!.status;
    throw new AppError("conflict", `postIds[${wrong}]: a ${status} post cannot be ${verb}; nothing was ${verb}`, [
      { path: `postIds[${wrong}]`, message: `is ${status}` },
    ]);
  }
  return { posts: unique.map((id) => found.get(id)!), accounts };
}

/** POST /post/delete: scheduled or failed → deleted, all or nothing. */
export function deletePosts(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<{ posts: PostObject[] }>> {
  return resultOf(async () => {
    const { postIds } = parse(postIdsSchema, body);
    const ids = await retryOnConflict(() =>
      ctx.db.transaction(async (tx) => {
        const { posts } = await lockForBatch(tx, organizationId, postIds, EDITABLE, "deleted");
        await pq.setStatuses(tx, { organizationId, postIds: posts.map((p) => p.id), status: "deleted", now });
        return posts.map((p) => p.id);
      }),
    );
    return { posts: await loadPostObjects(ctx, organizationId, ids) };
  });
}

/**
 * POST /post/retry: failed → scheduled, re-placed non-strictly from now on their own
 * accounts, each as if the earlier ones already were; all or nothing.
 */
export function retryPosts(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<{ posts: PostObject[] }>> {
  return resultOf(async () => {
    const { postIds } = parse(postIdsSchema, body);
    const ids = await retryOnConflict(() =>
      ctx.db.transaction(async (tx) => {
        const { posts, accounts } = await lockForBatch(tx, organizationId, postIds, ["failed"], "retried");
        // In list order: each sees the ones placed before it.
        await replaceEach(tx, { organizationId, postIds, posts, accounts, from: now, now, verb: "retried" });
        return posts.map((p) => p.id);
      }),
    );
    return { posts: await loadPostObjects(ctx, organizationId, ids) };
  });
}

/**
 * Re-places locked posts non-strictly from `from` on their own accounts, one after another (each
 * sees the ones placed before it), back to scheduled with their publish state cleared; the first
 * that fits nowhere fails the whole batch, naming its index. `changes` are written to each too.
 */
async function replaceEach(
  tx: Db,
  p: {
    organizationId: string;
    postIds: readonly string[];
    posts: readonly { id: string; accountId: string }[];
    accounts: Map<string, SchedAccount>;
    from: Date;
    now: Date;
    verb: string;
    changes?: Partial<pq.PostChanges>;
  },
): Promise<void> {
  for (const post of p.posts) {
    const placed = await placeLocked(tx, p.accounts.get(post.accountId)!, { at: p.from, strict: false, now: p.now, excludePostId: post.id });
    if (!placed.ok) {
      const i = p.postIds.indexOf(post.id);
      throw new AppError(placed.error.kind, `postIds[${i}]: ${placed.error.message}; nothing was ${p.verb}`, [{ path: `postIds[${i}]`, message: placed.error.message }]);
    }
    await pq.updatePost(tx, {
      organizationId: p.organizationId,
      postId: post.id,
      now: p.now,
      resetPublishState: true,
      changes: { ...p.changes, scheduledAt: placed.value.at, bumped: placed.value.bumped, selection: selectionOf(placed.value), status: "scheduled", lastError: null },
    });
  }
}

/**
 * "Move selected…" (the Posts page): scheduled or failed posts re-placed non-strictly from
 * `postTime` on their own accounts, in the order of their current times, each as if the earlier
 * ones were already moved; all or nothing, like delete and retry. A moved post asked for that
 * time (requested_time) and is no longer strict: it was placed by the non-strict rules.
 */
export function movePosts(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<{ posts: PostObject[] }>> {
  return resultOf(async () => {
    const { postIds, postTime } = parse(movePostsSchema, body);
    const timeIssue = checkPostTime(postTime, now);
    if (timeIssue) throw invalid([timeIssue]);
    const from = new Date(postTime);
    const ids = await retryOnConflict(() =>
      ctx.db.transaction(async (tx) => {
        const { posts, accounts } = await lockForBatch(tx, organizationId, postIds, EDITABLE, "moved");
        const order = [...posts].sort((a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime() || postIds.indexOf(a.id) - postIds.indexOf(b.id));
        await replaceEach(tx, { organizationId, postIds, posts: order, accounts, from, now, verb: "moved", changes: { requestedTime: from, strict: false } });
        return posts.map((p) => p.id);
      }),
    );
    return { posts: await loadPostObjects(ctx, organizationId, ids) };
  });
}

/**
 * Where each of several create bodies would land, each as if the earlier ones that fit (and the
 * `earlier` placements, from a previous call) were created; one body's error does not stop the
 * others. Writes nothing. The CSV import's dry run, whose rows fail or fit one by one.
 */
export async function previewEach(
  ctx: PostsCtx,
  organizationId: string,
  bodies: readonly unknown[],
  now: Date,
  earlier: readonly { accountId: string; at: Date }[] = [],
): Promise<Result<PreviewItem>[]> {
  const virtual: VirtualBook = new Map();
  const book = (accountId: string, at: Date, id: string) => virtual.set(accountId, [...(virtual.get(accountId) ?? []), { id, at }]);
  earlier.forEach((e, i) => book(e.accountId, e.at, `earlier-${i}`));
  const out: Result<PreviewItem>[] = [];
  for (const [i, body] of bodies.entries()) {
    const placed = await resultOf(async () => {
      const input = validateCreate(body, now);
      const target = await targetFor(ctx, organizationId, input);
      const chosen = await choosePlacement(ctx.db, { organizationId, target, at: input.postTime ? new Date(input.postTime) : now, strict: input.strict ?? false, now }, virtual);
      if (!chosen.ok) throw chosen.error;
      return chosen.value;
    });
    if (!placed.ok) {
      out.push(placed);
      continue;
    }
    book(placed.value.accountId, placed.value.at, `each-${i}`);
    out.push({ ok: true, value: { account_id: placed.value.accountId, scheduled_at: placed.value.at.toISOString(), bumped: placed.value.bumped, selection: placed.value.selection } });
  }
  return out;
}
