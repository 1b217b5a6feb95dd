import type { Page } from 'playwright/test';
import type { Replies } from '../../lib/messages';
import { hashPassword } from '../../portal/flows/passwords';
import { hashRecoveryKey } from '../../portal/flows/recovery';
import { newId } from '../../portal/flows/secure-random';
import type { RunningPortal } from '../../portal/server';
import type { Org, OutboxMessage, User } from '../../portal/store/types';
import { startDevPortal } from '../portal/dev-portal';
import { TEST_PASSWORD_COST } from '../portal/password-cost';
import { expect, test } from './fixtures';
import { connect, popupWithVault } from './portal-pairing';

// Scanning, capture and reading tab addresses need what a toolbar click grants (activeTab): the e2e build.
test.use({ build: 'e2e' });

const PASSWORD = 'portal-e2e-password';
const PERIOD_MS = 30_000;
// Each test signs in, pairs (typing the code, confirming with the password) and waits for TOTP steps: on a
// loaded CI machine that takes longer than the default minute.
test.describe.configure({ timeout: 150_000 });

let portal: RunningPortal;
let org: Org;
let passwordHash: string;

test.beforeAll(async () => {
  portal = await startDevPortal();
  // An organisation that asks for the code at every sign-in, so each login in a test reaches the prompt.
  org = { id: newId(), name: 'E2E Corp', requireTwoFactor: false, challengePolicy: 'always' };
  await portal.store.createOrg(org);
  passwordHash = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
});

test.afterAll(async () => {
  await portal?.close();
});

const port = () => new URL(portal.url).port;
const originOf = (host: '127.0.0.1' | 'localhost') => `http://${host}:${port()}`;

/** A fresh portal user (each test its own): 2FA off, or SMS to `phone`. */
async function addUser(name: string, phone?: string): Promise<User> {
  const user: User = {
    id: newId(),
    orgId: org.id,
    email: `${name}-${Date.now()}@e2e.test`,
    emailVerified: true,
    name,
    role: 'user',
    passwordHash,
    method: phone ? 'sms' : null,
    totpSecret: null,
    totpLastStep: null,
    totpDrift: 0,
    phone: phone ?? null,
    recoveryHash: phone ? hashRecoveryKey('E2EE-RECO-VERY-KEYA-AAAA-AAAA-AAAA-AAAA') : null,
    failedAttempts: 0,
    lastFailureAt: null,
    createdAt: Date.now(),
  };
  await portal.store.createUser(user);
  return user;
}

/** Messages from the dev outbox API, newest first. */
async function outbox(): Promise<OutboxMessage[]> {
  const res = await fetch(`${portal.url}/dev/api/outbox`);
  return ((await res.json()) as { messages: OutboxMessage[] }).messages;
}

/** The newest 6-digit code sent to `to` after `since` (ms), waiting for it to arrive. */
async function codeSentTo(to: string, since: number): Promise<string> {
  let code: string | undefined;
  await expect
    .poll(async () => {
      const message = (await outbox()).find((m) => m.to === to && m.at >= since && /\b\d{6}\b/.test(m.body));
      code = message?.body.match(/\b(\d{6})\b/)?.[1];
      return code;
    })
    .toBeTruthy();
  return code ?? '';
}

/** E-mail + password on the portal's login page (served under `host`). */
async function signIn(page: Page, user: User, host: '127.0.0.1' | 'localhost' = '127.0.0.1'): Promise<void> {
  await page.goto(`${originOf(host)}/login`);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in an SMS user all the way, reading the code from the outbox. */
async function signInWithSms(page: Page, user: User): Promise<void> {
  const since = Date.now() - 1000;
  await signIn(page, user);
  await page.locator('#code').fill(await codeSentTo(user.phone ?? '', since));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: /Sign out/ }).click();
  await expect(page).toHaveURL(/\/login/);
}

/**
 * The portal refuses a TOTP code whose 30-s step is not newer than the last one it accepted (replay guard).
 * Tessera's own confirmation used the step of `usedAt`, so a sign-in in that same step would be refused.
 */
async function waitForNextStep(page: Page, usedAt: number): Promise<void> {
  const next = (Math.floor(usedAt / PERIOD_MS) + 1) * PERIOD_MS;
  if (Date.now() < next) await page.waitForTimeout(next - Date.now() + 250);
}

