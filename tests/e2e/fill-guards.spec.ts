import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import {
  addByUri,
  clickFillButton,
  codesAround,
  fillButtonHost,
  moveFieldOnNextMousedown,
  setUpVault,
} from './helpers';

// Issue 11: the button offers only real code prompts, follows its field and leaves with it, and refuses the
// clickjacking tricks seen against the first round of guards while an ordinary click still fills.

const SECRET = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';

async function vaultFor127(openPopup: () => Promise<Page>): Promise<Page> {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, `otpauth://totp/Local:erin?secret=${SECRET}&issuer=Local`, '127.0.0.1');
  return popup;
}

async function expectFilled(page: Page, selector = '#otp'): Promise<void> {
  await expect(page.locator(selector)).toHaveValue(/^\d{6}$/);
  expect(await codesAround(SECRET)).toContain(await page.locator(selector).inputValue());
}

test('a pre-filled pairing code and a field already typed in get no button and are never overwritten', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  for (const [file, selector, value] of [
    ['device-pairing.html', '#user_code', 'QPMX-BNVS'],
    ['typed-otp.html', '#otp', '2817'],
  ] as const) {
    const page = await context.newPage();
    await page.goto(pageUrl(file));
    await page.waitForTimeout(1200);
    await expect(fillButtonHost(page)).toHaveCount(0);
    // Nor does the popup's "Fill on page" or the keyboard shortcut put a code there.
    const popup = await openPopup(page);
    await expect(popup.getByTestId('account-row')).toBeVisible();
    if (await popup.getByTestId('fill').count()) await popup.getByTestId('fill').click();
    await page.keyboard.press('Alt+Shift+Y');
    await page.waitForTimeout(500);
    await expect(page.locator(selector)).toHaveValue(value);
  }
});

test('an opaque html::after overlay with pointer-events:none makes the click refused', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  await page.addStyleTag({
    content:
      'html::after{content:"";position:fixed;inset:0;background:#fff;pointer-events:none;z-index:2147483647}',
  });
  await clickFillButton(page);
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
  // The overlay gone, the same click fills.
  await page.addStyleTag({ content: 'html::after{display:none}' });
  await clickFillButton(page);
  await expectFilled(page);
});

test('mix-blend-mode put on the button host makes the click refused', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  await expect(fillButtonHost(page)).toBeVisible();
  // The page finds the host as <html>'s last child and blends it into a background of its own colour.
  await page.evaluate(() => {
    document.documentElement.style.background = '#4338ca';
    (document.documentElement.lastElementChild as HTMLElement).style.setProperty(
      'mix-blend-mode',
      'difference',
      'important',
    );
  });
  await clickFillButton(page);
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
  // Tessera put its styles back after the refusal: an ordinary click now fills.
  await clickFillButton(page);
  await expectFilled(page);
});

test('a button moved under the pointer ~120 ms before the second click of a double-click is refused', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  const host = fillButtonHost(page);
  await expect(host).toBeVisible();
  await page.waitForTimeout(700);
  const box = await host.boundingBox();
  if (!box) throw new Error('no button');
  // The lure: "double-click here", 200 px below the button; the first click moves the field up there.
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2 + 200;
  await moveFieldOnNextMousedown(page, 200);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.up();
  await page.waitForTimeout(120);
  await page.mouse.down({ clickCount: 2 });
  await page.mouse.up({ clickCount: 2 });
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
  // Left in place, the button takes an ordinary click.
  await clickFillButton(page);
  await expectFilled(page);
});

test.describe('in a frame of another site', () => {
  test.use({ build: 'e2e' });

  test('a sign-in frame made transparent by another site gets no button; the popup names both sites and still fills', async ({
    context,
    pageUrl,
    openPopup,
  }) => {
    await vaultFor127(openPopup);
    const page = await context.newPage();
    await page.goto(
      `${pageUrl('framing-page.html', 'localhost')}?src=${encodeURIComponent(pageUrl('totp-login.html'))}`,
    );
    const frame = page.frameLocator('#victim');
    await expect(frame.locator('#otp')).toBeAttached();
    await page.waitForTimeout(1500);
    const victim = page.frames().find((f) => f.url().includes('totp-login'));
    if (!victim) throw new Error('no frame');
    await expect(fillButtonHost(victim)).toHaveCount(0);
    // Clicking where a button would be does nothing either.
    const field = await frame.locator('#otp').boundingBox();
    if (field) await page.mouse.click(field.x + field.width - 15, field.y + field.height / 2);
    await expect(frame.locator('#otp')).toHaveValue('');

    const popup = await openPopup(page);
    await expect(popup.getByTestId('tab-prompt-frame')).toContainText('127.0.0.1');
    await expect(popup.getByTestId('tab-prompt-frame')).toContainText('localhost');
    await popup.getByTestId('fill').click();
    await expect(frame.locator('#otp')).toHaveValue(/^\d{6}$/);
  });
});

test('a button on a field in a dialog that slides in sits on the field and fills on the first click', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('sliding-dialog.html'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  const host = fillButtonHost(page);
  await expect(host).toBeVisible();
  await page.waitForTimeout(700);
  const field = await page.locator('#otp').boundingBox();
  const box = await host.boundingBox();
  if (!field || !box) throw new Error('no box');
  // On the field's right edge, vertically centred, once the dialog has stopped moving.
  expect(Math.abs(box.x + box.width + 4 - (field.x + field.width))).toBeLessThanOrEqual(1.5);
  expect(Math.abs(box.y + box.height / 2 - (field.y + field.height / 2))).toBeLessThanOrEqual(1.5);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expectFilled(page);
});

test('no button outlives its field when the dialog closes; opened again, the field gets it back', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('sliding-dialog.html'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(fillButtonHost(page)).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(fillButtonHost(page)).toHaveCount(0);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(fillButtonHost(page)).toBeVisible();
});

test('no button outlives its field after a client-side route change, and the popup forgets the prompt', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultFor127(openPopup);
  const page = await context.newPage();
  await page.goto(pageUrl('spa-route.html'));
  await expect(fillButtonHost(page)).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('#email')).toBeVisible();
  await expect(fillButtonHost(page)).toHaveCount(0);
  const popup = await openPopup(page);
  await expect(popup.getByTestId('account-row')).toBeVisible();
  await expect(popup.getByTestId('tab-prompt')).toHaveCount(0);
});

test('a field found before its account existed gets its button once the account is added', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  await page.waitForTimeout(1000);
  await expect(fillButtonHost(page)).toHaveCount(0);
  await vaultFor127(openPopup);
  await clickFillButton(page);
  await expectFilled(page);
});
