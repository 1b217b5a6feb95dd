// @vitest-environment happy-dom
import { expect, it } from 'vitest';
import { recoveryKeyView } from '../../portal/views/security';
import { SCRIPT } from '../../portal/views/style';

it('the Copy button puts the recovery key on the clipboard', async () => {
  document.body.innerHTML = recoveryKeyView('ABCD-EFGH', 'Two-factor authentication is on.').value;
  new Function(SCRIPT)();
  const button = document.querySelector<HTMLButtonElement>('button[data-copy]');
  button?.click();
  await new Promise((resolve) => setTimeout(resolve, 10));
  expect(await navigator.clipboard.readText()).toBe('ABCD-EFGH');
  expect(button?.textContent).toBe('Copied');
});
