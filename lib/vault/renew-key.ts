import type { Account } from '../otp/account';
import { normalizeRules } from '../site/match';
import type { AccountPatch, SiteRule, VaultAccount } from './records';

/**
 * What "Replace" changes on a held account when its site issued a new key (a re-enrollment): the key and how
 * codes are made, plus any sites the new entry brings; its names, other sites and fill settings stay.
 */
export function renewedKey(
  held: VaultAccount,
  renewed: Account,
  sites: readonly SiteRule[] = [],
): AccountPatch {
  const { type, secret, algorithm, digits, period, counter } = renewed;
  return {
    type,
    secret,
    algorithm,
    digits,
    period,
    counter,
    sites: normalizeRules([...held.sites, ...sites]),
  };
}
