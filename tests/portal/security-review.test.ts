import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import { needsRehash, PASSWORD_COST, verifyPassword } from '../../portal/flows/passwords';
import {
  keyFileInDataDir,
  openSecret,
  randomSecretKeys,
  sealingStore,
  secretKeysFromEnv,
} from '../../portal/flows/sealed-secrets';
import { startPortal } from '../../portal/server';
import {
  apiClient,
  Browser,
  makePortal,
  PASSWORD,
  pair,
  smsUser,
  startPairing,
  TOTP_SECRET,
  totpAt,
  totpUser,
} from './helpers';

// Each attack from the security review of the portal (issue 12), replayed against the fixed portal.

describe('device-code phishing', () => {
  it('a link carrying the code approves nothing: the code is typed, the request shown, the password asked', async () => {
    const portal = await makePortal();
    await portal.addUser(totpUser('vic@test.example'));
    // The attacker, with no account, starts pairing from their own machine and sends the victim the link.
    const attacker = await startPairing(portal.app, 'Mozilla/5.0 (X11; Linux) AttackerBrowser/1');
    const victim = new Browser(portal.app, '203.0.113.50');
    await victim.login('vic@test.example');
    await victim.post('/login/code', { code: totpAt(portal.clock) });

    const link = await victim.get(`/device?user_code=${attacker.user_code}`);
    expect(link.statusCode).toBe(200);
    expect(link.body).not.toContain(attacker.user_code);
    expect(link.body).toContain('Enter the code that Tessera shows you now');

    // Even a victim talked into typing the code sees where the request came from, and one click is not enough.
    const review = await victim.post('/device', { user_code: attacker.user_code });
    expect(review.body).toContain('AttackerBrowser/1');
    expect(review.body).toContain('not the address you are using now, 203.0.113.50');
    const click = await victim.post('/device/decision', {
      user_code: attacker.user_code,
      decision: 'approve',
    });
    expect(click.statusCode).toBe(401);
    expect(click.body).toContain('That password is not right');
    const poll = await portal.app.inject({
      method: 'POST',
      url: '/oauth/token',
      payload: {
        grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
        device_code: attacker.device_code,
        client_id: 'tessera',
      },
    });
    expect(poll.json().error).toBe('authorization_pending');
  });

  it('only registered apps may start pairing', async () => {
    const portal = await makePortal();
    const res = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: { client_id: 'Tessera Security Update' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('invalid_client');
  });

  it('a token alone cannot put a new authenticator on the account: enrolling and replacing need the password', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const api = apiClient(portal.app, await pair(portal, browser));

    const bare = await api.post('/api/v1/2fa/totp/enroll', {});
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.message).toContain('stepUp');
    const wrong = await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: 'guess' } });
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await portal.store.getUser(user.id))?.method).toBeNull();

    await portal.store.updateUser(user.id, totpUser('ann@test.example'));
    const replace = await api.post('/api/v1/2fa/switch', {
      method: 'totp',
      stepUp: { code: totpAt(portal.clock) },
    });
    expect(replace.statusCode).toBe(400);
    expect(replace.json().error.message).toContain('stepUp.password');
  });
});

describe('dev outbox', () => {
  it('is off unless asked for, and then no message (no code) is kept anywhere', async () => {
    const portal = await makePortal({ dev: false });
    await portal.addUser(smsUser('sam@test.example'));
    expect((await portal.app.inject({ method: 'GET', url: '/dev/api/outbox' })).statusCode).toBe(404);
    const login = await new Browser(portal.app).post('/login', {
      email: 'sam@test.example',
      password: PASSWORD,
    });
    expect(login.statusCode).toBe(502);
    expect(login.body).toContain('could not send the code');
    expect(await portal.store.listOutbox(10)).toEqual([]);
  });

  it('never answers another origin (no CORS) nor a non-loopback Host (DNS rebinding) or client', async () => {
    const portal = await makePortal({ dev: true });
    const local = await portal.app.inject({
      method: 'GET',
      url: '/dev/api/outbox',
      headers: { origin: 'https://evil.example', host: '127.0.0.1:8787' },
    });
    expect(local.statusCode).toBe(200);
    expect(local.headers['access-control-allow-origin']).toBeUndefined();
    const rebound = await portal.app.inject({
      method: 'GET',
      url: '/dev/api/outbox',
      headers: { host: 'evil.example:8787' },
    });
    expect(rebound.statusCode).toBe(403);
    expect(JSON.stringify(rebound.json())).not.toContain('messages');
    const remote = await portal.app.inject({
      method: 'GET',
      url: '/dev/outbox',
      remoteAddress: '198.51.100.9',
    });
    expect(remote.statusCode).toBe(403);
  });

  it('refuses to start with DEV on a non-loopback address', async () => {
    await expect(
      startPortal({ dataDir: ':memory:', port: 0, host: '0.0.0.0', dev: true, logger: false }),
    ).rejects.toThrow(/loopback/);
  });
});

