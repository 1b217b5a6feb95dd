import type { AccountView } from '../../lib/messages';
import { secretStrength } from '../../lib/otp/generate';
import { ruleMatches } from '../../lib/site/match';
import type { VaultAccount } from '../../lib/vault/records';

/** What the UI may know of an account: never its secret. `nextCodeAtMs`: see used-steps.ts. */
export function toView(
  account: VaultAccount,
  tabUrls: readonly string[] = [],
  nextCodeAtMs: number | null = null,
): AccountView {
  return {
    id: account.id,
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    digits: account.digits,
    period: account.period,
    sites: account.sites,
    pinned: account.pinned,
    weakSecret: secretStrength(account.secret) === 'weak',
    matchesTab: tabUrls.some((url) => ruleMatches(account.sites, url)),
    nextCodeAtMs,
  };
}