/** "Turn on with Tessera": the site's password, which the portal asks before any new authenticator. */
async function turnOnWithTessera(popup: Page): Promise<void> {
  await popup.getByTestId('security-move').click();
  await popup.getByTestId('portal-password').fill(PASSWORD);
  await popup.getByTestId('portal-password-submit').click();
}

/** Fills the page's code prompt from a fresh popup and submits it. */
async function fillLoginCode(openPopup: (p?: Page) => Promise<Page>, page: Page): Promise<void> {
  const popup = await openPopup(page);
  await expect(popup.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'totp');
  await popup.getByTestId('fill').first().click();
  await expect(popup.getByRole('status')).toContainText('filled');
  await popup.close();
  await expect(page.locator('#code')).toHaveValue(/^\d{6}$/);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/account$/);
}

async function recoveryKeys(popup: Page): Promise<Replies['recovery/list']['keys']> {
  return popup.evaluate(async () => {
    const { runtime } = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    return (await runtime.sendMessage({ type: 'recovery/list' })).keys;
  });
}

test('1. a new user enables the authenticator on the portal by "Scan this page", and the next login is filled', async ({
  context,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const user = await addUser('dana');
  const page = await context.newPage();
  await signIn(page, user);
  await expect(page).toHaveURL(/\/(account|setup)/);
  await page.goto(`${portal.url}/security/setup?method=totp`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('img.qr')).toBeVisible();

  const popup = await popupWithVault(openPopup, page);
  await popup.getByTestId('scan').click();
  await expect(popup.getByTestId('enroll-site')).toHaveValue('127.0.0.1');
  await popup.getByTestId('enroll-add').click();
  await expect(popup.getByTestId('account-row')).toHaveCount(1);
  await popup.getByTestId('fill').click();
  await expect(page.locator('#code')).toHaveValue(/^\d{6}$/);
  const confirmedAt = Date.now();
  await page.getByRole('button', { name: 'Verify and turn on' }).click();
  await expect(page.locator('#recovery-key')).toBeVisible();

  await page.goto(`${portal.url}/account`);
  await signOut(page);
  await signIn(page, user);
  await expect(page.locator('#code')).toBeVisible();
  await waitForNextStep(page, confirmedAt);
  await fillLoginCode(openPopup, page);
});

test('2. an SMS user connects Tessera and moves to the authenticator in one click; the next login is filled', async ({
  context,
  openPopup,
}) => {
  test.setTimeout(120_000);
  const user = await addUser('erin', '+33612345601');
  const page = await context.newPage();
  await signInWithSms(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'sms');

  const before = Date.now();
  await popup.getByTestId('security-move').click();
  await popup.getByTestId('portal-password').fill(PASSWORD);
  await popup.getByTestId('portal-password-submit').click();
  await expect(popup.getByTestId('security-notice')).toContainText('recovery key is saved in Tessera');
  const movedAt = Date.now();
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'totp');
  await expect(popup.getByTestId('security-sync')).toHaveCount(0);
  await expect(popup.getByTestId('security-events')).toContainText(/method changed from .*SMS.* to /i);

  const keys = await recoveryKeys(popup);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ site: '127.0.0.1', kind: 'codes', total: 1, used: 0, voided: false });
  const mails = (await outbox()).filter(
    (m) => m.to === user.email && m.channel === 'email' && m.at >= before,
  );
  expect(mails.map((m) => m.body).join('\n')).toMatch(/changed from SMS to authenticator app/);

  await signOut(page);
  await signIn(page, user);
  await expect(page.getByText('Enter the 6-digit code from your authenticator app.')).toBeVisible();
  await waitForNextStep(page, movedAt);
  await fillLoginCode(openPopup, page);
});

