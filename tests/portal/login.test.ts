import { describe, expect, it } from 'vitest';
import {
  Browser,
  lastCode,
  makePortal,
  messagesTo,
  RECOVERY_KEY,
  smsUser,
  totpAt,
  totpUser,
} from './helpers';

describe('login pages', () => {
  it('signs in a user without 2FA with the password alone and suggests 2FA in a banner', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    expect(await browser.login('ann@test.example')).toBe('/account');
    const account = await browser.get('/account');
    expect(account.body).toContain('turn on two-factor authentication');
  });

  it('refuses a wrong password and an unknown user with the same message', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    const wrong = await browser.post('/login', { email: 'ann@test.example', password: 'nope' });
    const unknown = await browser.post('/login', { email: 'nobody@test.example', password: 'nope' });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const message = (body: string) => body.match(/role="alert">([^<]+)/)?.[1];
    expect(message(wrong.body)).toBe(message(unknown.body));
    expect(message(wrong.body)).toContain('e-mail or password is not right');
  });

  it('sets HttpOnly SameSite session cookies and rotates the session id at login', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    const page = await browser.get('/login');
    expect(String(page.headers['set-cookie'])).toMatch(/tessera_session=[^;]+;.*HttpOnly; SameSite=Lax/);
    const before = browser.cookies.get('tessera_session');
    await browser.login('ann@test.example');
    expect(browser.cookies.get('tessera_session')).not.toBe(before);
  });

  it('refuses a form post without the CSRF token', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.get('/login');
    const res = await browser.post('/login', { email: 'ann@test.example', password: 'x' }, 'forged');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('This form has expired');
  });

  it('asks an SMS user for the code sent to •••• 42, with one-time-code markup, and accepts it', async () => {
    const portal = await makePortal();
    await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app);
    expect(await browser.login('sam@test.example')).toBe('/login/code');
    const prompt = await browser.get('/login/code');
    expect(prompt.body).toContain('We sent a code to •••• 42');
    expect(prompt.body).toContain(
      '<input id="code" name="code" type="text" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="6"',
    );
    expect(prompt.body).toContain('<label for="code">');
    expect((await browser.get('/account')).statusCode).toBe(302);
    const ok = await browser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    expect(ok.headers.location).toBe('/account');
    expect((await browser.get('/account')).statusCode).toBe(200);
  });

  it('refuses a wrong code, an expired code and a sixth try; warns the user after 5 failures', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('sam@test.example');
    const code = await lastCode(portal.store, '+33612345642');
    const wrong = code === '000000' ? '111111' : '000000';
    const first = await browser.post('/login/code', { code: wrong });
    expect(first.statusCode).toBe(401);
    expect(first.body).toContain('4 tries left');
    for (let i = 0; i < 4; i++) await browser.post('/login/code', { code: wrong });
    const [alert] = await portal.store.listAudit(user.id, 1);
    expect(alert?.type).toBe('login.suspicious');
    expect((await messagesTo(portal.store, 'sam@test.example'))[0]?.body).toContain(
      '5 wrong codes or passwords in a row',
    );
    const sixth = await browser.post('/login/code', { code });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.body).toContain('Too many wrong codes. Ask for a new code.');

    await browser.post('/login/code/resend');
    const fresh = await lastCode(portal.store, '+33612345642');
    portal.clock.advance(10 * 60_000 + 1000);
    const expired = await browser.post('/login/code', { code: fresh });
    expect(expired.statusCode).toBe(400);
    expect(expired.body).toContain('That code has expired');
  });

  it('asks for the authenticator code and refuses the same code twice', async () => {
    const portal = await makePortal();
    await portal.addUser(totpUser('tia@test.example'));
    const first = new Browser(portal.app);
    expect(await first.login('tia@test.example')).toBe('/login/code');
    expect((await first.get('/login/code')).body).toContain('authenticator app');
    const code = totpAt(portal.clock);
    expect((await first.post('/login/code', { code })).headers.location).toBe('/account');

    const second = new Browser(portal.app, '198.51.100.9');
    await second.login('tia@test.example');
    const replay = await second.post('/login/code', { code });
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain('already used');
  });

  it('accepts the recovery key once instead of a code', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(totpUser('tia@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('tia@test.example');
    const prompt = await browser.get('/login/recovery');
    expect(prompt.body).toContain('Enter one of your recovery codes');
    const ok = await browser.post('/login/recovery', { recovery: RECOVERY_KEY.toLowerCase() });
    expect(ok.headers.location).toBe('/account?notice=recovery-used');
    expect((await portal.store.getUser(user.id))?.recoveryHash).toBeNull();
    expect((await portal.store.listAudit(user.id, 10)).map((e) => e.type)).toContain('recovery.used');
    expect((await messagesTo(portal.store, 'tia@test.example'))[0]?.body).toContain('recovery key was used');

    const again = new Browser(portal.app);
    await again.login('tia@test.example');
    expect((await again.post('/login/recovery', { recovery: RECOVERY_KEY })).statusCode).toBe(401);
  });

  it('risk-based: skips the code on a known device and network, asks on a new network', async () => {
    const portal = await makePortal({}, { challengePolicy: 'risk' });
    await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app, '203.0.113.7');
    await browser.login('sam@test.example');
    await browser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    await browser.post('/logout');
    expect(await browser.login('sam@test.example')).toBe('/account');

    const moved = new Browser(portal.app, '192.0.2.1');
    moved.cookies.set('tessera_device', browser.cookies.get('tessera_device') ?? '');
    expect(await moved.login('sam@test.example')).toBe('/login/code');
    const stranger = new Browser(portal.app, '203.0.113.7');
    expect(await stranger.login('sam@test.example')).toBe('/login/code');
  });

  it('policy "always" asks for the code even on a known device', async () => {
    const portal = await makePortal({}, { challengePolicy: 'always' });
    await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('sam@test.example');
    await browser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    await browser.post('/logout');
    expect(await browser.login('sam@test.example')).toBe('/login/code');
  });

  it('sends users without 2FA to the setup screen when the organisation requires it', async () => {
    const portal = await makePortal({}, { requireTwoFactor: true });
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const account = await browser.get('/account');
    expect(account.statusCode).toBe(302);
    expect(account.headers.location).toBe('/setup');
    expect((await browser.get('/setup')).body).toContain(
      'Your organisation requires two-factor authentication',
    );
    expect((await browser.get('/security/setup?method=totp')).statusCode).toBe(200);
    expect((await browser.get('/device')).statusCode).toBe(200);
    expect((await browser.get('/apps')).headers.location).toBe('/setup');
  });
});
