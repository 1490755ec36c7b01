// Sliding one-minute windows per (endpoint, token), as TikTok documents (platforms.md §1.2).

export class RateLimiter {
  private hits = new Map<string, number[]>();

  /** Records a hit at `now` unless `limit` hits already fall inside the window; true when allowed. */
  take(key: string, limit: number, now: number, windowMs = 60_000): boolean {
    const recent = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    const allowed = recent.length < limit;
    if (allowed) recent.push(now);
    this.hits.set(key, recent);
    return allowed;
  }
}
