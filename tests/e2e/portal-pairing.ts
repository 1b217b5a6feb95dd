import type { BrowserContext, Page } from 'playwright/test';
import { expect } from './fixtures';
import { setUpVault } from './helpers';

/** Opens the popup on `page`, creates the vault and returns to the account list. */
export async function popupWithVault(openPopup: (p?: Page) => Promise<Page>, page: Page): Promise<Page> {
  const popup = await openPopup(page);
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  return popup;
}

/**
 * "Connect this account" in the popup; on the portal's approval page (opened without the code) the user types
 * the code the popup shows, checks who asks, and allows with the portal user's
 * `password`; then opens "Security".
 */
export async function connect(context: BrowserContext, popup: Page, password: string): Promise<void> {
  const approval = context.waitForEvent('page');
  await popup.getByTestId('portal-connect').click();
  const device = await approval;
  await expect(device).toHaveURL(/\/device$/);
  const userCode = (await popup.getByTestId('portal-user-code').textContent()) ?? '';
  expect(userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
  await expect(device.getByLabel('Code shown in Tessera')).toHaveValue('');
  await device.getByLabel('Code shown in Tessera').fill(userCode);
  await device.getByRole('button', { name: 'Continue' }).click();
  await expect(device.getByText('Tessera asks to manage your two-factor settings')).toBeVisible();
  await expect(device.getByText('(the address you are using now)')).toBeVisible();
  await device.getByLabel('Your password, to confirm it is you').fill(password);
  await device.getByRole('button', { name: 'Allow' }).click();
  await expect(device.getByText('Tessera is connected')).toBeVisible();
  await device.close();
  await popup.bringToFront();
  await expect(popup.getByTestId('portal-open-security')).toBeVisible({ timeout: 20_000 });
  await popup.getByTestId('portal-open-security').click();
  await expect(popup.getByTestId('security-status')).toBeVisible();
}
