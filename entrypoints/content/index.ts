import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import type { OtpPrompt } from '../../lib/detect/types';
import { watchForOtpPrompt } from '../../lib/detect/watch';
import { isFieldFillable } from '../../lib/fill/click-guard';
import { fillCode } from '../../lib/fill/fill-code';
import type { ContentRequest, FillCommand } from '../../lib/messages';

// Runs in every frame of every page: it only looks for a 2FA prompt and, when one appears, tells the
// background its kind. Codes arrive only on request from Tessera's own UI (a user gesture), and only for this
// frame's site, which the background reads from the browser, not from us.
export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main(ctx) {
    let prompt: OtpPrompt | null = null;

    const stop = watchForOtpPrompt(document, (found) => {
      prompt = found;
      const request: ContentRequest = { type: 'prompt/found', kind: found.kind };
      browser.runtime.sendMessage(request).catch(() => {});
    });
    ctx.onInvalidated(stop);

    browser.runtime.onMessage.addListener((message: FillCommand, sender, sendResponse) => {
      if (
        sender.id !== browser.runtime.id ||
        message?.type !== 'fill/code' ||
        !/^[0-9A-Z]{4,10}$/.test(message.code)
      ) {
        return;
      }
      const inputs = prompt?.inputs.filter((input) => input.isConnected) ?? [];
      sendResponse(inputs.length > 0 && inputs.every(isFieldFillable) && fillCode(inputs, message.code));
    });
  },
});
