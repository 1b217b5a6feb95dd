import { browser } from 'wxt/browser';
import type { PageRequest, Replies } from '../../lib/messages';
import { generateCode } from '../../lib/otp/generate';
import { ruleMatches, siteOf } from '../../lib/site/match';
import { toView } from './account-view';
import { addEnrollment, previewEnrollment } from './enroll';
import { fillFrame } from './fill';
import { handleOptionsRequest } from './options-handlers';
import { promptsIn } from './tab-prompts';
import { getVault, lockNow, rememberUnlocked, touch } from './vault-session';

/** Requests from our own popup and options pages. The caller is trusted; the input is still parsed. */
export async function handlePageRequest(req: PageRequest): Promise<Replies[PageRequest['type']]> {
  const vault = await getVault();
  switch (req.type) {
    case 'vault/status':
      return { state: await vault.status() };
    case 'vault/setup':
      await vault.setup(req.password);
      await rememberUnlocked(vault);
      return { state: await vault.status() };
    case 'vault/unlock':
      await vault.unlock(req.password);
      await rememberUnlocked(vault);
      return { state: await vault.status() };
    case 'vault/lock':
      await lockNow();
      return { state: await vault.status() };
    case 'tab/state': {
      const [top] = await promptsIn(req.tabId);
      const [url] = await urlsOfTab(req.tabId);
      const matching =
        top && (await vault.status()) === 'unlocked'
          ? (await vault.listAccounts()).items.filter((a) => ruleMatches(a.sites, top.url)).length
          : 0;
      return { prompt: top?.kind ?? null, site: url ? siteOf(url) : null, matchingAccounts: matching };
    }
    case 'accounts/list': {
      await touch();
      const { items, damaged } = await vault.listAccounts();
      const urls = req.tabId === undefined ? [] : await urlsOfTab(req.tabId);
      const views = items.map((a) => toView(a, urls));
      return { accounts: views, site: urls[0] ? siteOf(urls[0]) : null, damaged };
    }
    case 'codes/get': {
      await touch();
      const now = Date.now();
      const wanted = new Set(req.ids);
      // One decrypting pass over the store beats one lookup per id (200 rows: ~100 ms → ~20 ms).
      const accounts = (await vault.listAccounts({ includeArchived: true })).items.filter((a) =>
        wanted.has(a.id),
      );
      const generated = await Promise.all(
        accounts.map(async (a) => [a.id, await generateCode(a, now)] as const),
      );
      return { codes: Object.fromEntries(generated) };
    }
    case 'enroll/preview':
      return previewEnrollment(vault, req.text);
    case 'enroll/add':
      return addEnrollment(vault, req.text, req.indexes, req.sites, req.onDuplicate);
    case 'account/delete':
      await vault.deleteAccount(req.id);
      return { deleted: true };
    case 'fill/tab':
      return fillFrame(req.tabId, await vault.getAccount(req.accountId));
    default:
      return handleOptionsRequest(vault, req);
  }
}

/**
 * The addresses an account may match in a tab: the tab's own (known when the user opened the popup on it, through
 * activeTab) and those of the frames that reported a code prompt (the browser told us those).
 */
async function urlsOfTab(tabId: number): Promise<string[]> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const frames = (await promptsIn(tabId)).map((p) => p.url);
  return tab?.url ? [tab.url, ...frames] : frames;
}
