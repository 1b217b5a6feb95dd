import { normalizeRules, ruleFor } from '../../lib/site/match';
import { VaultError } from '../../lib/vault/errors';
import type { AccountPatch, SiteRule, VaultAccount } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';

/** Settings the popup and the options page may change on an account; sites as the user typed them. */
export interface AccountSettings {
  issuer?: string;
  label?: string;
  sites?: SiteRule[];
  pinned?: number | null;
  autoFill?: boolean;
  autoSubmit?: boolean;
}

/** Sites as typed, stored the way they match (lib/site/match); anything naming no host is refused, not dropped. */
export function siteRules(input: readonly SiteRule[]): SiteRule[] {
  const bad = input.find(({ host, exact }) => !ruleFor(host, exact));
  if (bad)
    throw new VaultError(
      'invalid',
      `“${bad.host}” is not a site address. Type a host name such as example.com.`,
    );
  return normalizeRules(input);
}

/** The one way both pages change an account's settings: sites normalised, a new pin placed after the others. */
export async function updateAccountSettings(
  vault: Vault,
  id: string,
  settings: AccountSettings,
): Promise<VaultAccount> {
  const { sites, pinned, ...rest } = settings;
  const patch: AccountPatch = { ...rest };
  if (sites) patch.sites = siteRules(sites);
  if (pinned !== undefined) patch.pinned = pinned === null ? null : await nextPinRank(vault, id);
  return vault.updateAccount(id, patch);
}

/** The rank after the last pinned account (the account itself excluded, if it was pinned already). */
async function nextPinRank(vault: Vault, id: string): Promise<number> {
  const ranks = (await vault.listAccounts()).items
    .filter((a) => a.id !== id && a.pinned !== null)
    .map((a) => a.pinned ?? 0);
  return ranks.length ? Math.max(...ranks) + 1 : 0;
}
