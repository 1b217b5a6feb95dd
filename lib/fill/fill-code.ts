// Types a code the way frameworks expect: native value setter (so React's value tracker sees a change)
// plus the keyboard and input events their listeners wait for.

/** Fills `code` into one box, or one character per box of a split code; false if it cannot fit exactly. */
export function fillCode(inputs: HTMLInputElement[], code: string): boolean {
  const chars = [...code.replace(/\s/g, '')];
  const first = inputs[0];
  if (!first || chars.length === 0) return false;
  const split = inputs.length > 1;
  // Truncating a code only earns a "wrong code" error, so refuse instead.
  if (split ? inputs.length !== chars.length : first.maxLength >= 0 && first.maxLength < chars.length)
    return false;
  if (inputs.some((i) => i.disabled || i.readOnly)) return false;
  const parts = split ? chars : [chars.join('')];
  inputs.forEach((input, i) => {
    type(input, parts[i] ?? '');
  });
  (inputs[inputs.length - 1] as HTMLInputElement).blur();
  // Sites may reformat what was typed (adding spaces or dashes), and recovery codes carry dashes of their own.
  const bare = (text: string) => text.replace(/[\s-]/g, '');
  return inputs.every((input, i) => bare(input.value) === bare(parts[i] ?? ''));
}

function type(input: HTMLInputElement, text: string): void {
  const win = input.ownerDocument.defaultView;
  if (!win) return;
  // The prototype setter of the input's own window (iframes have their own), bypassing page overrides.
  const setValue = Object.getOwnPropertyDescriptor(win.HTMLInputElement.prototype, 'value')?.set;
  const init = { bubbles: true, cancelable: true, composed: true };
  input.focus();
  let typed = '';
  for (const ch of text) {
    const upper = ch.toUpperCase();
    // keyCode/which too: older OTP widgets still read them to accept digits and move focus.
    const keyCode = upper.charCodeAt(0);
    const key = {
      ...init,
      key: ch,
      code: /\d/.test(ch) ? `Digit${ch}` : `Key${upper}`,
      keyCode,
      which: keyCode,
    };
    input.dispatchEvent(new win.KeyboardEvent('keydown', key));
    input.dispatchEvent(new win.KeyboardEvent('keypress', key));
    typed += ch;
    setValue?.call(input, typed);
    input.dispatchEvent(new win.InputEvent('input', { ...init, inputType: 'insertText', data: ch }));
    input.dispatchEvent(new win.KeyboardEvent('keyup', key));
  }
  input.dispatchEvent(new win.Event('change', { bubbles: true }));
}
