import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { OtpPrompt } from '../lib/detect/types';
import { watchForOtpPrompt } from '../lib/detect/watch';
import type { ContentRequest, FillCode, FillCommand, Reply } from '../lib/messages';
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

  const showButton = async (found: OtpPrompt, choices: { id: string; name: string }[]) => {
    const [first] = found.inputs;
    if (!first) return;
    const filler = await loadFiller();
    unmount?.();
    unmount = filler.mountFillButton(first, {
      label: browser.i18n.getMessage('fillButton'),
      choices,
      onActivate: async (accountId) => filler.deliverCode(await getCode(accountId), accountId, getCode, fill),
    });
  };

  watchForOtpPrompt(document, async (found) => {
    prompt = found;
    const reply = await ask({ type: 'prompt/found', kind: found.kind }).catch(() => null);
    if (!reply?.ok || (found.kind !== 'totp' && found.kind !== 'unknown')) return;
    const { offer } = reply;
    if (offer && found.inputs[0]) {
      const filler = await loadFiller();
      unmount?.();
      unmount = filler.mountBindOffer(found.inputs[0], {
        ...offer,
        onConfirm: async (accountId) =>
          filler.deliverCode(
            await ask({ type: 'bind/frame', accountId, site: offer.site }),
            accountId,
            getCode,
            fill,
          ),
      });
      return;
    }
    if (reply.choices.length === 0) return;
    if (reply.autoFill && (await fill(reply.autoFill))) return;
    await showButton(found, reply.choices).catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: FillCommand, sender, sendResponse) => {
    if (
      sender.id !== browser.runtime.id ||
      message?.type !== 'fill/code' ||
      !/^[0-9A-Za-z][0-9A-Za-z -]{2,62}[0-9A-Za-z]$/.test(message.code)
    ) {
      return;
    }
    fill(message).then(sendResponse, () => sendResponse(false));
    return true;
  });
});
