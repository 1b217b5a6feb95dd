import { expect, test } from './fixtures';

test('the content script reports a code prompt to the background, and the popup shows it', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));

  const popup = await openPopup(page);
  // A new profile has no vault: the popup asks for a master password first.
  await popup.getByTestId('setup-password').fill('correct horse battery staple');
  await popup.getByTestId('setup-confirm').fill('correct horse battery staple');
  await popup.getByTestId('setup-submit').click();

  // First run goes on to adding a first account; back on the list, the popup says what the page asks for,
  // as the content script reported it to the background.
  await expect(popup.getByRole('heading', { name: 'Add an account' })).toBeVisible();
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'totp');
  await expect(popup.getByTestId('tab-prompt')).toContainText('authenticator code');
});

test('the popup renders its first-run form with the extension’s own strings', async ({ openPopup }) => {
  const popup = await openPopup();
  await expect(popup.getByRole('heading', { name: 'Create your Tessera vault' })).toBeVisible();
  await expect(popup.locator('#setup-password-strength')).toHaveText(/Use at least 8 characters/);
});
