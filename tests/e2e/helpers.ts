import { createGuardrails, generate } from 'otplib';
import type { Frame, Locator, Page } from 'playwright/test';
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

/**
 * Adds an account by pasting its otpauth URI in the popup, bound to `site`; `onConfirmCard` runs while the
 * card that asks to confirm the new account is shown.
 */
export async function addByUri(
  popup: Page,
  uri: string,
  site: string,
  onConfirmCard?: () => Promise<void>,
): Promise<void> {
  if (await popup.getByTestId('add-account').isVisible()) await popup.getByTestId('add-account').click();
  await popup.getByTestId('add-uri').fill(uri);
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('enroll-site')).toBeVisible();
  await onConfirmCard?.();
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

/**
 * Tessera's fill button host in `page`: its tag is random per install, so it is found as the custom element
 * Tessera appends to <html> (pages under tests/e2e/pages add none there).
 */
export const fillButtonHost = (page: Page | Frame) =>
  page.locator('xpath=/html/*[contains(local-name(), "-")]');

/** Clicks the middle of the fill button once it has been in place long enough for a click to count. */
export async function clickFillButton(page: Page, frame: Page | Frame = page): Promise<void> {
  const host = fillButtonHost(frame);
  await expect(host).toBeVisible();
  // A click counts only on a button visible and unmoved for 500 ms.
  await page.waitForTimeout(700);
  const box = await host.boundingBox();
  if (!box) throw new Error('the fill button has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/**
 * The lure of a "double-click here": the page's next mousedown moves the code field `px` pixels down, taking
 * Tessera's button (and anything it shows) under the pointer for the second click.
 */
export async function moveFieldOnNextMousedown(page: Page, px: number): Promise<void> {
  await page.evaluate((top) => {
    document.addEventListener(
      'mousedown',
      () => {
        const otp = document.getElementById('otp') as HTMLElement;
        otp.style.position = 'relative';
        otp.style.top = `${top}px`;
      },
      { once: true },
    );
  }, px);
}
