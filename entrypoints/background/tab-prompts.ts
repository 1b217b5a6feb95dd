import { browser } from 'wxt/browser';
import type { PromptKind, RecheckCommand } from '../../lib/messages';

/** A 2FA prompt a content script reported, per tab and frame. Kept in session storage: workers restart. */
export interface FramePrompt {
  frameId: number;
  /** Chrome's id of the document that reported it, so a code never reaches a page that navigated since. */
  documentId?: string;
  url: string;
  kind: PromptKind;
  /** The top-level page's origin, as the frame reported it (frames only; null when unknown). */
  top?: string | null;
}

const keyFor = (tabId: number) => `prompts.${tabId}`;

/** Records (or replaces) the prompt a frame reported. */
export async function rememberPrompt(tabId: number, prompt: FramePrompt): Promise<void> {
  const prompts = (await promptsIn(tabId)).filter((p) => p.frameId !== prompt.frameId);
  await browser.storage.session.set({ [keyFor(tabId)]: [...prompts, prompt] });
}

/** Forgets the prompt a frame reported, once its field is removed, hidden or replaced. */
export async function forgetPrompt(tabId: number, frameId: number): Promise<boolean> {
  const prompts = await promptsIn(tabId);
  const kept = prompts.filter((p) => p.frameId !== frameId);
  if (kept.length === prompts.length) return false;
  await browser.storage.session.set({ [keyFor(tabId)]: kept });
  if (!kept.some((p) => p.kind === 'totp' || p.kind === 'unknown')) await showFillable(tabId, false);
  return true;
}

/**
 * Tells every frame that reported a prompt to ask again, after the vault changed (unlocked, an account added or
 * bound to another site): a field seen before its account existed then gets its button.
 */
export async function recheckPrompts(): Promise<void> {
  const all = await browser.storage.session.get(null);
  const command: RecheckCommand = { type: 'prompt/recheck' };
  for (const [key, value] of Object.entries(all)) {
    const tabId = Number(key.startsWith('prompts.') ? key.slice(8) : Number.NaN);
    if (!Number.isInteger(tabId) || !Array.isArray(value)) continue;
    for (const p of value as FramePrompt[]) {
      const target = { frameId: p.frameId, ...(p.documentId ? { documentId: p.documentId } : {}) };
      await browser.tabs.sendMessage(tabId, command, target).catch(() => undefined);
    }
  }
}

/** The prompts currently known in a tab, top frame first. */
export async function promptsIn(tabId: number): Promise<FramePrompt[]> {
  const stored = (await browser.storage.session.get(keyFor(tabId)))[keyFor(tabId)];
  return Array.isArray(stored) ? (stored as FramePrompt[]).sort((a, b) => a.frameId - b.frameId) : [];
}

/** Forgets a tab's prompts (navigation or close). */
export async function forgetTab(tabId: number): Promise<void> {
  await browser.storage.session.remove(keyFor(tabId));
  await browser.action.setBadgeText({ tabId, text: '' }).catch(() => {});
}

/** Shows on the toolbar button that this tab has a prompt Tessera can fill. */
export async function showFillable(tabId: number, fillable: boolean): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#4338ca' });
  await browser.action.setBadgeText({ tabId, text: fillable ? '•' : '' });
}

/**
 * The addresses of a tab that accounts are matched against: the tab's own (known when the user opened the popup
 * on it, through activeTab) and those of the frames that reported a code prompt (the browser told us those).
 */
export async function urlsOfTab(tabId: number): Promise<string[]> {
  const tab = await browser.tabs.get(tabId).catch(() => undefined);
  const frames = (await promptsIn(tabId)).map((p) => p.url);
  return tab?.url ? [tab.url, ...frames] : frames;
}
