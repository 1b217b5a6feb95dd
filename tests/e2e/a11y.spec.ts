import { base32nopad } from '@scure/base';
import { DEMO } from '../../portal/seed';
import type { RunningPortal } from '../../portal/server';
import { startDevPortal } from '../portal/dev-portal';
import { expectAccessible } from './axe';
import { expect, test } from './fixtures';
import { addByUri, MASTER_PASSWORD, setUpVault, submitSetupForm } from './helpers';
import { connect, popupWithVault } from './portal-pairing';

// Saving recovery codes from a page reads it, which needs what a toolbar click grants (activeTab).
test.use({ build: 'e2e' });

const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example';

/** An authenticator's export of `count` accounts, one otpauth URI a line, each with its own secret. */
function otpauthList(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const secret = base32nopad.encode(crypto.getRandomValues(new Uint8Array(20)));
    return `otpauth://totp/Service%20${i}:user${i}%40example.com?secret=${secret}&issuer=Service%20${i}`;
  });
}

test('every popup screen, from first run to recovery codes, reads for assistive technology', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  // Ten screens, each checked in two themes, on two shared cores.
  test.setTimeout(120_000);
  const setupPage = await context.newPage();
  await setupPage.goto(pageUrl('recovery-codes.html'));
  const popup = await openPopup(setupPage);
  await expect(popup.getByTestId('setup-password')).toBeVisible();
  await expectAccessible(popup, 'the popup: first-run setup');
  // The form's errors: a weak password not yet accepted, a confirmation that differs, the password shown.
  await popup.getByTestId('setup-password').fill('password');
  await popup.getByTestId('setup-confirm').fill('passw0rd');
  await popup.getByTestId('setup-submit').click();
  await expect(popup.getByTestId('password-mismatch')).toBeVisible();
  await expect(popup.getByTestId('weak-password-accept')).toBeVisible();
  await popup.getByTestId('show-password').first().click();
  await expectAccessible(popup, 'the popup: first-run setup, a weak password and a mismatch');

  await setUpVault(popup);
  await expectAccessible(popup, 'the popup: adding an account');

  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByTestId('recovery-from-page')).toBeVisible();
  await expectAccessible(popup, 'the popup: no accounts yet');

  await popup.getByTestId('recovery-from-page').click();
  await expect(popup.getByRole('status')).toContainText('Saved 10 recovery codes');
  await addByUri(popup, URI, '127.0.0.1', () =>
    expectAccessible(popup, 'the popup: confirming a new account'),
  );
  await expect(popup.getByTestId('code')).toHaveText(/\d{3} ?\d{3}/);
  await expectAccessible(popup, 'the popup: one account');

  await popup.getByTestId('account-open').click();
  await expect(popup.getByTestId('account-detail')).toBeVisible();
  await expectAccessible(popup, 'the popup: account details');
  await popup.getByRole('button', { name: 'Back' }).click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);

  await popup.getByTestId('lock').click();
  await expect(popup.getByTestId('unlock-password')).toBeVisible();
  await expectAccessible(popup, 'the popup: locked');
  await popup.getByTestId('unlock-password').fill(MASTER_PASSWORD);
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);

  const codePrompt = await context.newPage();
  await codePrompt.goto(pageUrl('totp-login.html'));
  const onPrompt = await openPopup(codePrompt);
  await expect(onPrompt.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'totp');
  await expect(onPrompt.getByTestId('fill')).toBeVisible();
  await expectAccessible(onPrompt, 'the popup: on a page that asks for the code');

  const login = await context.newPage();
  await login.goto(pageUrl('recovery-login.html'));
  const onLogin = await openPopup(login);
  const key = onLogin.getByTestId('recovery-key');
  await key.getByTestId('recovery-show').click();
  await key.getByTestId('recovery-password').fill(MASTER_PASSWORD);
  await key.getByTestId('recovery-password').press('Enter');
  await expect(key.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  await expectAccessible(onLogin, 'the popup: recovery codes on a recovery prompt');
});

// The account list's rewrite (issue 13) names the code button with its digits; until it lands this fails.
test.fixme('a screen reader announces the code itself on the code button', async ({ openPopup }) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  const code = popup.getByTestId('account-code');
  await expect(code).toHaveText(/\d{3} ?\d{3}/);
  await expect(code).toHaveAccessibleName(/\d{3} ?\d{3}/);
});

test('the options page and the popup with 200 accounts, and the import preview, read for assistive technology', async ({
  context,
  extensionId,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('setup-password')).toBeVisible();
  await expectAccessible(options, 'the options page: first-run setup');

  await submitSetupForm(options);
  await expect(options.getByTestId('import-file')).toBeVisible();
  await expectAccessible(options, 'the options page: every section, empty vault');

  const list = otpauthList(200);
  // A broken line and a repeated account, so the preview shows its warnings too.
  await options
    .getByTestId('import-text')
    .fill([...list, 'otpauth://totp/Broken:bob?issuer=Broken', list[0]].join('\n'));
  await options.getByTestId('import-preview-text').click();
  await expect(options.getByTestId('import-entry')).toHaveCount(201);
  await expect(options.getByTestId('import-failure')).toHaveCount(1);
  await expectAccessible(options, 'the options page: import preview of 200 accounts');

  await options.getByTestId('import-confirm').click();
  await expect(options.getByTestId('import-done')).toContainText('200');
  // The sites table shows its first page of 25.
  await expect(options.getByTestId('sites-range')).toHaveText('1–25 of 200');
  await expectAccessible(options, 'the options page: every section, 200 accounts');

  const popup = await openPopup();
  await expect(popup.getByTestId('account-row').first()).toBeVisible();
  await expect(popup.getByTestId('code').first()).toHaveText(/\d{3} ?\d{3}/);
  await expectAccessible(popup, 'the popup: 200 accounts');
});

test.describe('with the reference portal', () => {
  let portal: RunningPortal;
  test.beforeAll(async () => {
    portal = await startDevPortal();
  });
  test.afterAll(async () => {
    await portal?.close();
  });

  test('the Security view, from the offer to connect to the authenticator turned on, reads for assistive technology', async ({
    context,
    openPopup,
  }) => {
    test.setTimeout(120_000);
    const { email, password } = DEMO.alice;
    const page = await context.newPage();
    await page.goto(`${portal.url}/login`);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/(account|setup)/);

    const popup = await popupWithVault(openPopup, page);
    await expect(popup.getByTestId('portal-connect')).toBeVisible();
    await expectAccessible(popup, 'the popup: a site that offers to connect');

    await connect(context, popup, password);
    await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'off');
    await expectAccessible(popup, 'the popup: Security, two-factor off');

    await popup.getByTestId('security-move').click();
    await expect(popup.getByTestId('portal-password')).toBeVisible();
    await expectAccessible(popup, "the popup: Security, asking for the site's password");

    await popup.getByTestId('portal-password').fill(password);
    await popup.getByTestId('portal-password-submit').click();
    await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'totp');
    await expect(popup.getByTestId('security-notice')).toBeVisible();
    await expectAccessible(popup, 'the popup: Security, authenticator turned on');
  });
});
