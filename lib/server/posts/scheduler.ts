// Placing posts on accounts with the rules of lib/domain/scheduling, safely under concurrency.
//
// A reservation either happens inside a transaction that first locks the account row
// (db/queries/scheduling.lockAccount) and then re-reads that account's live posts, or (a new
// post) is decided from a read and written by one statement that takes effect only while the
// account's rules and bookings are still at the versions read (reserveNew): either way two
// requests can never both take conflicting times on one account. A pool is ranked from a
// snapshot read without locks; its best candidate is written guarded on the snapshot's
// versions, or re-checked under its lock before it is taken.
import "server-only";
import { type Db, StartOver, retryOnConflict } from "@/db/client";
import * as q from "@/db/queries/scheduling";
import { MAX_MIN_GAP_MINUTES } from "@/lib/domain/accounts";
import { AppError, type Result, err, ok } from "@/lib/domain/errors";
import {
  type BookedPost,
  type Candidate,
  type Placement,
  type PoolRanking,
  type Ranked,
  type SchedAccount,
  blockerAt,
  earliestAt,
  horizonEnd,
  placeOnAccount,
  poolFailure,
  poolPlacement,
  rankPool,
} from "@/lib/domain/scheduling";
import { type PoolMember, isCurrent, noteBooked, poolMembers } from "./pool-cache";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A pool snapshot covers this much after T; picks beyond it are re-checked with the full horizon. */
const SNAPSHOT_SAFE_MS = DAY_MS;

export type Target =
  | { kind: "account"; accountId: string }
  | { kind: "pool"; filters: Omit<q.PoolFilters, "platforms">; platforms: q.PoolFilters["platforms"]; label: string };

export type PlaceRequest = {
  organizationId: string;
  target: Target;
  /** The requested time. */
  at: Date;
  strict: boolean;
  now: Date;
  /** The post being re-placed (an update), which must not conflict with itself. */
  excludePostId?: string;
};

/** Posts not in the database that a preview must treat as booked (earlier items of a batch). */
export type VirtualBook = Map<string, BookedPost[]>;

function conflict(message: string): AppError {
  return new AppError("conflict", message);
}

/** [from, to) widened by the gap and a local day either side: every post a rule can look at. */
function windowFor(minGapMinutes: number, from: Date, to: Date) {
  // Gaps reach minGap either side; a local day reaches up to ~26 h either side of an instant.
  const pad = minGapMinutes * 60_000 + 27 * HOUR_MS;
  return { from: new Date(from.getTime() - pad), to: new Date(to.getTime() + pad) };
}

function toCandidates(members: readonly Pick<PoolMember, "account" | "lastPostAt">[], booked: Map<string, BookedPost[]>, virtual: VirtualBook | undefined): Candidate[] {
  return members.map(({ account, lastPostAt }) => {
    const own = booked.get(account.id) ?? [];
    const extra = virtual?.get(account.id);
    if (!extra?.length) return { account, booked: own, lastPostAt };
    const latest = extra.reduce<Date | null>((m, p) => (!m || p.at > m ? p.at : m), lastPostAt);
    return { account, booked: [...own, ...extra], lastPostAt: latest };
  });
}

/** One account with its live posts from T to `until` (padded for its gap and a local day). */
async function accountCandidate(db: Db, account: SchedAccount, T: Date, until: Date, excludePostId?: string, virtual?: VirtualBook) {
  const w = windowFor(account.minGapMinutes, T, until);
  const booked = await q.livePosts(db, { accountIds: [account.id], from: w.from, to: w.to, excludePostId });
  return toCandidates([{ account, lastPostAt: null }], booked, virtual)[0]!;
}

/**
 * Decides for one account from the posts near T first (T + SNAPSHOT_SAFE_MS, padded), reading
 * the 60-day horizon only when the time decided lies past that: most requests are settled near
 * T (it is free, or taken and strict, or the next free time is within a day). Exact either way:
 * the near read holds every post that bears on a time up to T + SNAPSHOT_SAFE_MS, and posts only
 * ever block, so "nothing free" from fewer posts is "nothing free" from all of them.
 */
