// The calendar's pure rules (dashboard.md §2): which days and instants a view draws in the
// viewer's zone, where a drop or a key press moves a post, which slots are free and why not,
// and the board's rows. Both the browser (drawing, optimistic moves) and the server (the range
// use-case) import these; the scheduler stays the judge of every move.
import { z } from "zod";
import type { Platform } from "./accounts";
import { POST_STATUSES, type PostStatus, isoWithOffset, label, postStatusSchema, uuid } from "./posts";
import { type BookedPost, type SchedAccount, blockerAt, describeBlocker, earliestAt, slots } from "./scheduling";
import { addDays, localDay, localTime, zonedInstant } from "./time";
import type { AccountObject, PostObject } from "./wire";

export const CALENDAR_VIEWS = ["week", "month", "board"] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

/** Week rows and the keyboard's Up/Down step. */
export const STEP_MINUTES = 15;
/** A month cell shows this many cards, then "+N more". */
export const MONTH_CELL_CARDS = 3;
/** The widest range the range use-case serves: a six-week month grid and a day either side. */
export const MAX_RANGE_DAYS = 45;
/** How far the board looks for an account's next free slot. */
export const NEXT_FREE_DAYS = 14;

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** What a calendar card needs of a post: the range use-case's answer, one per post. */
export type CalendarCard = {
  id: string;
  account_id: string;
  username: string;
  avatar_url: string | null;
  platform: Platform;
  status: PostStatus;
  scheduled_at: string;
  requested_time: string | null;
  bumped: boolean;
  strict: boolean;
  /** The first slide's thumbnail; null for a post with no images left. */
  cover_url: string | null;
  updated_at: string;
  /** Held: still scheduled on a paused account, so it waits (once due) until the account resumes. */
  held: boolean;
};

/** A board row with what it shows of its account. */
export type BoardAccount = BoardRow & { username: string; avatar_url: string | null; platform: Platform; status: SchedAccount["status"]; timezone: string };

/** The board read's answer: its rows, the day's posts of those accounts, the day's bounds. */
export type BoardData = { accounts: BoardAccount[]; posts: CalendarCard[]; from: string; to: string; as_of: string };

/** One entry of a post's history: what it became, when. */
export type HistoryEntry = { status: PostStatus; error: string | null; scheduled_at: string; account_id: string; at: string };

/** The post panel's read: the API's post object, its account, its history, its slides' thumbnails. */
export type PostDetails = { post: PostObject; account: AccountObject | null; history: HistoryEntry[]; thumbnail_urls: string[] };

/** A slot drawn on the calendar: free (click to compose) or unavailable with the reason. */
export type SlotMark = { at: string; free: boolean; reason: string | null; account_ids: string[] };

// ---------------------------------------------------------------------------------------------
// Days and ranges

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar day "YYYY-MM-DD" in 2000–2099. */
export function isDay(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const [y, m, d] = s.split("-").map(Number) as [number, number, number];
  return y >= 2000 && y < 2100 && new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d && m >= 1 && m <= 12;
}

/** The Monday on or before `day` (weeks start on Monday, as ISO 8601). */
export function weekStart(day: string): string {
  const sunday0 = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((sunday0 + 6) % 7));
}

/** The days a view draws for `date`: a week, a month's full weeks, or the one day of the board. */
export function viewDays(view: CalendarView, date: string): string[] {
  if (view === "board") return [date];
  if (view === "week") {
    const first = weekStart(date);
    return Array.from({ length: 7 }, (_, i) => addDays(first, i));
  }
  const first = weekStart(`${date.slice(0, 7)}-01`);
  const nextMonth = addDays(`${date.slice(0, 7)}-01`, 32).slice(0, 7);
  const days: string[] = [];
  for (let d = first; days.length % 7 !== 0 || d.slice(0, 7) < nextMonth; d = addDays(d, 1)) days.push(d);
  return days;
}

/** Midnight starting `day` in `zone` (a zone whose midnight is skipped starts at the first minute that exists). */
export function dayStart(day: string, zone: string): Date {
  const at = zonedInstant(day, "00:00", zone);
  if (at) return at;
  for (let m = 15; m < 24 * 60; m += 15) {
    const later = zonedInstant(day, `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`, zone);
    if (later) return later;
  }
  return new Date(Date.parse(`${day}T00:00:00Z`));
}

