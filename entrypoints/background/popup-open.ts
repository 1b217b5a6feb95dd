import { browser } from 'wxt/browser';
import type { Code, Replies } from '../../lib/messages';
import { generateCode } from '../../lib/otp/generate';
import { enforceSettings } from '../../lib/policy';
import { readSettings } from '../../lib/settings';
import { ruleMatches, siteOf } from '../../lib/site/match';
import type { VaultAccount } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';
import { toView } from './account-view';
import { bindOffer } from './bind';
import { currentPolicy } from './policy';
import { type FramePrompt, promptsIn, urlsOfTab } from './tab-prompts';
import { nextCodeAt } from './used-steps';
import { touch } from './vault-session';

/** The current code of each account, keyed by id, all for the same instant. */
export async function codesOf(accounts: readonly VaultAccount[]): Promise<Record<string, Code>> {
  const now = Date.now();
  return Object.fromEntries(
    await Promise.all(accounts.map(async (a) => [a.id, await generateCode(a, now)] as const)),
  );
}

/** The accounts as the popup shows them (the tab's first), with their current codes. */
export async function accountsList(
  vault: Vault,
  tabId: number | undefined,
): Promise<Replies['accounts/list']> {
  await touch();
  const [{ items, damaged }, urls] = await Promise.all([
    vault.listAccounts(),
    tabId === undefined ? [] : urlsOfTab(tabId),
  ]);
  return listOf(items, damaged, urls);
}

async function listOf(
  items: VaultAccount[],
  damaged: string[],
  urls: readonly string[],
): Promise<Replies['accounts/list']> {
  const site = urls[0] ? siteOf(urls[0]) : null;
  const views = await Promise.all(
    items.map(async (a) => {
      const here = urls.some((url) => ruleMatches(a.sites, url));
      return toView(a, urls, here && site ? await nextCodeAt(a, site) : null);
    }),
  );
  return { accounts: views, codes: await codesOf(items), site, damaged };
}

/** What the tab asks for (a code, a recovery key…), its site, and the bind-on-first-use offer. */
export async function tabState(vault: Vault, tabId: number): Promise<Replies['tab/state']> {
  const [prompts, urls] = await Promise.all([promptsIn(tabId), urlsOfTab(tabId)]);
  const accounts =
    prompts.length && (await vault.status()) === 'unlocked' ? (await vault.listAccounts()).items : [];
  return stateOf(prompts[0], urls[0], accounts);
}

function stateOf(
  top: FramePrompt | undefined,
  url: string | undefined,
  accounts: readonly VaultAccount[],
): Replies['tab/state'] {
  const wantsCode = top?.kind === 'totp' || top?.kind === 'unknown';
  const site = url ? siteOf(url) : null;
  const frameSite = top && top.frameId !== 0 ? siteOf(top.url) : null;
  return {
    prompt: top?.kind ?? null,
    site,
    frameSite: frameSite !== site ? frameSite : null,
    matchingAccounts: top ? accounts.filter((a) => ruleMatches(a.sites, top.url)).length : 0,
    bind: top && wantsCode && accounts.length ? bindOffer(accounts, top.url) : null,
  };
}

/**
 * Everything the popup's first screen shows, in one round trip and one decrypting pass over the accounts:
 * the vault's state, the theme, and when the vault is open the accounts with their codes and what the tab
 * asks for.
 */
export async function popupOpen(vault: Vault, tabId: number | undefined): Promise<Replies['popup/open']> {
  const [state, stored, policy] = await Promise.all([
    vault.status(),
    browser.storage.local.get('settings'),
    currentPolicy(),
  ]);
  const { theme } = enforceSettings(readSettings(stored.settings), policy);
  if (state !== 'unlocked') return { state, theme, list: null, tab: null };
  await touch();
  const [{ items, damaged }, urls, prompts] = await Promise.all([
    vault.listAccounts(),
    tabId === undefined ? [] : urlsOfTab(tabId),
    tabId === undefined ? [] : promptsIn(tabId),
  ]);
  return {
    state,
    theme,
    list: await listOf(items, damaged, urls),
    tab: tabId === undefined ? null : stateOf(prompts[0], urls[0], items),
  };
}