async function decideNearFirst<R>(
  db: Db,
  account: SchedAccount,
  req: Pick<PlaceRequest, "at" | "excludePostId">,
  decide: (c: Candidate) => R,
  timeOf: (r: R) => Date | null,
  virtual?: VirtualBook,
): Promise<{ result: R; c: Candidate }> {
  const safeUntil = new Date(req.at.getTime() + SNAPSHOT_SAFE_MS);
  const near = await accountCandidate(db, account, req.at, safeUntil, req.excludePostId, virtual);
  const first = decide(near);
  const at = timeOf(first);
  if (!at || at <= safeUntil) return { result: first, c: near };
  const all = await accountCandidate(db, account, req.at, horizonEnd(req.at), req.excludePostId, virtual);
  return { result: decide(all), c: all };
}

/** Where `account` can take the post (explicit target), near T first. */
async function placeOnAccountNear(
  db: Db,
  account: SchedAccount,
  req: Pick<PlaceRequest, "at" | "strict" | "now" | "excludePostId">,
  virtual?: VirtualBook,
) {
  const { result } = await decideNearFirst(db, account, req, (c) => placeOnAccount(c, req.at, req.strict, req.now), (p) => (p.ok ? p.placement.at : null), virtual);
  return result;
}

/** The versions of each account's rules and bookings a pool snapshot was ranked from, by id. */
type SnapshotVersions = Map<string, PoolMember["versions"]>;

type PoolTarget = Extract<Target, { kind: "pool" }>;

/** The pool's accounts with their live posts from T to `until`, each padded for its own gap. */
async function poolCandidates(
  db: Db,
  req: PlaceRequest,
  target: PoolTarget,
  until: Date,
  virtual: VirtualBook | undefined,
): Promise<{ candidates: Candidate[]; versions: SnapshotVersions }> {
  const { members, booked } = await poolMembers(db, {
    organizationId: req.organizationId,
    filters: { ...target.filters, platforms: target.platforms },
    windowOf: (minGapMinutes) => windowFor(minGapMinutes, req.at, until),
    excludePostId: req.excludePostId,
  });
  return { candidates: toCandidates(members, booked, virtual), versions: new Map(members.map((m) => [m.account.id, m.versions])) };
}

/**
 * The pool ranked from a snapshot read without locks: posts near T first; when nobody is free
 * soon, the whole horizon. The first candidate's time is exact for the snapshot either way (a
 * time within the near read is decided by every post that bears on it), so it can be written
 * as it is while its account is still at the versions read.
 */
async function rankSnapshot(db: Db, req: PlaceRequest, target: PoolTarget, virtual?: VirtualBook): Promise<{ ranking: PoolRanking; versions: SnapshotVersions }> {
  const { at: T, strict, now } = req;
  // Strict ranks on T alone (its gap and local day, which the window pads for); else a day ahead.
  const near = await poolCandidates(db, req, target, strict ? T : new Date(T.getTime() + SNAPSHOT_SAFE_MS), virtual);
  const ranking = rankPool(near.candidates, T, strict, now);
  const first = ranking.ranked[0];
  if (!strict && near.candidates.length > 0 && (!first || first.at.getTime() > T.getTime() + SNAPSHOT_SAFE_MS)) {
    const all = await poolCandidates(db, req, target, horizonEnd(T), virtual);
    return { ranking: rankPool(all.candidates, T, strict, now), versions: all.versions };
  }
  return { ranking, versions: near.versions };
}

/** Chooses a placement from a snapshot, without locking or writing anything. */
export async function choosePlacement(db: Db, req: PlaceRequest, virtual?: VirtualBook): Promise<Result<Placement>> {
  const { target, at: T, strict, now } = req;
  if (target.kind === "account") {
    const account = await q.findSchedAccount(db, { organizationId: req.organizationId, accountId: target.accountId });
    if (!account) return err(new AppError("not_found", "accountId: no such account in your organization"));
    const placed = await placeOnAccountNear(db, account, { at: T, strict, now, excludePostId: req.excludePostId }, virtual);
    return placed.ok ? ok(placed.placement) : err(conflict(placed.failure.reason));
  }
  const { ranking } = await rankSnapshot(db, req, target, virtual);
  const best = ranking.ranked[0];
  return best ? ok(poolPlacement(best, ranking, T, strict)) : err(conflict(poolFailure(ranking, T, strict, target.label).reason));
}

