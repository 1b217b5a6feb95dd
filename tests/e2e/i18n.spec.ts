import type { browser } from 'wxt/browser';
import { expect, test } from './fixtures';
import { addByUri, MASTER_PASSWORD, submitSetupForm } from './helpers';

// A browser whose UI is German gets Tessera in German: toolbar, popup, settings, counts and dates.
test.use({ uiLanguage: 'de' });

const URI = 'otpauth://totp/Beispiel:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Beispiel';

test('the popup renders in German from first run to the account list', async ({ openPopup, background }) => {
  // The manifest's strings (__MSG_…__) come from the German locale too.
  const title = await background.evaluate(() => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    return chrome.action.getTitle({});
  });
  expect(title).toBe('Tessera – Zwei-Faktor-Codes');

  const popup = await openPopup();
  await expect(popup.locator('html')).toHaveAttribute('lang', 'de');
  await expect(popup.getByRole('heading', { name: 'Tessera-Tresor anlegen' })).toBeVisible();
  await expect(popup.getByText('Wähle ein Master-Passwort.')).toBeVisible();
  await expect(popup.getByTestId('setup-submit')).toHaveText('Tresor anlegen');
  await popup.getByTestId('setup-password').fill('kurz');
  // The too-short error shows once the user leaves the field.
  await popup.getByTestId('setup-password').blur();
  await expect(popup.getByText('Zu kurz: Verwende mindestens')).toBeVisible();

  await submitSetupForm(popup);
  await expect(popup.getByRole('heading', { name: 'Konto hinzufügen' })).toBeVisible();
  await popup.getByRole('button', { name: 'Abbrechen' }).click();
  await expect(popup.getByRole('heading', { name: 'Noch keine Konten' })).toBeVisible();

  await addByUri(popup, URI, 'example.com');
  // One account: the singular form, picked by German plural rules.
  await expect(popup.getByRole('status')).toHaveText('1 Konto hinzugefügt.');
  const row = popup.getByTestId('account-row');
  await expect(row.getByTestId('account-code')).toHaveAccessibleName(
    /^\d{3} \d{3}, Code für Beispiel kopieren$/,
  );
  await expect(row.getByTestId('copy')).toHaveText('Kopieren');
  await expect(row.locator('.countdown')).toHaveAttribute('title', /^Noch \d+ Sekunden?$/);

  // Locked again, a mistyped password is explained in German too.
  await popup.getByTestId('lock').click();
  await expect(popup.getByRole('heading', { name: 'Tessera entsperren' })).toBeVisible();
  await popup.getByTestId('unlock-password').fill('nicht das Passwort');
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('password-error')).toHaveText(
    'Das Passwort ist nicht richtig. Prüfe die Feststelltaste und das Tastaturlayout und versuche es noch einmal.',
  );
  await popup.getByTestId('unlock-password').fill(MASTER_PASSWORD);
  await popup.getByTestId('unlock-submit').click();
  await expect(popup.getByTestId('account-row')).toBeVisible();
});

test('the settings page is titled and labelled in German', async ({ context, extensionId }) => {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(options).toHaveTitle('Tessera-Einstellungen');
  await expect(options.locator('html')).toHaveAttribute('lang', 'de');
  await submitSetupForm(options);
  // Creating the vault runs the key derivation, slow on a busy machine.
  await expect(options.getByRole('heading', { name: 'Sicherheit' })).toBeVisible({ timeout: 30_000 });
  // Auto-lock choices are counted with German plurals.
  await expect(options.getByRole('option', { name: '1 Minute', exact: true })).toHaveCount(1);
  await expect(options.getByRole('option', { name: '5 Minuten', exact: true })).toHaveCount(1);
});
