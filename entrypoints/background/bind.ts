import type { BindOfferView } from '../../lib/messages';
import { readableSite } from '../../lib/site/lookalike';
import { isFillableOrigin, ruleMatches, siteOf } from '../../lib/site/match';
import { bindAdvice } from '../../lib/site/suggest';
import { VaultError } from '../../lib/vault/errors';
import type { VaultAccount } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';
import { updateAccountSettings } from './account-settings';

/** How an account is named in offers and questions: "GitHub (octocat)". */
export function accountName(account: Pick<VaultAccount, 'issuer' | 'label'>): string {
  return account.issuer && account.label
    ? `${account.issuer} (${account.label})`
    : account.issuer || account.label;
}

/**
 * The site a frame may be bound to, from the URL the browser reported for it: null for addresses no code
 * ever goes to (plain http off loopback, about:, data:).
 */
export function bindableSite(frameUrl: string): string | null {
  return isFillableOrigin(frameUrl) ? siteOf(frameUrl) : null;
}

/** What to offer for a frame that asks for a code, or null when an account fills there already. */
export function bindOffer(accounts: readonly VaultAccount[], frameUrl: string): BindOfferView | null {
  const site = bindableSite(frameUrl);
  if (!site || accounts.some((a) => ruleMatches(a.sites, frameUrl))) return null;
  return { site, shownAs: readableSite(site), ...bindAdvice(accounts, site) };
}

/**
 * Binds an account to the site the browser says the frame is on, after the user confirmed in Tessera's UI.
 * `askedSite` is the site the user was asked about: if the frame is elsewhere now, nothing is bound.
 */
export async function bindAccount(
  vault: Vault,
  account: VaultAccount,
  frameUrl: string,
  askedSite: string,
): Promise<VaultAccount> {
  const site = bindableSite(frameUrl);
  if (!site || site !== askedSite) {
    throw new VaultError(
      'invalid',
      'The page changed since Tessera asked, so nothing was bound. Look at the address bar and try again.',
    );
  }
  return updateAccountSettings(vault, account.id, {
    sites: [...account.sites, { host: site, exact: false }],
  });
}
