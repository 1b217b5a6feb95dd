import type { PageRequest, RecoveryKeyView, Replies } from '../../lib/messages';
import { findRecoveryCodesInFile } from '../../lib/recovery/find-recovery-codes';
import { ruleMatches, siteOf } from '../../lib/site/match';
import { VaultError } from '../../lib/vault/errors';
import type { RecoveryKey, SiteRule } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';
import { sendCode } from './fill';
import { promptsIn, urlsOfTab } from './tab-prompts';

type RecoveryRequest = Extract<PageRequest, { type: `recovery/${string}` }>;

/** What lists show of a recovery key: never its codes. */
export function toRecoveryView(key: RecoveryKey): RecoveryKeyView {
  return {
    id: key.id,
    accountId: key.accountId,
    site: key.site,
    label: key.label,
    kind: key.kind,
    fileName: key.kind === 'file' ? key.fileName : undefined,
    total: key.kind === 'codes' ? key.codes.length : 1,
    used: key.kind === 'codes' ? key.codes.filter((c) => c.usedAt).length : 0,
    createdAt: key.createdAt,
    voided: key.voidedAt !== undefined,
  };
}

/** The registrable domain of a tab, for recovery codes saved from it. */
async function siteOfTab(tabId: number): Promise<string | undefined> {
  const [url] = await urlsOfTab(tabId);
  return (url && siteOf(url)) || undefined;
}

/** Where a recovery key may be used: its own site, or the sites of the account it belongs to. */
async function keySites(vault: Vault, key: RecoveryKey): Promise<SiteRule[]> {
  if (key.site) return [{ host: key.site, exact: false }];
  if (!key.accountId) return [];
  return (await vault.getAccount(key.accountId).catch(() => null))?.sites ?? [];
}

/** Recovery keys: saved from a page, a file or a paste; shown again only after the master password. */
export async function handleRecoveryRequest(
  vault: Vault,
  req: RecoveryRequest,
): Promise<Replies[RecoveryRequest['type']]> {
  switch (req.type) {
    case 'recovery/list': {
      const { items } = await vault.listRecoveryKeys(req.accountId ? { accountId: req.accountId } : {});
      if (req.tabId === undefined) return { keys: items.map(toRecoveryView) };
      const urls = await urlsOfTab(req.tabId);
      const here = [];
      for (const key of items) {
        const sites = await keySites(vault, key);
        if (urls.some((url) => ruleMatches(sites, url))) here.push(key);
      }
      return { keys: here.map(toRecoveryView) };
    }
    case 'recovery/add': {
      const site = req.tabId === undefined ? undefined : await siteOfTab(req.tabId);
      const links = { accountId: req.accountId, site, label: req.label };
      const codes = req.text ? findRecoveryCodesInFile(req.file?.name ?? '', req.text) : [];
      let key: RecoveryKey;
      if (codes.length > 0) key = await vault.addRecoveryKey({ ...links, kind: 'codes', codes });
      else if (req.file)
        key = await vault.addRecoveryKey({
          ...links,
          kind: 'file',
          fileName: req.file.name,
          body: req.file.base64,
        });
      else if (req.text) key = await vault.addRecoveryKey({ ...links, kind: 'text', body: req.text });
      else
        throw new VaultError(
          'invalid',
          'Nothing to save: paste the recovery codes or choose the file the site gave you.',
        );
      return { id: key.id, codes: codes.length };
    }
    case 'recovery/reveal': {
      // Re-deriving the key from the password is the check (and counts toward the unlock throttle).
      await vault.unlock(req.password);
      const key = await vault.getRecoveryKey(req.id);
      if (key.kind === 'codes')
        return { kind: 'codes', codes: key.codes.map((c) => ({ value: c.value, used: Boolean(c.usedAt) })) };
      if (key.kind === 'text') return { kind: 'text', text: key.body };
      return { kind: 'file', fileName: key.fileName, base64: key.body };
    }
    case 'recovery/mark-used':
      return { key: toRecoveryView(await vault.markRecoveryCodeUsed(req.id, req.index)) };
    case 'recovery/delete':
      return { deleted: (await vault.deleteRecoveryKey(req.id)) !== null };
    case 'recovery/fill': {
      const key = await vault.getRecoveryKey(req.id);
      if (key.kind !== 'codes') {
        return {
          filled: false,
          reason:
            'This recovery key is a text or a file, not a list of codes: open it and copy what the site asks for.',
          remaining: 0,
        };
      }
      const index = key.codes.findIndex((c) => !c.usedAt);
      const code = key.codes[index];
      if (!code)
        return {
          filled: false,
          reason: 'Every code of this recovery key is used. Create new recovery codes on the site.',
          remaining: 0,
        };
      const sites = await keySites(vault, key);
      const prompt = (await promptsIn(req.tabId)).find(
        (p) => p.kind === 'recovery' && ruleMatches(sites, p.url),
      );
      if (!prompt)
        return {
          filled: false,
          reason: 'This page does not ask for a recovery code of this site.',
          remaining: key.codes.length - index,
        };
      const filled = await sendCode(req.tabId, prompt, code.value, false);
      // A recovery code works once: mark it used as soon as it is in the page, so it is never offered again.
      if (filled) await vault.markRecoveryCodeUsed(key.id, index);
      const remaining = key.codes.filter((c) => !c.usedAt).length - (filled ? 1 : 0);
      return filled
        ? { filled, remaining }
        : {
            filled,
            remaining,
            reason: 'The recovery code field is gone or hidden; reload the page and try again.',
          };
    }
  }
}
