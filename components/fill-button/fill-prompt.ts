import { isFieldFillable } from '../../lib/fill/click-guard';
import { fillCode } from '../../lib/fill/fill-code';

/** What Tessera itself last typed into each box: the only non-empty value it may replace. */
const typedByUs = new WeakMap<HTMLInputElement, string>();

/**
 * Fills a prompt's boxes if they are still there, visible and empty (or hold only what Tessera typed there),
 * then submits when the account says so. Anything else in a box (a pairing code, what the user typed) stays.
 */
export function fillPrompt(inputs: HTMLInputElement[], code: string, submit: boolean): boolean {
  const live = inputs.filter((input) => input.isConnected);
  const untouched = live.every((i) => i.value === '' || i.value === typedByUs.get(i));
  const filled =
    live.length > 0 && untouched && live.every((i) => isFieldFillable(i).ok) && fillCode(live, code);
  if (filled) for (const i of live) typedByUs.set(i, i.value);
  if (filled && submit) live[0]?.form?.requestSubmit();
  return filled;
}
