import type { EnrollPreview, Replies } from '../../lib/messages';
import type { Account } from '../../lib/otp/account';
import { generateCode, secretStrength } from '../../lib/otp/generate';
import { parseOtpauth } from '../../lib/otp/parse-otpauth';
import { accountFitsSite } from '../../lib/site/names';
import type { SiteRule, VaultAccount } from '../../lib/vault/records';
import { renewedKey } from '../../lib/vault/renew-key';
import type { Vault } from '../../lib/vault/vault';
import { siteRules } from './account-settings';
import { toView } from './account-view';
import { bindableSite } from './bind';
import type { FramePrompt } from './tab-prompts';

/**
 * Accounts described by one otpauth:// URI, or several one per line (what the popup makes of a Google
 * Authenticator export: protobuf decoding stays out of the worker). Throws OtpauthError with a user message.
 */
export function accountsIn(text: string): { kind: 'otpauth' | 'migration'; accounts: Account[] } {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
  return { kind: lines.length > 1 ? 'migration' : 'otpauth', accounts: lines.map(parseOtpauth) };
}

/** What the confirmation card shows: names, parameters and a live code, never the secret; where it will fill. */
export async function previewEnrollment(
  vault: Vault,
  text: string,
  tab: { urls: string[]; prompts: FramePrompt[]; scanned: boolean },
): Promise<Replies['enroll/preview']> {
  const { kind, accounts } = accountsIn(text);
  const [tabUrl] = tab.urls;
  const tabSite = tabUrl ? bindableSite(tabUrl) : null;
  // A scanned code came from this page; a pasted, typed or exported one binds here only if it names this site.
  const site =
    tabSite && (tab.scanned || (accounts.length > 0 && accounts.every((a) => accountFitsSite(a, tabSite))))
      ? tabSite
      : null;
  const verifyField = tab.prompts.some(
    (p) => (p.kind === 'totp' || p.kind === 'unknown') && site !== null && bindableSite(p.url) === site,
  );
  const now = Date.now();
  const previews = await Promise.all(
    accounts.map(async (account) => ({
      issuer: account.issuer,
      label: account.label,
      type: account.type,
      algorithm: account.algorithm,
      digits: account.digits,
      period: account.period,
      weakSecret: secretStrength(account.secret) === 'weak',
      code: await generateCode(account, now),
      duplicate: await relativeView(vault, account),
    })),
  );
  return { kind, accounts: previews, site, verifyField };
}

async function relativeView(vault: Vault, account: Account): Promise<EnrollPreview['duplicate']> {
  const relative = await vault.findRelative(account);
  return relative && { kind: relative.relation, of: toView(relative.account) };
}

/**
 * Adds the chosen accounts, bound to the given sites. A copy of a held account is never added twice; a
 * re-enrollment replaces the held account's key (its sites and settings stay), is added beside it, or is
 * skipped, as asked.
 */
export async function addEnrollment(
  vault: Vault,
  text: string,
  indexes: number[] | undefined,
  sites: SiteRule[],
  onDuplicate: 'ask' | 'keep-both' | 'replace' | 'skip',
): Promise<Replies['enroll/add']> {
  const { accounts } = accountsIn(text);
  const chosen = accounts
    .filter((_, i) => !indexes || indexes.includes(i))
    .map((account) => ({ account, index: accounts.indexOf(account) }));
  const duplicates: number[] = [];
  const alreadyHeld: number[] = [];
  const plan: { account: Account; replaces?: VaultAccount }[] = [];
  for (const { account, index } of chosen) {
    const relative = await vault.findRelative(account);
    if (relative?.relation === 'same') {
      alreadyHeld.push(index);
    } else if (relative && onDuplicate !== 'keep-both') {
      duplicates.push(index);
      if (onDuplicate === 'replace') plan.push({ account, replaces: relative.account });
    } else {
      plan.push({ account });
    }
  }
  if (onDuplicate === 'ask' && duplicates.length > 0) return { added: [], duplicates, alreadyHeld };
  const added: string[] = [];
  const rules = siteRules(sites);
  for (const { account, replaces } of plan) {
    added.push(
      replaces
        ? (await vault.updateAccount(replaces.id, renewedKey(replaces, account, rules))).id
        : (await vault.addAccount({ ...account, sites: rules })).id,
    );
  }
  return { added, duplicates, alreadyHeld };
}
