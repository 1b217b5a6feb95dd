import { describe, expect, it } from 'vitest';
import { buildApp } from '../../portal/app';
import {
  Browser,
  lastCode,
  makePortal,
  messagesTo,
  PASSWORD,
  smsUser,
  storeName,
  TEST_PASSWORD_COST,
  type TestPortal,
  totpAt,
  totpUser,
} from './helpers';

// The attacks of the security review, each with requests sent at the same time: none may gain anything.

const PHONE = '+33612345642';

/** A browser of `email` waiting at the code prompt, with its session's CSRF token. */
async function atCodePrompt(portal: TestPortal, email: string, ip?: string) {
  const browser = new Browser(portal.app, ip);
  expect(await browser.login(email)).toContain('/login/code');
  return { browser, csrf: await browser.csrf() };
}

const statuses = (replies: { statusCode: number }[], status: number) =>
  replies.filter((r) => r.statusCode === status).length;

describe(`concurrent requests cannot beat the limits (${storeName})`, () => {
  it('gives an SMS code exactly 5 tries against 30 concurrent wrong codes; the real one is then dead', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(smsUser('sam@test.example'));
    const { browser, csrf } = await atCodePrompt(portal, 'sam@test.example');
    const real = await lastCode(portal.store, PHONE);
    const wrong = (i: number) => String((Number(real) + 1 + i) % 1_000_000).padStart(6, '0');
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_x, i) => browser.post('/login/code', { code: wrong(i) }, csrf)),
    );
    expect(statuses(replies, 401)).toBe(5);
    expect(statuses(replies, 429)).toBe(25);
    expect((await portal.store.getActiveCode(user.id, 'login'))?.tries).toBe(5);
    const late = await browser.post('/login/code', { code: real }, csrf);
    expect(late.statusCode).toBe(429);
  });

  it('checks exactly 3 of 40 concurrent wrong step-up passwords after 97 failures, then locks', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(totpUser('tom@test.example'));
    const { browser, csrf } = await atCodePrompt(portal, 'tom@test.example');
    expect((await browser.post('/login/code', { code: totpAt(portal.clock) }, csrf)).statusCode).toBe(302);
    const csrfIn = await browser.csrf();
    await portal.store.updateUser(user.id, { failedAttempts: 97, lastFailureAt: portal.clock.now() });
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_x, i) =>
        browser.post('/security/setup', { method: 'sms', phone: PHONE, password: `guess-${i}` }, csrfIn),
      ),
    );
    expect(replies.filter((r) => r.body.includes('password is not right'))).toHaveLength(3);
    expect(statuses(replies, 429)).toBe(37);
    expect((await portal.store.getUser(user.id))?.failedAttempts).toBe(100);
    const right = await browser.post(
      '/security/setup',
      { method: 'sms', phone: PHONE, password: PASSWORD },
      csrfIn,
    );
    expect(right.statusCode).toBe(429);
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(800);
  });

  it('accepts one TOTP code once when several sign-ins race with it', async () => {
    const portal = await makePortal();
    await portal.addUser(totpUser('tom@test.example'));
    const prompts = await Promise.all(
      Array.from({ length: 6 }, () => atCodePrompt(portal, 'tom@test.example')),
    );
    const code = totpAt(portal.clock);
    const replies = await Promise.all(prompts.map((p) => p.browser.post('/login/code', { code }, p.csrf)));
    expect(statuses(replies, 302)).toBe(1);
    expect(replies.filter((r) => r.body.includes('already used'))).toHaveLength(5);
  });

  it('backs off sign-in per account after 10 wrong passwords, from any IP, and keeps it across a restart', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const guesses = await Promise.all(
      Array.from({ length: 16 }, async (_x, i) => {
        const browser = new Browser(portal.app, `198.51.100.${i}`);
        return browser.post(
          '/login',
          { email: 'ANN@test.example', password: `guess-${i}` },
          await browser.csrf(),
        );
      }),
    );
    expect(statuses(guesses, 401)).toBe(10);
    expect(statuses(guesses, 429)).toBe(6);
    // A restarted portal (a new process on the same database) still refuses, even the right password.
    const restarted = buildApp({
      store: portal.database,
      secretKeys: portal.secretKeys,
      now: portal.clock.now,
      dev: true,
      passwordCost: TEST_PASSWORD_COST,
    });
    const owner = new Browser(restarted, '192.0.2.1');
    const refused = await owner.post('/login', { email: 'ann@test.example', password: PASSWORD });
    expect(refused.statusCode).toBe(429);
    expect(refused.body).toContain('Too many sign-in attempts');
    portal.clock.advance(15 * 60_000 + 1);
    expect(await owner.login('ann@test.example')).toBe('/account');
  });

  it('keeps login codes coming when step-up or setup codes hit their own limit, and per IP', async () => {
    const portal = await makePortal();
    await portal.addUser(smsUser('sam@test.example'));
    const { browser, csrf } = await atCodePrompt(portal, 'sam@test.example');
    expect(
      (await browser.post('/login/code', { code: await lastCode(portal.store, PHONE) }, csrf)).statusCode,
    ).toBe(302);
    const csrfIn = await browser.csrf();
    const sends = await Promise.all(
      Array.from({ length: 8 }, () => browser.post('/security/step-up/send', { purpose: 'disable' }, csrfIn)),
    );
    expect(statuses(sends, 429)).toBe(3);
    // Someone with the password signs in again and again from elsewhere: the owner's login code still comes.
    const attacker = new Browser(portal.app, '198.51.100.9');
    for (let i = 0; i < 5; i++) await attacker.login('sam@test.example');
    expect((await attacker.post('/login/code/resend')).statusCode).toBe(429);
    const before = (await messagesTo(portal.store, PHONE)).length;
    expect(await new Browser(portal.app).login('sam@test.example')).toContain('/login/code');
    expect((await messagesTo(portal.store, PHONE)).length).toBe(before + 1);
  });

  it('limits pairing codes typed on /device per account', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const csrf = await browser.csrf();
    const tries = await Promise.all(
      Array.from({ length: 14 }, (_x, i) =>
        browser.post('/device', { user_code: `BCDF-GHJ${'KLMNPQRSTVWXZB'[i]}`, decision: 'approve' }, csrf),
      ),
    );
    expect(statuses(tries, 400)).toBe(10);
    expect(statuses(tries, 429)).toBe(4);
  });
});
