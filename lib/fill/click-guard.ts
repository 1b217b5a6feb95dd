// Checks against DOM-based extension clickjacking (security.md §4.5): a fill must follow a real,
// visible click on our own UI, and go into a field the user can see.

import { concealment } from './concealment';
import { coveringOverlay, coveringPseudo } from './overlay';

/** Outcome of a guard: ok, or the reason to refuse, worded for a log or a notice. */
export type GuardVerdict = { ok: true } | { ok: false; reason: string };

const refuse = (reason: string): GuardVerdict => ({ ok: false, reason });

/** Whether `event` is a genuine primary click on `target` as the user sees it, not a lure. */
export function isClickTrustworthy(event: MouseEvent, target: Element): GuardVerdict {
  if (!event.isTrusted) return refuse('The click was made by the page, not by you.');
  if (event.button !== 0) return refuse('Only a primary-button click fills a code.');
  const win = target.ownerDocument.defaultView;
  const { clientX: x, clientY: y } = event;
  if (!win || x < 0 || y < 0 || x >= win.innerWidth || y >= win.innerHeight)
    return refuse('The click was outside the visible page.');
  const r = target.getBoundingClientRect();
  if (r.width > 0 && (x < r.left || x > r.right || y < r.top || y > r.bottom))
    return refuse('The click was not on the fill button.');
  // Something drawn over our button (an overlay, a popover) would be first here.
  // A shadow root answers with its own elements, so a button in a closed root can still be checked.
  const root = target.getRootNode() as Partial<DocumentOrShadowRoot>;
  const top = (root.elementsFromPoint ? root : target.ownerDocument).elementsFromPoint?.(x, y)[0];
  if (!top || (top !== target && !target.contains(top)) || coveringOverlay(target, x, y))
    return refuse('Something covered the fill button when you clicked.');
  const pseudo = coveringPseudo(target, x, y);
  if (pseudo) return refuse(`Something covered the fill button when you clicked (${pseudo}).`);
  const hidden = concealment(target);
  return hidden ? refuse(`The fill button was not fully visible: ${hidden}.`) : { ok: true };
}

/** Whether `input` is a field the user can see and type in, so a code never lands in a hidden trap. */
export function isFieldFillable(input: HTMLInputElement): GuardVerdict {
  if (input.disabled || input.readOnly) return refuse('The code field is disabled or read-only.');
  const hidden = concealment(input);
  if (hidden) return refuse(`The code field is not fully visible: ${hidden}.`);
  const win = input.ownerDocument.defaultView;
  const r = input.getBoundingClientRect();
  // Beyond the page's top or left edge no scrolling reveals it; below the fold is fine.
  if (win && r.width > 0 && (r.right + win.scrollX <= 0 || r.bottom + win.scrollY <= 0))
    return refuse('The code field is placed off-screen.');
  return { ok: true };
}
