/** Wrong passwords allowed before each further attempt has to wait. */
export const FREE_UNLOCK_ATTEMPTS = 3;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 5 * 60_000;

/** Wait imposed after `failures` consecutive failures: 0, 0, 0, then 1 s, 2 s, 4 s … capped at 5 min. */
export function unlockDelayMs(failures: number): number {
  if (failures < FREE_UNLOCK_ATTEMPTS) return 0;
  return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_UNLOCK_ATTEMPTS), MAX_DELAY_MS);
}

/** Milliseconds until another unlock attempt is allowed (0 = now). */
export function unlockRetryAfterMs(failures: number, lastFailedAt: number | null, now: number): number {
  if (lastFailedAt === null) return 0;
  // A clock set backwards would otherwise lock the user out until it catches up.
  if (now < lastFailedAt) return 0;
  return Math.max(0, unlockDelayMs(failures) - (now - lastFailedAt));
}
