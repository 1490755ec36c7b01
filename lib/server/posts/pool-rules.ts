// The scheduling rules of pool accounts, cached in this instance behind each account's
// rules_version (raised by a trigger whenever a rule changes, migration 0013). A selection reads
// the pool's ids, versions and last post times (and its posts near T), and the rules only of accounts whose version it
// has not seen: a pool of 2,000 accounts is then 2,000 small rows, not 2,000 rule sets to decode.
//
// A stale entry cannot double-book: a candidate is either re-checked under its row lock with
// rules read in that transaction, or written by a statement that takes effect only while the
// account is still at the rules version the entry holds (scheduler.ts). It cannot even rank
// wrongly, because the version is read in the same query as the ids.
import "server-only";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/scheduling";
import type { SchedAccount } from "@/lib/domain/scheduling";

type Entry = { version: number; account: SchedAccount };

/** Past this many accounts the cache starts over (about 1 KiB each). */
const MAX_ENTRIES = 100_000;

// On globalThis: Next bundles route handlers and server actions apart, and both select.
const KEY = Symbol.for("postdeck.poolRules");
const store = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>;
const cache: Map<string, Entry> = (store[KEY] ??= new Map());

export type PoolMember = {
  account: SchedAccount;
  lastPostAt: Date | null;
  /** The version of the rules in `account` and of the bookings the snapshot read. */
  versions: { rulesVersion: number; bookingsVersion: number };
};

/**
 * The pool's accounts with their current rules and latest live post time, and their live posts
 * in [from, to) (db/queries/scheduling poolSnapshot).
 */
export async function poolMembers(
  db: Db,
  params: Parameters<typeof q.poolSnapshot>[1],
): Promise<{ members: PoolMember[]; booked: q.PoolSnapshot["booked"] }> {
  const { heads, booked } = await q.poolSnapshot(db, params);
  const stale = heads.filter((h) => cache.get(h.id)?.version !== h.rulesVersion).map((h) => h.id);
  if (stale.length > 0) {
    if (cache.size + stale.length > MAX_ENTRIES) cache.clear();
    for (const { rulesVersion, ...account } of await q.schedAccountsByIds(db, { organizationId: params.organizationId, ids: stale })) {
      cache.set(account.id, { version: rulesVersion, account });
    }
  }
  const out: PoolMember[] = [];
  for (const h of heads) {
    // Gone between the two reads (deleted): not a candidate any more.
    const entry = cache.get(h.id);
    if (entry) out.push({ account: entry.account, lastPostAt: h.lastPostAt, versions: { rulesVersion: entry.version, bookingsVersion: h.bookingsVersion } });
  }
  return { members: out, booked };
}

/** How many accounts' rules this instance holds (tests). */
export function cachedRuleCount(): number {
  return cache.size;
}
