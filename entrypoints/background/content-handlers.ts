import type { ContentRequest, FillCode, Replies } from '../../lib/messages';
import { ruleMatches, siteOf } from '../../lib/site/match';
import { VaultError } from '../../lib/vault/errors';
import type { VaultAccount } from '../../lib/vault/records';
import { freshCode } from './fill';
import { fillButtonHostName } from './host-name';
import { forgetPrompt, rememberPrompt, showFillable } from './tab-prompts';
import { getVault, touch } from './vault-session';

/** Where a content-script request came from, as the browser reported it (never from the message body). */
export interface ContentOrigin {
  url: string;
  tabId: number;
  frameId: number;
  documentId?: string;
}

/**
 * Requests from content scripts, which run inside web pages and may be compromised: they can only learn
 * whether a code exists for their own frame's site, and get that one code. A frame on another site gets
 * nothing, not even a count.
 */
export async function handleContentRequest(
  req: ContentRequest,
  from: ContentOrigin,
): Promise<Replies[ContentRequest['type']]> {
  const vault = await getVault();
  const unlocked = (await vault.status()) === 'unlocked';
  const matching = unlocked
    ? (await vault.listAccounts()).items.filter((a) => ruleMatches(a.sites, from.url))
    : [];
  switch (req.type) {
    case 'prompt/found': {
      const top = from.frameId === 0 ? null : (req.top ?? null);
      await rememberPrompt(from.tabId, {
        frameId: from.frameId,
        documentId: from.documentId,
        url: from.url,
        kind: req.kind,
        top,
      });
      // A frame inside another site's page could be made transparent or covered by that page: no button and
      // no automatic fill there (the popup and the context menu, which the page cannot overlay, still work).
      const framedElsewhere = from.frameId !== 0 && (!top || siteOf(top) !== siteOf(from.url));
      const wantsCode = req.kind === 'totp' || req.kind === 'unknown';
      if (from.frameId === 0 || (wantsCode && matching.length > 0))
        await showFillable(from.tabId, wantsCode && matching.length > 0);
      const offered = framedElsewhere ? [] : matching;
      const [only] = offered;
      const autoFill =
        wantsCode && only && offered.length === 1 && only.autoFill ? await fillCodeFor(only) : null;
      return {
        locked: !unlocked,
        hostName: await fillButtonHostName(),
        choices: offered.map((a) => ({
          id: a.id,
          name: a.label ? `${a.issuer || a.label} (${a.label})` : a.issuer,
        })),
        autoFill,
      };
    }
    case 'prompt/gone':
      return { forgotten: await forgetPrompt(from.tabId, from.frameId) };
    case 'code/get': {
      if (!unlocked) {
        throw new VaultError(
          'locked',
          'Tessera is locked. Open Tessera from the toolbar and unlock it, then try again.',
        );
      }
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
      return fillCodeFor(account);
    }
  }
}

async function fillCodeFor(account: VaultAccount): Promise<FillCode> {
  return { ...(await freshCode(account)), submit: account.autoSubmit };
}
