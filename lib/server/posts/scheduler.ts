// Placing posts on accounts with the rules of lib/domain/scheduling, safely under concurrency.
//
// A reservation always happens inside a transaction that first locks the account row
// (db/queries/scheduling.lockAccount) and then re-reads that account's live posts, so two
// requests can never both take conflicting times on one account. Choosing an account from
// a pool reads a snapshot without locks; if the chosen account changed meanwhile, the
// request loses the race, re-reads and moves on to its next option.
import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/scheduling";
import { DEFAULT_MIN_GAP_MINUTES } from "@/lib/domain/accounts";
import { AppError, type Result, err, ok } from "@/lib/domain/errors";
import {
  type BookedPost,
  type Candidate,
  type Placement,
  type SchedAccount,
  blockerAt,
  earliestAt,
  horizonEnd,
  placeOnAccount,
  placeOnPool,
} from "@/lib/domain/scheduling";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** A pool snapshot covers this much after T; picks beyond it are re-checked with the full horizon. */
const SNAPSHOT_SAFE_MS = DAY_MS;
const MAX_RACE_RETRIES = 50;

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

function toCandidates(
  accounts: readonly (SchedAccount & { lastPostAt?: Date | null })[],
  booked: Map<string, BookedPost[]>,
  virtual: VirtualBook | undefined,
): Candidate[] {
  return accounts.map(({ lastPostAt, ...account }) => {
    const extra = virtual?.get(account.id) ?? [];
    const latest = [lastPostAt ?? null, ...extra.map((p) => p.at)].reduce<Date | null>(
      (m, d) => (d && (!m || d > m) ? d : m),
      null,
    );
    return { account, booked: [...(booked.get(account.id) ?? []), ...extra], lastPostAt: latest };
  });
}

/** One account with its live posts from T to the end of the horizon. */
async function accountCandidate(db: Db, account: SchedAccount, T: Date, excludePostId?: string, virtual?: VirtualBook) {
  const w = windowFor(account.minGapMinutes, T, horizonEnd(T));
  const booked = await q.livePosts(db, { accountIds: [account.id], from: w.from, to: w.to, excludePostId });
  return toCandidates([account], booked, virtual)[0]!;
}

/**
 * The pool's accounts with their live posts from T to `until`. The two reads run in parallel,
 * posts padded for the default gap; a pool with wider gaps re-reads its posts (rare).
 */
async function poolCandidates(
  db: Db,
  req: PlaceRequest,
  target: Extract<Target, { kind: "pool" }>,
  until: Date,
  virtual: VirtualBook | undefined,
): Promise<Candidate[]> {
  const filters = { ...target.filters, platforms: target.platforms };
  const postsIn = (minGapMinutes: number) => {
    const w = windowFor(minGapMinutes, req.at, until);
    return q.poolLivePosts(db, { organizationId: req.organizationId, filters, from: w.from, to: w.to, excludePostId: req.excludePostId });
  };
  const [accounts, booked] = await Promise.all([
    q.findPool(db, { organizationId: req.organizationId, filters }),
    postsIn(DEFAULT_MIN_GAP_MINUTES),
  ]);
  const widest = Math.max(0, ...accounts.map((a) => a.minGapMinutes));
  return toCandidates(accounts, widest > DEFAULT_MIN_GAP_MINUTES ? await postsIn(widest) : booked, virtual);
}

/** Chooses a placement from a snapshot, without locking or writing anything. */
export async function choosePlacement(db: Db, req: PlaceRequest, virtual?: VirtualBook): Promise<Result<Placement>> {
  const { target, at: T, strict, now } = req;
  if (target.kind === "account") {
    const account = await q.findSchedAccount(db, { organizationId: req.organizationId, accountId: target.accountId });
    if (!account) return err(new AppError("not_found", "accountId: no such account in your organization"));
    const placed = placeOnAccount(await accountCandidate(db, account, T, req.excludePostId, virtual), T, strict, now);
    return placed.ok ? ok(placed.placement) : err(conflict(placed.failure.reason));
  }
  const near = await poolCandidates(db, req, target, new Date(T.getTime() + SNAPSHOT_SAFE_MS), virtual);
  let placed = placeOnPool(near, T, strict, now, target.label);
  const safeUntil = T.getTime() + SNAPSHOT_SAFE_MS;
  if (!strict && (!placed.ok || placed.placement.at.getTime() > safeUntil) && near.length > 0) {
    // Nobody is free soon: look at the whole horizon before answering.
    const all = await poolCandidates(db, req, target, horizonEnd(T), virtual);
    placed = placeOnPool(all, T, strict, now, target.label);
  }
  return placed.ok ? ok(placed.placement) : err(conflict(placed.failure.reason));
}

/**
 * Reserves a time and writes the post with `write` in the same transaction, under the
 * account's row lock. Returns 404 for an unknown account, 409 when no option is left.
 */
export async function reserve<T>(
  db: Db,
  req: PlaceRequest,
  write: (tx: Db, placement: Placement, account: SchedAccount) => Promise<T>,
): Promise<Result<{ placement: Placement; written: T }>> {
  if (req.target.kind === "account") {
    const accountId = req.target.accountId;
    return db.transaction(async (tx) => {
      const account = await q.lockAccount(tx, { organizationId: req.organizationId, accountId });
      if (!account) return err(new AppError("not_found", "accountId: no such account in your organization"));
      const placed = placeOnAccount(await accountCandidate(tx, account, req.at, req.excludePostId), req.at, req.strict, req.now);
      if (!placed.ok) return err(conflict(placed.failure.reason));
      return ok({ placement: placed.placement, written: await write(tx, placed.placement, account) });
    });
  }

  for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
    const chosen = await choosePlacement(db, req);
    if (!chosen.ok) return chosen;
    const placement = chosen.value;
    const outcome = await db.transaction(async (tx) => {
      const account = await q.lockAccount(tx, { organizationId: req.organizationId, accountId: placement.accountId });
      if (!account) return null; // deleted meanwhile: choose again
      const c = await accountCandidate(tx, account, req.at, req.excludePostId);
      // Still true under the lock? Strict: free at T. Non-strict: its earliest time is unchanged.
      const stillValid = req.strict
        ? !blockerAt(c.account, c.booked, placement.at, req.now)
        : earliestAt(c.account, c.booked, req.at, req.now, horizonEnd(req.at))?.getTime() === placement.at.getTime();
      if (!stillValid) return null;
      return { placement, written: await write(tx, placement, account) };
    });
    if (outcome) return ok(outcome);
  }
  return err(conflict("the accounts matching the request were all taken by concurrent requests; try again"));
}

