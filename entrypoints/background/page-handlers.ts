import type { PageRequest, Replies } from '../../lib/messages';
import { generateCode } from '../../lib/otp/generate';
import { passwordRefusal } from '../../lib/policy';
import { ruleMatches, siteOf } from '../../lib/site/match';
import type { VaultAccount } from '../../lib/vault/records';
import { updateAccountSettings } from './account-settings';
import { toView } from './account-view';
import { bindAccount } from './bind';
import { scheduleClipboardClear } from './clipboard';
import { addEnrollment, previewEnrollment } from './enroll';
import { fillFrame } from './fill';
import { handleOptionsRequest } from './options-handlers';
import { currentPolicy, refuseWith } from './policy';
import { accountsList, codesOf, popupOpen, tabState } from './popup-open';
import { handlePortalRequest } from './portal-handlers';
import { handleRecoveryRequest } from './recovery-handlers';
import { promptsIn, urlsOfTab } from './tab-prompts';
import { rememberUsed } from './used-steps';
import { getVault, lockNow, rememberUnlocked, touch } from './vault-session';

const recentlyDeleted = new Map<string, VaultAccount>();

/** Requests from our own popup and options pages. The caller is trusted; the input is still parsed. */
export async function handlePageRequest(req: PageRequest): Promise<Replies[PageRequest['type']]> {
  const vault = await getVault();
  switch (req.type) {
    case 'vault/status':
      return { state: await vault.status() };
    case 'vault/setup':
      refuseWith(passwordRefusal(req.password, await currentPolicy()));
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
    case 'tab/state':
      return tabState(vault, req.tabId);
    case 'accounts/list':
      return accountsList(vault, req.tabId);
    case 'popup/open':
      return popupOpen(vault, req.tabId);
    case 'bind/tab': {
      // The frame's address is the one the browser reported with its prompt, never one the popup sends.
      const target = (await promptsIn(req.tabId)).find((p) => p.kind === 'totp' || p.kind === 'unknown');
      if (!target) return { filled: false, reason: 'The code field is gone; nothing was bound.' };
      await touch();
      const account = await bindAccount(vault, await vault.getAccount(req.accountId), target.url, req.site);
      return fillFrame(req.tabId, account, target.frameId);
    }
    case 'code/copied': {
      const [url] = req.tabId === undefined ? [] : await urlsOfTab(req.tabId);
      const account = await vault.getAccount(req.accountId);
      const site = url && ruleMatches(account.sites, url) ? siteOf(url) : null;
      if (site) await rememberUsed(account, site, await generateCode(account, Date.now()));
      return { recorded: Boolean(site) };
    }
    case 'clipboard/copied':
      return { clearInSeconds: await scheduleClipboardClear(req.sha256) };
    case 'codes/get': {
      await touch();
      const wanted = new Set(req.ids);
      // One decrypting pass over the store beats one lookup per id (200 rows: ~100 ms → ~20 ms).
      const { items } = await vault.listAccounts({ includeArchived: true });
      return { codes: await codesOf(items.filter((a) => wanted.has(a.id))) };
    }
    case 'enroll/preview': {
      const tab = req.tabId === undefined ? null : req.tabId;
      return previewEnrollment(vault, req.text, {
        urls: tab === null ? [] : await urlsOfTab(tab),
        prompts: tab === null ? [] : await promptsIn(tab),
        scanned: req.scanned ?? false,
      });
    }
    case 'enroll/add':
      return addEnrollment(vault, req.text, req.indexes, req.sites, req.onDuplicate);
    case 'account/update':
      return { account: toView(await updateAccountSettings(vault, req.id, req.patch), []) };
    case 'account/move': {
      const pinned = (await vault.listAccounts()).items.filter((a) => a.pinned !== null);
      const from = pinned.findIndex((a) => a.id === req.id);
      const to = from + (req.direction === 'up' ? -1 : 1);
      if (from < 0 || to < 0 || to >= pinned.length) return { moved: false };
      [pinned[from], pinned[to]] = [pinned[to] as VaultAccount, pinned[from] as VaultAccount];
      // Ranks are rewritten 0…n-1, so gaps and ties left by older data disappear too.
      for (const [rank, account] of pinned.entries()) {
        if (account.pinned !== rank) await vault.updateAccount(account.id, { pinned: rank });
      }
      return { moved: true };
    }
    case 'account/delete': {
      const deleted = await vault.deleteAccount(req.id);
      // Kept in this worker's memory only, for the popup's "Undo"; a restarted worker has nothing to undo.
      if (deleted) recentlyDeleted.set(deleted.id, deleted);
      return { deleted: deleted !== null };
    }
    case 'account/restore': {
      const record = recentlyDeleted.get(req.id);
      if (record) await vault.restoreAccount(record);
      recentlyDeleted.delete(req.id);
      return { restored: Boolean(record) };
    }
    case 'account/next-hotp': {
      // HOTP counters advance only when the user asks for the next code (RFC 4226 §7.2: the server looks ahead).
      const account = await vault.advanceHotpCounter(req.id);
      return { code: await generateCode(account, Date.now()) };
    }
    case 'recovery/list':
    case 'recovery/add':
    case 'recovery/reveal':
    case 'recovery/mark-used':
    case 'recovery/delete':
    case 'recovery/fill':
      return handleRecoveryRequest(vault, req);
    case 'portal/list':
    case 'portal/tab':
    case 'portal/connect':
    case 'portal/status':
    case 'portal/move':
    case 'portal/switch/start':
    case 'portal/switch/confirm':
    case 'portal/phone/start':
    case 'portal/phone/confirm-old':
    case 'portal/phone/confirm-new':
    case 'portal/resend':
    case 'portal/step-up/send':
    case 'portal/recovery/renew':
    case 'portal/disable':
    case 'portal/archive-local':
    case 'portal/disconnect':
      await touch();
      return handlePortalRequest(vault, req);
    case 'fill/tab':
      return fillFrame(req.tabId, await vault.getAccount(req.accountId));
    default:
      return handleOptionsRequest(vault, req);
  }
}
