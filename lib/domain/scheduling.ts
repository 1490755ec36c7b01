// The scheduling rules of DESIGN.md §4: when an account can post, its slots, the earliest
// time it can take, and which account of a pool gets a post. Pure: the clock is an argument.
import type { AccountStatus, Platform, WeeklyPostingTimes } from "./accounts";
import { addDays, localDay, localDayNumber, weekdayOf, zonedInstant } from "./time";

export const HORIZON_DAYS = 60;
/** "Now" tolerates this much clock skew: a time up to 60 s ago still counts as now. */
export const NOW_GRACE_MS = 60_000;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export type SchedAccount = {
  id: string;
  platform: Platform;
  status: AccountStatus;
  timezone: string;
  postingTimes: WeeklyPostingTimes;
  minGapMinutes: number;
  dailyCap: number;
};

/** A live post (scheduled, pending, retrying, awaiting_creator or complete) of an account. */
export type BookedPost = { id: string; at: Date };

/** Why an account cannot post at a time. */
export type Blocker =
  | { kind: "status"; status: "paused" | "needs_reauth" }
  | { kind: "past"; at: Date }
  | { kind: "gap"; post: BookedPost; gapMinutes: number }
  | { kind: "cap"; cap: number; day: string };

/**
 * Whether `account` can post at instant `at`, given its live posts `booked` (which must
 * cover at least the local day of `at` and `minGapMinutes` either side). Null when it can.
 */
export function blockerAt(account: SchedAccount, booked: readonly BookedPost[], at: Date, now: Date): Blocker | null {
  return blockerAtMs(account, booked, at, at.getTime(), now.getTime());
}

/**
 * blockerAt with `at` and `now` also as epoch ms (`t`, `nowMs`), for a caller that asks about
 * one time for thousands of accounts: getTime is cheap on a plain Date, but the Dates of a
 * Next.js server come from its wrapped Date constructor, and there it costs ~250 ns a call.
 */
function blockerAtMs(account: SchedAccount, booked: readonly BookedPost[], at: Date, t: number, nowMs: number): Blocker | null {
  if (account.status !== "active") return { kind: "status", status: account.status };
  if (t < nowMs - NOW_GRACE_MS) return { kind: "past", at };
  const gapMs = account.minGapMinutes * MINUTE_MS;
  // |t − T| < gap conflicts; exactly the gap apart is allowed.
  const clash = booked.find((p) => Math.abs(p.at.getTime() - t) < gapMs);
  if (clash) return { kind: "gap", post: clash, gapMinutes: account.minGapMinutes };
  const day = localDayNumber(t, account.timezone);
  let sameDay = 0;
  for (const p of booked) {
    const pt = p.at.getTime();
    // Cheap bound first: a post more than 27 h away cannot share a local day.
    if (Math.abs(pt - t) < 27 * 3_600_000 && localDayNumber(pt, account.timezone) === day && ++sameDay >= account.dailyCap) {
      return { kind: "cap", cap: account.dailyCap, day: localDay(at, account.timezone) };
    }
  }
  return account.dailyCap <= 0 ? { kind: "cap", cap: account.dailyCap, day: localDay(at, account.timezone) } : null;
}

/** A sentence for a blocker, naming the conflicting post, the cap or the account's status. */
export function describeBlocker(account: Pick<SchedAccount, "timezone">, b: Blocker): string {
  switch (b.kind) {
    case "status":
      return b.status === "paused" ? "the account is paused" : "the account needs to be reconnected (needs_reauth)";
    case "past":
      return `${b.at.toISOString()} is in the past`;
    case "gap":
      return `post ${b.post.id} is scheduled at ${b.post.at.toISOString()}, within the account's ${b.gapMinutes}-minute minimum gap`;
    case "cap":
      return `the account's daily cap of ${b.cap} posts is reached on ${b.day} (${account.timezone})`;
  }
}

/**
 * The account's slots (its posting times expanded in its timezone) from `from` (inclusive)
 * to `until` (exclusive), ascending. A time that does not exist that day is skipped; one
 * that occurs twice is used once.
 */
