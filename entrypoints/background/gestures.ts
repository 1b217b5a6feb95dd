import { browser } from 'wxt/browser';
import { ruleMatches } from '../../lib/site/match';
import { fillFrame } from './fill';
import { promptsIn } from './tab-prompts';
import { getVault } from './vault-session';

export const FILL_MENU_ID = 'fill-code';
export const FILL_COMMAND = 'fill-code';

/** Adds "Fill authenticator code" to the context menu of editable fields (a gesture the page cannot fake). */
export function createFillMenu(): void {
  browser.contextMenus.create({
    id: FILL_MENU_ID,
    title: browser.i18n.getMessage('menuFill'),
    contexts: ['editable'],
  });
}

/**
 * Fills a code after a browser-level gesture (keyboard shortcut or context menu), in the given frame or the
 * first frame of the tab that has a prompt. When Tessera is locked, or several accounts could fill, the
 * popup opens so the user can unlock or choose.
 */
export async function fillByGesture(tabId: number, frameId?: number): Promise<void> {
  const vault = await getVault();
  if ((await vault.status()) !== 'unlocked') return openPopup();
  const prompts = (await promptsIn(tabId)).filter((p) => frameId === undefined || p.frameId === frameId);
  const { items } = await vault.listAccounts();
  for (const prompt of prompts) {
    const matching = items.filter((account) => ruleMatches(account.sites, prompt.url));
    const [only] = matching;
    if (only && matching.length === 1) {
      await fillFrame(tabId, only, prompt.frameId);
      return;
    }
    if (matching.length > 1) return openPopup();
  }
  return openPopup();
}

async function openPopup(): Promise<void> {
  // Allowed here because a shortcut or menu click is a user gesture; where a browser refuses, nothing breaks.
  await browser.action.openPopup().catch(() => undefined);
}
