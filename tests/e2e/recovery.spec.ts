import { expect, test } from './fixtures';
import { setUpVault } from './helpers';

test.use({ build: 'e2e' });

test('recovery codes saved from the setup page are offered on the recovery prompt, once each', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const setup = await context.newPage();
  await setup.goto(pageUrl('recovery-codes.html'));
  let popup = await openPopup(setup);
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByTestId('recovery-from-page').click();
  await expect(popup.getByRole('status')).toContainText('Saved 10 recovery codes for 127.0.0.1');

  const login = await context.newPage();
  await login.goto(pageUrl('recovery-login.html'));
  popup = await openPopup(login);
  await expect(popup.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'recovery');
  const key = popup.getByTestId('recovery-key');
  await expect(key).toContainText('10 of 10 codes left');
  // Filling spends a single-use code, so it takes a second, confirming click.
  await key.getByTestId('recovery-fill').click();
  await key.getByTestId('recovery-fill').click();
  await expect(login.locator('#recovery_code')).toHaveValue('k7dq-2m9x');
  await expect(popup.locator('body')).toContainText('Recovery code filled');
  await expect(key).toContainText('9 of 10 codes left');

  // The codes are shown only after the master password, with the used one marked.
  await key.getByTestId('recovery-show').click();
  await key.getByTestId('recovery-password').fill('wrong password here');
  await key.getByTestId('recovery-password').press('Enter');
  await expect(popup.getByRole('alert')).toContainText('password');
  await key.getByTestId('recovery-password').fill('correct horse battery staple');
  await key.getByTestId('recovery-password').press('Enter');
  const codes = key.getByTestId('recovery-codes').locator('li');
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveClass(/used/);
  await expect(codes.nth(1)).not.toHaveClass(/used/);
});
