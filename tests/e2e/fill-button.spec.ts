import type { BrowserContext, Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { addByUri, clickFillButton, codesAround, fillButtonHost, setUpVault } from './helpers';

const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

/** Sets up a vault with one account for 127.0.0.1, then opens `path` so its prompt is seen with the account present. */
async function pageWithAccount(
  context: BrowserContext,
  openPopup: () => Promise<Page>,
  url: string,
): Promise<Page> {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, `otpauth://totp/Local:erin?secret=${SECRET}&issuer=Local`, '127.0.0.1');
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

test('the button drawn next to the code field fills the right code on a click', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await pageWithAccount(context, () => openPopup(), pageUrl('totp-login.html'));
  await clickFillButton(page);
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect(await codesAround(SECRET)).toContain(await page.locator('#otp').inputValue());
});

test('no button and no code on another host with the same markup', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await pageWithAccount(context, () => openPopup(), pageUrl('totp-login.html', 'localhost'));
  await page.waitForTimeout(1000);
  await expect(fillButtonHost(page)).toHaveCount(0);
  await expect(page.locator('#otp')).toHaveValue('');
});

test('a page that makes itself nearly transparent to lure a click gets no code', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await pageWithAccount(context, () => openPopup(), pageUrl('totp-login.html'));
  await expect(fillButtonHost(page)).toBeAttached();
  await page.evaluate(() => {
    document.documentElement.style.opacity = '0.1';
  });
  await clickFillButton(page);
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
});

test('a click made by page script is ignored', async ({ context, pageUrl, openPopup }) => {
  const page = await pageWithAccount(context, () => openPopup(), pageUrl('totp-login.html'));
  await expect(fillButtonHost(page)).toBeAttached();
  const box = await fillButtonHost(page).boundingBox();
  // The page cannot reach into the closed shadow root; its best try is a synthetic click where the button is.
  await page.evaluate(
    ({ x, y }) => {
      const target = document.elementFromPoint(x, y);
      target?.dispatchEvent(
        new MouseEvent('click', { bubbles: true, composed: true, clientX: x, clientY: y }),
      );
    },
    { x: (box?.x ?? 0) + 5, y: (box?.y ?? 0) + 5 },
  );
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
});
