import { base32nopad } from '@scure/base';
import type { Page } from 'playwright/test';
import { OPTIONS_SECTIONS } from '../../lib/options/sections';
import { expect, test } from './fixtures';
import { submitSetupForm } from './helpers';

const ACCOUNTS = 200;

/** Services people keep 2FA accounts for; 200 accounts are five at each. */
const SERVICES = [
  'GitHub',
  'GitLab',
  'Google',
  'Microsoft',
  'Amazon',
  'Apple',
  'Dropbox',
  'Slack',
  'Discord',
  'Twitch',
  'Reddit',
  'PayPal',
  'Stripe',
  'Coinbase',
  'Kraken',
  'Binance',
  'Cloudflare',
  'DigitalOcean',
  'Heroku',
  'Netlify',
  'Vercel',
  'npm',
  'PyPI',
  'Docker',
  'Atlassian',
  'Bitbucket',
  'Zoom',
  'Okta',
  'Auth0',
  'Twilio',
  'Mailchimp',
  'Shopify',
  'Figma',
  'Notion',
  'Linear',
  'Sentry',
  'Datadog',
  'Fastly',
  'Hetzner',
  'OVHcloud',
];

/** An otpauth list as an authenticator export gives it: 200 accounts at 40 services, each with its own key. */
function otpauthList(count = ACCOUNTS): string {
  return Array.from({ length: count }, (_, i) => {
    const secret = base32nopad.encode(crypto.getRandomValues(new Uint8Array(20)));
    const issuer = encodeURIComponent(SERVICES[i % SERVICES.length] ?? 'Other');
    return `otpauth://totp/${issuer}:user${i}%40example.com?secret=${secret}&issuer=${issuer}`;
  }).join('\n');
}

/** A fresh vault created on the options page, then filled with `list` through the import preview. */
async function optionsWithAccounts(page: Page, extensionId: string, list = otpauthList()): Promise<void> {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await submitSetupForm(page);
  await page.getByTestId('import-text').fill(list);
  await page.getByTestId('import-preview-text').click();
  await expect(page.getByTestId('import-entry')).toHaveCount(list.split('\n').length);
  await page.getByTestId('import-confirm').click();
  await expect(page.getByTestId('import-done')).toContainText(
    `Imported accounts: ${list.split('\n').length}.`,
  );
}

test('with 200 accounts the navigation reaches each section, and a link with its hash opens it', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await optionsWithAccounts(options, extensionId);
  const nav = options.getByTestId('options-nav');
  await expect(nav.getByRole('link')).toHaveText([
    'Accounts & sites',
    'Backup & import',
    'Security',
    'Connected sites',
    'Settings',
  ]);

  for (const id of [...OPTIONS_SECTIONS].reverse()) {
    await options.getByTestId(`options-nav-${id}`).click();
    await expect(options).toHaveURL(new RegExp(`#${id}$`));
    await expect(
      options.getByTestId(`options-section-${id}`).getByRole('heading', { level: 2 }),
    ).toBeInViewport();
    await expect(options.getByTestId(`options-nav-${id}`)).toHaveAttribute('aria-current', 'location');
    // The navigation stays in view wherever the section is.
    await expect(nav).toBeInViewport();
  }

  // Keyboard: the links are in the tab order and Enter follows one.
  await options.getByTestId('options-nav-connected').focus();
  await options.keyboard.press('Shift+Tab');
  await expect(options.getByTestId('options-nav-security')).toBeFocused();
  await options.keyboard.press('Enter');
  await expect(
    options.getByTestId('options-section-security').getByRole('heading', { level: 2 }),
  ).toBeInViewport();

  // Scrolling by hand moves the mark to the section being read.
  await options.getByTestId('options-section-backup').evaluate((section) => section.scrollIntoView());
  await expect(options.getByTestId('options-nav-backup')).toHaveAttribute('aria-current', 'location');
  await expect(options.locator('[aria-current]')).toHaveCount(1);

  // A link from elsewhere (the popup's backup reminder) opens the page at its section.
  for (const id of ['backup', 'settings', 'connected'] as const) {
    const opened = await context.newPage();
    await opened.goto(`chrome-extension://${extensionId}/options.html#${id}`);
    await expect(
      opened.getByTestId(`options-section-${id}`).getByRole('heading', { level: 2 }),
    ).toBeInViewport();
    await expect(opened.getByTestId(`options-nav-${id}`)).toHaveAttribute('aria-current', 'location');
    await opened.close();
  }
});

test('on a narrow window the navigation is a bar that stays above the sections', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await options.setViewportSize({ width: 420, height: 800 });
  await optionsWithAccounts(options, extensionId, otpauthList(30));
  const nav = options.getByTestId('options-nav');
  await options.getByTestId('options-nav-security').click();
  const heading = options.getByTestId('options-section-security').getByRole('heading', { level: 2 });
  await expect(heading).toBeInViewport();
  const [bar, title] = await Promise.all([nav.boundingBox(), heading.boundingBox()]);
  // The bar is at the top, the heading below it rather than hidden under it.
  expect(bar?.y).toBe(0);
  expect(title && bar && title.y >= bar.y + bar.height).toBe(true);
  // No sideways scrolling of the page.
  expect(await options.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
});

