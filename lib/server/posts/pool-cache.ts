// What a pool selection knows of its accounts, cached in this instance behind each account's
// versions (migration 0013): the scheduling rules behind rules_version (raised by a trigger
// whenever a rule changes), the live posts behind bookings_version (raised by the posts triggers
// whenever a live post appears, moves or stops being live). A selection reads the pool's ids,
// versions and last post times in one small statement, and rules or posts only of the accounts
// whose version it has not seen: after a create, that is the one account the post went to.
//
// A stale entry cannot double-book: each member carries the versions of the rules and posts it
// was decided from, and a candidate is either written by a statement that takes effect only
// while the account is still at those versions, or re-checked under its row lock with rules and
// posts read in that transaction (scheduler.ts). It cannot even rank wrongly: a version read in
// the same statement as the ids tells a current entry from a stale one.
import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/scheduling";
import type { BookedPost, SchedAccount } from "@/lib/domain/scheduling";

type RulesEntry = { version: number; account: SchedAccount };
/**
 * An account's live posts in [from, to) (epoch ms), in time order, as of bookings version
 * `version`, with their times as numbers (`times[i]` is `posts[i]`'s): a selection searches
 * thousands of these lists, and in the Next.js server a Date's getTime is slow (scheduling.ts).
 */
type BookingsEntry = { version: number; from: number; to: number; posts: BookedPost[]; times: number[] };

const timesOf = (posts: readonly BookedPost[]) => posts.map((p) => p.at.getTime());

/**
 * Past this many accounts, or posts, a cache starts over (an account's rules are about 1 KiB,
 * a post about 150 bytes); a pool whose posts alone would not fit is read for each selection.
 */
const MAX_ACCOUNTS = 100_000;
const MAX_POSTS = 250_000;
/** A pool of more accounts than this has only each selection's window read, and not kept. */
const MAX_CACHED_POOL = 10_000;
/**
 * Posts are read from a little before now (a selection's window never starts earlier, so
 * concurrent selections at different times do not replace each other's entries) to at least
 * this long past the window, so one read serves the selections after it.
 */
const BOOKINGS_BEHIND_MS = 3 * 86_400_000;
const BOOKINGS_AHEAD_MS = 21 * 86_400_000;
/** A read of more accounts than this is shared: concurrent selections wait for it instead of each reading the same posts. */
const SHARED_READ = 50;
let sharedRead: Promise<unknown> | null = null;

// On globalThis: Next bundles route handlers and server actions apart, and both select.
const KEY = Symbol.for("postdeck.poolCache");
type Cache = { rules: Map<string, RulesEntry>; bookings: Map<string, BookingsEntry>; posts: number };
const store = globalThis as unknown as Record<symbol, Cache | undefined>;
const cache: Cache = (store[KEY] ??= { rules: new Map(), bookings: new Map(), posts: 0 });

export type PoolMember = {
  account: SchedAccount;
  lastPostAt: Date | null;
  /** The version of the rules in `account` and of the posts in the member's bookings. */
  versions: { rulesVersion: number; bookingsVersion: number };
};

/** Reads the rules of the accounts whose version the cache has not seen. */
async function refreshRules(db: Db, organizationId: string, heads: readonly q.PoolHead[]) {
  const stale = heads.filter((h) => cache.rules.get(h.id)?.version !== h.rulesVersion).map((h) => h.id);
  if (stale.length === 0) return;
  if (cache.rules.size + stale.length > MAX_ACCOUNTS) cache.rules.clear();
  for (const { rulesVersion, ...account } of await q.schedAccountsByIds(db, { organizationId, ids: stale })) {
    cache.rules.set(account.id, { version: rulesVersion, account });
  }
}

/**
 * Each head's posts for [from, to): from the cache when its entry is at the head's version and
 * covers the range, else read (with the other stale ones, in one statement) and kept.
 */
async function bookingsFor(db: Db, organizationId: string, heads: readonly q.PoolHead[], from: number, to: number): Promise<Map<string, BookingsEntry>> {
  const out = new Map<string, BookingsEntry>();
  const stale: string[] = [];
  for (const h of heads) {
    const e = cache.bookings.get(h.id);
    if (e && e.version === h.bookingsVersion && e.from <= from && e.to >= to) out.set(h.id, e);
    else stale.push(h.id);
  }
  if (stale.length === 0) return out;
  const cached = heads.length <= MAX_CACHED_POOL;
  if (cached && stale.length > SHARED_READ && sharedRead) {
    // Another selection is reading most of the pool: its entries will serve this one too.
    await sharedRead.catch(() => {});
    return bookingsFor(db, organizationId, heads, from, to);
  }
  const range = cached ? { from: Math.min(from, Date.now() - BOOKINGS_BEHIND_MS), to: Math.max(to, from + BOOKINGS_AHEAD_MS) } : { from, to };
  const reading = q.bookingsIn(db, { organizationId, accountIds: stale, from: new Date(range.from), to: new Date(range.to) });
  if (cached && stale.length > SHARED_READ) {
    sharedRead = reading;
    void reading.finally(() => sharedRead === reading && (sharedRead = null)).catch(() => {});
  }
  const read = await reading;
  const added = read.reduce((n, b) => n + b.posts.length, 0);
  const keep = cached && added <= MAX_POSTS;
  if (keep && (cache.bookings.size + stale.length > MAX_ACCOUNTS || cache.posts + added > MAX_POSTS)) {
    cache.bookings.clear();
    cache.posts = 0;
  }
  for (const b of read) {
    const entry = { version: b.bookingsVersion, ...range, posts: b.posts, times: timesOf(b.posts) };
    out.set(b.accountId, entry);
    if (!keep) continue;
    cache.posts += b.posts.length - (cache.bookings.get(b.accountId)?.posts.length ?? 0);
    cache.bookings.set(b.accountId, entry);
  }
  return out;
}

