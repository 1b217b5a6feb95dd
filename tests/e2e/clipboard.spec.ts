import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { addByUri, codesAround, MASTER_PASSWORD, setUpVault, shownCode } from './helpers';

// The e2e build reads recovery codes from a page without a toolbar click (activeTab).
test.use({ build: 'e2e' });

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;
/** Seconds; short so the test does not wait the default 30 s. The options page offers 15 s and up. */
const CLEAR_AFTER = 2;

test.beforeEach(async ({ context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
});

async function clearAfter(popup: Page, seconds: number): Promise<void> {
  const reply = await popup.evaluate((clipboardClearSeconds) => {
    const { runtime } = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return runtime.sendMessage({ type: 'options/settings/set', settings: { clipboardClearSeconds } });
  }, seconds);
  expect(reply).toMatchObject({ ok: true, settings: { clipboardClearSeconds: seconds } });
}

/** What a web page would paste, read where the user is working once the popup is gone. */
function clipboardOf(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test('a copied code is cleared after the chosen delay, after the popup has closed', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const site = await context.newPage();
  await site.goto(pageUrl('totp-login.html'));
  const popup = await openPopup(site);
  await setUpVault(popup);
  await addByUri(popup, URI, '127.0.0.1');
  await clearAfter(popup, CLEAR_AFTER);

  const row = popup.getByTestId('account-row');
  const code = await shownCode(row);
  await row.getByTestId('copy').click();
  await expect(popup.getByRole('status')).toContainText(
    'Code copied. Tessera empties the clipboard in 2 seconds',
  );
  // A toolbar popup closes as soon as the user clicks into the page to paste.
  await popup.close();
  await site.bringToFront();
  expect(await clipboardOf(site)).toBe(code);
  expect(await codesAround(SECRET)).toContain(code);

  await expect.poll(() => clipboardOf(site), { timeout: (CLEAR_AFTER + 5) * 1000 }).toBe('');
});

test('what the user copied meanwhile is left on the clipboard', async ({ context, pageUrl, openPopup }) => {
  const site = await context.newPage();
  await site.goto(pageUrl('totp-login.html'));
  const popup = await openPopup(site);
  await setUpVault(popup);
  await addByUri(popup, URI, '127.0.0.1');
  await clearAfter(popup, CLEAR_AFTER);

  await popup.getByTestId('account-row').getByTestId('copy').click();
  await expect(popup.getByRole('status')).toContainText(
    'Code copied. Tessera empties the clipboard in 2 seconds',
  );
  await popup.close();
  await site.bringToFront();
  await site.evaluate(() => navigator.clipboard.writeText('my shopping list'));

  // Past the delay (the background has had its turn), the user's own text is still there.
  await site.waitForTimeout((CLEAR_AFTER + 2) * 1000);
  expect(await clipboardOf(site)).toBe('my shopping list');
});

test('copied recovery codes are cleared too', async ({ context, pageUrl, openPopup }) => {
  const setup = await context.newPage();
  await setup.goto(pageUrl('recovery-codes.html'));
  let popup = await openPopup(setup);
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByTestId('recovery-from-page').click();
  await expect(popup.getByRole('status')).toContainText('Saved 10 recovery codes');
  await clearAfter(popup, CLEAR_AFTER);

  const login = await context.newPage();
  await login.goto(pageUrl('recovery-login.html'));
  popup = await openPopup(login);
  const key = popup.getByTestId('recovery-key');
  await key.getByTestId('recovery-show').click();
  await key.getByTestId('recovery-password').fill(MASTER_PASSWORD);
  await key.getByTestId('recovery-password').press('Enter');
  await expect(key.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await key.getByTestId('recovery-copy').click();
  await popup.close();
  await login.bringToFront();
  expect(await clipboardOf(login)).toContain('k7dq-2m9x');

  await expect.poll(() => clipboardOf(login), { timeout: (CLEAR_AFTER + 5) * 1000 }).toBe('');
});