test('3. change the phone number through Tessera with codes from the outbox; the audit log shows it', async ({
  context,
  openPopup,
}) => {
  const user = await addUser('fred', '+33612345602');
  const page = await context.newPage();
  await signInWithSms(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);

  const since = Date.now() - 1000;
  await popup.getByTestId('security-phone').click();
  await popup.getByTestId('portal-phone').fill('+33 6 12 34 56 77');
  await popup.getByTestId('portal-password').fill(PASSWORD);
  await popup.getByTestId('portal-password-submit').click();
  await expect(popup.getByTestId('phone-step')).toHaveAttribute('data-step', 'phone-old');
  // A wrong code is refused with the portal's explanation, and the step stays open.
  await popup.getByTestId('portal-code').fill('000000');
  await popup.getByTestId('portal-code-submit').click();
  await expect(popup.getByTestId('security-error')).toContainText('not right');
  await popup.getByTestId('portal-code').fill(await codeSentTo('+33612345602', since));
  await popup.getByTestId('portal-code-submit').click();
  await expect(popup.getByTestId('phone-step')).toHaveAttribute('data-step', 'phone-new');
  await popup.getByTestId('portal-code').fill(await codeSentTo('+33612345677', since));
  await popup.getByTestId('portal-code-submit').click();
  await expect(popup.getByTestId('security-notice')).toContainText('phone number is changed');
  await expect(popup.getByTestId('security-status')).toContainText('77');
  await expect(popup.getByTestId('security-event').first()).toContainText(/phone/i);

  await page.goto(`${portal.url}/audit`);
  await expect(page.locator('main')).toContainText(/phone number/i);
});

test('4. switching authenticator → SMS needs the password; the next prompt is an SMS prompt and gets no TOTP code', async ({
  context,
  openPopup,
}) => {
  const user = await addUser('gina');
  const page = await context.newPage();
  await signIn(page, user);
  await expect(page).toHaveURL(/\/(account|setup)/);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'off');
  await turnOnWithTessera(popup);
  await expect(popup.getByTestId('security-notice')).toContainText('recovery key is saved');
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'totp');

  const since = Date.now() - 1000;
  await popup.getByTestId('security-switch').click();
  await popup.getByTestId('portal-phone').fill('+33 6 12 34 56 04');
  await popup.getByTestId('portal-password').fill('not-the-password');
  await popup.getByTestId('portal-password-submit').click();
  await expect(popup.getByTestId('security-error')).toBeVisible();
  await popup.getByTestId('portal-password').fill(PASSWORD);
  await popup.getByTestId('portal-password-submit').click();
  await popup.getByTestId('portal-code').fill(await codeSentTo('+33612345604', since));
  await popup.getByTestId('portal-code-submit').click();
  await expect(popup.getByTestId('security-notice')).toContainText('archived');
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'sms');
  await expect(popup.getByTestId('security-sync')).toHaveCount(0);

  await page.goto(`${portal.url}/account`);
  await signOut(page);
  await signIn(page, user);
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
  const next = await openPopup(page);
  await expect(next.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'sms');
  await expect(next.getByTestId('fill')).toHaveCount(0);
  await expect(page.locator('#code')).toHaveValue('');
});

test('5. a recovery prompt gets the stored key, which is then used; renewing through Tessera stores the new one', async ({
  context,
  openPopup,
}) => {
  const user = await addUser('hank');
  const page = await context.newPage();
  await signIn(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);
  await turnOnWithTessera(popup);
  await expect(popup.getByTestId('security-notice')).toContainText('recovery key is saved');
  const [stored] = await recoveryKeys(popup);
  expect(stored).toMatchObject({ used: 0, total: 1 });

  await page.goto(`${portal.url}/account`);
  await signOut(page);
  await signIn(page, user);
  await page.getByRole('link', { name: 'Use a recovery code instead' }).click();
  const atPrompt = await openPopup(page);
  await expect(atPrompt.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'recovery');
  const offered = atPrompt.getByTestId('recovery-fill');
  await offered.click();
  await offered.click();
  await expect(page.locator('#recovery')).toHaveValue(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){7}$/);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account/);
  expect(await recoveryKeys(atPrompt)).toEqual([expect.objectContaining({ id: stored?.id, used: 1 })]);
  await atPrompt.close();

  await popup.getByTestId('security-renew').click();
  await expect(popup.getByTestId('security-notice')).toContainText('new recovery key is saved');
  const keys = await recoveryKeys(popup);
  expect(keys).toHaveLength(1);
  expect(keys[0]).toMatchObject({ used: 0, total: 1, voided: false });
  expect(keys[0]?.id).not.toBe(stored?.id);
  await expect(popup.getByTestId('security-event').first()).toContainText(/recovery key/i);
});

