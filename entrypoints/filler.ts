import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountBindOffer } from '../components/fill-button/bind-offer';
import { deliverCode } from '../components/fill-button/deliver-code';
import { fillPrompt } from '../components/fill-button/fill-prompt';
import { mountFillButton } from '../components/fill-button/mount-fill-button';
import { classifyKind } from '../lib/detect/classify-kind';

/** What the lazily loaded filler offers the detector. */
export interface Filler {
  classifyKind: typeof classifyKind;
  fillPrompt: typeof fillPrompt;
  mountFillButton: typeof mountFillButton;
  mountBindOffer: typeof mountBindOffer;
  deliverCode: typeof deliverCode;
}

// Loaded by the detector with a dynamic import once a code prompt is found (to tell its kind: the word lists
// are large), and used to fill, to draw the fill button and to offer binding, so the script on every page
// stays small. It runs in the content script's isolated world: the page cannot see this global.
export default defineUnlistedScript(() => {
  const filler: Filler = { classifyKind, fillPrompt, mountFillButton, mountBindOffer, deliverCode };
  Object.assign(globalThis, { tesseraFiller: filler });
});
