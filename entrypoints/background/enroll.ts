import type { Replies } from '../../lib/messages';
import type { Account } from '../../lib/otp/account';
import { generateCode, secretStrength } from '../../lib/otp/generate';
import { parseOtpauth } from '../../lib/otp/parse-otpauth';
import { accountFitsSite } from '../../lib/site/names';
import type { SiteRule } from '../../lib/vault/records';
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
      duplicateOf: (await vault.findDuplicates(account)).map((a) => toView(a)),
    })),
  );
  return { kind, accounts: previews, site, verifyField };
}

/** Adds the chosen accounts, bound to the given sites; duplicates are skipped, kept or replaced as asked. */
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
  const plan: { account: Account; replaceId?: string }[] = [];
  for (const { account, index } of chosen) {
    const [existing] = await vault.findDuplicates(account);
    if (existing && onDuplicate !== 'keep-both') {
      duplicates.push(index);
      if (onDuplicate === 'replace') plan.push({ account, replaceId: existing.id });
    } else {
      plan.push({ account });
    }
  }
  if (onDuplicate === 'ask' && duplicates.length > 0) return { added: [], duplicates };
  const added: string[] = [];
  for (const { account, replaceId } of plan) {
    const input = { ...account, sites: siteRules(sites) };
    added.push(
      replaceId ? (await vault.updateAccount(replaceId, input)).id : (await vault.addAccount(input)).id,
    );
  }
  return { added, duplicates };
}
