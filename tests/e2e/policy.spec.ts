import type { Page } from 'playwright/test';
import type { browser } from 'wxt/browser';
import { expect, test } from './fixtures';
import { addByUri, MASTER_PASSWORD, submitSetupForm } from './helpers';

// Chromium reads real policies only from root-owned /etc/chromium/policies, shared by every Chromium on the
// machine; the test build takes the same values from one storage.local key and runs them through the same
// reading and enforcement as storage.managed (entrypoints/background/policy.ts).
test.use({ build: 'e2e' });

const POLICY = {
  maxAutoLockMinutes: 5,
  minPasswordLength: 32,
  disablePlainExport: true,
  backupEveryDays: 7,
  allowedPortals: ['https://id.example.com'],
};
const LONG_PASSWORD = 'correct horse battery staple, and then some';
const URI = 'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Example';

/** What the administrator's policy would put in managed storage. */
async function setPolicy(page: Page, policy: object): Promise<void> {
  await page.evaluate(
    ([value, api]) =>
      (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.set({ [api]: value }),
    [policy, 'e2e.managedPolicy'] as const,
  );
}

/** A request sent straight to the background, as a page that ignored the locked controls would send it. */
function ask(page: Page, message: object) {
  return page.evaluate(
    (m) => (globalThis as unknown as { chrome: typeof browser }).chrome.runtime.sendMessage(m),
    message,
  );
}

test('an organisation policy is shown, locked in the options page and enforced by the background', async ({
  context,
  extensionId,
  openPopup,
  pageUrl,
}) => {
  // A site that is not among the allowed portals, with the popup opened on it.
  // Setup, two password checks and the backup each run Argon2id (64 MiB): slow on a busy machine.
  test.setTimeout(150_000);
  const site = await context.newPage();
  await site.goto(pageUrl('totp-login.html'));
  const popup = await openPopup(site);
  const tabId = Number(new URL(popup.url()).searchParams.get('tab'));
  await setPolicy(popup, POLICY);

  // The organisation's minimum master-password length, checked by the background at setup.
  await submitSetupForm(popup, MASTER_PASSWORD);
  await expect(popup.getByTestId('password-error')).toContainText('at least 32 characters');
  await submitSetupForm(popup, LONG_PASSWORD);
  await addByUri(popup, URI, 'example.com');

  // No backup yet and one is required: the popup's reminder has no way to hide it.
  const reopened = await openPopup(site);
  const overdue = reopened.getByTestId('backup-overdue');
  await expect(overdue).toContainText('every 7 days');
  await expect(overdue.getByRole('button')).toHaveCount(1);
  await expect(overdue.getByTestId('backup-overdue-open')).toBeVisible();

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  // Auto-lock: the default 15 minutes is capped at 5, and longer choices cannot be picked.
  await expect(options.getByTestId('autolock')).toHaveValue('5');
  await expect(options.getByTestId('managed-autolock')).toHaveText(
    'Set by your organisation: at most 5 minutes.',
  );
  await expect(options.getByTestId('autolock').locator('option[value="15"]')).toBeDisabled();
  await expect(options.getByTestId('autolock').locator('option[value="1"]')).toBeEnabled();
  // Plain export is gone from the page; the encrypted backup stays.
  await expect(options.getByTestId('managed-plain-export')).toBeVisible();
  await expect(options.getByTestId('export-plain')).toHaveCount(0);
  await expect(options.getByTestId('backup-required')).toHaveAttribute('data-overdue', 'true');

  // The background refuses what the page no longer offers.
  expect(
    await ask(options, { type: 'options/settings/set', settings: { autoLockMinutes: 60 } }),
  ).toMatchObject({
    ok: false,
    error: { message: 'Your organisation allows an auto-lock time of at most 5 minutes.' },
  });
  expect(
    await ask(options, {
      type: 'options/export',
      kind: 'otpauth',
      password: LONG_PASSWORD,
      includeRecoveryKeys: true,
    }),
  ).toMatchObject({
    ok: false,
    error: { message: expect.stringContaining('turned off unencrypted exports') },
  });
  expect(await ask(options, { type: 'portal/connect', tabId })).toMatchObject({
    ok: true,
    failure: { code: 'not_allowed' },
  });

  // A backup clears the reminder until the next one is due.
  await options.getByTestId('export-password').fill(LONG_PASSWORD);
  await Promise.all([options.waitForEvent('download'), options.getByTestId('export-backup').click()]);
  await expect(options.getByTestId('backup-required')).toHaveAttribute('data-overdue', 'false');
  const afterBackup = await openPopup(site);
  await expect(afterBackup.getByTestId('account-row')).toBeVisible();
  await expect(afterBackup.getByTestId('backup-overdue')).toHaveCount(0);

  // The administrator lifts the auto-lock limit: the background reads the change at once.
  await setPolicy(options, { ...POLICY, maxAutoLockMinutes: undefined });
  expect(
    await ask(options, { type: 'options/settings/set', settings: { autoLockMinutes: 60 } }),
  ).toMatchObject({
    ok: true,
    settings: { autoLockMinutes: 60 },
  });
});
