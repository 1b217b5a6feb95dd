import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { addByUri, codesAround, setUpVault, shownCode } from './helpers';

// Same issuer and name with a new secret is a re-enrollment (the user chooses); the same secret is a copy.

const OLD_KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const NEW_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const OTHER_KEY = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const uri = (label: string, secret: string) =>
  `otpauth://totp/Example:${label}?secret=${secret}&issuer=Example`;

async function preview(popup: Page, link: string): Promise<void> {
  await popup.getByTestId('add-account').click();
  await popup.getByTestId('add-uri').fill(link);
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('enroll-card')).toBeVisible();
}

test('the popup offers Replace or Keep both for a new key, and never adds a copy twice', async ({
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, uri('alice@example.com', OLD_KEY), 'example.com');

  // The site gave a new key (2FA set up again): the card says so and asks, with no plain "Add".
  await preview(popup, uri('alice@example.com', NEW_KEY));
  const card = popup.getByTestId('enroll-card');
  await expect(card.getByTestId('enroll-duplicate')).toHaveAttribute('data-duplicate', 'reenrollment');
  await expect(card).not.toContainText('Already in your vault');
  await expect(card.getByTestId('enroll-add')).toHaveCount(0);
  await expect(card.getByTestId('enroll-reenrollment')).toContainText(
    'once the site has the new key, codes from the old one stop working',
  );
  await card.getByTestId('enroll-replace').click();
  const rows = popup.getByTestId('account-row');
  await expect(rows).toHaveCount(1);
  // The same row (same account) now shows codes from the new key, once the list has refreshed.
  const newCodes = await codesAround(NEW_KEY);
  await expect.poll(async () => newCodes.includes(await shownCode(rows.first()))).toBe(true);

  // Another account that shares the names: kept beside the first.
  await preview(popup, uri('Alice@Example.com', OTHER_KEY));
  await expect(card.getByTestId('enroll-duplicate')).toHaveAttribute('data-duplicate', 'reenrollment');
  await card.getByTestId('enroll-keep-both').click();
  await expect(rows).toHaveCount(2);

  // The very same key again (say, renamed): a copy, nothing to add.
  await preview(popup, uri('alice-renamed', NEW_KEY));
  await expect(card.getByTestId('enroll-duplicate')).toHaveAttribute('data-duplicate', 'same');
  await expect(card.getByTestId('enroll-duplicate')).toHaveText('Already in your vault');
  await expect(card.getByTestId('enroll-add')).toBeDisabled();
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(2);
});

test('the import preview marks re-enrollments and applies Replace or Keep both per entry', async ({
  context,
  extensionId,
  openPopup,
}) => {
  const popup = await openPopup();
  await setUpVault(popup);
  await addByUri(popup, uri('alice@example.com', OLD_KEY), 'example.com');
  await addByUri(popup, uri('bob@example.com', OTHER_KEY), 'example.com');

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const list = [
    uri('alice@example.com', NEW_KEY), // alice's new key
    uri('bob@example.com', 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA'), // a second "bob" account
    uri('bob-copy', OTHER_KEY), // bob's key under another name: a copy
  ].join('\n');
  await options.getByTestId('import-text').fill(list);
  await options.getByTestId('import-preview-text').click();
  const entries = options.getByTestId('import-entry');
  await expect(entries).toHaveCount(3);
  await expect(entries.nth(0)).toHaveAttribute('data-duplicate', 'reenrollment');
  await expect(entries.nth(1)).toHaveAttribute('data-duplicate', 'reenrollment');
  await expect(entries.nth(2)).toHaveAttribute('data-duplicate', 'vault');
  await expect(options.getByTestId('import-reenrollment-help')).toContainText(
    'codes from the old one stop working',
  );
  // Nothing repeated is imported until the user says how.
  for (const i of [0, 1, 2]) await expect(entries.nth(i).getByTestId('import-pick')).not.toBeChecked();

  await entries.nth(0).getByTestId('import-replace').check();
  await entries.nth(1).getByTestId('import-keep-both').check();
  await expect(entries.nth(0).getByTestId('import-pick')).toBeChecked();
  await options.getByTestId('import-confirm').click();
  await expect(options.getByTestId('import-done')).toContainText(
    'Imported accounts: 1. Recovery keys: 0. Accounts given their new key: 1.',
  );
  await expect(options.getByTestId('binding-row')).toHaveCount(3);

  await popup.reload();
  const alice = popup.getByTestId('account-row').filter({ hasText: 'alice@example.com' });
  await expect(alice).toHaveCount(1);
  expect(await codesAround(NEW_KEY)).toContain(await shownCode(alice));
  await expect(popup.getByTestId('account-row').filter({ hasText: 'bob@example.com' })).toHaveCount(2);
});
