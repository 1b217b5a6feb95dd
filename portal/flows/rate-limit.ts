import type { Limit, Store } from '../store/types';
import type { Caller } from './context';
import { PortalError } from './errors';

export type { Limit };

/**
 * Fixed-window counters kept in the database, so every portal instance shares them and a restart does
 * not reset them. Keys look like "send:login:account:<id>:ip:<address>" or "signin:ip:<address>".
 */
export class RateLimiter {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /**
   * Counts one hit on every key, or throws 429 with Retry-After when one of them is full (the hits
   * already counted for this call are given back). Pass the transaction's store when inside one.
   */
  async take(keys: [string, Limit][], what: string, store: Store = this.store): Promise<void> {
    const counted: string[] = [];
    for (const [key, limit] of keys) {
      const retryMs = await store.hit(key, limit, this.now());
      if (retryMs > 0) {
        for (const done of counted) await store.unhit(done);
        throw tooMany(what, retryMs);
      }
      counted.push(key);
    }
  }

  /** Gives back one hit on `key` (e.g. a sign-in that turned out right). */
  give(key: string): Promise<void> {
    return this.store.unhit(key);
  }
}

/** 429 telling how long to wait. */
export function tooMany(what: string, retryMs: number): PortalError {
  const seconds = Math.max(1, Math.ceil(retryMs / 1000));
  return new PortalError(
    429,
    'rate_limited',
    `Too many ${what}. Wait ${Math.ceil(seconds / 60)} min and try again.`,
    {
      retryAfterSeconds: seconds,
    },
  );
}

/**
 * Limits typing pairing codes on /device per account and per IP, so the 8-letter user codes cannot be
 * guessed; call it before looking a typed code up.
 */
export function takeDeviceEntry(
  limiter: RateLimiter,
  limits: { deviceEntriesPerAccount: Limit; deviceEntriesPerIp: Limit },
  caller: Caller,
  userId: string,
): Promise<void> {
  return limiter.take(
    [
      [`device:account:${userId}`, limits.deviceEntriesPerAccount],
      [`device:ip:${caller.ip}`, limits.deviceEntriesPerIp],
    ],
    'pairing codes entered',
  );
}
