/**
 * RFC 6238 §5.2: a server accepts each code once, so a second sign-in within the same time step would be
 * refused as a replay. Tessera remembers the step of the last code it filled or copied for an account on a
 * site, and hands out the next code once it exists instead.
 */

/** The TOTP time step (counter) at `atMs` for a period in seconds. */
export function stepAt(periodSeconds: number, atMs: number): number {
  return Math.floor(atMs / 1000 / periodSeconds);
}

/** When the step after `step` begins, in milliseconds since the epoch. */
export function stepStartMs(step: number, periodSeconds: number): number {
  return step * periodSeconds * 1000;
}

/**
 * When a code that the site has not seen yet exists: null when the current one is still unused, otherwise the
 * start of the step after the last one used (a step already used, or one ahead of the clock after a
 * near-expiry wait, both count).
 */
export function nextUnusedCodeAt(
  lastUsedStep: number | undefined,
  periodSeconds: number,
  nowMs: number,
): number | null {
  if (lastUsedStep === undefined || lastUsedStep < stepAt(periodSeconds, nowMs)) return null;
  return stepStartMs(lastUsedStep + 1, periodSeconds);
}
