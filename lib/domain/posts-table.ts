// The Posts page's list (dashboard.md §3): its input (one schema for the GET route, the export and
// the page), its URL (filters are shareable and survive a reload) and the rows it answers with.
import { z } from "zod";
import type { Platform } from "./accounts";
import { POST_STATUSES, type PostStatus, isoWithOffset, label, postStatusSchema, uuid } from "./posts";
import { dayStart, isDay, toReadQuery } from "./calendar";
import { addDays } from "./time";

/** Rows per page: the table fetches the next page as the user scrolls near the end. */
export const POSTS_PAGE_SIZE = 100;
export const MAX_POSTS_PAGE = 500;
export const POST_SORTS = ["scheduled_asc", "scheduled_desc"] as const;
export type PostSort = (typeof POST_SORTS)[number];
const MAX_ACCOUNT_FILTER = 200;

/** Digits from a URL query, or a number from JSON. */
const pageLimit = z
  .union([z.number(), z.string().regex(/^\d{1,4}$/, "must be a whole number").transform(Number)])
  .pipe(z.number().int("must be a whole number").min(1, "must be at least 1").max(MAX_POSTS_PAGE, `must be at most ${MAX_POSTS_PAGE}`));

/** GET /api/posts and /api/posts/export. `from` inclusive, `to` exclusive; deleted posts only when asked for. */
export const postsTableSchema = z
  .strictObject({
    status: z.array(postStatusSchema).min(1, "must not be empty").max(POST_STATUSES.length).optional(),
    accountIds: z.array(uuid).max(MAX_ACCOUNT_FILTER, `must hold at most ${MAX_ACCOUNT_FILTER} ids`).optional(),
    tag: label.optional(),
    userGroup: label.optional(),
    orgGroup: label.optional(),
    platform: z.enum(["tiktok", "instagram"], { error: "must be tiktok or instagram" }).optional(),
    from: isoWithOffset.optional(),
    to: isoWithOffset.optional(),
    search: z.string().max(200, "must be at most 200 characters").optional(),
    sort: z.enum(POST_SORTS, { error: `must be one of ${POST_SORTS.join(", ")}` }).optional(),
    limit: pageLimit.optional(),
    cursor: z.string().max(200, "is not a cursor this list returned").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.from && v.to && Date.parse(v.to) <= Date.parse(v.from)) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
  });
export type PostsTableInput = z.infer<typeof postsTableSchema>;

/** "Move selected…": the posts, re-placed non-strictly from `postTime`, all or nothing. */
export const movePostsSchema = z.strictObject({
  postIds: z.array(uuid).min(1, "must hold at least 1 id").max(100, "must hold at most 100 ids"),
  postTime: isoWithOffset,
});
export type MovePostsInput = z.infer<typeof movePostsSchema>;

/** One row of the table, snake_case like the API's objects. */
export type PostsTableRow = {
  id: string;
  account_id: string;
  username: string;
  avatar_url: string | null;
  platform: Platform;
  account_timezone: string;
  status: PostStatus;
  scheduled_at: string;
  requested_time: string | null;
  strict: boolean;
  bumped: boolean;
  /** The caption's start (the table shows one line of it). */
  caption: string;
  error: string | null;
  cover_url: string | null;
  updated_at: string;
};

/** A page: `total` (the count matching the filters) only on the first page, where it is computed. */
export type PostsTablePage = { posts: PostsTableRow[]; next_cursor: string | null; total: number | null };

/** Statuses a bulk action can take (the API's): retry takes failed; delete and move take scheduled or failed. */
export const BULK_STATUSES: Record<"retry" | "delete" | "move", readonly PostStatus[]> = {
  retry: ["failed"],
  delete: ["scheduled", "failed"],
  move: ["scheduled", "failed"],
};
/** The API takes at most this many ids per bulk call (all or nothing). */
export const MAX_BULK = 100;

