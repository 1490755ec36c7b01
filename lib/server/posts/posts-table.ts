// The Posts page's use-cases (dashboard.md §3): the filtered, paged table; the failures grouped
// by reason and their count for the navigation; the CSV export of the filtered posts; and the
// CSV import's dry run. Bulk retry, delete and move, and the import itself, are the post
// use-cases of posts.ts (the API's), so every rule holds the same way.
import "server-only";
import { z } from "zod";
import * as aq from "@/db/queries/accounts";
import * as pq from "@/db/queries/posts";
import { findSchedAccount } from "@/db/queries/scheduling";
import { UNKNOWN_ACCOUNT, exportHeader, exportLine } from "@/lib/domain/csv";
import { AppError, type FieldIssue, type Result, resultOf } from "@/lib/domain/errors";
import { type FailureGroup, groupFailures } from "@/lib/domain/failures";
import { POST_STATUSES, isoWithOffset, uuid } from "@/lib/domain/posts";
import { POSTS_PAGE_SIZE, type PostsTableInput, type PostsTablePage, type PostsTableRow, postsTableSchema } from "@/lib/domain/posts-table";
import { parseOrThrow as parse } from "../http/envelope";
import { publicMediaUrl, storedFileName, thumbnailUrl } from "../media/store";
import { type PostsCtx, decodeCursor, encodeCursor, previewEach } from "./posts";

const VISIBLE = POST_STATUSES.filter((s) => s !== "deleted");
const CAPTION_START = 160;


function filtersOf(input: PostsTableInput): pq.TableFilters {
  return {
    statuses: input.status ?? VISIBLE,
    accountIds: input.accountIds,
    tag: input.tag,
    userGroup: input.userGroup,
    orgGroup: input.orgGroup,
    platform: input.platform,
    from: input.from ? new Date(input.from) : undefined,
    to: input.to ? new Date(input.to) : undefined,
    search: input.search?.trim() || undefined,
  };
}

function toRow(r: pq.TablePostRow, publicBaseUrl: string): PostsTableRow {
  return {
    id: r.id,
    account_id: r.accountId,
    username: r.username,
    avatar_url: r.avatarUrl,
    platform: r.platform,
    account_timezone: r.accountTimezone,
    status: r.status,
    scheduled_at: r.scheduledAt.toISOString(),
    requested_time: r.requestedTime?.toISOString() ?? null,
    strict: r.strict,
    bumped: r.bumped,
    caption: [...r.caption].slice(0, CAPTION_START).join(""),
    error: r.lastError,
    cover_url: r.coverSha256 ? thumbnailUrl(publicBaseUrl, r.coverSha256) : null,
    updated_at: r.updatedAt.toISOString(),
  };
}

/**
 * GET /api/posts: a page of the organization's posts matching the filters, by scheduled time
 * (ascending unless `sort` says otherwise) then id, after the cursor; the first page also
 * counts every match. Deleted posts only when that status is asked for.
 */
export function listPostsTable(ctx: PostsCtx, organizationId: string, body: unknown): Promise<Result<PostsTablePage>> {
  return resultOf(async () => {
    const input = parse(postsTableSchema, body);
    const filters = filtersOf(input);
    const limit = input.limit ?? POSTS_PAGE_SIZE;
    const after = input.cursor ? decodeCursor(input.cursor) : undefined;
    const [rows, total] = await Promise.all([
      pq.listTablePosts(ctx.db, { organizationId, filters, desc: input.sort === "scheduled_desc", after, limit: limit + 1 }),
      after ? Promise.resolve(null) : pq.countTablePosts(ctx.db, { organizationId, filters }),
    ]);
    const page = rows.slice(0, limit);
    return {
      posts: page.map((r) => toRow(r, ctx.config.publicBaseUrl)),
      next_cursor: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null,
      total,
    };
  });
}

/** The failures view reads at most this many failed posts to group (the oldest first). */
export const MAX_GROUPED_FAILURES = 5000;

export type FailureSummary = { total: number; groups: FailureGroup[] };

/** GET /api/posts/failures: failed posts grouped by reason (lib/domain/failures.ts) and their total. */
export async function failureSummary(ctx: PostsCtx, organizationId: string): Promise<FailureSummary> {
  const [rows, total] = await Promise.all([
    pq.failedPosts(ctx.db, { organizationId, limit: MAX_GROUPED_FAILURES }),
    pq.countFailedPosts(ctx.db, { organizationId }),
  ]);
  const groups = groupFailures(rows.map((r) => ({ id: r.id, account_id: r.accountId, username: r.username, account_status: r.accountStatus, error: r.lastError })));
  return { total, groups };
}

/** The navigation's badge. */
export function failedCount(ctx: PostsCtx, organizationId: string): Promise<number> {
  return pq.countFailedPosts(ctx.db, { organizationId });
}

const EXPORT_PAGE = 500;

/**
 * GET /api/posts/export: the filtered posts as CSV (lib/domain/csv.ts), streamed page by page
 * on the same keyset as the table so a large export never sits in memory. The filters are
 * checked before the first byte, so a bad one is a 400, not a broken download.
 */
