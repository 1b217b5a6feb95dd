import { isFieldFillable } from '../../lib/fill/click-guard';
import { fillCode } from '../../lib/fill/fill-code';

/** Fills a prompt's boxes if they are still there and visible, then submits when the account says so. */
export function fillPrompt(inputs: HTMLInputElement[], code: string, submit: boolean): boolean {
  const live = inputs.filter((input) => input.isConnected);
  const filled = live.length > 0 && live.every((i) => isFieldFillable(i).ok) && fillCode(live, code);
  if (filled && submit) live[0]?.form?.requestSubmit();
  return filled;
}
