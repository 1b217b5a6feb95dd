import { expect, serviceWorkerOf, test } from './fixtures';
import { addByUri, codesAround, MASTER_PASSWORD, setUpVault, shownCode } from './helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;

test('an account added by pasting its setup link shows the code otplib computes', async ({ openPopup }) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  const row = popup.getByTestId('account-row');
  await expect(row).toContainText('Example');
  await expect(row).toContainText('alice@example.com');
  const shown = await shownCode(row);
  expect(await codesAround(SECRET)).toContain(shown);
});

test('the vault stays unlocked across a service-worker restart, and locks on demand', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  const before = await serviceWorkerOf(context, extensionId);
  await before.evaluate(() => Object.assign(globalThis, { beforeRestart: true }));

  // Stop the worker the way Chrome does when it is idle; the next message wakes a fresh one.
  const cdp = await context.newCDPSession(popup);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await popup.reload();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);
  const after = await serviceWorkerOf(context, extensionId);
  expect(await after.evaluate(() => 'beforeRestart' in globalThis)).toBe(false);
  const shown = await shownCode(popup);
  expect(await codesAround(SECRET)).toContain(shown);

  await popup.getByTestId('lock').click();
  await expect(popup.getByTestId('unlock-password')).toBeVisible();
  await popup.getByTestId('unlock-password').fill('not the password');
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('password-error')).toContainText('password');
  await popup.getByTestId('unlock-password').fill(MASTER_PASSWORD);
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);
});

test('a malformed setup link is refused with a message that says what is wrong', async ({ openPopup }) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await popup.getByTestId('add-uri').fill('otpauth://totp/Example?issuer=Example');
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('add-error')).toContainText(/secret/i);
});

test('an account can be renamed, bound to another site, deleted and brought back with Undo', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  await popup.getByTestId('account-open').click();
  const detail = popup.getByTestId('account-detail');
  await detail.getByTestId('detail-issuer').fill('Example Inc');
  await detail.getByTestId('detail-save').click();
  await expect(detail.getByRole('heading', { name: 'Example Inc' })).toBeVisible();
  await detail.getByTestId('detail-site').fill('https://login.example.org/signin');
  await detail.getByRole('button', { name: 'Add site' }).click();
  await expect(detail.locator('.sites')).toContainText('example.org');

  await detail.getByTestId('detail-delete').click();
  await expect(popup.getByTestId('account-row')).toHaveCount(0);
  await popup.getByTestId('undo').click();
  await expect(popup.getByTestId('account-row')).toContainText('Example Inc');
});

test('pinned accounts come first, in the order the user sets', async ({ openPopup }) => {
  const popup = await openPopup();
  await setUpVault(popup);
  for (const issuer of ['Alpha', 'Bravo', 'Charlie']) {
    await addByUri(
      popup,
      `otpauth://totp/${issuer}:me?secret=JBSWY3DPEHPK3P${issuer.slice(0, 1)}Q&issuer=${issuer}`,
      'example.com',
    );
  }
  const names = () => popup.getByTestId('account-row').locator('strong').allTextContents();
  expect(await names()).toEqual(['Alpha', 'Bravo', 'Charlie']);

  for (const issuer of ['Charlie', 'Bravo']) {
    await popup.getByTestId('account-row').filter({ hasText: issuer }).getByTestId('account-open').click();
    await popup.getByTestId('detail-pin').check();
    await popup.getByRole('button', { name: 'Back' }).click();
  }
  await expect.poll(names).toEqual(['Charlie', 'Bravo', 'Alpha']);

  await popup.getByTestId('account-row').filter({ hasText: 'Bravo' }).getByTestId('account-open').click();
  await popup.getByTestId('detail-move-up').click();
  await popup.getByRole('button', { name: 'Back' }).click();
  await expect.poll(names).toEqual(['Bravo', 'Charlie', 'Alpha']);
});
