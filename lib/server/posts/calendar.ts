// The calendar's reads (dashboard.md §2): a range of cards with the drawn pool's slots, the slot
// board's rows for a day, and one post's details with its history. Moves, retries and deletes
// are the post use-cases of posts.ts, as for the API.
import "server-only";
import * as cq from "@/db/queries/calendar";
import { livePosts } from "@/db/queries/scheduling";
import * as aq from "@/db/queries/accounts";
import {
  type BoardData,
  type CalendarCard,
  type PostDetails,
  type SlotMark,
  boardRow,
  boardSchema,
  calendarRangeSchema,
  NEXT_FREE_DAYS,
  dayStart,
  drawsSlots,
  isHeld,
  slotMarks,
} from "@/lib/domain/calendar";
import { type Result, invalid, resultOf } from "@/lib/domain/errors";
import { POST_STATUSES, type PostStatus } from "@/lib/domain/posts";
import { addDays, isValidTimeZone } from "@/lib/domain/time";
import { toAccountObject } from "../accounts/accounts";
import { parseOrThrow as parse } from "../http/envelope";
import { storedHashOf, thumbnailUrl } from "../media/store";
import { getPost, type PostsCtx } from "./posts";

const DAY_MS = 86_400_000;
/** Slots are drawn for a pool of at most this many accounts; a bigger pool's slots would be a wall. */
export const MAX_SLOT_ACCOUNTS = 100;

const VISIBLE: readonly PostStatus[] = POST_STATUSES.filter((s) => s !== "deleted");

function toCard(r: cq.CardRow, publicBaseUrl: string): CalendarCard {
  return {
    id: r.id,
    account_id: r.accountId,
    username: r.username,
    avatar_url: r.avatarUrl,
    platform: r.platform,
    status: r.status,
    scheduled_at: r.scheduledAt.toISOString(),
    requested_time: r.requestedTime?.toISOString() ?? null,
    bumped: r.bumped,
    strict: r.strict,
    cover_url: r.coverSha256 ? thumbnailUrl(publicBaseUrl, r.coverSha256) : null,
    updated_at: r.updatedAt.toISOString(),
    held: isHeld(r.status, r.accountStatus),
  };
}

export type CalendarRange = {
  posts: CalendarCard[];
  /** Posts that changed since `changedSince` and no longer belong in the view (deleted, moved out, filtered out). */
  gone: string[];
  /** The pool's slots when the view is narrowed to one account or one label; null otherwise. */
  slots: SlotMark[] | null;
  /** The server's time of this read: the next live refresh asks for changes since it. */
  as_of: string;
};

/**
 * The posts of the organization in [from, to) with what a card shows, filtered as dashboard.md
 * §2 says; deleted ones hidden. With `changedSince`, only the changes since then: the posts to
 * show or redraw, and the ids to drop.
 */
export function calendarRange(ctx: PostsCtx, organizationId: string, body: unknown, now: Date): Promise<Result<CalendarRange>> {
  return resultOf(async () => {
    const input = parse(calendarRangeSchema, body);
    const from = new Date(input.from);
    const to = new Date(input.to);
    const filters: cq.CalendarFilters = { accountIds: input.accountIds, tag: input.tag, userGroup: input.userGroup, orgGroup: input.orgGroup, platform: input.platform };
    const statuses = input.status ?? VISIBLE;
    let posts: CalendarCard[];
    let gone: string[] = [];
    if (input.changedSince) {
      // Every change anywhere, whatever its status now: the ones that no longer match (deleted,
      // moved out of the range or out of the filter) go.
      const since = new Date(input.changedSince);
      const [changed, matching] = await Promise.all([
        cq.rangeCards(ctx.db, { organizationId, filters: {}, statuses: POST_STATUSES, changedSince: since }),
        cq.rangeCards(ctx.db, { organizationId, from, to, filters, statuses, changedSince: since }),
      ]);
      posts = matching.map((r) => toCard(r, ctx.config.publicBaseUrl));
      const kept = new Set(posts.map((p) => p.id));
      gone = changed.filter((r) => !kept.has(r.id)).map((r) => r.id);
    } else {
      posts = (await cq.rangeCards(ctx.db, { organizationId, from, to, filters, statuses })).map((r) => toCard(r, ctx.config.publicBaseUrl));
    }
    const slots = drawsSlots({ accountIds: input.accountIds ?? [], tag: input.tag, userGroup: input.userGroup, orgGroup: input.orgGroup })
      ? await slotsFor(ctx, organizationId, filters, from, to, now)
      : null;
    return { posts, gone, slots, as_of: now.toISOString() };
  });
}

