import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import type { OtpPrompt } from '../lib/detect/types';
import { watchForOtpPrompt } from '../lib/detect/watch';
import { isFieldFillable } from '../lib/fill/click-guard';
import { fillCode } from '../lib/fill/fill-code';
import type { ContentRequest, FillCommand } from '../lib/messages';

// The content script of every frame of every page (declared in wxt.config.ts, not through WXT's content-script
// wrapper, which announces itself to the page with DOM events and costs 2.5 KB). It only looks for a 2FA
// prompt and tells the background its kind. Codes arrive only after a gesture in Tessera's own UI, and only
// for this frame's site, which the background reads from the browser, not from us.
export default defineUnlistedScript(() => {
  let prompt: OtpPrompt | null = null;

  watchForOtpPrompt(document, (found) => {
    prompt = found;
    const request: ContentRequest = { type: 'prompt/found', kind: found.kind };
    browser.runtime.sendMessage(request).catch(() => {});
  });

  browser.runtime.onMessage.addListener((message: FillCommand, sender, sendResponse) => {
    if (
      sender.id !== browser.runtime.id ||
      message?.type !== 'fill/code' ||
      !/^[0-9A-Z]{4,10}$/.test(message.code)
    ) {
      return;
    }
    const inputs = prompt?.inputs.filter((input) => input.isConnected) ?? [];
    const filled = inputs.length > 0 && inputs.every(isFieldFillable) && fillCode(inputs, message.code);
    if (filled && message.submit) inputs[0]?.form?.requestSubmit();
    sendResponse(filled);
  });
});
