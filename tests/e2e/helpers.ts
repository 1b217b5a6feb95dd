import { createGuardrails, generate } from 'otplib';
import type { Locator, Page } from 'playwright/test';
import { expect } from './fixtures';

export const MASTER_PASSWORD = 'correct horse battery staple';

/** Fills and submits the first-run form (popup or options page), by default with the test master password. */
export async function submitSetupForm(page: Page, password = MASTER_PASSWORD): Promise<void> {
  await page.getByTestId('setup-password').fill(password);
  await page.getByTestId('setup-confirm').fill(password);
  await page.getByTestId('setup-submit').click();
}

/** Creates the vault from a popup showing the first-run form, and leaves it on the account list. */
export async function setUpVault(popup: Page): Promise<void> {
  await submitSetupForm(popup);
  await expect(popup.getByRole('heading', { name: 'Add an account' })).toBeVisible();
}

/** Adds an account by pasting its otpauth URI in the popup, bound to `site`. */
export async function addByUri(popup: Page, uri: string, site: string): Promise<void> {
  if (await popup.getByTestId('add-account').isVisible()) await popup.getByTestId('add-account').click();
  await popup.getByTestId('add-uri').fill(uri);
  await popup.getByTestId('add-preview').click();
  await popup.getByTestId('enroll-site').fill(site);
  await popup.getByTestId('enroll-add').click();
  await expect(popup.getByTestId('account-row').first()).toBeVisible();
}

/** The code an account row shows, once the background has sent it (digits only). */
export async function shownCode(row: Locator | Page): Promise<string> {
  const code = row.getByTestId('code');
  await expect(code).toHaveText(/^[0-9 ]{6,}$/);
  return ((await code.textContent()) ?? '').replace(/\s/g, '');
}

/** The codes otplib computes for a secret now and one period before and after (a test may straddle a boundary). */
export async function codesAround(secret: string, digits = 6, period = 30): Promise<string[]> {
  const now = Math.floor(Date.now() / 1000);
  const guardrails = createGuardrails({ MIN_SECRET_BYTES: 10 });
  return Promise.all(
    [-period, 0, period].map((offset) =>
      generate({ secret, digits, period, epoch: now + offset, guardrails }),
    ),
  );
}
