import type { ContentRequest, PageCode, Replies } from '../../lib/messages';
import { ruleMatches } from '../../lib/site/match';
import { VaultError } from '../../lib/vault/errors';
import type { VaultAccount } from '../../lib/vault/records';
import { accountName, bindAccount, bindableSite, bindOffer } from './bind';
import { unusedCode } from './fill';
import { rememberPrompt, showFillable } from './tab-prompts';
import { rememberUsed } from './used-steps';
import { getVault, touch } from './vault-session';

/** Where a content-script request came from, as the browser reported it (never from the message body). */
export interface ContentOrigin {
  url: string;
  tabId: number;
  frameId: number;
  documentId?: string;
}

const LOCKED = 'Tessera is locked. Open Tessera from the toolbar and unlock it, then try again.';

/**
 * Requests from content scripts, which run inside web pages and may be compromised: they can only learn
 * whether a code exists for their own frame's site, get that one code, and bind to their own site an account
 * Tessera itself suggested there. A frame on another site gets nothing, not even a count.
 */
export async function handleContentRequest(
  req: ContentRequest,
  from: ContentOrigin,
): Promise<Replies[ContentRequest['type']]> {
  const vault = await getVault();
  const unlocked = (await vault.status()) === 'unlocked';
  const all = unlocked ? (await vault.listAccounts()).items : [];
  const matching = all.filter((a) => ruleMatches(a.sites, from.url));
  switch (req.type) {
    case 'prompt/found': {
      await rememberPrompt(from.tabId, {
        frameId: from.frameId,
        documentId: from.documentId,
        url: from.url,
        kind: req.kind,
      });
      const wantsCode = req.kind === 'totp' || req.kind === 'unknown';
      if (from.frameId === 0 || (wantsCode && matching.length > 0))
        await showFillable(from.tabId, wantsCode && matching.length > 0);
      const [only] = matching;
      const autoFill =
        wantsCode && only && matching.length === 1 && only.autoFill ? await pageCode(only, from.url) : null;
      return {
        locked: !unlocked,
        choices: matching.map((a) => ({ id: a.id, name: accountName(a) })),
        autoFill: autoFill?.readyAtMs === undefined ? autoFill : null,
        offer: wantsCode && from.frameId === 0 ? suggestionsFor(all, from.url) : null,
      };
    }
    case 'code/get': {
      if (!unlocked) throw new VaultError('locked', LOCKED);
      const account = req.accountId
        ? matching.find((a) => a.id === req.accountId)
        : matching.length === 1
          ? matching[0]
          : undefined;
      if (!account) {
        throw new VaultError(
          'not-found',
          matching.length > 1
            ? 'Several accounts can fill here; choose one.'
            : 'Tessera has no account for this site.',
        );
      }
      await touch();
      return pageCode(account, from.url);
    }
    case 'bind/frame': {
      if (!unlocked) throw new VaultError('locked', LOCKED);
      // Only what Tessera itself would suggest here, recomputed now: a compromised page cannot pick an account.
      const offered = suggestionsFor(all, from.url);
      const account = all.find((a) => a.id === req.accountId);
      if (from.frameId !== 0 || !account || !offered?.suggestions.some((s) => s.id === account.id)) {
        throw new VaultError(
          'not-found',
          'Tessera binds on a page only the accounts it suggested there. Open Tessera from the toolbar to choose another.',
        );
      }
      await touch();
      return pageCode(await bindAccount(vault, account, from.url, req.site), from.url);
    }
  }
}

/** The in-page offer: names of accounts that name this site exactly, and only when some do. */
function suggestionsFor(
  accounts: readonly VaultAccount[],
  frameUrl: string,
): Replies['prompt/found']['offer'] {
  const offer = bindOffer(accounts, frameUrl);
  const suggestions = accounts.filter((a) => offer?.suggested.includes(a.id));
  return offer && suggestions.length
    ? { site: offer.site, suggestions: suggestions.map((a) => ({ id: a.id, name: accountName(a) })) }
    : null;
}

/** The code for the page, remembered as used on its site; or when the next one exists if this one was used. */
async function pageCode(account: VaultAccount, frameUrl: string): Promise<PageCode> {
  const site = bindableSite(frameUrl);
  if (!site) throw new VaultError('not-found', 'Tessera has no account for this site.');
  const code = await unusedCode(account, site);
  if ('readyAtMs' in code) return { readyAtMs: code.readyAtMs };
  await rememberUsed(account, site, code);
  return { ...code, submit: account.autoSubmit };
}
