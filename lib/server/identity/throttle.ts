// The sign-in throttle over the database: failures recorded on one app instance count on every
// other, so running several instances gives an attacker no extra tries.
import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import * as q from "@/db/queries/throttle";
import { SIGN_IN_THROTTLE, type ThrottleRule, blockedUntil, windowStart } from "@/lib/domain/throttle";

const keyHash = (email: string) => createHash("sha256").update(`sign-in:${email.trim().toLowerCase()}`).digest("hex");

/** Until when sign-ins for `email` are refused, or null. */
export async function signInBlockedUntil(db: Db, email: string, now: Date, rule: ThrottleRule = SIGN_IN_THROTTLE): Promise<Date | null> {
  const failures = await q.recentFailures(db, { keyHash: keyHash(email), since: windowStart(now, rule), limit: rule.max });
  return blockedUntil(failures, now, rule);
}

export function recordSignInFailure(db: Db, email: string, now: Date, rule: ThrottleRule = SIGN_IN_THROTTLE): Promise<void> {
  return q.recordFailure(db, { keyHash: keyHash(email), at: now, forgetBefore: windowStart(now, rule) });
}

/** A successful sign-in clears the email's failures. */
export function clearSignInFailures(db: Db, email: string): Promise<void> {
  return q.clearFailures(db, { keyHash: keyHash(email) });
}
