import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type ClearOutcome, clearIfUnchanged } from '../../lib/clipboard/clear-if-unchanged';
import { OffscreenReplySchema, type OffscreenRequest, Sha256Schema } from '../../lib/messages';
import { readSettings } from '../../lib/settings';

export const CLIPBOARD_ALARM = 'clipboard-clear';
const PENDING_KEY = 'clipboardPending';
const OFFSCREEN_URL = '/clipboard-offscreen.html';

/** What was copied last (as a hash: the background never holds the copied text) and when it goes. */
const PendingSchema = z.object({ sha256: Sha256Schema, clearAt: z.number() });

/**
 * Remembers what a page just copied and clears it after the user's delay. The popup closes as soon as the user
 * clicks into a page, so the background does the clearing: the alarm outlives a stopped worker, and the timer
 * keeps short delays on time (Chrome may round alarms up to 30 s). Returns the delay in seconds, 0 for never.
 */
export async function scheduleClipboardClear(sha256: string): Promise<number> {
  const seconds = readSettings((await browser.storage.local.get('settings')).settings).clipboardClearSeconds;
  if (seconds === 0) {
    await browser.storage.session.remove(PENDING_KEY);
    await browser.alarms.clear(CLIPBOARD_ALARM);
    return 0;
  }
  const clearAt = Date.now() + seconds * 1000;
  await browser.storage.session.set({ [PENDING_KEY]: { sha256, clearAt } });
  await browser.alarms.create(CLIPBOARD_ALARM, { when: clearAt });
  setTimeout(() => void clearClipboardIfDue(), seconds * 1000);
  return seconds;
}

// A timer may fire a moment before its deadline; a newer copy moves the deadline well beyond this.
const EARLY_MS = 500;

/** Clears the clipboard once the latest copy's delay has passed, if it still holds what was copied. */
export async function clearClipboardIfDue(): Promise<ClearOutcome | null> {
  const { [PENDING_KEY]: stored } = await browser.storage.session.get(PENDING_KEY);
  const pending = PendingSchema.safeParse(stored);
  if (!pending.success || Date.now() < pending.data.clearAt - EARLY_MS) return null;
  await browser.storage.session.remove(PENDING_KEY);
  return clearClipboard(pending.data.sha256);
}

function clearClipboard(sha256: string): Promise<ClearOutcome> {
  // Firefox's background is an event page with a DOM, allowed to use the clipboard by the manifest.
  if (import.meta.env.FIREFOX) return clearIfUnchanged(navigator.clipboard, sha256);
  return clearInOffscreenDocument(sha256);
}

let offscreenQueue: Promise<unknown> = Promise.resolve();

/** Chromium: the service worker has no clipboard, so an offscreen document opens for the check and closes. */
function clearInOffscreenDocument(sha256: string): Promise<ClearOutcome> {
  const run = async (): Promise<ClearOutcome> => {
    const open = await browser.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    if (open.length === 0) {
      await browser.offscreen.createDocument({
        url: OFFSCREEN_URL,
        reasons: ['CLIPBOARD'],
        justification: 'Clears a copied 2FA code or recovery key after the delay chosen in the settings.',
      });
    }
    try {
      const request: OffscreenRequest = { type: 'offscreen/clear-clipboard', sha256 };
      const reply = OffscreenReplySchema.safeParse(await browser.runtime.sendMessage(request));
      return reply.success ? reply.data.outcome : 'unreadable';
    } finally {
      await browser.offscreen.closeDocument();
    }
  };
  const result = offscreenQueue.then(run, run);
  offscreenQueue = result.catch(() => undefined);
  return result;
}
