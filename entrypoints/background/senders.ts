import { type Browser, browser } from 'wxt/browser';

/** Who sent a message, as the browser (not the message) tells it. */
export type Sender =
  | { kind: 'page' }
  | { kind: 'content'; url: string; tabId: number; frameId: number }
  | { kind: 'unknown' };

/**
 * Classifies a runtime message sender. Extension pages are recognised by our own origin; content scripts by
 * their tab, with the frame's URL from the browser (`sender.url` is the frame's, not the tab's).
 */
export function classifySender(sender: Browser.runtime.MessageSender): Sender {
  if (sender.id !== browser.runtime.id) return { kind: 'unknown' };
  const ownRoot = browser.runtime.getURL('/');
  const url = sender.url ?? '';
  if (url.startsWith(ownRoot)) return { kind: 'page' };
  if (sender.tab?.id !== undefined && url) {
    return { kind: 'content', url, tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
  }
  return { kind: 'unknown' };
}