/** The instants a view covers: [from, to) from the first drawn day's midnight to the day after the last. */
export function viewRange(view: CalendarView, date: string, zone: string): { from: Date; to: Date; days: string[] } {
  const days = viewDays(view, date);
  return { from: dayStart(days[0]!, zone), to: dayStart(addDays(days[days.length - 1]!, 1), zone), days };
}

/** The date Previous/Next go to: a week, a month (to the 1st) or a day away. */
export function stepDate(view: CalendarView, date: string, direction: -1 | 1): string {
  if (view === "week") return addDays(date, 7 * direction);
  if (view === "board") return addDays(date, direction);
  const [y, m] = date.split("-").map(Number) as [number, number];
  const month = new Date(Date.UTC(y, m - 1 + direction, 1));
  return month.toISOString().slice(0, 10);
}

/** Cards (or anything with `scheduled_at`) by the local day of their time in `zone`, each day in time order. */
export function bucketByDay<T extends { scheduled_at: string }>(items: readonly T[], zone: string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const day = localDay(new Date(item.scheduled_at), zone);
    const list = out.get(day);
    if (list) list.push(item);
    else out.set(day, [item]);
  }
  for (const list of out.values()) list.sort((a, b) => (a.scheduled_at < b.scheduled_at ? -1 : a.scheduled_at > b.scheduled_at ? 1 : 0));
  return out;
}

