// Signals combined into one score: no single rule decides, except plain "this is something else".

import { contextText, ownText, referencedText } from './field-text';
import { commonAncestor } from './split-boxes';
import type { Evidence } from './types';
import {
  ATTR_NEVER,
  ATTR_OTHER,
  ATTR_OTP,
  ATTR_WEAK,
  attrWords,
  CONTEXT_NEVER,
  CONTEXT_SIGN_IN,
  TEXT_NEVER,
  TEXT_OTHER,
  TEXT_OTP,
  TEXT_WEAK,
} from './words';

/** Minimum score for a field (or a run of split boxes) to count as a code prompt. */
export const THRESHOLD = 6;
const CONTEXT_BONUS = 4;

const CAPTCHA_IMAGE = /captcha|verif|code/i;

/** A captcha is a code field next to the picture of its code ("验证码" alone names both). */
function besideCaptcha(input: Element): boolean {
  for (const pic of input.parentElement?.parentElement?.querySelectorAll('img,canvas') ?? [])
    if (
      pic.localName === 'canvas' ||
      CAPTCHA_IMAGE.test(`${pic.getAttribute('src')} ${pic.getAttribute('alt')} ${pic.className}`)
    )
      return true;
  return false;
}

/** Scores `run` (one field, or the boxes of a split code) as a code prompt; null when it cannot be one. */
export function scorePrompt(run: HTMLInputElement[]): { score: number; evidence: Evidence } | null {
  const first = run[0];
  if (!first) return null;
  const split = run.length > 1;
  const anchor = split ? commonAncestor(run) : first;
  const ac = (first.getAttribute('autocomplete') ?? '').toLowerCase();
  const otc = ac.includes('one-time-code');
  const attrs = attrWords(`${first.name} ${first.id} ${otc ? '' : ac} ${split ? anchor.id : ''}`);
  const classText = `${first.getAttribute('class') ?? ''} ${split ? (anchor.getAttribute('class') ?? '') : ''}`;
  const classes = classText.trim() ? attrWords(classText) : '';
  const own = `${ownText(first)} ${split ? (anchor.getAttribute('aria-label') ?? '').toLowerCase() : ''}`;

  // The site's own autocomplete token outranks every guess we could make from words.
  if (
    !otc &&
    (ATTR_NEVER.test(attrs) ||
      (ATTR_OTHER.test(attrs) && !ATTR_OTP.test(attrs) && !ATTR_WEAK.test(attrs)) ||
      TEXT_NEVER.test(own) ||
      (TEXT_OTHER.test(own) && !TEXT_OTP.test(own) && !TEXT_WEAK.test(own)))
  )
    return null;

  let score = otc ? 10 : 0;
  const named = (ATTR_OTP.test(attrs) ? 6 : ATTR_OTP.test(classes) ? 3 : 0) + (TEXT_OTP.test(own) ? 6 : 0);
  // A bare "code" or "PIN" counts once, whether in the name or the label: it is one piece of evidence.
  score += named || (ATTR_WEAK.test(attrs) || TEXT_WEAK.test(own) ? 2 : 0);
  const numericKeys = first.inputMode === 'numeric' || first.type === 'tel' || first.type === 'number';
  // The pattern attribute's own text, e.g. `[0-9]{6}` or `\d*`.
  const digitPattern = /\\d|0-9/.test(first.pattern);
  score += Number(numericKeys) + Number(digitPattern);
  const max = first.maxLength;
  score += split ? 3 : max >= 6 && max <= 8 ? 2 : max >= 4 && max <= 10 ? 1 : 0;

  // Page text adds at most CONTEXT_BONUS, so skip reading it for fields that cannot reach the threshold
  // (and the captcha look-up, a subtree query).
  if (score + CONTEXT_BONUS < THRESHOLD || (!otc && !split && besideCaptcha(first))) return null;
  // Help text (aria-describedby) is the nearest context, but not the field's name: it may say anything.
  const context = [referencedText(first, 'aria-describedby'), ...contextText(anchor)];
  const around = context.join(' ');
  // A digits-only box named just "security code" is a sign-in code on a sign-in page (and a CVV at a checkout).
  if (TEXT_OTP.test(around) || ((numericKeys || digitPattern) && named === 0 && CONTEXT_SIGN_IN.test(around)))
    score += CONTEXT_BONUS;
  if (CONTEXT_NEVER.test(around)) score -= 6;
  const letters = !split && !numericKeys && !digitPattern && max >= 8 && max <= 10;
  return { score, evidence: { attrs, own, context, letters } };
}