export function exportPostsCsv(ctx: PostsCtx, organizationId: string, body: unknown): Result<ReadableStream<Uint8Array>> {
  let input: PostsTableInput;
  try {
    input = parse(postsTableSchema, body);
  } catch (e) {
    if (e instanceof AppError) return { ok: false, error: e };
    throw e;
  }
  const filters = filtersOf(input);
  const down = input.sort === "scheduled_desc";
  const encoder = new TextEncoder();
  let after: { scheduledAt: Date; id: string } | undefined;
  let started = false;
  return {
    ok: true,
    value: new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (!started) {
          started = true;
          // A byte-order mark: Excel reads the file as UTF-8 only with it (captions have emoji).
          controller.enqueue(encoder.encode(`\uFEFF${exportHeader()}`));
        }
        const rows = await pq.listTablePosts(ctx.db, { organizationId, filters, desc: down, after, limit: EXPORT_PAGE });
        const images = await pq.imagesOf(ctx.db, rows.map((r) => r.id));
        const urls = new Map<string, string[]>();
        for (const img of images) urls.set(img.postId, [...(urls.get(img.postId) ?? []), publicMediaUrl(ctx.config.publicBaseUrl, storedFileName(img.sha256, img.mimeType))]);
        const text = rows
          .map((r) =>
            exportLine({
              id: r.id,
              account_id: r.accountId,
              username: r.username,
              platform: r.platform,
              status: r.status,
              scheduled_at: r.scheduledAt.toISOString(),
              requested_time: r.requestedTime?.toISOString() ?? null,
              strict: r.strict,
              caption: r.caption,
              image_urls: urls.get(r.id) ?? [],
              music_post_id: r.musicPostId,
              post_url: r.postUrl,
              error: r.lastError,
            }),
          )
          .join("");
        if (text) controller.enqueue(encoder.encode(text));
        if (rows.length < EXPORT_PAGE) controller.close();
        else after = { scheduledAt: rows[rows.length - 1]!.scheduledAt, id: rows[rows.length - 1]!.id };
      },
    }),
  };
}

/** The dry run takes this many rows per call (the browser sends a file in such chunks). */
export const IMPORT_PREVIEW_CHUNK = 100;

export const previewImportSchema = z.strictObject({
  rows: z
    .array(z.strictObject({ row: z.number().int().min(2), body: z.record(z.string(), z.unknown()) }))
    .min(1, "must hold at least 1 row")
    .max(IMPORT_PREVIEW_CHUNK, `must hold at most ${IMPORT_PREVIEW_CHUNK} rows`),
  /** Where the file's earlier rows landed (previous chunks): this chunk is placed after them. */
  earlier: z.array(z.strictObject({ account_id: uuid, scheduled_at: isoWithOffset })).max(1000).optional(),
});

export type ImportPreviewRow =
  | { row: number; ok: true; account_id: string; username: string; scheduled_at: string; bumped: boolean; reason: string | null }
  | { row: number; ok: false; errors: FieldIssue[] };

/** A row's error as field issues, whatever its kind; "unknown account" in those words. */
function issuesOf(e: AppError): FieldIssue[] {
  if (e.kind === "not_found" && e.message.startsWith("accountId")) return [{ path: "accountId", message: UNKNOWN_ACCOUNT }];
  // One message per field: a time that is not ISO is not also "not a real date".
  if (e.details.length) return e.details.filter((d, i) => e.details.findIndex((x) => x.path === d.path) === i);
  // A 409 (the account cannot take the time, no account of the pool fits) is about the time asked for.
  const field = /^([A-Za-z_]+): /.exec(e.message);
  return [{ path: field ? field[1]! : "postTime", message: field ? e.message.slice(field[0].length) : e.message }];
}

/**
 * The CSV import's dry run: each row's placement (account, time, bumped), as if the rows before
 * it that fit were created, or all its errors by field. Writes nothing. A row that fails
 * validation is still checked for an unknown account, so a row's errors come all at once.
 */
export function previewImport(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<{ rows: ImportPreviewRow[] }>> {
  return resultOf(async () => {
    const input = parse(previewImportSchema, body);
    const earlier = (input.earlier ?? []).map((e) => ({ accountId: e.account_id, at: new Date(e.scheduled_at) }));
    const results = await previewEach(ctx, organizationId, input.rows.map((r) => r.body), now, earlier);
    const placedIds = [...new Set(results.flatMap((r) => (r.ok ? [r.value.account_id] : [])))];
    const names = new Map(placedIds.length ? (await aq.listAccounts(ctx.db, { organizationId, filters: {}, ids: placedIds })).map((a) => [a.id, a.username]) : []);
    const rows: ImportPreviewRow[] = [];
    for (const [i, r] of results.entries()) {
      const row = input.rows[i]!.row;
      if (r.ok) {
        const reason = typeof r.value.selection.reason === "string" ? r.value.selection.reason : null;
        rows.push({ row, ok: true, account_id: r.value.account_id, username: names.get(r.value.account_id) ?? "", scheduled_at: r.value.scheduled_at, bumped: r.value.bumped, reason });
        continue;
      }
      const errors = issuesOf(r.error);
      const accountId = input.rows[i]!.body.accountId;
      if (r.error.kind === "validation_error" && typeof accountId === "string" && uuid.safeParse(accountId).success && !errors.some((e) => e.path === "accountId")) {
        if (!(await findSchedAccount(ctx.db, { organizationId, accountId }))) errors.unshift({ path: "accountId", message: UNKNOWN_ACCOUNT });
      }
      rows.push({ row, ok: false, errors });
    }
    return { rows };
  });
}
