// The Accounts page's pure parts (dashboard.md §4): the row the table shows, its search and
// filters, the weekly posting-times editor's steps and checks, and the words that sum up a bulk
// change. The server re-checks every change through the update-info use-case.
import { type z } from "zod";
import { type AccountStatus, type Platform, WEEKDAYS, type Weekday, type WeeklyPostingTimes, postingTimesSchema, type UpdateAccountsInput } from "./accounts";
import type { AccountObject } from "./wire";

/** One row of the Accounts table: the API's account object and what the table shows beside it. */
export type AccountRow = AccountObject & {
  /** The next post still to go out (scheduled or retrying), if any. */
  next_post_at: string | null;
  /** Posts still to go out (scheduled or retrying): what a disconnect would fail or delete. */
  upcoming: number;
  /** Live posts on the account's own calendar day (the daily cap's count). */
  today: number;
  last_error: string | null;
  privacy_level: string | null;
};

export const LABEL_KINDS = ["tag", "user_group", "org_group"] as const;
export type LabelKind = (typeof LABEL_KINDS)[number];
export const LABEL_NAMES: Record<LabelKind, string> = { tag: "Tag", user_group: "User group", org_group: "Org group" };

export type AccountTableFilters = {
  search?: string;
  platform?: Platform;
  status?: AccountStatus;
  tag?: string;
  user_group?: string;
  org_group?: string;
};

/** Rows matching every filter; the search matches @username, display name or any label, any case. */
export function filterAccounts(rows: readonly AccountRow[], f: AccountTableFilters): AccountRow[] {
  const needle = f.search?.trim().toLowerCase().replace(/^@/, "") ?? "";
  return rows.filter(
    (r) =>
      (!f.platform || r.platform === f.platform) &&
      (!f.status || r.status === f.status) &&
      LABEL_KINDS.every((k) => !f[k] || r[k] === f[k]) &&
      (!needle || [r.username, r.display_name, r.tag, r.user_group, r.org_group].some((v) => v?.toLowerCase().includes(needle))),
  );
}

/** What "Set labels" does to one label: leave it, set it to a value, or clear it. */
export type LabelEdit = { mode: "keep" } | { mode: "set"; value: string } | { mode: "clear" };