/**
 * Whether the instance still knows the account at `versions` (a create of this instance may
 * have written to it since they were read, and its entry followed).
 */
export function isCurrent(accountId: string, versions: PoolMember["versions"] | undefined): boolean {
  return !!versions && cache.bookings.get(accountId)?.version === versions.bookingsVersion && cache.rules.get(accountId)?.version === versions.rulesVersion;
}

/**
 * Follows a post this instance wrote by a statement guarded on `version` of the account's
 * bookings, without a read: the posts at `version` plus this one are the account's posts at
 * the version the write raised it to (by one, migration 0013). Should that ever not hold, the
 * entry's version is one no head shows, and the next selection reads the posts again.
 */
export function noteBooked(accountId: string, version: number, post: BookedPost): void {
  const e = cache.bookings.get(accountId);
  if (!e || e.version !== version) return;
  const t = post.at.getTime();
  if (t < e.from || t >= e.to) {
    cache.bookings.set(accountId, { ...e, version: version + 1 });
    return;
  }
  const i = lowerBound(e.times, t);
  cache.bookings.set(accountId, { ...e, version: version + 1, posts: e.posts.toSpliced(i, 0, post), times: e.times.toSpliced(i, 0, t) });
  cache.posts += 1;
}

/**
 * The heads read of concurrent selections of one pool, shared: each would read the same
 * thousands of rows a few milliseconds apart, and under a burst those reads, not the rules,
 * saturate the app's thread and Postgres. Sharing costs nothing in safety (a joined read is at
 * most one read older, as a snapshot a moment earlier would be, and every write is guarded or
 * re-checked under its lock); keyed by the Db too, so a transaction reads its own.
 */
const headsInFlight = new WeakMap<Db, Map<string, Promise<q.PoolHead[]>>>();

function sharedHeads(db: Db, organizationId: string, filters: q.PoolFilters): Promise<q.PoolHead[]> {
  let reads = headsInFlight.get(db);
  if (!reads) headsInFlight.set(db, (reads = new Map()));
  const key = JSON.stringify([organizationId, filters.tag, filters.userGroup, filters.orgGroup, filters.platforms]);
  const running = reads.get(key);
  if (running) return running;
  const read = q.poolHeads(db, { organizationId, filters }).finally(() => reads.delete(key));
  reads.set(key, read);
  return read;
}

/**
 * The account's latest live post time: the head's, unless this instance has since written a
 * later one (noteBooked) that a head read before the write does not show yet.
 */
function lastPostAt(h: q.PoolHead, bookings: BookingsEntry): Date | null {
  const newest = bookings.version > h.bookingsVersion ? bookings.posts[bookings.posts.length - 1]?.at : undefined;
  return newest && (!h.lastPostAt || newest > h.lastPostAt) ? newest : h.lastPostAt;
}

/** The entry's posts in [from, to), found by binary search: a pool is thousands of lists per selection. */
function within(e: BookingsEntry, from: number, to: number): BookedPost[] {
  const first = lowerBound(e.times, from);
  return first === e.times.length ? [] : e.posts.slice(first, lowerBound(e.times, to));
}

function lowerBound(times: readonly number[], ms: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (times[mid]! < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The pool's accounts with their current rules and latest live post time, and each one's live
 * posts in the window `windowOf` gives for its minimum gap (less `excludePostId`).
 */
export async function poolMembers(
  db: Db,
  params: { organizationId: string; filters: q.PoolFilters; windowOf: (minGapMinutes: number) => { from: Date; to: Date }; excludePostId?: string },
): Promise<{ members: PoolMember[]; booked: Map<string, BookedPost[]> }> {
  const { organizationId } = params;
  const heads = await sharedHeads(db, organizationId, params.filters);
  await refreshRules(db, organizationId, heads);
  // A window depends on the gap alone: asked once per gap; the posts are read for the span of all.
  const byGap = new Map<number, { from: number; to: number }>();
  const windows = heads.map((h) => {
    const rules = cache.rules.get(h.id);
    if (!rules) return null;
    let w = byGap.get(rules.account.minGapMinutes);
    if (!w) {
      const asked = params.windowOf(rules.account.minGapMinutes);
      w = { from: asked.from.getTime(), to: asked.to.getTime() };
      byGap.set(rules.account.minGapMinutes, w);
    }
    return { rules, ...w };
  });
  const spans = [...byGap.values()];
  const bookingsOf = spans.length
    ? await bookingsFor(db, organizationId, heads, Math.min(...spans.map((w) => w.from)), Math.max(...spans.map((w) => w.to)))
    : new Map<string, BookingsEntry>();
  const members: PoolMember[] = [];
  const booked = new Map<string, BookedPost[]>();
  for (const [i, h] of heads.entries()) {
    const w = windows[i];
    const bookings = bookingsOf.get(h.id);
    // Gone between the reads (deleted): not a candidate any more.
    if (!w || !bookings) continue;
    members.push({ account: w.rules.account, lastPostAt: lastPostAt(h, bookings), versions: { rulesVersion: w.rules.version, bookingsVersion: bookings.version } });
    const near = within(bookings, w.from, w.to);
    const own = params.excludePostId === undefined ? near : near.filter((p) => p.id !== params.excludePostId);
    if (own.length > 0) booked.set(h.id, own);
  }
  return { members, booked };
}
