import { expect, test } from './fixtures';
import { addByUri, MASTER_PASSWORD, setUpVault } from './helpers';

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example';

test.describe('the master password form', () => {
  test('shows no error before the user has typed, and says "too short" once they leave the field', async ({
    openPopup,
  }) => {
    const popup = await openPopup();
    await expect(popup.getByTestId('setup-password')).toBeFocused();
    await expect(popup.locator('.error')).toHaveCount(0);
    await expect(popup.getByTestId('setup-password')).not.toHaveAttribute('aria-invalid', 'true');

    await popup.getByTestId('setup-password').fill('kurz');
    await expect(popup.locator('#setup-password-strength')).not.toHaveClass(/strength-too-short/);
    await popup.getByTestId('setup-confirm').focus();
    await expect(popup.locator('#setup-password-strength')).toHaveClass(/strength-too-short/);
    await expect(popup.getByTestId('setup-password')).toHaveAttribute('aria-invalid', 'true');
    // Nothing typed in the confirmation yet: no mismatch is claimed.
    await expect(popup.getByTestId('password-mismatch')).toHaveCount(0);
  });

  test('the Show toggle reveals what was typed and hides it again', async ({ openPopup }) => {
    const popup = await openPopup();
    const field = popup.getByTestId('setup-password');
    await field.fill('correct horse');
    const toggle = popup.getByTestId('show-password').first();
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await toggle.click();
    await expect(field).toHaveAttribute('type', 'text');
    await expect(field).toHaveValue('correct horse');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');
    await toggle.click();
    await expect(field).toHaveAttribute('type', 'password');
  });

  test('a weak password is accepted only after "Use it anyway"', async ({ openPopup }) => {
    const popup = await openPopup();
    await popup.getByTestId('setup-password').fill('password');
    await popup.getByTestId('setup-confirm').fill('password');
    await popup.getByTestId('setup-submit').click();
    // Still on the form, with the choice marked as what stops it.
    await expect(popup.getByRole('heading', { name: 'Create your Tessera vault' })).toBeVisible();
    const accept = popup.getByTestId('weak-password-accept');
    await expect(accept).toBeVisible();
    await accept.check();
    await popup.getByTestId('setup-submit').click();
    await expect(popup.getByRole('heading', { name: 'Add an account' })).toBeVisible();
  });

  test('the confirmation mismatch appears after typing in it, and submitting reveals it', async ({
    openPopup,
  }) => {
    const popup = await openPopup();
    await popup.getByTestId('setup-password').fill(MASTER_PASSWORD);
    await popup.getByTestId('setup-confirm').fill('correct');
    await expect(popup.getByTestId('password-mismatch')).toHaveCount(0);
    await popup.getByTestId('setup-submit').click();
    await expect(popup.getByTestId('password-mismatch')).toBeVisible();
    await popup.getByTestId('setup-confirm').fill(MASTER_PASSWORD);
    await expect(popup.getByTestId('password-mismatch')).toHaveCount(0);
  });
});

test('an empty vault offers Scan and Add as buttons', async ({ openPopup }) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  const empty = popup.getByTestId('empty-vault');
  await expect(empty).toBeVisible();
  await expect(empty).not.toContainText('“Add”');
  await expect(empty.getByTestId('empty-scan')).toBeVisible();
  await empty.getByTestId('empty-add').click();
  await expect(popup.getByTestId('add-uri')).toBeVisible();
});

test('"Account added." stays on the list, floats over it, and is gone once the user moves on', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  const notice = popup.getByTestId('popup-notices').getByRole('status');
  await expect(notice).toHaveText('1 account added.');
  // The notice overlays the popup rather than taking a place in the page flow above the rows.
  await expect(popup.getByTestId('popup-notices')).toHaveCSS('position', 'fixed');

  await popup.getByTestId('add-account').click();
  await expect(popup.getByText('1 account added.')).toHaveCount(0);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);
  await expect(popup.getByText('1 account added.')).toHaveCount(0);
});
