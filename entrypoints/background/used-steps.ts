import { browser } from 'wxt/browser';
import type { Code } from '../../lib/messages';
import { nextUnusedCodeAt, stepAt } from '../../lib/otp/replay';
import { STEAM_PERIOD } from '../../lib/otp/steam';
import type { VaultAccount } from '../../lib/vault/records';

/**
 * The time step of the last code Tessera filled or copied, per account and site (lib/otp/replay). Kept in
 * session storage so a restarted worker still knows; it holds ids, sites and step numbers, no secret.
 */
const KEY = 'usedSteps';

/** Entries older than this can no longer block anything (the longest period Tessera accepts is an hour). */
const KEEP_MS = 2 * 3600_000;

type UsedSteps = Record<string, { step: number; atMs: number }>;

const keyOf = (accountId: string, site: string) => `${accountId} ${site}`;

export function periodOf(account: Pick<VaultAccount, 'type' | 'period'>): number {
  return account.type === 'steam' ? STEAM_PERIOD : account.period;
}

async function usedSteps(): Promise<UsedSteps> {
  const stored = (await browser.storage.session.get(KEY))[KEY];
  return stored && typeof stored === 'object' ? (stored as UsedSteps) : {};
}

/** When a code the site has not seen yet exists for this account, or null when the current one is unused. */
export async function nextCodeAt(
  account: VaultAccount,
  site: string,
  nowMs = Date.now(),
): Promise<number | null> {
  if (account.type === 'hotp') return null;
  const used = (await usedSteps())[keyOf(account.id, site)];
  return nextUnusedCodeAt(used?.step, periodOf(account), nowMs);
}

/** Records that `code` (of this account) went to `site`, by filling or copying. */
export async function rememberUsed(account: VaultAccount, site: string, code: Code): Promise<void> {
  if (code.expiresAtMs === null) return;
  const now = Date.now();
  // The step the code belongs to: a near-expiry fill may have taken the next step's code.
  const step = stepAt(periodOf(account), code.expiresAtMs - 1);
  const kept = Object.entries(await usedSteps()).filter(([, used]) => now - used.atMs < KEEP_MS);
  await browser.storage.session.set({
    [KEY]: { ...Object.fromEntries(kept), [keyOf(account.id, site)]: { step, atMs: now } },
  });
}
