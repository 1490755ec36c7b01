// Failed sign-ins by key hash (db/schema/throttle.ts).
import "server-only";
import { and, desc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client";
import { signInFailures } from "../schema";

/** The key's failures after `since`, newest first, at most `limit`. */
export async function recentFailures(db: Db, params: { keyHash: string; since: Date; limit: number }): Promise<Date[]> {
  const rows = await db
    .select({ at: signInFailures.failedAt })
    .from(signInFailures)
    .where(and(eq(signInFailures.keyHash, params.keyHash), gt(signInFailures.failedAt, params.since)))
    .orderBy(desc(signInFailures.failedAt))
    .limit(params.limit);
  return rows.map((r) => r.at);
}

/** Records a failure and drops the key's ones that have left the window (the table stays small). */
export async function recordFailure(db: Db, params: { keyHash: string; at: Date; forgetBefore: Date }): Promise<void> {
  await db.insert(signInFailures).values({ keyHash: params.keyHash, failedAt: params.at });
  await db.delete(signInFailures).where(and(eq(signInFailures.keyHash, params.keyHash), lte(signInFailures.failedAt, params.forgetBefore)));
}

export async function clearFailures(db: Db, params: { keyHash: string }): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.keyHash, params.keyHash));
}