export function* slots(account: Pick<SchedAccount, "timezone" | "postingTimes">, from: Date, until: Date): Generator<Date> {
  const start = from.getTime();
  const end = until.getTime();
  // Begin a day early: the local day of `from` may start before `from` in UTC terms.
  let day = addDays(localDay(from, account.timezone), -1);
  const lastDay = addDays(localDay(until, account.timezone), 1);
  for (; day <= lastDay; day = addDays(day, 1)) {
    for (const ms of daySlots(account, day)) {
      if (ms >= start && ms < end) yield new Date(ms);
    }
  }
}

/** Per posting-times object (an account's rules, kept while they are): zone and day → slot instants. */
const daySlotCache = new WeakMap<WeeklyPostingTimes, Map<string, readonly number[]>>();

/**
 * The account's slots on local `day`, ascending and distinct (epoch ms); remembered per rules
 * object, since a non-strict pool selection walks the same days of thousands of accounts.
 */
function daySlots(account: Pick<SchedAccount, "timezone" | "postingTimes">, day: string): readonly number[] {
  let byDay = daySlotCache.get(account.postingTimes);
  if (!byDay) daySlotCache.set(account.postingTimes, (byDay = new Map()));
  const key = `${account.timezone}|${day}`;
  let found = byDay.get(key);
  if (!found) {
    const instants: number[] = [];
    for (const time of [...(account.postingTimes[weekdayOf(day)] ?? [])].sort()) {
      const ms = zonedInstant(day, time, account.timezone)?.getTime();
      if (ms !== undefined && ms !== instants[instants.length - 1]) instants.push(ms);
    }
    if (byDay.size > 400) byDay.clear();
    byDay.set(key, (found = instants));
  }
  return found;
}

/**
 * The earliest time at or after `from` the account can post: `from` itself when free, else
 * its first free slot after `from`, searching until `horizonEnd`. Null when none.
 */
export function earliestAt(
  account: SchedAccount,
  booked: readonly BookedPost[],
  from: Date,
  now: Date,
  horizonEnd: Date,
): Date | null {
  if (account.status !== "active") return null;
  if (!blockerAt(account, booked, from, now)) return from;
  return nextFreeSlot(account, booked, from, now, horizonEnd);
}

/** The account's first free slot after `from` (which is taken), until `horizonEnd`; null when none. */
function nextFreeSlot(account: SchedAccount, booked: readonly BookedPost[], from: Date, now: Date, horizonEnd: Date): Date | null {
  for (const at of slots(account, new Date(from.getTime() + 1), horizonEnd)) {
    if (!blockerAt(account, booked, at, now)) return at;
  }
  return null;
}

export function horizonEnd(from: Date): Date {
  return new Date(from.getTime() + HORIZON_DAYS * DAY_MS);
}

export type Candidate = {
  account: SchedAccount;
  booked: readonly BookedPost[];
  /** Greatest scheduled_at among the account's live posts, past or future; null if none. */
  lastPostAt: Date | null;
};

export type Selection = {
  mode: "explicit" | "least_recently_posted" | "closest_slot";
  candidates: number;
  available: number;
  reason: string;
};

export type Placement = { accountId: string; at: Date; bumped: boolean; selection: Selection };

export type PlacementFailure = { reason: string; blocker?: Blocker };

type Placed = { ok: true; placement: Placement } | { ok: false; failure: PlacementFailure };

/** Places a post on one given account: exactly at T when strict, else T or its next free slot. */
export function placeOnAccount(c: Candidate, T: Date, strict: boolean, now: Date): Placed {
  const blocker = blockerAt(c.account, c.booked, T, now);
  const explicit = (at: Date, reason: string): Placed => ({
    ok: true,
    placement: {
      accountId: c.account.id,
      at,
      bumped: at.getTime() !== T.getTime(),
      selection: { mode: "explicit", candidates: 1, available: 1, reason },
    },
  });
  if (!blocker) return explicit(T, "the account is free at the requested time");
  const why = describeBlocker(c.account, blocker);
  if (strict) return { ok: false, failure: { reason: `cannot post at ${T.toISOString()}: ${why}`, blocker } };
  if (blocker.kind === "status") return { ok: false, failure: { reason: `cannot post: ${why}`, blocker } };
  const at = earliestAt(c.account, c.booked, T, now, horizonEnd(T));
  if (!at) {
    return {
      ok: false,
      failure: { reason: `no free slot within ${HORIZON_DAYS} days after ${T.toISOString()} (at the requested time ${why})`, blocker },
    };
  }
  return explicit(at, `the requested time was taken (${why}); moved to the account's next free slot`);
}

