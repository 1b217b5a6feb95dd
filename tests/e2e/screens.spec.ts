import { expect, test } from './fixtures';
import { MASTER_PASSWORD } from './helpers';

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
