// The one TanStack Query key factory (dashboard.md §0). Every key starts ["org", organizationId]
// so switching organization can never show another one's cache, and each resource nests under
// its own root so `invalidateQueries({ queryKey: queryKeys.posts.all(org) })` reaches the
// calendar ranges, the lists and every detail at once (TanStack matches keys by prefix).
import type { z } from "zod";
import type { AccountStatus, Platform } from "@/lib/domain/accounts";
import type { PostStatus, previewScheduleSchema } from "@/lib/domain/posts";

/** Label filters shared by accounts and posts; exact matches, as the API's. */
type LabelFilters = { tag?: string; userGroup?: string; orgGroup?: string };

export type AccountFilters = LabelFilters & {
  search?: string;
  platform?: Platform;
  status?: readonly AccountStatus[];
};

export type PostFilters = LabelFilters & {
  accountIds?: readonly string[];
  platform?: Platform;
  status?: readonly PostStatus[];
};

/** The slot board's day: a calendar day read in the viewer's zone, and the account filters. */
export type PostBoard = Omit<PostFilters, "status"> & { date: string; zone: string };

/** The calendar's visible range: instants (ISO with offset, or Date), `to` exclusive. */
export type PostRange = PostFilters & { from: string | Date; to: string | Date };

export type PostListFilters = PostFilters & {
  from?: string | Date;
  to?: string | Date;
  search?: string;
  sort?: "scheduled_asc" | "scheduled_desc";
};

/** The body the composer sends to the preview use-case (one post or a batch). */
export type PreviewInput = z.input<typeof previewScheduleSchema>;

type KeyPart = string | readonly string[];

/**
 * Filters in one canonical form, so equal filters make equal keys: empty values dropped,
 * strings trimmed, lists de-duplicated and sorted (their order means nothing), instants as UTC ISO.
 */
function canonical(filters: object): Readonly<Record<string, KeyPart>> {
  const out: Record<string, KeyPart> = {};
  for (const [name, value] of Object.entries(filters) as [string, unknown][]) {
    if (value instanceof Date) out[name] = value.toISOString();
    else if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed) out[name] = name === "from" || name === "to" ? new Date(trimmed).toISOString() : trimmed;
    } else if (Array.isArray(value)) {
      const list = [...new Set(value.map(String))].sort();
      if (list.length) out[name] = list;
    }
  }
  return out;
}

const org = (organizationId: string) => ["org", organizationId] as const;

const accounts = {
  all: (o: string) => [...org(o), "accounts"] as const,
  lists: (o: string) => [...accounts.all(o), "list"] as const,
  list: (o: string, filters: AccountFilters = {}) => [...accounts.lists(o), canonical(filters)] as const,
  /** Tags, user groups and org groups in use, with counts; they change when accounts do. */
  labels: (o: string) => [...accounts.all(o), "labels"] as const,
  /** The TikTok privacy levels a creator may use now (read from TikTok for the settings dialog). */
  privacy: (o: string, accountId: string) => [...accounts.all(o), "privacy", accountId] as const,
};

const posts = {
  all: (o: string) => [...org(o), "posts"] as const,
  ranges: (o: string) => [...posts.all(o), "range"] as const,
  range: (o: string, range: PostRange) => [...posts.ranges(o), canonical(range)] as const,
  /** The slot board for one day in a zone (dashboard.md §2 "Slot board"). */
  boards: (o: string) => [...posts.all(o), "board"] as const,
  board: (o: string, day: PostBoard) => [...posts.boards(o), canonical(day)] as const,
  lists: (o: string) => [...posts.all(o), "list"] as const,
  list: (o: string, filters: PostListFilters = {}) => [...posts.lists(o), canonical(filters)] as const,
  /** The failures view's groups and the navigation's failed count: under posts, so every post write refreshes them. */
  failures: (o: string) => [...posts.all(o), "failures"] as const,
  failureCount: (o: string) => [...posts.failures(o), "count"] as const,
  details: (o: string) => [...posts.all(o), "detail"] as const,
  detail: (o: string, postId: string) => [...posts.details(o), postId] as const,
};

const preview = {
  all: (o: string) => [...org(o), "preview"] as const,
  schedule: (o: string, input: PreviewInput) => [...preview.all(o), input] as const,
  /** Where an edit of one post would put it (the composer opened with ?edit=). */
  update: (o: string, input: object) => [...preview.all(o), "update", input] as const,
};

const sounds = {
  all: (o: string) => [...org(o), "sounds"] as const,
  library: (o: string, query: { search?: string } = {}) => [...sounds.all(o), "library", canonical(query)] as const,
};

export const queryKeys = {
  /** Everything cached for one organization (sign-out, organization switch). */
  org,
  accounts,
  posts,
  preview,
  sounds,
  /**
   * What a write makes stale, kept here so every mutation invalidates the same set. A post write
   * moves calendar cards and lists, changes where the next preview lands, and changes the
   * accounts table's "next post" and "today n / cap" columns.
   */
  afterPostWrite: (o: string) => [posts.all(o), preview.all(o), accounts.lists(o)] as const,
  /** An account write (labels, pause, times) changes its rows, labels, posts shown and previews. */
  afterAccountWrite: (o: string) => [accounts.all(o), posts.all(o), preview.all(o)] as const,
};