describe('administrators', () => {
  async function adminPortal(orgFields = {}) {
    const portal = await makePortal({}, orgFields);
    const admin = await portal.addUser({ ...totpUser('boss@test.example'), role: 'admin' });
    const sam = await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('boss@test.example');
    await browser.post('/login/code', { code: totpAt(portal.clock) });
    return { portal, admin, sam, browser };
  }

  it('cannot turn off their own 2FA or change their own phone from the admin page', async () => {
    const { portal, admin, browser } = await adminPortal();
    const page = await browser.get('/admin');
    expect(page.body).not.toContain(`/admin/users/${admin.id}/disable`);
    const own = await browser.post(`/admin/users/${admin.id}/disable`);
    expect(own.statusCode).toBe(403);
    expect(own.body).toContain('on their account page');
    expect((await portal.store.getUser(admin.id))?.method).toBe('totp');
  });

  it('need a recent login to change anything', async () => {
    const { portal, sam, browser } = await adminPortal();
    portal.clock.advance(16 * 60_000);
    const stale = await browser.post(`/admin/users/${sam.id}/phone`, { phone: '+33612345678' });
    expect(stale.statusCode).toBe(302);
    expect(stale.headers.location).toBe(`/login?next=${encodeURIComponent('/admin')}&reauth=1`);
    expect((await portal.store.getUser(sam.id))?.phone).toBe('+33612345642');
    const policy = await browser.post('/admin/policy', { requireTwoFactor: 'on' });
    expect(policy.statusCode).toBe(302);
    expect((await portal.store.getOrg(portal.org.id))?.requireTwoFactor).toBe(false);
  });

  it('are bound by "require 2FA" like everyone', async () => {
    const portal = await makePortal({}, { requireTwoFactor: true });
    await portal.addUser({ email: 'boss@test.example', role: 'admin' });
    const browser = new Browser(portal.app);
    await browser.login('boss@test.example');
    const admin = await browser.get('/admin');
    expect(admin.statusCode).toBe(302);
    expect(admin.headers.location).toBe('/setup');
  });
});

describe('password hashing and cookies', () => {
  it('hashes with scrypt N=2^17 and upgrades an older hash at the next successful sign-in', async () => {
    expect(PASSWORD_COST).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    const portal = await makePortal({ passwordCost: PASSWORD_COST });
    const user = await portal.addUser({ email: 'ann@test.example' });
    expect(needsRehash(user.passwordHash)).toBe(true);
    await new Browser(portal.app).post('/login', { email: 'ann@test.example', password: 'wrong' });
    expect((await portal.store.getUser(user.id))?.passwordHash).toBe(user.passwordHash);
    expect(await new Browser(portal.app).login('ann@test.example')).toBe('/account');
    const upgraded = (await portal.store.getUser(user.id))?.passwordHash ?? '';
    expect(upgraded).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(needsRehash(upgraded)).toBe(false);
    expect(await verifyPassword(PASSWORD, upgraded)).toBe(true);
  }, 60_000);

  it('marks cookies Secure whenever the public URL is https', async () => {
    const portal = await makePortal({ publicUrl: 'https://account.acme.example' });
    const page = await new Browser(portal.app).get('/login');
    const cookies = [page.headers['set-cookie']].flat().map(String);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) expect(cookie).toMatch(/; Secure/);
    const plain = await makePortal({ publicUrl: 'http://127.0.0.1:8787' });
    const local = [(await new Browser(plain.app).get('/login')).headers['set-cookie']].flat().map(String);
    for (const cookie of local) expect(cookie).not.toMatch(/; Secure/);
  });
});