/** Why a bulk action cannot run on the selection, or null when it can. */
export function bulkRefusal(kind: keyof typeof BULK_STATUSES, selected: readonly { status: PostStatus }[]): string | null {
  if (selected.length === 0) return "Select posts first.";
  if (selected.length > MAX_BULK) return `At most ${MAX_BULK} posts at a time (each action is all or nothing, as in the API).`;
  const allowed = BULK_STATUSES[kind];
  const wrong = selected.filter((p) => !allowed.includes(p.status)).length;
  if (wrong === 0) return null;
  return `${wrong} of the selected posts ${wrong === 1 ? "is" : "are"} not ${allowed.join(" or ")}; only ${allowed.join(" or ")} posts can be ${kind === "retry" ? "retried" : kind === "delete" ? "deleted" : "moved"}.`;
}

// ---------------------------------------------------------------------------------------------
// The page's URL: ?status=failed&account=…&tag=…&platform=…&from=YYYY-MM-DD&to=YYYY-MM-DD&q=…&sort=…

export type PostsParams = {
  status: PostStatus[];
  accountIds: string[];
  tag?: string;
  userGroup?: string;
  orgGroup?: string;
  platform?: Platform;
  /** Days in the viewer's zone, both inclusive. */
  from?: string;
  to?: string;
  search?: string;
  sort: PostSort;
};

type ParamSource = { get(name: string): string | null; getAll(name: string): string[] };

/** Reads the page's URL; anything unreadable is left out (no filter), never an error page. */
export function readPostsParams(params: ParamSource): PostsParams {
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const day = (name: string) => {
    const d = text(name);
    return d && isDay(d) ? d : undefined;
  };
  const platform = params.get("platform");
  const sort = params.get("sort");
  return {
    status: params.getAll("status").filter((s): s is PostStatus => (POST_STATUSES as readonly string[]).includes(s)),
    accountIds: params.getAll("account").filter((id) => uuid.safeParse(id).success),
    tag: text("tag"),
    userGroup: text("userGroup"),
    orgGroup: text("orgGroup"),
    platform: platform === "tiktok" || platform === "instagram" ? platform : undefined,
    from: day("from"),
    to: day("to"),
    search: text("q")?.slice(0, 200),
    sort: sort === "scheduled_desc" ? "scheduled_desc" : "scheduled_asc",
  };
}

/** The URL query for the params (defaults left out, lists repeated). */
export function postsQuery(p: Partial<PostsParams>): string {
  const q = new URLSearchParams();
  for (const s of p.status ?? []) q.append("status", s);
  for (const id of p.accountIds ?? []) q.append("account", id);
  if (p.tag) q.set("tag", p.tag);
  if (p.userGroup) q.set("userGroup", p.userGroup);
  if (p.orgGroup) q.set("orgGroup", p.orgGroup);
  if (p.platform) q.set("platform", p.platform);
  if (p.from) q.set("from", p.from);
  if (p.to) q.set("to", p.to);
  if (p.search) q.set("q", p.search);
  if (p.sort && p.sort !== "scheduled_asc") q.set("sort", p.sort);
  return q.toString();
}

/** Whether the view is the failures view (`?status=failed` and nothing else about status). */
export function isFailuresView(p: Pick<PostsParams, "status">): boolean {
  return p.status.length === 1 && p.status[0] === "failed";
}

/**
 * The list input for the params, with the days read in `zone`: `from` at the start of its day,
 * `to` at the start of the day after (so the `to` day is included). Instants as ISO in UTC.
 */
export function tableInputOf(p: PostsParams, zone: string): Omit<PostsTableInput, "limit" | "cursor"> {
  const start = (d: string | undefined) => (d ? dayStart(d, zone).toISOString() : undefined);
  return {
    status: p.status.length ? p.status : undefined,
    accountIds: p.accountIds.length ? p.accountIds : undefined,
    tag: p.tag,
    userGroup: p.userGroup,
    orgGroup: p.orgGroup,
    platform: p.platform,
    from: start(p.from),
    to: start(p.to ? addDays(p.to, 1) : undefined),
    search: p.search,
    sort: p.sort === "scheduled_asc" ? undefined : p.sort,
  };
}

/** The query string of a list input (lists repeated) for GET /api/posts and the export, plus `extra` (the cursor). */
export function tableQuery(input: Omit<PostsTableInput, "limit" | "cursor">, extra: Record<string, string> = {}): string {
  return toReadQuery({ ...input, ...extra } as Record<string, string | readonly string[] | undefined>);
}
