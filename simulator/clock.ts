// Simulator time is real time plus an offset the admin API can move. Everything time-based
// (token expiry, processing, rate windows, quotas) reads this, so tests advance it instead of sleeping.

export class Clock {
  private offsetMs = 0;

  /** Sim time, epoch ms. */
  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  /** Jump to an absolute sim time (epoch ms); real time keeps flowing from there. */
  set(epochMs: number): void {
    this.offsetMs = epochMs - Date.now();
  }

  reset(): void {
    this.offsetMs = 0;
  }
}
