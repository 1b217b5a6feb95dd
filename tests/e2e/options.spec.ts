import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { base32nopad } from '@scure/base';
import type { Page } from 'playwright/test';
import { EXTENSION_DIRS, expect, launchWithExtension, test } from './fixtures';
import { addByUri, codesAround, MASTER_PASSWORD, setUpVault, shownCode, submitSetupForm } from './helpers';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/Example:alice@example.com?secret=${SECRET}&issuer=Example`;
const BACKUP_PASSWORD = 'a different backup password';

/** Creates the vault from the options page of a fresh profile. */
async function setUpFromOptions(options: Page): Promise<void> {
  await submitSetupForm(options);
  await expect(options.getByTestId('import-file')).toBeVisible();
}

/** How many accounts the sites table counts ("1–25 of 300"): it shows one page of them at a time. */
async function accountsInSitesTable(options: Page): Promise<number> {
  if ((await options.getByTestId('binding-row').count()) === 0) return 0;
  const range = (await options.getByTestId('sites-range').textContent()) ?? '';
  return Number(/of (\d+)$/.exec(range)?.[1]);
}

test('an encrypted backup restores on a fresh profile with the same codes', async ({
  context,
  extensionId,
  openPopup,
}) => {
  // Two vaults, two backup-password tries and the export each run Argon2id (64 MiB): slow on a busy machine.
  test.setTimeout(120_000);
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options.getByTestId('backup-reminder')).toBeVisible();
  await options.getByTestId('export-password').fill('not the password');
  await options.getByTestId('export-backup').click();
  await expect(options.getByTestId('backup-error')).toContainText('password');
  await options.getByTestId('export-password').fill(MASTER_PASSWORD);
  await options.getByTestId('backup-password').fill(BACKUP_PASSWORD);
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByTestId('export-backup').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^tessera-backup-.*\.json$/);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-backup-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
  await expect(options.getByTestId('backup-reminder')).toHaveCount(0);

  // A second browser profile, as on another machine: only the file and its password carry over.
  const { context: fresh, close } = await launchWithExtension(EXTENSION_DIRS.product);
  try {
    const restore = await fresh.newPage();
    await restore.goto(`chrome-extension://${extensionId}/options.html`);
    await setUpFromOptions(restore);
    await restore.getByTestId('import-file').setInputFiles(file);
    // While its password is asked, the page names the chosen file (no empty file field reading "No file chosen").
    await expect(restore.getByTestId('import-file-name')).toHaveText(`File: ${download.suggestedFilename()}`);
    await expect(restore.getByTestId('import-file')).toHaveCount(0);
    await restore.getByTestId('import-password').fill('wrong backup password');
    await restore.getByTestId('import-unlock').click();
    await expect(restore.getByTestId('import-error')).toContainText('not correct');
    await restore.getByTestId('import-password').fill(BACKUP_PASSWORD);
    await restore.getByTestId('import-unlock').click();
    await expect(restore.getByTestId('import-entry')).toHaveCount(1);
    await expect(restore.getByTestId('import-entry')).toContainText('alice@example.com');
    await restore.getByTestId('import-confirm').click();
    await expect(restore.getByTestId('import-done')).toContainText('Imported accounts: 1.');
    await expect(restore.getByTestId('binding-site')).toContainText('example.com');

    const freshPopup = await fresh.newPage();
    await freshPopup.goto(`chrome-extension://${extensionId}/popup.html`);
    const row = freshPopup.getByTestId('account-row');
    await expect(row).toContainText('Example');
    expect(await codesAround(SECRET)).toContain(await shownCode(row));
  } finally {
    await close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an otpauth list import previews duplicates and bad lines before writing', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await setUpFromOptions(options);
  const list = [
    URI,
    'otpauth://totp/Broken:bob?issuer=Broken',
    URI,
    'otpauth://totp/Other:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Other',
  ].join('\n');
  await options.getByTestId('import-text').fill(list);
  await options.getByTestId('import-preview-text').click();
  const entries = options.getByTestId('import-entry');
  await expect(entries).toHaveCount(3);
  await expect(options.locator('[data-testid="import-entry"][data-duplicate="file"]')).toHaveCount(1);
  await expect(options.getByTestId('import-failure')).toHaveCount(1);
  await expect(options.getByTestId('import-failure')).toContainText('Line 2');
  await expect(options.getByTestId('binding-row')).toHaveCount(0);
  // The duplicate starts unticked; the two others are imported.
  await expect(entries.nth(1).getByTestId('import-pick')).not.toBeChecked();
  await options.getByTestId('import-confirm').click();
  await expect(options.getByTestId('import-done')).toContainText('Imported accounts: 2.');
  await expect(options.getByTestId('binding-row')).toHaveCount(2);

  const other = options.getByTestId('binding-row').filter({ hasText: 'Other' });
  await other.getByTestId('binding-add-host').fill('https://login.other.test/path');
  await other.getByTestId('binding-add').click();
  await expect(other.getByTestId('binding-site')).toContainText('other.test');
  await other.getByTestId('binding-remove').click();
  await expect(other.getByTestId('binding-site')).toHaveCount(0);
});

