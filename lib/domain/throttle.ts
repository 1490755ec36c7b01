// Failed-attempt throttling (sign-in): after `max` failures within `windowMs` for one key, the
// key is refused until the oldest of them leaves the window. The same for every key, known
// or not, so it reveals nothing about which emails have accounts. The failures live in the
// database (lib/server/identity/throttle.ts), so every app instance counts the same ones.

export type ThrottleRule = { max: number; windowMs: number };

export const SIGN_IN_THROTTLE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };

/** The oldest failure time that still counts at `now`: earlier ones have left the window. */
export function windowStart(now: Date, rule: ThrottleRule): Date {
  return new Date(now.getTime() - rule.windowMs);
}

/** Until when a key with these failures (any order) is refused, or null when it may try now. */
export function blockedUntil(failures: readonly Date[], now: Date, rule: ThrottleRule): Date | null {
  const since = windowStart(now, rule).getTime();
  const recent = failures.map((d) => d.getTime()).filter((t) => t > since).sort((a, b) => a - b);
  if (recent.length < rule.max) return null;
  return new Date(recent[recent.length - rule.max]! + rule.windowMs);
}

/** "Too many failed attempts. Try again in 3 minutes." */
export function throttledMessage(until: Date, now: Date): string {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
