import type { Page } from 'playwright/test';
import { EXTENSION_DIRS, expect, test } from './fixtures';
import { ENROLL_SECRET } from './global-setup';
import { codesAround, setUpVault, shownCode } from './helpers';

// Every scan runs through the popup in its own window over the page, as the toolbar popup sits, so the
// screenshot shows the page. In both builds: the real one, whose toolbar click grants activeTab (the
// page's origin only, so cross-origin pictures come from the screenshot), and the test build, whose
// <all_urls> lets the extension fetch cross-origin pictures itself.
/** Opens a page, sets up the vault in a popup window over it and presses "Scan this page". */
const scanTest = test.extend<{ scanPage: (path: string) => Promise<{ site: Page; popup: Page }> }>({
  scanPage: async ({ context, pageUrl, openPopupWindow }, use) => {
    await use(async (path) => {
      const site = await context.newPage();
      await site.goto(pageUrl(path));
      const popup = await openPopupWindow(site);
      await setUpVault(popup);
      await popup.getByRole('button', { name: 'Cancel' }).click();
      await popup.getByTestId('scan').click();
      return { site, popup };
    });
  },
});

for (const build of Object.keys(EXTENSION_DIRS) as (keyof typeof EXTENSION_DIRS)[]) {
  scanTest.describe(`${build} build`, () => {
    scanTest.use({ build });
    // Setting up the vault (Argon2id), scanning and adding take tens of seconds on a loaded CI machine.
    scanTest.describe.configure({ timeout: 120_000 });

    const expectAcmeOffered = async (popup: Page) => {
      const card = popup.getByTestId('enroll-card');
      await expect(card.getByTestId('enroll-issuer')).toHaveText('Acme Corp');
      await expect(card.getByTestId('enroll-label')).toHaveText('dana@acme.test');
      expect(await codesAround(ENROLL_SECRET)).toContain(await card.getByTestId('enroll-code').textContent());
    };

    for (const [page, how] of [
      ['enroll.html', 'an <img> at its native size'],
      ['enroll-scaled.html', 'an <img> scaled down by CSS'],
    ] as const) {
      scanTest(
        `"Scan this page" adds the account from ${how}, bound to the page's site`,
        async ({ scanPage }) => {
          const { site, popup } = await scanPage(page);
          await expectAcmeOffered(popup);
          await expect(popup.getByTestId('enroll-site')).toHaveValue('127.0.0.1');
          await popup.getByTestId('enroll-add').click();

          const row = popup.getByTestId('account-row');
          await expect(row).toContainText('Acme Corp');
          expect(await codesAround(ENROLL_SECRET)).toContain(await shownCode(row));

          // The enrollment page's own "verify" box can be filled from the new account right away.
          await row.getByTestId('fill').click();
          await expect(site.locator('#code')).toHaveValue(/^\d{6}$/);
        },
      );
    }

    scanTest(
      'a setup QR from another origin is offered, not the app-store QR beside it',
      async ({ scanPage }) => {
        const { popup } = await scanPage('scan-cross-origin.html');
        await expectAcmeOffered(popup);
        await expect(popup.getByTestId('popup-error')).toHaveCount(0);
      },
    );

    scanTest('two setup QRs from another origin are offered as a list to pick from', async ({ scanPage }) => {
      const { popup } = await scanPage('scan-two-accounts.html');
      const choices = popup.getByTestId('scan-pick').getByTestId('scan-pick-code');
      await expect(choices).toHaveText(['Acme Corp:dana@acme.test', 'Acme Corp:ops@acme.test']);
      await choices.first().click();
      await expectAcmeOffered(popup);
    });

    for (const [page, how] of [
      ['scan-fine.html', 'from another origin shown at about 1.2 screen pixels per module'],
      ['scan-css-background.html', 'drawn as a CSS background from another origin'],
      ['scan-div-grid.html', 'drawn as a grid of <div> cells (screenshot only)'],
      ['scan-closed-shadow.html', 'on a canvas in a closed shadow root'],
    ] as const) {
      scanTest(`a setup QR ${how} is read`, async ({ scanPage }) => {
        const { popup } = await scanPage(page);
        await expectAcmeOffered(popup);
      });
    }

    scanTest(
      'a grid QR below the fold asks to scroll it into view, then is read once in view',
      async ({ scanPage }) => {
        const { site, popup } = await scanPage('scan-below-fold.html');
        await expect(popup.getByTestId('popup-error')).toContainText(
          'Scroll the QR code into view and scan again',
        );
        await expect(popup.getByTestId('enroll-card')).toHaveCount(0);

        await site.locator('#setup').scrollIntoViewIfNeeded();
        await popup.getByTestId('scan').click();
        await expectAcmeOffered(popup);
      },
    );

    scanTest('a QR code that is not a setup code is named as such', async ({ scanPage }) => {
      const { popup } = await scanPage('not-setup-qr.html');
      await expect(popup.getByTestId('popup-error')).toContainText('not an authenticator setup code');
      await expect(popup.getByTestId('popup-error')).toContainText('https://apps.example.com/acme');
    });

    scanTest('a page without any QR code says what to try', async ({ scanPage }) => {
      const { popup } = await scanPage('totp-login.html');
      await expect(popup.getByTestId('popup-error')).toContainText('No QR code found');
    });
  });
}