/** The update-info fields for a "Set labels" dialog's choices (kept labels are left out). */
export function labelChanges(edits: Record<LabelKind, LabelEdit>): Pick<UpdateAccountsInput, LabelKind> {
  const out: Pick<UpdateAccountsInput, LabelKind> = {};
  for (const k of LABEL_KINDS) {
    const e = edits[k];
    if (e.mode === "set") out[k] = e.value.trim();
    else if (e.mode === "clear") out[k] = null;
  }
  return out;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** "Set tag “food” and cleared user group on 3 accounts." — the summary after a bulk change. */
export function describeAccountChange(change: Omit<UpdateAccountsInput, "accountIds" | "accountId">, count: number): string {
  const parts: string[] = [];
  for (const k of LABEL_KINDS) {
    const v = change[k];
    if (v === null) parts.push(`cleared ${LABEL_NAMES[k].toLowerCase()}`);
    else if (v !== undefined) parts.push(`set ${LABEL_NAMES[k].toLowerCase()} “${v}”`);
  }
  if (change.paused === true) parts.push("paused");
  if (change.paused === false) parts.push("resumed");
  if (change.timezone !== undefined) parts.push(`set the time zone to ${change.timezone}`);
  if (change.postingTimes !== undefined) parts.push("set the posting times");
  if (change.minGapMinutes !== undefined) parts.push(`set the minimum gap to ${change.minGapMinutes} min`);
  if (change.dailyCap !== undefined) parts.push(`set the daily cap to ${change.dailyCap}`);
  if (change.privacyLevel !== undefined) parts.push(change.privacyLevel === null ? "reset the privacy level" : `set the privacy level to ${change.privacyLevel}`);
  if (!parts.length) return "Nothing changed.";
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(", ")} and ${parts.at(-1)}` : parts[0]!;
  return `${list[0]!.toUpperCase()}${list.slice(1)} on ${plural(count, "account")}.`;
}

// ── The weekly posting-times editor ─────────────────────────────────────────────────────────

export const WEEKDAY_NAMES: Record<Weekday, string> = { mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday", sun: "Sunday" };

/** The editor's draft: per weekday the entries as typed (checked on save, kept while wrong). */
export type TimesDraft = Record<Weekday, string[]>;

export function draftOf(times: Partial<WeeklyPostingTimes> | Record<string, string[]>): TimesDraft {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...((times as Record<string, string[]>)[d] ?? [])]])) as TimesDraft;
}

/** A new entry for a day: an hour after its last one (wrapping past midnight), or 09:00. */
export function nextTimeFor(entries: readonly string[]): string {
  const last = [...entries].reverse().find((e) => /^\d{2}:\d{2}$/.test(e));
  if (!last) return "09:00";
  const [h, m] = last.split(":").map(Number) as [number, number];
  return `${String((h + 1) % 24).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

export function addTime(draft: TimesDraft, day: Weekday): TimesDraft {
  return { ...draft, [day]: [...draft[day], nextTimeFor(draft[day])] };
}

export function removeTime(draft: TimesDraft, day: Weekday, index: number): TimesDraft {
  return { ...draft, [day]: draft[day].filter((_, i) => i !== index) };
}

export function setTime(draft: TimesDraft, day: Weekday, index: number, value: string): TimesDraft {
  return { ...draft, [day]: draft[day].map((v, i) => (i === index ? value : v)) };
}

/** "Copy Monday to all days". */
export function copyToAllDays(draft: TimesDraft, from: Weekday): TimesDraft {
  return Object.fromEntries(WEEKDAYS.map((d) => [d, [...draft[from]]])) as TimesDraft;
}

export type TimesIssue = { day: Weekday; index: number | null; message: string };

/**
 * The draft checked with the API's own schema: the weekly times to save, or each problem by day
 * and entry ("Monday, time 2: must be a time “HH:mm”…"). Entries are trimmed; repeats are merged.
 */
export function checkTimes(draft: TimesDraft): { ok: true; value: WeeklyPostingTimes } | { ok: false; issues: TimesIssue[] } {
  const trimmed = Object.fromEntries(WEEKDAYS.map((d) => [d, draft[d].map((t) => t.trim())]));
  const parsed = postingTimesSchema.safeParse(trimmed);
  if (parsed.success) {
    return { ok: true, value: Object.fromEntries(WEEKDAYS.map((d) => [d, [...new Set(trimmed[d])].sort()])) as WeeklyPostingTimes };
  }
  return { ok: false, issues: timesIssuesOf(parsed.error.issues) };
}

/** Zod issues under postingTimes (the API's or the editor's) as day and entry. */
export function timesIssuesOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): TimesIssue[] {
  const out: TimesIssue[] = [];
  for (const issue of issues) {
    const path = issue.path.filter((p) => p !== "postingTimes");
    const day = WEEKDAYS.find((d) => d === path[0]);
    if (!day) continue;
    out.push({ day, index: typeof path[1] === "number" ? path[1] : null, message: issue.message });
  }
  return out;
}

/** "Monday, time 2: must be …" */
export function describeTimesIssue(i: TimesIssue): string {
  return `${WEEKDAY_NAMES[i.day]}${i.index === null ? "" : `, time ${i.index + 1}`}: ${i.message}`;
}

/** "postingTimes.mon[1]" (the API envelope's path) → the same issue, for messages from the server. */
export function timesIssueOfPath(path: string, message: string): TimesIssue | null {
  const m = /^postingTimes\.(mon|tue|wed|thu|fri|sat|sun)(?:\[(\d+)\])?$/.exec(path);
  return m ? { day: m[1] as Weekday, index: m[2] === undefined ? null : Number(m[2]), message } : null;
}

/** How many slots a week of times holds ("21 times a week"). */
export function weeklyCount(times: Partial<Record<Weekday, readonly string[]>>): number {
  return WEEKDAYS.reduce((n, d) => n + (times[d]?.length ?? 0), 0);
}

/**
 * A number field as typed ("" → not given) checked with the API's rule for it: the number, or
 * the problem in the API's words.
 */
export function readNumberField(text: string, schema: z.ZodType<number>): { ok: true; value: number | undefined } | { ok: false; message: string } {
  const t = text.trim();
  if (!t) return { ok: true, value: undefined };
  const n = Number(t);
  if (!Number.isFinite(n)) return { ok: false, message: "must be a number" };
  const r = schema.safeParse(n);
  return r.success ? { ok: true, value: r.data } : { ok: false, message: r.error.issues[0]?.message ?? "is not valid" };
}