/** Minutes since local midnight of `at` in `zone` (by the wall clock: 18:30 → 1110). */
export function minuteOfDay(at: Date, zone: string): number {
  const [h, m] = localTime(at, zone).split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** The week cell ("YYYY-MM-DDTHH:mm", floored to 15 minutes, in `zone`) an instant falls in. */
export function cellOf(at: Date, zone: string): string {
  const minutes = Math.floor(minuteOfDay(at, zone) / STEP_MINUTES) * STEP_MINUTES;
  return `${localDay(at, zone)}T${hhmm(minutes)}`;
}

function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** The week cells of a day, "HH:mm" every 15 minutes. */
export const DAY_CELLS: readonly string[] = Array.from({ length: (24 * 60) / STEP_MINUTES }, (_, i) => hhmm(i * STEP_MINUTES));

// ---------------------------------------------------------------------------------------------
// Moves

/** A post can be moved (dragged, stepped, edited) only while scheduled or failed; the server agrees. */
export function isMovable(status: PostStatus): boolean {
  return status === "scheduled" || status === "failed";
}

/** Why a card cannot be dragged, in words for its tooltip; null when it can. */
export function notMovableReason(status: PostStatus): string | null {
  if (isMovable(status)) return null;
  if (status === "complete") return "It is published: a published post cannot be moved.";
  if (status === "deleted") return "It is deleted.";
  return "It is being published right now; it can be moved again only if it fails.";
}

/** The instant of a week cell "YYYY-MM-DDTHH:mm" read in `zone`; a time the DST change skips has none. */
export function cellInstant(cell: string, zone: string): Date | null {
  const [day, time] = cell.split("T") as [string, string];
  if (!isDay(day) || !/^\d{2}:\d{2}$/.test(time ?? "")) return null;
  return zonedInstant(day, time, zone);
}

/**
 * `at` moved to `day` at the same local time of day in `zone` (a month drop, Left/Right). Across
 * a DST change the wall clock is kept, not the UTC offset; a time the change skips that day
 * moves forward to the first one that exists (02:30 on a spring-forward night → 03:00).
 */
export function keepTimeOnDay(at: Date, day: string, zone: string): Date {
  const minutes = minuteOfDay(at, zone);
  for (let m = minutes; m < 24 * 60; m += 1) {
    const found = zonedInstant(day, hhmm(m), zone);
    if (found) return new Date(found.getTime() + (at.getTime() % MINUTE_MS));
  }
  return dayStart(addDays(day, 1), zone);
}

export type StepKey = "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight";

/**
 * Where a lifted card goes on an arrow key: Up/Down 15 minutes earlier/later (week view; the
 * month view has no times, so Up/Down move a week there), Left/Right a day at the same local time.
 */
export function keyboardStep(at: Date, key: StepKey, view: CalendarView, zone: string): Date {
  const day = localDay(at, zone);
  if (key === "ArrowLeft" || key === "ArrowRight") return keepTimeOnDay(at, addDays(day, key === "ArrowLeft" ? -1 : 1), zone);
  const sign = key === "ArrowUp" ? -1 : 1;
  if (view === "month") return keepTimeOnDay(at, addDays(day, 7 * sign), zone);
  return new Date(at.getTime() + sign * STEP_MINUTES * MINUTE_MS);
}

// ---------------------------------------------------------------------------------------------
// Status

/** Posts per status among `cards`, every status present (zero when none). */
export function statusCounts(cards: readonly { status: PostStatus }[]): Record<PostStatus, number> {
  const out = Object.fromEntries(POST_STATUSES.map((s) => [s, 0])) as Record<PostStatus, number>;
  for (const c of cards) out[c.status]++;
  return out;
}

const STATUS_WORDS: Record<PostStatus, string> = {
  scheduled: "scheduled",
  pending: "publishing",
  retrying: "retrying",
  awaiting_creator: "awaiting creator",
  complete: "published",
  failed: "failed",
  deleted: "deleted",
};

/** A status in words ("awaiting_creator" → "awaiting creator"). */
export function statusWords(status: PostStatus): string {
  return STATUS_WORDS[status];
}

/** Whether a post is held (dashboard.md §4 "Pausing"): scheduled on an account that is paused. */
export function isHeld(status: PostStatus, accountStatus: SchedAccount["status"]): boolean {
  return status === "scheduled" && accountStatus === "paused";
}

export const HELD_REASON = "Held: its account is paused. It goes out when the account is resumed (re-placed from then if its time passed; a strict one whose time passed fails).";

/** A card's accessible name, `@username HH:mm status` in the viewer's zone (dashboard.md §2); a held post says "held". */
export function cardName(card: Pick<CalendarCard, "username" | "scheduled_at" | "status"> & { held?: boolean }, zone: string): string {
  return `@${card.username} ${localTime(new Date(card.scheduled_at), zone)} ${card.held ? "held" : card.status}`;
}

// ---------------------------------------------------------------------------------------------
// Slots

/**
 * The slots of `accounts` (one account, or a pool) in [from, to) that are still ahead of `now`:
 * an instant is free when at least one account can take a post there, else unavailable with the
 * first account's reason. `booked` must hold each account's live posts from a day before `from`
 * to a day after `to`, so gaps and caps at the edges are seen.
 */
export function slotMarks(accounts: readonly SchedAccount[], booked: ReadonlyMap<string, readonly BookedPost[]>, from: Date, to: Date, now: Date): SlotMark[] {
  const byInstant = new Map<number, { free: string[]; reason: string | null; all: string[] }>();
  const start = new Date(Math.max(from.getTime(), now.getTime()));
  for (const account of accounts) {
    for (const at of slots(account, start, to)) {
      const blocker = blockerAt(account, booked.get(account.id) ?? [], at, now);
      const entry = byInstant.get(at.getTime()) ?? { free: [], reason: null, all: [] };
      entry.all.push(account.id);
      if (blocker) entry.reason ??= describeBlocker(account, blocker);
      else entry.free.push(account.id);
      byInstant.set(at.getTime(), entry);
    }
  }
  return [...byInstant.entries()]
    .sort(([a], [b]) => a - b)
    .map(([ms, e]) => ({
      at: new Date(ms).toISOString(),
      free: e.free.length > 0,
      reason: e.free.length > 0 ? null : e.all.length > 1 ? `No account in the pool can post then: ${e.reason}` : e.reason,
      account_ids: e.free.length > 0 ? e.free : e.all,
    }));
}

/** The board's row for one account on `day` (viewer's zone): its slots, posts that day, cap use, next free slot. */
export type BoardRow = {
  account_id: string;
  slots: SlotMark[];
  /** Live posts on the account's own local day that the board's day starts in. */
  today: number;
  cap: number;
  /** The first instant from the board day's start (or now, if later) the account can post at; null if none within NEXT_FREE_DAYS. */
  next_free: string | null;
};

export function boardRow(account: SchedAccount, booked: readonly BookedPost[], day: string, viewerZone: string, now: Date): BoardRow {
  const from = dayStart(day, viewerZone);
  const to = dayStart(addDays(day, 1), viewerZone);
  const accountDay = localDay(new Date(Math.max(from.getTime(), Math.min(now.getTime(), to.getTime() - 1))), account.timezone);
  const today = booked.filter((p) => localDay(p.at, account.timezone) === accountDay).length;
  const search = new Date(Math.max(from.getTime(), now.getTime()));
  const next = earliestAt(account, booked, nextSlotOrNow(account, search), now, new Date(search.getTime() + NEXT_FREE_DAYS * DAY_MS));
  return {
    account_id: account.id,
    slots: slotMarks([account], new Map([[account.id, booked]]), from, to, now),
    today,
    cap: account.dailyCap,
    next_free: next ? next.toISOString() : null,
  };
}

/** The first slot at or after `from` (so "next free" names a posting time, not an arbitrary minute). */
function nextSlotOrNow(account: SchedAccount, from: Date): Date {
  const first = slots(account, from, new Date(from.getTime() + NEXT_FREE_DAYS * DAY_MS)).next();
  return first.done ? from : first.value;
}

// ---------------------------------------------------------------------------------------------
// The range use-case's input (also the calendar's URL filters)

const MAX_ACCOUNT_FILTER = 200;

export const calendarRangeSchema = z
  .strictObject({
    from: isoWithOffset,
    to: isoWithOffset,
    accountIds: z.array(uuid).max(MAX_ACCOUNT_FILTER, `must hold at most ${MAX_ACCOUNT_FILTER} ids`).optional(),
    tag: label.optional(),
    userGroup: label.optional(),
    orgGroup: label.optional(),
    platform: z.enum(["tiktok", "instagram"], { error: "must be tiktok or instagram" }).optional(),
    status: z.array(postStatusSchema).min(1, "must not be empty").optional(),
    /** Only posts changed after this instant (a live refresh); deleted ones come back so the view can drop them. */
    changedSince: isoWithOffset.optional(),
  })
  .superRefine((v, ctx) => {
    const span = Date.parse(v.to) - Date.parse(v.from);
    if (span <= 0) ctx.addIssue({ code: "custom", path: ["to"], message: "must be after from" });
    else if (span > MAX_RANGE_DAYS * DAY_MS) ctx.addIssue({ code: "custom", path: ["to"], message: `must be at most ${MAX_RANGE_DAYS} days after from` });
  });
export type CalendarRangeInput = z.infer<typeof calendarRangeSchema>;

export const boardSchema = z.strictObject({
  date: z.string().refine(isDay, "must be a day YYYY-MM-DD between 2000 and 2099"),
  zone: z.string().min(1, "must be a timezone").max(64, "must be a timezone"),
  accountIds: z.array(uuid).max(MAX_ACCOUNT_FILTER, `must hold at most ${MAX_ACCOUNT_FILTER} ids`).optional(),
  tag: label.optional(),
  userGroup: label.optional(),
  orgGroup: label.optional(),
  platform: z.enum(["tiktok", "instagram"], { error: "must be tiktok or instagram" }).optional(),
});
export type BoardInput = z.infer<typeof boardSchema>;

/** The calendar's URL (`?view=week&date=…&account=…&tag=…`): what it says, with defaults for what it does not. */
export type CalendarParams = {
  view: CalendarView;
  date: string;
  accountIds: string[];
  tag?: string;
  userGroup?: string;
  orgGroup?: string;
  platform?: Platform;
  status: PostStatus[];
};

type ParamSource = { get(name: string): string | null; getAll(name: string): string[] };

/** Reads the calendar's URL; anything unreadable falls back to the default (week, today). */
export function readCalendarParams(params: ParamSource, today: string): CalendarParams {
  const view = params.get("view");
  const date = params.get("date");
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const platform = params.get("platform");
  return {
    view: (CALENDAR_VIEWS as readonly string[]).includes(view ?? "") ? (view as CalendarView) : "week",
    date: date && isDay(date) ? date : today,
    accountIds: params.getAll("account").filter((id) => uuid.safeParse(id).success),
    tag: text("tag"),
    userGroup: text("userGroup"),
    orgGroup: text("orgGroup"),
    platform: platform === "tiktok" || platform === "instagram" ? platform : undefined,
    status: params.getAll("status").filter((s): s is PostStatus => (POST_STATUSES as readonly string[]).includes(s)),
  };
}

/** The URL query of calendar params (defaults left out, lists repeated), for links and history. */
export function calendarQuery(p: Partial<CalendarParams>): string {
  const q = new URLSearchParams();
  if (p.view) q.set("view", p.view);
  if (p.date) q.set("date", p.date);
  for (const id of p.accountIds ?? []) q.append("account", id);
  if (p.tag) q.set("tag", p.tag);
  if (p.userGroup) q.set("userGroup", p.userGroup);
  if (p.orgGroup) q.set("orgGroup", p.orgGroup);
  if (p.platform) q.set("platform", p.platform);
  for (const s of p.status ?? []) q.append("status", s);
  return q.toString();
}

/** Slots are drawn when the view is narrowed to one account or one label (a pool). */
export function drawsSlots(p: Pick<CalendarParams, "accountIds" | "tag" | "userGroup" | "orgGroup">): boolean {
  return p.accountIds.length === 1 || (p.accountIds.length === 0 && !!(p.tag || p.userGroup || p.orgGroup));
}


/** What the range and board reads take, as a URL query (lists repeated) and back; the route reads it, the client writes it. */
const LIST_PARAMS = { accountIds: "account", status: "status" } as const;

export function toReadQuery(body: Record<string, string | readonly string[] | undefined>): string {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(body)) {
    if (value === undefined) continue;
    const key = (LIST_PARAMS as Record<string, string>)[name] ?? name;
    if (typeof value === "string") q.set(key, value);
    else for (const v of value) q.append(key, v);
  }
  return q.toString();
}

