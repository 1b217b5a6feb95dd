import { browser } from 'wxt/browser';
import { z } from 'zod';
import { type ClipboardAccess, clearIfUnchanged } from '../../lib/clipboard/clear-if-unchanged';
import { OffscreenRequestSchema } from '../../lib/messages';

// The MV3 CSP forbids eval; tell zod not to probe for it.
z.config({ jitless: true });

/**
 * Chromium's offscreen document (reason CLIPBOARD) for the background, which has no DOM: an offscreen
 * document is never focused, so navigator.clipboard refuses it and the editing commands are the way in.
 */
const box =
  document.querySelector('textarea') ?? document.body.appendChild(document.createElement('textarea'));

const viaEditingCommands: ClipboardAccess = {
  async readText() {
    box.value = '';
    box.select();
    if (!document.execCommand('paste')) throw new Error('The clipboard could not be read.');
    return box.value;
  },
  async writeText(text) {
    const put = (event: ClipboardEvent) => {
      event.clipboardData?.setData('text/plain', text);
      event.preventDefault();
    };
    document.addEventListener('copy', put, { once: true });
    const done = document.execCommand('copy');
    document.removeEventListener('copy', put);
    if (!done) throw new Error('The clipboard could not be written.');
  },
};

const BACKGROUND = browser.runtime.getURL('/background.js');

browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Popup and options requests reach every extension page too; only the background's are for us.
  if (sender.id !== browser.runtime.id || sender.url !== BACKGROUND) return;
  const request = OffscreenRequestSchema.safeParse(message);
  if (!request.success) return;
  void clearIfUnchanged(viaEditingCommands, request.data.sha256).then(
    (outcome) => sendResponse({ outcome }),
    () => sendResponse({ outcome: 'unreadable' }),
  );
  return true;
});
