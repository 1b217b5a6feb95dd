import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { addByUri, codesAround, setUpVault } from './helpers';

const SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const uriFor = (issuer: string) => `otpauth://totp/${issuer}:bob?secret=${SECRET}&issuer=${issuer}`;

/** Opens the popup for `page` with an account bound to 127.0.0.1 and presses "Fill on page" on it. */
async function fillFromPopup(page: Page, openPopup: (p?: Page) => Promise<Page>): Promise<Page> {
  const popup = await openPopup(page);
  await setUpVault(popup);
  await addByUri(popup, uriFor('Local'), '127.0.0.1');
  await popup.getByTestId('fill').click();
  await expect(popup.getByRole('status')).toContainText('filled');
  return popup;
}

test('a TOTP prompt on the account’s site gets the right code', async ({ context, pageUrl, openPopup }) => {
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  await fillFromPopup(page, openPopup);
  const value = await page.locator('#otp').inputValue();
  expect(await codesAround(SECRET)).toContain(value);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText(`submitted:${value}`);
});

test('the same prompt on another host gets nothing, and the popup offers no fill there', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html', 'localhost'));
  const popup = await openPopup(page);
  await setUpVault(popup);
  await addByUri(popup, uriFor('Local'), '127.0.0.1');
  await expect(popup.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'totp');
  await expect(popup.getByTestId('fill')).toHaveCount(0);
  // Even a direct request from the popup for this tab is refused: the frame is not on the account's site.
  const reply = await popup.evaluate(async () => {
    const { runtime } = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tabId = Number(new URLSearchParams(location.search).get('tab'));
    const list = await runtime.sendMessage({ type: 'accounts/list' });
    return runtime.sendMessage({ type: 'fill/tab', tabId, accountId: list.accounts[0].id });
  });
  expect(reply).toMatchObject({ ok: true, filled: false });
  await expect(page.locator('#otp')).toHaveValue('');
});

test('a React-controlled input ends up with the code in React’s state', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('react-otp.html'));
  await fillFromPopup(page, openPopup);
  const value = await page.locator('#code').inputValue();
  expect(await codesAround(SECRET)).toContain(value);
  await expect(page.locator('#state')).toHaveText(`state:${value}`);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('#result')).toHaveText(`submitted:${value}`);
});

test('a split six-box input gets one digit per box and the page’s script sees them all', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('split-otp.html'));
  await fillFromPopup(page, openPopup);
  const digits = await page
    .locator('.boxes input')
    .evaluateAll((boxes) => boxes.map((b) => (b as HTMLInputElement).value));
  expect(digits.every((d) => /^\d$/.test(d))).toBe(true);
  expect(await codesAround(SECRET)).toContain(digits.join(''));
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#result')).toHaveText(`submitted:${digits.join('')}`);
});
