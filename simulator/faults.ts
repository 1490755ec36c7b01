// Queued faults: "the next N responses of endpoint X are Y". Tests use them for every failure a
// real platform can produce but the simulator would never produce on its own (5xx, HTML bodies,
// throttles, slow responses).

export type Fault = {
  endpoint: string;
  remaining: number;
  /** Absent: only delay, then answer normally. */
  status?: number;
  /** A string is sent verbatim (HTML, empty, malformed JSON); anything else as JSON. */
  body?: unknown;
  code?: string | number;
  subcode?: number;
  message?: string;
  delayMs: number;
};

export class FaultQueue {
  private queue: Fault[] = [];

  add(fault: Fault): void {
    this.queue.push(fault);
  }

  /** The fault to apply to this response of `endpoint`, consuming one use. */
  take(endpoint: string): Fault | undefined {
    const fault = this.queue.find((f) => f.endpoint === endpoint && f.remaining > 0);
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.queue = this.queue.filter((f) => f !== fault);
    return fault;
  }

  pending(): Fault[] {
    return [...this.queue];
  }

  clear(): void {
    this.queue = [];
  }
}