/**
 * Places a post on an account whose row the caller's transaction has locked: reads its live
 * posts under that lock, so the answer cannot be invalidated before the transaction ends.
 */
export async function placeLocked(
  tx: Db,
  account: SchedAccount,
  req: Pick<PlaceRequest, "at" | "strict" | "now" | "excludePostId">,
): Promise<Result<Placement>> {
  const placed = await placeOnAccountNear(tx, account, req);
  return placed.ok ? ok(placed.placement) : err(conflict(placed.failure.reason));
}

type Attempt<T> = { kind: "written"; placement: Placement; written: T } | { kind: "locked" } | { kind: "gone" } | { kind: "later"; at: Date };

/**
 * Tries one ranked pool candidate in its own transaction: lock its row (skipping it when
 * another request holds it, unless `wait`), re-check under the lock, and write. A candidate
 * whose time moved later than the next one's is handed back ("later") to be ranked again.
 */
async function tryCandidate<T>(
  db: Db,
  req: PlaceRequest,
  entry: Ranked,
  next: Ranked | undefined,
  ranking: PoolRanking,
  write: (tx: Db, placement: Placement, account: SchedAccount) => Promise<T>,
  wait: boolean,
): Promise<Attempt<T>> {
  return db.transaction(async (tx): Promise<Attempt<T>> => {
    const account = await q.lockAccount(tx, { organizationId: req.organizationId, accountId: entry.c.account.id, skipLocked: !wait });
    if (!account) return wait ? { kind: "gone" } : { kind: "locked" };
    // Re-checked under the lock, near T first.
    const { result: at, c } = await decideNearFirst(
      tx,
      account,
      req,
      (cand) => (req.strict ? (blockerAt(cand.account, cand.booked, req.at, req.now) ? null : req.at) : earliestAt(cand.account, cand.booked, req.at, req.now, horizonEnd(req.at))),
      (t) => t,
    );
    if (!at) return { kind: "gone" };
    if (next && at > entry.at && at > next.at) return { kind: "later", at };
    const placement = poolPlacement({ c: { ...entry.c, booked: c.booked }, at }, ranking, req.at, req.strict);
    return { kind: "written", placement, written: await write(tx, placement, account) };
  });
}

/**
 * Reserves a time and writes the post with `write` in the same transaction, under the
 * account's row lock. Returns 404 for an unknown account, 409 when no option is left.
 *
 * A pool is ranked once from a snapshot; then the best candidate that no other request holds
 * is taken (SKIP LOCKED) and re-checked under its lock, moving down the ranking when it was
 * taken meanwhile, so a burst of requests spreads over the pool instead of queueing on its
 * first account (DESIGN.md §4). Candidates skipped because they were locked are waited for
 * last: a request gets 409 only when no option is left.
 */
export async function reserve<T>(
  db: Db,
  req: PlaceRequest,
  write: (tx: Db, placement: Placement, account: SchedAccount) => Promise<T>,
  opts: { holdingLocks?: boolean } = {},
): Promise<Result<{ placement: Placement; written: T }>> {
  const target = req.target;
  if (target.kind === "account") {
    return retryOnConflict(() =>
      db.transaction(async (tx) => {
        const account = await q.lockAccount(tx, { organizationId: req.organizationId, accountId: target.accountId });
        if (!account) return err(new AppError("not_found", "accountId: no such account in your organization"));
        const placed = await placeLocked(tx, account, req);
        if (!placed.ok) return placed;
        return ok({ placement: placed.value, written: await write(tx, placed.value, account) });
      }),
    );
  }

  const { ranking } = await rankSnapshot(db, req, target);
  return reserveRanked(db, req, target, ranking, write, opts);
}