describe('TOTP secrets at rest', () => {
  it('are sealed with AES-256-GCM under the server key, bound to their user, for active and pending secrets', async () => {
    const portal = await makePortal();
    const ann = await portal.addUser({ email: 'ann@test.example' });
    const bob = await portal.addUser(totpUser('bob@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const api = apiClient(portal.app, await pair(portal, browser));
    const started = (await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })).json();

    const pending = await portal.database.getPending(started.enrollmentId);
    expect(pending?.secret).toMatch(/^sealed:v1:[\w-]{8}:/);
    expect(pending?.secret).not.toContain(started.secret);
    const code = generateSync({ secret: started.secret, epoch: Math.floor(portal.clock.now() / 1000) });
    await api.post('/api/v1/2fa/totp/confirm', { enrollmentId: started.enrollmentId, code });
    const atRest = (await portal.database.getUser(ann.id))?.totpSecret ?? '';
    expect(atRest).toMatch(/^sealed:v1:[\w-]{8}:/);
    expect(atRest).not.toContain(started.secret);
    expect((await portal.store.getUser(ann.id))?.totpSecret).toBe(started.secret);

    // Someone who can write the database copies Ann's sealed secret onto Bob: it does not open as Bob's.
    await portal.database.updateUser(bob.id, { totpSecret: atRest });
    await expect(portal.store.getUser(bob.id)).rejects.toThrow(/authenticate/);
  });

  it('a secret still in clear from before is sealed the first time it is read', async () => {
    const keys = randomSecretKeys();
    const portal = await makePortal({ secretKeys: keys });
    const user = await portal.addUser({ email: 'old@test.example' });
    await portal.database.updateUser(user.id, { method: 'totp', totpSecret: TOTP_SECRET });
    const browser = new Browser(portal.app);
    await browser.login('old@test.example');
    expect((await browser.post('/login/code', { code: totpAt(portal.clock) })).headers.location).toBe(
      '/account',
    );
    const atRest = (await portal.database.getUser(user.id))?.totpSecret;
    expect(atRest).toMatch(/^sealed:v1:/);
    expect(openSecret(keys, atRest ?? '', user.id).plain).toBe(TOTP_SECRET);
  });

  it('rotates keys: a value under a previous key still opens and is re-sealed under the current one', async () => {
    const old = randomSecretKeys();
    const portal = await makePortal({ secretKeys: old });
    const user = await portal.addUser(totpUser('ann@test.example'));
    const underOld = (await portal.database.getUser(user.id))?.totpSecret ?? '';
    expect(underOld.split(':')[2]).toBe(old.current.id);

    const rotated = { current: randomSecretKeys().current, previous: [old.current] };
    const after = sealingStore(portal.database, rotated);
    expect((await after.getUser(user.id))?.totpSecret).toBe(TOTP_SECRET);
    const resealed = (await portal.database.getUser(user.id))?.totpSecret ?? '';
    expect(resealed.split(':')[2]).toBe(rotated.current.id);
    await expect(sealingStore(portal.database, old).getUser(user.id)).rejects.toThrow(
      /PORTAL_SECRET_KEYS_OLD/,
    );
  });

  it('takes the key from PORTAL_SECRET_KEY or a key file; the demo default is a key file with a warning', () => {
    const key = randomBytes(32).toString('base64');
    const fromEnv = secretKeysFromEnv({ PORTAL_SECRET_KEY: key });
    expect(fromEnv?.current.key.toString('base64')).toBe(key);
    expect(() => secretKeysFromEnv({ PORTAL_SECRET_KEY: 'c2hvcnQ=' })).toThrow(/32 random bytes/);
    expect(secretKeysFromEnv({})).toBeUndefined();

    const dir = mkdtempSync(join(tmpdir(), 'portal-key-'));
    try {
      const file = join(dir, 'key');
      writeFileSync(file, key);
      expect(secretKeysFromEnv({ PORTAL_SECRET_KEY_FILE: file })?.current.id).toBe(fromEnv?.current.id);
      const warnings: string[] = [];
      const demo = keyFileInDataDir(dir, (w) => warnings.push(w));
      expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
      expect(warnings[0]).toContain('PORTAL_SECRET_KEY');
      expect(keyFileInDataDir(dir, () => undefined).current.id).toBe(demo.current.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
