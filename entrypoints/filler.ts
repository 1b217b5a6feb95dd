import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { mountBindOffer } from '../components/fill-button/bind-offer';
import { deliverCode } from '../components/fill-button/deliver-code';
import { fillPrompt } from '../components/fill-button/fill-prompt';
import { mountFillButton } from '../components/fill-button/mount-fill-button';

/** What the lazily loaded filler offers the detector. */
export interface Filler {
  fillPrompt: typeof fillPrompt;
  mountFillButton: typeof mountFillButton;
  mountBindOffer: typeof mountBindOffer;
  deliverCode: typeof deliverCode;
}

// Loaded by the detector with a dynamic import only when a code is about to be filled or a fill button is
// needed, so the script on every page stays small. It runs in the content script's isolated world: the page
// cannot see this global.
export default defineUnlistedScript(() => {
  const filler: Filler = { fillPrompt, mountFillButton, mountBindOffer, deliverCode };
  Object.assign(globalThis, { tesseraFiller: filler });
});
