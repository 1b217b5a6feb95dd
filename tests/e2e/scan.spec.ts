import { expect, test } from './fixtures';
import { ENROLL_SECRET } from './global-setup';
import { codesAround, setUpVault, shownCode } from './helpers';

test.use({ build: 'e2e' });

for (const [page, how] of [
  ['enroll.html', 'an <img> at its native size'],
  ['enroll-scaled.html', 'an <img> scaled down by CSS'],
] as const) {
  test(`"Scan this page" adds the account from ${how}, bound to the page's site`, async ({
    context,
    pageUrl,
    openPopup,
  }) => {
    const site = await context.newPage();
    await site.goto(pageUrl(page));
    const popup = await openPopup(site);
    await setUpVault(popup);
    await popup.getByRole('button', { name: 'Cancel' }).click();

    await popup.getByTestId('scan').click();
    const card = popup.getByTestId('enroll-card');
    await expect(card.getByTestId('enroll-issuer')).toHaveText('Acme Corp');
    await expect(card.getByTestId('enroll-label')).toHaveText('dana@acme.test');
    await expect(card.getByTestId('enroll-site')).toHaveValue('127.0.0.1');
    expect(await codesAround(ENROLL_SECRET)).toContain(await card.getByTestId('enroll-code').textContent());
    await card.getByTestId('enroll-add').click();

    const row = popup.getByTestId('account-row');
    await expect(row).toContainText('Acme Corp');
    const shown = await shownCode(row);
    expect(await codesAround(ENROLL_SECRET)).toContain(shown);

    // The enrollment page's own "verify" box can be filled from the new account right away.
    await row.getByTestId('fill').click();
    await expect(site.locator('#code')).toHaveValue(/^\d{6}$/);
  });
}

test('a QR code that is not a setup code is named as such', async ({ context, pageUrl, openPopup }) => {
  const site = await context.newPage();
  await site.goto(pageUrl('not-setup-qr.html'));
  const popup = await openPopup(site);
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByTestId('scan').click();
  await expect(popup.getByTestId('popup-error')).toContainText('not an authenticator setup code');
  await expect(popup.getByTestId('popup-error')).toContainText('https://apps.example.com/acme');
});

test('a page without any QR code says what to try', async ({ context, pageUrl, openPopup }) => {
  const site = await context.newPage();
  await site.goto(pageUrl('totp-login.html'));
  const popup = await openPopup(site);
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await popup.getByTestId('scan').click();
  await expect(popup.getByTestId('popup-error')).toContainText('No QR code found');
});