/** A pool candidate with the time it could take the post: T when strict, else its earliest time. */
export type Ranked = { c: Candidate; at: Date };

/** A pool ranked for a post, best first, with the counts `selection` reports. */
export type PoolRanking = { ranked: Ranked[]; candidates: number; available: number };

/**
 * Ranks a pool (DESIGN.md §4), best first. Strict: the candidates free at exactly T, least
 * recently posted first. Non-strict: every candidate with a time at or after T within the
 * horizon, soonest first, ties by least recently posted, then id.
 */
export function rankPool(pool: readonly Candidate[], T: Date, strict: boolean, now: Date): PoolRanking {
  // Soonest time first (all are T when strict), then least recently posted (no live post at all
  // first, then the oldest latest post), then id; on keys computed once, since a pool is
  // thousands of candidates sorted on every selection.
  const keyed: { r: Ranked; at: number; last: number; id: string }[] = [];
  const end = horizonEnd(T);
  const [t, nowMs] = [T.getTime(), now.getTime()];
  for (const c of pool) {
    // Free at T is the answer either way (earliestAt's first step); only an active account taken
    // at T walks its next slots.
    const blocker = blockerAtMs(c.account, c.booked, T, t, nowMs);
    const at = !blocker ? T : strict || blocker.kind === "status" ? null : nextFreeSlot(c.account, c.booked, T, now, end);
    if (at) keyed.push({ r: { c, at }, at: at.getTime(), last: c.lastPostAt?.getTime() ?? -Infinity, id: c.account.id });
  }
  keyed.sort((a, b) => a.at - b.at || a.last - b.last || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { ranked: keyed.map((k) => k.r), candidates: pool.length, available: keyed.length };
}

/** Why no account of a ranked pool can take the post. */
export function poolFailure(r: PoolRanking, T: Date, strict: boolean, poolLabel: string): PlacementFailure {
  const n = r.candidates;
  const plural = n === 1 ? "account" : "accounts";
  if (n === 0) return { reason: `no account matches ${poolLabel} (0 accounts matched)` };
  return strict
    ? { reason: `none of the ${n} ${plural} matching ${poolLabel} can post at ${T.toISOString()}` }
    : { reason: `none of the ${n} ${plural} matching ${poolLabel} has a free slot within ${HORIZON_DAYS} days` };
}

/** The placement (with its `selection` explanation) of a pool post on `chosen`. */
export function poolPlacement(chosen: Ranked, r: Pick<PoolRanking, "candidates" | "available">, T: Date, strict: boolean): Placement {
  const n = r.candidates;
  const plural = n === 1 ? "account" : "accounts";
  if (strict) {
    const last = chosen.c.lastPostAt ? `last post ${chosen.c.lastPostAt.toISOString()}` : "no posts yet";
    return {
      accountId: chosen.c.account.id,
      at: T,
      bumped: false,
      selection: {
        mode: "least_recently_posted",
        candidates: n,
        available: r.available,
        reason: `least recently posted (${last}) of ${r.available} of ${n} ${plural} free at the requested time`,
      },
    };
  }
  const bumped = chosen.at.getTime() !== T.getTime();
  const when = bumped ? `its first free slot, ${chosen.at.toISOString()}` : "the requested time";
  return {
    accountId: chosen.c.account.id,
    at: chosen.at,
    bumped,
    selection: {
      mode: "closest_slot",
      candidates: n,
      available: r.available,
      reason: `closest possible time: ${when} (${r.available} of ${n} ${plural} available within ${HORIZON_DAYS} days)`,
    },
  };
}

/**
 * Picks an account from a pool (DESIGN.md §4): the best of rankPool. `poolLabel` describes the
 * filters for the message when nothing fits.
 */
export function placeOnPool(pool: readonly Candidate[], T: Date, strict: boolean, now: Date, poolLabel: string): Placed {
  const r = rankPool(pool, T, strict, now);
  const best = r.ranked[0];
  if (!best) return { ok: false, failure: poolFailure(r, T, strict, poolLabel) };
  return { ok: true, placement: poolPlacement(best, r, T, strict) };
}
