import { PortalError } from './errors';

export interface Limit {
  max: number;
  windowMs: number;
}

/** Sliding-window counters in memory, keyed by e.g. "account:<id>" or "ip:<address>". */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();
  private calls = 0;

  constructor(private readonly now: () => number) {}

  /** Counts one hit for every key, or throws 429 (nothing counted) if any key is over its limit. */
  take(keys: [string, Limit][], what: string): void {
    const now = this.now();
    if (++this.calls % 1000 === 0) this.sweep(now);
    let retryMs = 0;
    for (const [key, limit] of keys) {
      const recent = (this.hits.get(key) ?? []).filter((t) => t > now - limit.windowMs);
      this.hits.set(key, recent);
      if (recent.length >= limit.max)
        retryMs = Math.max(retryMs, (recent[0] as number) + limit.windowMs - now);
    }
    if (retryMs > 0) {
      const seconds = Math.ceil(retryMs / 1000);
      throw new PortalError(
        429,
        'rate_limited',
        `Too many ${what}. Wait ${Math.ceil(seconds / 60)} min and try again.`,
        {
          retryAfterSeconds: seconds,
        },
      );
    }
    for (const [key] of keys) this.hits.get(key)?.push(now);
  }

  // Forgets keys idle for an hour (longer than any window), so one-off IPs do not pile up.
  private sweep(now: number): void {
    for (const [key, times] of this.hits) if ((times.at(-1) ?? 0) < now - 3600_000) this.hits.delete(key);
  }
}
