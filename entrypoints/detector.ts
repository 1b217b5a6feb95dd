import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { OtpPrompt } from '../lib/detect/types';
import { watchForOtpPrompt } from '../lib/detect/watch';
import type { ContentRequest, FillCode, FillCommand, RecheckCommand, Replies, Reply } from '../lib/messages';
import type { Filler } from './filler';

// The content script of every frame of every page (declared in wxt.config.ts, not through WXT's content-script
// wrapper, which announces itself to the page with DOM events and costs 2.5 KB). It only looks for a 2FA
// prompt and tells the background its kind; filling and the fill button are loaded on demand (filler.ts).
// Codes come only for this frame's site (the background reads the site from the browser, not from us), after
// a gesture in Tessera's own UI or when the user turned on automatic fill for the account.
export default defineUnlistedScript(() => {
  let prompt: OtpPrompt | null = null;
  let unmount: (() => void) | undefined;

  const ask = <R extends ContentRequest>(request: R) =>
    browser.runtime.sendMessage(request) as Promise<Reply<R['type']>>;

  const loadFiller = async (): Promise<Filler> => {
    await import(/* @vite-ignore */ browser.runtime.getURL('/filler.js'));
    return (globalThis as unknown as { tesseraFiller: Filler }).tesseraFiller;
  };

  const getCode = (accountId?: string) => ask({ type: 'code/get', accountId });

  const fill = async ({ code, submit }: Pick<FillCode, 'code' | 'submit'>): Promise<boolean> =>
    Boolean(prompt) && (await loadFiller()).fillPrompt(prompt?.inputs ?? [], code, submit);

  /** The top-level page's origin, so the background can refuse a button in a frame of another site. */
  const topOrigin = (): string | null => {
    try {
      return window.top?.location.origin ?? null;
    } catch {
      const ancestors = location.ancestorOrigins;
      return ancestors?.length ? (ancestors[ancestors.length - 1] ?? null) : null;
    }
  };

  const offer = async (found: OtpPrompt) => {
    const filler = await loadFiller();
    // Telling the kind needs the word lists, which live in the filler to keep this script small.
    const kind = filler.classifyKind(found.evidence);
    const reply = await ask({ type: 'prompt/found', kind, top: topOrigin() }).catch(() => null);
    if (prompt !== found || !reply?.ok || (kind !== 'totp' && kind !== 'unknown')) return;
    const bind = reply.offer;
    if (bind && found.inputs.length > 0) {
      unmount?.();
      unmount = filler.mountBindOffer(found.inputs, {
        ...bind,
        hostName: reply.hostName,
        onConfirm: async (accountId) =>
          filler.deliverCode(
            await ask({ type: 'bind/frame', accountId, site: bind.site }),
            accountId,
            getCode,
            fill,
          ),
      });
      return;
    }
    if (reply.choices.length === 0) return;
    if (reply.autoFill && (await fill(reply.autoFill))) return;
    showButton(filler, found, reply);
  };

  const showButton = (filler: Filler, found: OtpPrompt, reply: Replies['prompt/found']) => {
    unmount?.();
    unmount = filler.mountFillButton(found.inputs, {
      hostName: reply.hostName,
      label: browser.i18n.getMessage('fillButton'),
      choices: reply.choices,
      onActivate: async (accountId) => filler.deliverCode(await getCode(accountId), accountId, getCode, fill),
    });
  };

  watchForOtpPrompt(
    document,
    (found) => {
      unmount?.();
      unmount = undefined;
      prompt = found;
      offer(found).catch(() => {});
    },
    (gone) => {
      if (prompt !== gone) return;
      unmount?.();
      unmount = undefined;
      prompt = null;
      void ask({ type: 'prompt/gone' }).catch(() => {});
    },
  );

  browser.runtime.onMessage.addListener((message: FillCommand | RecheckCommand, sender, sendResponse) => {
    if (sender.id !== browser.runtime.id) return;
    // The vault changed: a field found before its account existed may now get a button.
    if (message?.type === 'prompt/recheck') {
      if (prompt && !unmount) offer(prompt).catch(() => {});
      return;
    }
    if (message?.type !== 'fill/code' || !/^[0-9A-Za-z][0-9A-Za-z -]{2,62}[0-9A-Za-z]$/.test(message.code))
      return;
    fill(message).then(sendResponse, () => sendResponse(false));
    return true;
  });
});
