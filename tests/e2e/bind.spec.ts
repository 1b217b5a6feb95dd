import type { BrowserContext, Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { codesAround, fillButtonHost, moveFieldOnNextMousedown, setUpVault } from './helpers';
import { centreInClosedShadow, clickInClosedShadow } from './shadow';

// Each test sets up a vault and adds accounts through the popup first: allow for a busy machine.
test.describe.configure({ timeout: 120_000 });

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const github = (name: string, secret = SECRET) =>
  `otpauth://totp/GitHub:${name}?secret=${secret}&issuer=GitHub`;

/** A page on a site of its own: `*.localhost` always resolves to this machine (RFC 6761), like a real domain. */
const siteUrl = (pageUrl: (path: string) => string, host: string, path: string) => {
  const url = new URL(pageUrl(path));
  url.hostname = host;
  return url.href;
};

/** Pastes a setup link in the popup and adds it with whatever "Fills codes on" the card proposes. */
async function pasteAccount(popup: Page, uri: string, site?: string): Promise<void> {
  await popup.getByTestId('add-account').click();
  await popup.getByTestId('add-uri').fill(uri);
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('enroll-card')).toBeVisible();
  if (site !== undefined) await popup.getByTestId('enroll-site').fill(site);
  await popup.getByTestId('enroll-add').click();
  await expect(popup.getByTestId('enroll-card')).toHaveCount(0);
}

async function vaultWith(openPopup: () => Promise<Page>, ...accounts: [string, string?][]): Promise<void> {
  const popup = await openPopup();
  await setUpVault(popup);
  await popup.getByRole('button', { name: 'Cancel' }).click();
  for (const [uri, site] of accounts) await pasteAccount(popup, uri, site);
  await popup.close();
}

/** github.localhost's code page with an account that names it but fills nowhere, once its offer takes clicks. */
async function pageOfferingOctocat(
  context: BrowserContext,
  pageUrl: (path: string) => string,
  openPopup: () => Promise<Page>,
): Promise<Page> {
  await vaultWith(openPopup, [github('octocat')]);
  const page = await context.newPage();
  await page.goto(siteUrl(pageUrl, 'github.localhost', 'totp-login.html'));
  await expect(fillButtonHost(page)).toBeVisible();
  // A click counts only on an offer visible and unmoved for 500 ms.
  await page.waitForTimeout(700);
  return page;
}

test('a link pasted while another site is open is not bound to that site', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(pageUrl('totp-login.html'));
  const popup = await openPopup(page);
  await setUpVault(popup);
  await popup.getByTestId('add-uri').fill(github('octocat'));
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('enroll-site')).toHaveValue('');
  await expect(popup.getByTestId('enroll-site-empty')).toContainText('fills nowhere');
  await popup.getByTestId('enroll-add').click();
  await expect(popup.getByTestId('account-sites')).toHaveText('Fills nowhere yet');
  await expect(popup.getByTestId('fill')).toHaveCount(0);
  await page.reload();
  await page.waitForTimeout(500);
  await expect(fillButtonHost(page)).toHaveCount(0);
  await expect(page.locator('#otp')).toHaveValue('');
});

test('a link whose issuer names the open site is proposed for that site', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await context.newPage();
  await page.goto(siteUrl(pageUrl, 'github.localhost', 'enroll.html'));
  const popup = await openPopup(page);
  await setUpVault(popup);
  await popup.getByTestId('add-uri').fill(github('octocat'));
  await popup.getByTestId('add-preview').click();
  await expect(popup.getByTestId('enroll-site')).toHaveValue('github.localhost');
});

test('bind on first use in the popup: offered, asked, cancel binds nothing, confirm binds and fills', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultWith(
    openPopup,
    [github('octocat')],
    ['otpauth://totp/Example:me?secret=GEZDGNBVGY3TQOJQ&issuer=Example'],
  );
  const page = await context.newPage();
  await page.goto(siteUrl(pageUrl, 'github.localhost', 'totp-login.html'));
  const popup = await openPopup(page);
  const offer = popup.getByTestId('bind-offer');
  await expect(offer).toContainText('github.localhost');
  // The account that names the site is offered first; the other one only through the search.
  await expect(offer.getByTestId('bind-choice')).toHaveText(['GitHub (octocat)']);
  await offer.getByTestId('bind-search').fill('exam');
  await expect(offer.getByTestId('bind-choice')).toHaveText(['GitHub (octocat)', 'Example (me)']);

  await offer.getByTestId('bind-choice').first().click();
  await expect(offer.getByTestId('bind-question')).toHaveText(
    'Fill GitHub (octocat) codes on github.localhost from now on?',
  );
  await expect(offer.getByTestId('bind-warning')).toHaveCount(0);
  await offer.getByTestId('bind-cancel').click();
  await expect(popup.getByTestId('account-sites').first()).toHaveText('Fills nowhere yet');
  await expect(page.locator('#otp')).toHaveValue('');

  await offer.getByTestId('bind-choice').first().click();
  await offer.getByTestId('bind-confirm').click();
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect(await codesAround(SECRET)).toContain(await page.locator('#otp').inputValue());
  await expect(popup.getByTestId('bind-offer')).toHaveCount(0);
  const row = popup.getByTestId('account-row').filter({ hasText: 'octocat' });
  await expect(row.getByTestId('account-sites')).toHaveText('Fills on github.localhost');
});

