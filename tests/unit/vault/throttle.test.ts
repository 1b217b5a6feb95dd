import { describe, expect, it } from 'vitest';
import { unlockDelayMs, unlockRetryAfterMs } from '../../../lib/vault/throttle';

describe('unlock throttle', () => {
  it('allows 3 free failures, then doubles the wait up to 5 minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(unlockDelayMs)).toEqual([0, 0, 0, 1_000, 2_000, 4_000, 8_000]);
    expect(unlockDelayMs(30)).toBe(300_000);
  });

  it('counts the wait from the last failure', () => {
    expect(unlockRetryAfterMs(4, null, 10)).toBe(0);
    expect(unlockRetryAfterMs(4, 10_000, 10_500)).toBe(1_500);
    expect(unlockRetryAfterMs(4, 10_000, 12_000)).toBe(0);
  });

  it('does not lock the user out when the clock went backwards', () => {
    expect(unlockRetryAfterMs(10, 10_000, 5_000)).toBe(0);
  });
});