test('6. the same login page under another host name gets no fill and no Security view', async ({
  context,
  openPopup,
}) => {
  const user = await addUser('ivy');
  const page = await context.newPage();
  await signIn(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);
  await turnOnWithTessera(popup);
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'totp');

  const lookalike = await context.newPage();
  await signIn(lookalike, user, 'localhost');
  await expect(lookalike.locator('#code')).toBeVisible();
  const there = await openPopup(lookalike);
  await expect(there.getByTestId('tab-prompt')).toHaveAttribute('data-kind', 'totp');
  await expect(there.getByTestId('account-row')).toHaveCount(1);
  await expect(there.getByTestId('fill')).toHaveCount(0);
  await expect(there.getByTestId('portal-open-security')).toHaveCount(0);
  const reply = await there.evaluate(async () => {
    const { runtime } = (globalThis as unknown as { chrome: typeof import('wxt/browser').browser }).chrome;
    const tabId = Number(new URLSearchParams(location.search).get('tab'));
    const list = await runtime.sendMessage({ type: 'accounts/list' });
    return runtime.sendMessage({ type: 'fill/tab', tabId, accountId: list.accounts[0].id });
  });
  expect(reply).toMatchObject({ ok: true, filled: false });
  await expect(lookalike.locator('#code')).toHaveValue('');
});

test('when the portal and the vault disagree Tessera says so and offers the fix; a revoked token asks to reconnect', async ({
  context,
  openPopup,
}) => {
  const user = await addUser('jack');
  const page = await context.newPage();
  await signIn(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);
  await turnOnWithTessera(popup);
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'totp');

  // An administrator turns the second factor off on the portal: what the portal says wins, the secret stays.
  await portal.store.updateUser(user.id, { method: null, totpSecret: null });
  await popup.getByRole('button', { name: 'Back' }).click();
  await popup.getByTestId('portal-open-security').click();
  await expect(popup.getByTestId('security-status')).toHaveAttribute('data-method', 'off');
  await expect(popup.getByTestId('security-sync')).toHaveAttribute('data-sync', 'stale-local');
  await popup.getByTestId('security-fix').click();
  await expect(popup.getByTestId('security-notice')).toContainText('archived');
  await expect(popup.getByTestId('security-sync')).toHaveCount(0);

  await page.goto(`${portal.url}/apps`);
  await page.getByRole('button', { name: 'Revoke' }).click();
  await popup.getByRole('button', { name: 'Back' }).click();
  await popup.getByTestId('portal-open-security').click();
  await expect(popup.getByTestId('security-error')).toHaveAttribute('data-code', 'invalid_token');
  await expect(popup.getByTestId('security-reconnect')).toBeVisible();
});

test.describe('the build users load (no host permissions)', () => {
  test.use({ build: 'product' });

  test('its service worker reaches the portal through CORS alone: discovery, pairing and bearer API', async ({
    background,
  }) => {
    const answers = await background.evaluate(async (origin) => {
      const discovery = await (await fetch(`${origin}/.well-known/tessera-portal`)).json();
      const grant = await fetch(`${origin}/oauth/device_authorization`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'client_id=tessera',
      });
      // A bearer header makes this a preflighted request: the body is readable only if CORS allows it.
      const status = await fetch(`${origin}/api/v1/2fa/status`, {
        headers: { authorization: 'Bearer not-a-real-token' },
      });
      return {
        apiBase: discovery.api_base,
        grant: Object.keys(await grant.json()).sort(),
        status: status.status,
        error: (await status.json()).error.code,
      };
    }, portal.url);
    expect(answers).toEqual({
      apiBase: `${portal.url}/api/v1`,
      grant: ['device_code', 'expires_in', 'interval', 'user_code', 'verification_uri'],
      status: 401,
      error: 'invalid_token',
    });
  });
});

test('the options page lists the connected site, and disconnecting revokes its token on the portal', async ({
  context,
  openPopup,
  extensionId,
}) => {
  const user = await addUser('kim');
  const page = await context.newPage();
  await signIn(page, user);
  const popup = await popupWithVault(openPopup, page);
  await connect(context, popup, PASSWORD);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  const row = options.getByTestId('connected-portal');
  await expect(row).toContainText('127.0.0.1');
  await row.getByTestId('portal-disconnect').click();
  await expect(options.getByRole('status')).toContainText('revoked');
  await expect(options.getByTestId('connected-portal')).toHaveCount(0);

  // The portal's "Connected apps" page shows the token revoked, with nothing left to revoke.
  await page.goto(`${originOf('127.0.0.1')}/apps`);
  await expect(page.locator('table')).toContainText('revoked');
  await expect(page.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
});