/** The body a read's URL query stands for: repeated params as lists, the rest as strings. */
export function fromReadQuery(params: ParamSource & { keys(): Iterable<string> }): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const lists = new Map<string, string>(Object.entries(LIST_PARAMS).map(([field, key]) => [key, field]));
  for (const key of new Set(params.keys())) {
    const field = lists.get(key);
    if (field) out[field] = params.getAll(key);
    else out[key] = params.get(key) ?? "";
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The browser's copy of a range

/** What the browser keeps of a range read: the cards in time order, the slots, and the read's time. */
export type RangeData = { posts: CalendarCard[]; slots: SlotMark[] | null; as_of: string };

/** A live refresh asks for changes since a little before the last read: a write committed during that read is not missed. */
export const LIVE_OVERLAP_MS = 2_000;

const byTime = (a: CalendarCard, b: CalendarCard) => (a.scheduled_at < b.scheduled_at ? -1 : a.scheduled_at > b.scheduled_at ? 1 : a.id < b.id ? -1 : 1);

/** A range with a live refresh applied: changed cards replaced or added, gone ones dropped, slots and time updated. */
export function mergeRange(current: RangeData, changes: { posts: readonly CalendarCard[]; gone: readonly string[]; slots: SlotMark[] | null; as_of: string }): RangeData {
  // Unchanged parts keep their identity, so a refresh that changed nothing redraws nothing.
  const slots = sameSlots(current.slots, changes.slots) ? current.slots : changes.slots;
  if (changes.posts.length === 0 && changes.gone.length === 0) return { ...current, slots, as_of: changes.as_of };
  const drop = new Set([...changes.gone, ...changes.posts.map((p) => p.id)]);
  const posts = [...current.posts.filter((p) => !drop.has(p.id)), ...changes.posts].sort(byTime);
  return { posts, slots, as_of: changes.as_of };
}

function sameSlots(a: SlotMark[] | null, b: SlotMark[] | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((s, i) => s.at === b[i]!.at && s.free === b[i]!.free && s.reason === b[i]!.reason && s.account_ids.join() === b[i]!.account_ids.join());
}

/** The range with one card moved (an optimistic move, or the server's answer to it). */
export function placeCard(current: RangeData, postId: string, patch: Partial<CalendarCard>): RangeData {
  return { ...current, posts: current.posts.map((p) => (p.id === postId ? { ...p, ...patch } : p)).sort(byTime) };
}

/**
 * Side-by-side lanes for a day's cards in the week grid: each card covers `span` minutes from its
 * minute of the day; overlapping cards take the first free lane, and each cluster of overlapping
 * cards shares its width among the lanes it needed. Input in time order.
 */
export function layoutLanes(items: readonly { id: string; minute: number }[], span: number): Map<string, { lane: number; lanes: number }> {
  const out = new Map<string, { lane: number; lanes: number }>();
  let cluster: { id: string; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const close = () => {
    for (const c of cluster) out.set(c.id, { lane: c.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const item of items) {
    if (item.minute >= clusterEnd) close();
    let lane = laneEnds.findIndex((end) => end <= item.minute);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = item.minute + span;
    clusterEnd = Math.max(clusterEnd === -Infinity ? 0 : clusterEnd, item.minute + span);
    cluster.push({ id: item.id, lane });
  }
  close();
  return out;
}

/** The composer link a free slot opens: the one account, or the pool's label filters, and the slot's instant. */
export function composeLinkFor(p: Pick<CalendarParams, "accountIds" | "tag" | "userGroup" | "orgGroup">, slot: Pick<SlotMark, "at" | "account_ids">): string {
  const q = new URLSearchParams();
  if (p.accountIds.length === 1) q.set("account", p.accountIds[0]!);
  else {
    if (p.tag) q.set("tag", p.tag);
    if (p.userGroup) q.set("userGroup", p.userGroup);
    if (p.orgGroup) q.set("orgGroup", p.orgGroup);
  }
  q.set("at", slot.at);
  return `/compose?${q.toString()}`;
}

/** The heading of the range shown: "30 Nov – 6 Dec 2026", "December 2026", "Thursday, 3 December 2026". */
/** A calendar day "YYYY-MM-DD" in words ("Thursday, 3 December"); the day itself, whatever the zone. */
export function formatDay(day: string, options: Intl.DateTimeFormatOptions = { weekday: "long", day: "numeric", month: "long" }): string {
  return new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { ...options, timeZone: "UTC" });
}

export function rangeTitle(view: CalendarView, date: string): string {
  const fmt = formatDay;
  if (view === "month") return fmt(date, { month: "long", year: "numeric" });
  if (view === "board") return fmt(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  const days = viewDays("week", date);
  const first = days[0]!;
  const last = days[6]!;
  const sameYear = first.slice(0, 4) === last.slice(0, 4);
  return `${fmt(first, { day: "numeric", month: "short", ...(sameYear ? {} : { year: "numeric" }) })} – ${fmt(last, { day: "numeric", month: "short", year: "numeric" })}`;
}

/** At most this many cards side by side in a week column; the rest of an hour's go behind "+N". */
export const WEEK_MAX_LANES = 3;

/**
 * A day's cards for the week grid: each drawn card with its lane (lanes capped at `maxLanes`), and
 * per hour ("HH") the cards that did not fit, drawn as a "+N" that lists them. Input in time order.
 */
export function weekColumn<T extends { id: string; minute: number }>(items: readonly T[], span: number, maxLanes = WEEK_MAX_LANES) {
  const lanes = layoutLanes(items, span);
  const shown: (T & { lane: number; lanes: number })[] = [];
  const overflow = new Map<number, T[]>();
  for (const item of items) {
    const l = lanes.get(item.id) ?? { lane: 0, lanes: 1 };
    if (l.lane < maxLanes) shown.push({ ...item, lane: l.lane, lanes: Math.min(l.lanes, maxLanes) });
    else {
      const hour = Math.floor(item.minute / 60);
      overflow.set(hour, [...(overflow.get(hour) ?? []), item]);
    }
  }
  return { shown, overflow };
}