test('bind on first use from the page: the button offers the account, asks, then fills', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await pageOfferingOctocat(context, pageUrl, openPopup);
  await clickInClosedShadow(page, 'bind-offer-button');
  await clickInClosedShadow(page, 'bind-choice');
  // Choosing only asks; cancelling leaves the field and the account as they were.
  await clickInClosedShadow(page, 'bind-cancel');
  await page.waitForTimeout(300);
  await expect(page.locator('#otp')).toHaveValue('');
  await clickInClosedShadow(page, 'bind-offer-button');
  await clickInClosedShadow(page, 'bind-choice');
  await clickInClosedShadow(page, 'bind-confirm');
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
  expect(await codesAround(SECRET)).toContain(await page.locator('#otp').inputValue());

  const popup = await openPopup(page);
  await expect(popup.getByTestId('account-sites')).toHaveText('Fills on github.localhost');
});

test('a look-alike of a bound site gets no suggestion and a warning before binding', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  await vaultWith(
    openPopup,
    [github('octocat'), 'github.localhost'],
    [github('octo-work', 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF')],
  );
  const page = await context.newPage();
  await page.goto(siteUrl(pageUrl, 'g1thub.localhost', 'totp-login.html'));
  const popup = await openPopup(page);
  const offer = popup.getByTestId('bind-offer');
  await expect(offer).toContainText('g1thub.localhost');
  await expect(offer.getByTestId('bind-choice')).toHaveCount(0);
  await expect(fillButtonHost(page)).toHaveCount(0);
  await offer.getByTestId('bind-search').fill('github');
  await offer.getByTestId('bind-choice').filter({ hasText: 'octo-work' }).click();
  await expect(offer.getByTestId('bind-warning')).toBeVisible();
  await expect(offer.getByTestId('bind-warning')).toContainText('looks like github.localhost');
  await offer.getByTestId('bind-cancel').click();
  await expect(page.locator('#otp')).toHaveValue('');
});

/** Any element whose tag says Tessera: a page could look for it to learn that Tessera holds an account for it. */
const tesseraTags = (page: Page) => page.locator('xpath=//*[starts-with(local-name(), "tessera")]');

test('the offer in the page carries no Tessera tag, and a confirm slipped under the pointer does not bind', async ({
  context,
  pageUrl,
  openPopup,
}) => {
  const page = await pageOfferingOctocat(context, pageUrl, openPopup);
  await expect(tesseraTags(page)).toHaveCount(0);
  await clickInClosedShadow(page, 'bind-offer-button');
  await clickInClosedShadow(page, 'bind-choice');
  await expect(tesseraTags(page)).toHaveCount(0);
  // The lure: "double-click here", 200 px below the confirm button; the first click moves the field (and the
  // offer with it) down there, so the second lands on "confirm" a moment after it appeared under the pointer.
  const confirm = await centreInClosedShadow(page, 'bind-confirm');
  await moveFieldOnNextMousedown(page, 200);
  await page.mouse.click(confirm.x, confirm.y + 200);
  await page.waitForTimeout(120);
  expect((await centreInClosedShadow(page, 'bind-confirm')).y).toBeCloseTo(confirm.y + 200, 0);
  await page.mouse.click(confirm.x, confirm.y + 200);
  await page.waitForTimeout(500);
  await expect(page.locator('#otp')).toHaveValue('');
  const popup = await openPopup(page);
  await expect(popup.getByTestId('account-sites')).toHaveText('Fills nowhere yet');
  await popup.close();

  // Left in place, the offer takes ordinary clicks (the first one closes the refusal).
  await clickInClosedShadow(page, 'bind-offer-button');
  await clickInClosedShadow(page, 'bind-offer-button');
  await clickInClosedShadow(page, 'bind-choice');
  await clickInClosedShadow(page, 'bind-confirm');
  await expect(page.locator('#otp')).toHaveValue(/^\d{6}$/);
});
