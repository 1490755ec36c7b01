// Failed-attempt throttling (sign-in): after `max` failures within `windowMs` for one key, the
// key is refused until the oldest of them leaves the window. The same for every key, known
// or not, so it reveals nothing about which emails have accounts.

export type AttemptLog = Map<string, number[]>;
export type ThrottleRule = { max: number; windowMs: number };

export const SIGN_IN_THROTTLE: ThrottleRule = { max: 5, windowMs: 15 * 60_000 };

/** Until when `key` is refused (epoch ms), or null when it may try now. */
export function blockedUntil(log: AttemptLog, key: string, now: Date, rule: ThrottleRule): Date | null {
  const recent = (log.get(key) ?? []).filter((t) => t > now.getTime() - rule.windowMs);
  if (recent.length < rule.max) return null;
  return new Date(recent[recent.length - rule.max]! + rule.windowMs);
}

/** Records a failure (and forgets ones outside the window, so the log stays small). */
export function recordFailure(log: AttemptLog, key: string, now: Date, rule: ThrottleRule): void {
  const recent = (log.get(key) ?? []).filter((t) => t > now.getTime() - rule.windowMs);
  recent.push(now.getTime());
  log.set(key, recent.slice(-rule.max));
}

/** A success clears the key's failures. */
export function clearFailures(log: AttemptLog, key: string): void {
  log.delete(key);
}