/** The pool part of reserve, from a ranking already made. */
async function reserveRanked<T>(
  db: Db,
  req: PlaceRequest,
  target: PoolTarget,
  ranking: PoolRanking,
  write: (tx: Db, placement: Placement, account: SchedAccount) => Promise<T>,
  opts: { holdingLocks?: boolean },
): Promise<Result<{ placement: Placement; written: T }>> {
  if (ranking.ranked.length === 0) return err(conflict(poolFailure(ranking, req.at, req.strict, target.label).reason));
  const queue = [...ranking.ranked];
  const skipped: Ranked[] = [];
  const attempt = (entry: Ranked, next: Ranked | undefined, wait: boolean) =>
    retryOnConflict(() => tryCandidate(db, req, entry, next, ranking, write, wait));
  while (queue.length > 0) {
    const entry = queue.shift()!;
    const outcome = await attempt(entry, queue[0], false);
    if (outcome.kind === "written") return ok({ placement: outcome.placement, written: outcome.written });
    if (outcome.kind === "locked") skipped.push(entry);
    if (outcome.kind === "later") {
      const moved = { c: entry.c, at: outcome.at };
      const i = queue.findIndex((e) => e.at > moved.at);
      queue.splice(i === -1 ? queue.length : i, 0, moved);
    }
  }
  // Waiting for a lock while holding others (a batch's earlier items) could deadlock: instead,
  // the caller's whole transaction starts over, after the holders are done.
  if (skipped.length > 0 && opts.holdingLocks) throw new StartOver("a candidate account is held by a concurrent request");
  for (const entry of skipped) {
    const outcome = await attempt(entry, undefined, true);
    if (outcome.kind === "written") return ok({ placement: outcome.placement, written: outcome.written });
  }
  return err(conflict(`${poolFailure(ranking, req.at, req.strict, target.label).reason.replace(/^none of the/, "all of the")}; they were taken by concurrent requests`));
}

/** Guarded writes a create tries before it takes the account's row lock for a whole transaction. */
const OPTIMISTIC_ATTEMPTS = 3;

/** What a new post's writes give back: at least the post's id. */
export type NewPostWrites<T extends { id: string }> = {
  /**
   * Writes the post in one statement if the account is still at `guard`'s versions, else null;
   * with `skipLocked`, null too when another writer holds the account's row.
   */
  guarded: (guard: q.AccountVersions, placement: Placement, account: SchedAccount, opts?: { skipLocked?: boolean }) => Promise<T | null>;
  /** Writes the post in a transaction that holds the account's row lock. */
  locked: (tx: Db, placement: Placement, account: SchedAccount) => Promise<T>;
};

/**
 * Reserves a time for a new post and writes it, in two statements when nobody else writes to
 * the account it goes to meanwhile (reserveOnAccount, reserveInPool).
 */
export async function reserveNew<T extends { id: string }>(db: Db, req: PlaceRequest, writes: NewPostWrites<T>): Promise<Result<{ placement: Placement; written: T }>> {
  const target = req.target;
  return target.kind === "account" ? reserveOnAccount(db, { ...req, target }, writes) : reserveInPool(db, req, target, writes);
}

/**
 * Pool accounts a create of this instance is writing to at this moment. Concurrent creates
 * rank from snapshots a few milliseconds apart and would all write to the same best account,
 * all but one failing their guard: each takes the best candidate that nobody here is writing
 * to and that nobody here has written to since its snapshot, as SKIP LOCKED does across
 * instances. A hint, not a lock: the guarded write decides.
 */
const writing = new Set<string>();

/** Whether nobody here is writing to the candidate or has written to it since `versions` were read. */
function isFresh(r: Ranked, versions: SnapshotVersions): boolean {
  return !writing.has(r.c.account.id) && isCurrent(r.c.account.id, versions.get(r.c.account.id));
}