test('settings, unencrypted exports and a new master password', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, URI, 'example.com');
  const options = await context.newPage();
  const problems: string[] = [];
  options.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await options.goto(`chrome-extension://${extensionId}/options.html`);

  await options.getByTestId('theme').selectOption('dark');
  await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');
  await options.getByTestId('autolock').selectOption('60');
  await options.reload();
  await expect(options.getByTestId('autolock')).toHaveValue('60');
  await expect(options.locator('html')).toHaveAttribute('data-theme', 'dark');

  await expect(options.getByTestId('export-plain')).toBeDisabled();
  await options.getByTestId('plain-understood').check();
  await options.getByTestId('plain-password').fill(MASTER_PASSWORD);
  const [download] = await Promise.all([
    options.waitForEvent('download'),
    options.getByTestId('export-plain').click(),
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'tessera-plain-'));
  const file = join(dir, download.suggestedFilename());
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).toContain(`secret=${SECRET}`);
  rmSync(dir, { recursive: true, force: true });

  await options.getByTestId('plain-kind-migration').check();
  await options.getByTestId('plain-password').fill(MASTER_PASSWORD);
  await options.getByTestId('export-plain').click();
  await expect(options.getByTestId('export-qr').locator('img')).toHaveCount(1);

  await options.getByTestId('change-old').fill(MASTER_PASSWORD);
  await options.getByTestId('change-new').fill('a whole new master password');
  await options.getByTestId('change-confirm').fill('a whole new master password');
  await options.getByTestId('change-submit').click();
  await expect(options.getByTestId('change-done')).toBeVisible();
  expect(problems).toEqual([]);

  await popup.reload();
  await popup.getByTestId('lock').click();
  await popup.getByTestId('unlock-password').fill('a whole new master password');
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);
});

test('stopping the worker in the middle of an import leaves all or nothing', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await setUpFromOptions(options);
  const cdp = await context.newCDPSession(options);
  await cdp.send('ServiceWorker.enable');
  const count = 100;
  let total = 0;
  // Stop the worker at several points of the write; each import must land whole or not at all.
  for (const delayMs of [0, 20, 60, 150, 400]) {
    const list = Array.from(
      { length: count },
      (_, i) =>
        `otpauth://totp/Bulk${delayMs}:user${i}?secret=${base32nopad.encode(crypto.getRandomValues(new Uint8Array(20)))}`,
    ).join('\n');
    await options.getByTestId('import-text').fill(list);
    await options.getByTestId('import-preview-text').click();
    await expect(options.getByTestId('import-entry')).toHaveCount(count);
    await options.getByTestId('import-confirm').click();
    await options.waitForTimeout(delayMs);
    await cdp.send('ServiceWorker.stopAllWorkers');
    await options.reload();
    await expect(options.getByTestId('import-text')).toBeVisible();
    const rows = await accountsInSitesTable(options);
    expect([total, total + count]).toContain(rows);
    total = rows;
  }
});
