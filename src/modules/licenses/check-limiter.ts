/**
 * L-10: a per-key limit on license checks (the per-IP limit is the HTTP rate limiter's). A fixed
 * one-minute window per key in this process's memory, capped in size: enough to stop one key from
 * flooding the endpoint without any database work per call.
 */
export class PerKeyLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly maxKeys = 100_000,
  ) {}

  /** Counts a call; false when the key has used up its calls in the current minute. */
  take(key: string, nowMs: number): boolean {
    const w = this.windows.get(key);
    if (!w || nowMs - w.start >= 60_000) {
      if (this.windows.size >= this.maxKeys) this.windows.clear();
      this.windows.set(key, { start: nowMs, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.perMinute;
  }
}