/**
 * A new post in a pool: the pool ranked from one snapshot, then the best candidate no other
 * create of this instance is writing to, written by one statement guarded on the versions its
 * rules and bookings were ranked from (skipping it when another writer holds its row). When that
 * candidate changed meanwhile, the locked path of reserve goes down the same ranking: lock,
 * re-check, write.
 */
async function reserveInPool<T extends { id: string }>(db: Db, req: PlaceRequest, target: PoolTarget, writes: NewPostWrites<T>): Promise<Result<{ placement: Placement; written: T }>> {
  const { ranking, versions } = await rankSnapshot(db, req, target);
  // Usually among the first few: a scan from the top, not a pass over thousands of candidates.
  const best = ranking.ranked.find((r) => isFresh(r, versions));
  if (best) {
    const placement = poolPlacement(best, ranking, req.at, req.strict);
    // Fresh: the snapshot holds its versions.
    const guard = { organizationId: req.organizationId, accountId: best.c.account.id, ...versions.get(best.c.account.id)! };
    writing.add(guard.accountId);
    const written = await writes.guarded(guard, placement, best.c.account, { skipLocked: true }).finally(() => writing.delete(guard.accountId));
    if (written !== null) {
      noteBooked(guard.accountId, guard.bookingsVersion, { id: written.id, at: placement.at });
      return ok({ placement, written });
    }
  }
  // The candidates others here are on go last: their rows are likely locked or just taken.
  const ranked = [...ranking.ranked.filter((r) => isFresh(r, versions)), ...ranking.ranked.filter((r) => !isFresh(r, versions))];
  return reserveRanked(db, req, target, { ...ranking, ranked }, writes.locked, {});
}

/**
 * Reserves a time for a new post on one account and writes it — in two statements when nobody
 * else writes to the account meanwhile: one read of the account with its posts near T (the
 * horizon too when the answer lies past it), the rules' decision, and one guarded write that
 * takes effect only while the account's rules and bookings are at the versions read. A
 * concurrent change makes it read and decide again; after a few tries it takes the locked path
 * (reserve), so a busy account still makes progress. 404 for an unknown account, 409 when the
 * account cannot take the post.
 */
async function reserveOnAccount<T extends { id: string }>(db: Db, req: PlaceRequest & { target: { kind: "account" } }, writes: NewPostWrites<T>): Promise<Result<{ placement: Placement; written: T }>> {
  const { organizationId, target, at: T, strict, now } = req;
  const read = (until: Date) => {
    // Padded for the widest gap an account may have: more posts than the rules look at change nothing.
    const w = windowFor(MAX_MIN_GAP_MINUTES, T, until);
    return q.accountSnapshot(db, { organizationId, accountId: target.accountId, from: w.from, to: w.to, excludePostId: req.excludePostId });
  };
  const safeUntil = new Date(T.getTime() + SNAPSHOT_SAFE_MS);
  for (let attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
    let snap = await read(safeUntil);
    if (!snap) return err(new AppError("not_found", "accountId: no such account in your organization"));
    const decide = (s: q.AccountSnapshot) => placeOnAccount({ account: s.account, booked: s.booked, lastPostAt: null }, T, strict, now);
    let placed = decide(snap);
    // As decideNearFirst: a time past the near read is checked against the whole horizon.
    if (placed.ok && placed.placement.at > safeUntil) {
      snap = await read(horizonEnd(T));
      if (!snap) return err(new AppError("not_found", "accountId: no such account in your organization"));
      placed = decide(snap);
    }
    if (!placed.ok) return err(conflict(placed.failure.reason));
    const guard = { organizationId, accountId: snap.account.id, rulesVersion: snap.rulesVersion, bookingsVersion: snap.bookingsVersion };
    const written = await writes.guarded(guard, placed.placement, snap.account);
    if (written !== null) {
      // The account may be in a pool this instance selects from.
      noteBooked(guard.accountId, guard.bookingsVersion, { id: written.id, at: placed.placement.at });
      return ok({ placement: placed.placement, written });
    }
  }
  return reserve(db, req, writes.locked);
}