test('the sites table pages 200 accounts 25 at a time and filters by issuer, name or site', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await optionsWithAccounts(options, extensionId);
  const rows = options.getByTestId('binding-row');
  const range = options.getByTestId('sites-range');
  await expect(rows).toHaveCount(25);
  await expect(range).toHaveText('1–25 of 200');
  await expect(options.getByTestId('sites-prev')).toBeDisabled();
  // The whole page, 200 accounts included, stays a few screens long.
  expect(await options.evaluate(() => document.documentElement.scrollHeight)).toBeLessThan(9000);

  // Paging through shows every account once.
  const seen = new Set<string>();
  const names = options.getByTestId('binding-row').locator('.account-names span');
  for (let page = 1; page <= 8; page++) {
    await expect(range).toHaveText(`${(page - 1) * 25 + 1}–${page * 25} of 200`);
    for (const name of await names.allTextContents()) seen.add(name);
    if (page < 8) await options.getByTestId('sites-next').click();
  }
  expect(seen.size).toBe(200);
  await expect(options.getByTestId('sites-next')).toBeDisabled();
  await options.getByTestId('sites-prev').click();
  await expect(range).toHaveText('151–175 of 200');

  // Each account's controls work on any page: bind a site to one found by its name…
  const filter = options.getByTestId('sites-filter');
  await filter.fill('user123@');
  await expect(rows).toHaveCount(1);
  await expect(range).toHaveText('1–1 of 1');
  await rows.getByTestId('binding-add-host').fill('https://login.acme.test/2fa');
  await rows.getByTestId('binding-add').click();
  await expect(rows.getByTestId('binding-site')).toHaveText(/acme\.test/);
  // The box shows the stored value: ticked once the background has saved it.
  await rows.getByTestId('binding-autofill').click();
  await expect(rows.getByTestId('binding-autofill')).toBeChecked();

  // …then find it by that site, and by issuer: five accounts are at GitLab; "git" also finds GitHub and DigitalOcean.
  await filter.fill('acme.test');
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText('user123@example.com');
  await expect(rows.getByTestId('binding-autofill')).toBeChecked();
  await filter.fill('gitlab');
  await expect(range).toHaveText('1–5 of 5');
  await expect(rows.filter({ hasText: 'GitLab' })).toHaveCount(5);
  await filter.fill('git');
  await expect(range).toHaveText('1–15 of 15');
  await expect(options.getByTestId('sites-next')).toHaveCount(0);
  await filter.fill('no such account');
  await expect(rows).toHaveCount(0);
  await expect(options.getByTestId('sites-no-match')).toContainText('no such account');
  await filter.fill('');
  await expect(range).toHaveText('1–25 of 200');
});

test('the import preview of 200 accounts selects all, none or only new, counts them, and keeps Import in view', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  const list = otpauthList().split('\n');
  // 20 of the 200 are already in the vault.
  await optionsWithAccounts(options, extensionId, list.slice(0, 20).join('\n'));
  await options.getByTestId('import-text').fill(list.join('\n'));
  await options.getByTestId('import-preview-text').click();
  const entries = options.getByTestId('import-entry');
  await expect(entries).toHaveCount(200);
  const count = options.getByTestId('import-count');
  const confirm = options.getByTestId('import-confirm');
  await expect(count).toHaveText('180 of 200 selected');

  await options.getByTestId('import-select-all').click();
  await expect(count).toHaveText('200 of 200 selected');
  await expect(entries.first().getByTestId('import-pick')).toBeChecked();
  await options.getByTestId('import-select-none').click();
  await expect(count).toHaveText('0 of 200 selected');
  await expect(confirm).toBeDisabled();
  await options.getByTestId('import-select-new').click();
  await expect(count).toHaveText('180 of 200 selected');
  await expect(options.locator('[data-duplicate="vault"] [data-testid="import-pick"]:checked')).toHaveCount(
    0,
  );
  await entries.nth(199).getByTestId('import-pick').uncheck();
  await expect(count).toHaveText('179 of 200 selected');

  // Import and the count stay on screen from the first entry to the last.
  await entries.first().scrollIntoViewIfNeeded();
  await expect(confirm).toBeInViewport();
  await expect(count).toBeInViewport();
  await entries.nth(120).scrollIntoViewIfNeeded();
  await expect(confirm).toBeInViewport();

  await confirm.click();
  await expect(options.getByTestId('import-done')).toContainText('Imported accounts: 179.');
  await expect(options.getByTestId('sites-range')).toHaveText('1–25 of 199');
  await options.getByTestId('sites-filter').fill('user199@');
  await expect(options.getByTestId('sites-no-match')).toBeVisible();
});
