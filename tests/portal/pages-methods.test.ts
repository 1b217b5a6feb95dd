import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  Browser,
  lastCode,
  makePortal,
  messagesTo,
  PASSWORD,
  type TestPortal,
  totpAt,
  totpUser,
} from './helpers';

async function signedIn(portal: TestPortal, email: string) {
  const browser = new Browser(portal.app);
  await browser.login(email);
  return browser;
}

describe('pages: setting up and changing methods', () => {
  it('authenticator setup shows an inline QR image and the secret, then the recovery key once with a download', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const browser = await signedIn(portal, 'ann@test.example');
    const started = await browser.post('/security/setup', { method: 'totp' });
    const page = await browser.get(String(started.headers.location));
    expect(page.body).toMatch(/<img class="qr" src="data:image\/png;base64,[A-Za-z0-9+/=]+"/);
    const secret = (page.body.match(/<p class="secret" id="secret">([A-Z2-7 ]+)<\/p>/)?.[1] ?? '').replaceAll(
      ' ',
      '',
    );
    expect(secret).toHaveLength(32);
    expect(page.body).toContain('autocomplete="one-time-code"');

    const action = String(started.headers.location);
    const wrong = await browser.post(action, { code: '12345' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Enter the 6 digits');
    const done = await browser.post(action, {
      code: generateSync({ secret, epoch: Math.floor(portal.clock.now() / 1000) }),
    });
    expect(done.body).toContain('Save your recovery key');
    const key = done.body.match(/<p class="key" id="recovery-key">([^<]+)<\/p>/)?.[1] ?? '';
    expect(key).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(done.body).toContain('download="acme-recovery-key.txt"');
    expect((await portal.store.getUser(user.id))?.method).toBe('totp');
    expect((await browser.get('/audit')).body).toContain('turned on with the authenticator app');
  });

  it('e-mail method: the address is verified by a code before the method is on', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example', emailVerified: false });
    const browser = await signedIn(portal, 'ann@test.example');
    const started = await browser.post('/security/setup', { method: 'email' });
    const page = await browser.get(String(started.headers.location));
    expect(page.body).toContain('We sent a code to a•••@test.example');
    expect((await portal.store.getUser(user.id))?.method).toBeNull();
    const done = await browser.post(String(started.headers.location), {
      code: await lastCode(portal.store, 'ann@test.example'),
    });
    expect(done.body).toContain('Save your recovery key');
    expect(await portal.store.getUser(user.id)).toMatchObject({ method: 'email', emailVerified: true });
  });

  it('switching on the page needs the password; the old method works until the new one is verified', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(totpUser('tia@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('tia@test.example');
    await browser.post('/login/code', { code: totpAt(portal.clock) });
    expect((await browser.get('/security/setup?method=sms')).body).toContain('Confirm it is you');
    const refused = await browser.post('/security/setup', { method: 'sms', phone: '+33612345678' });
    expect(refused.statusCode).toBe(403);
    const started = await browser.post('/security/setup', {
      method: 'sms',
      phone: '+33612345678',
      password: PASSWORD,
    });
    const page = await browser.get(String(started.headers.location));
    expect(page.body).toContain('We sent a code to •••• 78');
    expect((await portal.store.getUser(user.id))?.method).toBe('totp');
    const id = String(started.headers.location).split('/').pop();
    expect((await browser.post(`/security/resend/${id}`)).headers.location).toBe(`/security/setup/${id}`);
    expect(await messagesTo(portal.store, '+33612345678')).toHaveLength(2);
    const done = await browser.post(String(started.headers.location), {
      code: await lastCode(portal.store, '+33612345678'),
    });
    expect(done.headers.location).toBe('/account?notice=switched');
    expect(await portal.store.getUser(user.id)).toMatchObject({ method: 'sms', totpSecret: null });
  });

  it('turning off on the page needs both the password and a current code', async () => {
    const portal = await makePortal();
    const user = await portal.addUser(totpUser('tia@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('tia@test.example');
    await browser.post('/login/code', { code: totpAt(portal.clock) });
    portal.clock.advance(30_000);
    const passwordOnly = await browser.post('/security/disable', { password: PASSWORD });
    expect(passwordOnly.statusCode).toBe(403);
    expect(passwordOnly.body).toContain('both your password and a current code');
    const done = await browser.post('/security/disable', { password: PASSWORD, code: totpAt(portal.clock) });
    expect(done.headers.location).toBe('/account?notice=disabled');
    expect((await portal.store.getUser(user.id))?.method).toBeNull();
    expect((await messagesTo(portal.store, 'tia@test.example'))[0]?.body).toContain('turned off');
  });

  it('recovery-key renewal on the page for an SMS user: "send me a code", then the new key', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'sam@test.example', method: 'sms', phone: '+33612345642' });
    const browser = new Browser(portal.app);
    await browser.login('sam@test.example');
    await browser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    const sent = await browser.post('/security/step-up/send', { purpose: 'recovery-renew' });
    expect(sent.body).toContain('We sent a code to •••• 42');
    const done = await browser.post('/security/recovery', {
      code: await lastCode(portal.store, '+33612345642'),
    });
    expect(done.body).toContain('Your old recovery key no longer works');
    expect((await portal.store.getUser(user.id))?.recoveryHash).not.toBeNull();
  });

  it('the dev outbox page lists sent codes, and is absent when dev mode is off', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'sam@test.example', method: 'sms', phone: '+33612345642' });
    await new Browser(portal.app).login('sam@test.example');
    const page = await portal.app.inject({ method: 'GET', url: '/dev/outbox' });
    expect(page.body).toContain('SMS to +33612345642');
    const json = (await portal.app.inject({ method: 'GET', url: '/dev/api/outbox' })).json();
    expect(json.messages[0].body).toMatch(/code is \d{6}/);

    const prod = await makePortal({ dev: false });
    expect((await prod.app.inject({ method: 'GET', url: '/dev/outbox' })).statusCode).toBe(404);
    expect((await prod.app.inject({ method: 'GET', url: '/dev/api/outbox' })).statusCode).toBe(404);
  });
});