async function slotsFor(ctx: PostsCtx, organizationId: string, filters: cq.CalendarFilters, from: Date, to: Date, now: Date): Promise<SlotMark[]> {
  const accounts = (await cq.calendarAccounts(ctx.db, { organizationId, filters })).slice(0, MAX_SLOT_ACCOUNTS);
  const booked = await livePosts(ctx.db, {
    accountIds: accounts.map((a) => a.id),
    from: new Date(from.getTime() - DAY_MS),
    to: new Date(to.getTime() + DAY_MS),
  });
  return slotMarks(accounts, booked, from, to, now);
}


/**
 * The slot board for one day in the viewer's zone: a row per account (filtered) with its slots,
 * `today n / cap` and next free slot, and the day's posts of those accounts.
 */
export function calendarBoard(
  ctx: PostsCtx,
  organizationId: string,
  body: unknown,
  now: Date,
): Promise<Result<BoardData>> {
  return resultOf(async () => {
    const input = parse(boardSchema, body);
    if (!isValidTimeZone(input.zone)) throw invalid([{ path: "zone", message: "must be an IANA timezone, e.g. Europe/Berlin" }]);
    const filters: cq.CalendarFilters = { accountIds: input.accountIds, tag: input.tag, userGroup: input.userGroup, orgGroup: input.orgGroup, platform: input.platform };
    const from = dayStart(input.date, input.zone);
    const to = dayStart(addDays(input.date, 1), input.zone);
    const [accounts, cards] = await Promise.all([
      cq.calendarAccounts(ctx.db, { organizationId, filters }),
      cq.rangeCards(ctx.db, { organizationId, from, to, filters, statuses: VISIBLE }),
    ]);
    // Each row needs its live posts from a day before the board's day (caps, gaps) to the end of
    // the next-free search; one query for every row.
    const searchEnd = new Date(Math.max(from.getTime(), now.getTime()) + (NEXT_FREE_DAYS + 1) * DAY_MS);
    const booked = await livePosts(ctx.db, { accountIds: accounts.map((a) => a.id), from: new Date(from.getTime() - DAY_MS), to: searchEnd });
    return {
      accounts: accounts.map((a) => ({
        ...boardRow(a, booked.get(a.id) ?? [], input.date, input.zone, now),
        username: a.username,
        avatar_url: a.avatarUrl,
        platform: a.platform,
        status: a.status,
        timezone: a.timezone,
      })),
      posts: cards.map((r) => toCard(r, ctx.config.publicBaseUrl)),
      from: from.toISOString(),
      to: to.toISOString(),
      as_of: now.toISOString(),
    };
  });
}


/** One post for the post panel: the API's post object, its account, and its history. */
export function postDetails(ctx: PostsCtx, organizationId: string, body: unknown): Promise<Result<PostDetails>> {
  return resultOf(async () => {
    const found = await getPost(ctx, organizationId, body);
    if (!found.ok) throw found.error;
    const post = found.value;
    const [rows, history] = await Promise.all([
      aq.listAccounts(ctx.db, { organizationId, filters: {}, ids: [post.account_id] }),
      cq.postHistory(ctx.db, { postId: post.id }),
    ]);
    return {
      post,
      // The slides as the panel draws them: each original's thumbnail, served beside it.
      thumbnail_urls: post.media_urls.map((url) => {
        const sha256 = storedHashOf(url, ctx.config.publicBaseUrl);
        return sha256 ? thumbnailUrl(ctx.config.publicBaseUrl, sha256) : url;
      }),
      account: rows[0] ? toAccountObject(rows[0]) : null,
      history: history.map((h) => ({ status: h.status, error: h.error, scheduled_at: h.scheduledAt.toISOString(), account_id: h.accountId, at: h.at.toISOString() })),
    };
  });
}
