import { describe, expect, it } from 'vitest';
import {
  DeviceAuthorizationResponseSchema,
  DiscoverySchema,
  TokenResponseSchema,
} from '../../lib/portal/schemas';
import {
  apiClient,
  approve,
  Browser,
  makePortal,
  messagesTo,
  PASSWORD,
  pair,
  totpAt,
  totpUser,
} from './helpers';

const GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

describe('discovery and RFC 8628 pairing', () => {
  it('serves the discovery document and the OpenAPI document built from the zod schemas', async () => {
    const portal = await makePortal();
    const discovery = await portal.app.inject({
      method: 'GET',
      url: '/.well-known/tessera-portal',
      headers: { host: 'portal.test' },
    });
    const doc = DiscoverySchema.parse(discovery.json());
    expect(doc.api_base).toBe('http://portal.test/api/v1');
    expect(doc.methods).toEqual(['totp', 'sms', 'email']);
    const openapi = (await portal.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(openapi.openapi).toBe('3.1.0');
    expect(Object.keys(openapi.paths)).toContain('/api/v1/2fa/status');
    expect(openapi.components.schemas.Status.properties.recoveryKeyPresent).toEqual({ type: 'boolean' });
    expect(JSON.stringify(openapi)).not.toContain('#/$defs/');
  });

  it('pairs: pending, slow_down, the code typed on /device and allowed with the password, token once, then 2FA status', async () => {
    const portal = await makePortal();
    await portal.addUser(totpUser('tia@test.example'));
    const start = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: 'client_id=tessera',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': 'Tessera/1.0 (Chromium)',
      },
      remoteAddress: '198.51.100.4',
    });
    const grant = DeviceAuthorizationResponseSchema.parse(start.json());
    expect(grant.user_code).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
    expect(grant.verification_uri).toBe('http://localhost:80/device');
    expect(grant.verification_uri_complete).toBeUndefined();
    const poll = () =>
      portal.app.inject({
        method: 'POST',
        url: '/oauth/token',
        payload: { grant_type: GRANT, device_code: grant.device_code, client_id: 'tessera' },
      });

    const pending = await poll();
    expect(pending.statusCode).toBe(400);
    expect(pending.json().error).toBe('authorization_pending');
    expect((await poll()).json().error).toBe('slow_down');

    const browser = new Browser(portal.app, '198.51.100.4');
    const redirect = await browser.get('/device');
    expect(redirect.headers.location).toBe(`/login?next=${encodeURIComponent('/device')}`);
    await browser.login('tia@test.example');
    await browser.post('/login/code', { code: totpAt(portal.clock) });
    const review = await browser.post('/device', { user_code: grant.user_code.toLowerCase() });
    expect(review.body).toContain('<strong>Tessera</strong> asks to manage your two-factor settings');
    expect(review.body).toContain('198.51.100.4 (the address you are using now)');
    expect(review.body).toContain('Tessera/1.0 (Chromium)');
    expect(review.body).toContain('2026-11-23 12:00 UTC (less than a minute ago)');
    const approved = (await approve(browser, grant.user_code)).body;
    expect(approved).toContain('Tessera is connected');
    // Tessera has not fetched its token yet: the page must not also say that no app is connected.
    expect(approved).not.toContain('No app is connected');

    portal.clock.advance(11_000);
    const token = TokenResponseSchema.parse((await poll()).json());
    expect(token.scope).toBe('2fa:manage');
    portal.clock.advance(11_000);
    expect((await poll()).json().error).toBe('invalid_grant');

    const status = await apiClient(portal.app, token.access_token).get('/api/v1/2fa/status');
    expect(status.statusCode).toBe(200);
    expect(status.json().status).toMatchObject({
      twoFactorEnabled: true,
      method: 'totp',
      recoveryKeyPresent: true,
    });
  });

  it('reports access_denied and expired_token', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const start = async () =>
      (
        await portal.app.inject({
          method: 'POST',
          url: '/oauth/device_authorization',
          payload: { client_id: 'tessera' },
        })
      ).json();
    const poll = (device_code: string) =>
      portal.app.inject({
        method: 'POST',
        url: '/oauth/token',
        payload: { grant_type: GRANT, device_code, client_id: 'tessera' },
      });
    const denied = await start();
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    await browser.post('/device/decision', { user_code: denied.user_code, decision: 'deny' });
    expect((await poll(denied.device_code)).json().error).toBe('access_denied');

    const late = await start();
    portal.clock.advance(601_000);
    expect((await poll(late.device_code)).json().error).toBe('expired_token');
    expect((await approve(browser, late.user_code)).body).toContain('unknown or has expired');
    expect((await browser.post('/device', { user_code: late.user_code })).body).toContain(
      'unknown or has expired',
    );
  });

  it('refuses other scopes and grant types with OAuth errors', async () => {
    const portal = await makePortal();
    const scope = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: { client_id: 'tessera', scope: 'admin' },
    });
    expect(scope.json().error).toBe('invalid_scope');
    const grant = await portal.app.inject({
      method: 'POST',
      url: '/oauth/token',
      payload: { grant_type: 'password', device_code: 'x', client_id: 'x' },
    });
    expect(grant.json().error).toBe('unsupported_grant_type');
    const missing = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('invalid_request');
  });

  it('a revoked token (Connected apps page) and an expired token are refused with a clear message', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const token = await pair(portal, browser);
    const api = apiClient(portal.app, token);
    expect((await api.get('/api/v1/2fa/status')).statusCode).toBe(200);

    const apps = await browser.get('/apps');
    const id = apps.body.match(/\/apps\/([^/]+)\/revoke/)?.[1] ?? '';
    await browser.post(`/apps/${id}/revoke`);
    const revoked = await api.get('/api/v1/2fa/status');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().error.message).toContain('revoked');
    expect((await portal.store.listAudit(user.id, 10)).map((e) => e.type)).toEqual([
      'app.revoked',
      'app.connected',
    ]);
    const mail = (await messagesTo(portal.store, 'ann@test.example')).map((m) => m.body);
    expect(mail[0]).toContain('was disconnected');
    expect(mail[1]).toContain('was connected');

    const second = apiClient(portal.app, await pair(portal, browser));
    portal.clock.advance(31 * 24 * 3600_000);
    const expired = await second.get('/api/v1/2fa/status');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.message).toContain('expired');
    expect((await apiClient(portal.app, 'x'.repeat(43)).get('/api/v1/2fa/status')).statusCode).toBe(401);
    expect((await portal.app.inject({ method: 'GET', url: '/api/v1/2fa/status' })).json().error.code).toBe(
      'invalid_token',
    );
  });

  it('lets the extension revoke its own token, and answers CORS preflights without cookies', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    const api = apiClient(portal.app, await pair(portal, browser));
    expect((await api.delete('/api/v1/token')).statusCode).toBe(204);
    expect((await api.get('/api/v1/2fa/status')).statusCode).toBe(401);

    const preflight = await portal.app.inject({
      method: 'OPTIONS',
      url: '/api/v1/2fa/status',
      headers: {
        origin: 'chrome-extension://abc',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
    expect(preflight.headers['set-cookie']).toBeUndefined();
  });
});

describe('re-authentication before turning 2FA on', () => {
  it('asks to sign in again when the login is older than 15 minutes', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    portal.clock.advance(16 * 60_000);
    const setup = await browser.post('/security/setup', { method: 'totp' });
    expect(setup.headers.location).toBe(
      `/login?next=${encodeURIComponent('/security/setup?method=totp')}&reauth=1`,
    );
    expect((await browser.get(String(setup.headers.location))).body).toContain(
      'Sign in again to confirm it is you.',
    );
    expect(await portal.store.listAudit(user.id, 5)).toEqual([]);
    const back = await browser.post(`/login?next=${encodeURIComponent('/security/setup?method=totp')}`, {
      email: 'ann@test.example',
      password: PASSWORD,
    });
    expect(back.headers.location).toBe('/security/setup?method=totp');
    expect((await browser.post('/security/setup', { method: 'totp' })).headers.location).toMatch(
      /^\/security\/setup\/[\w-]+$/,
    );
  });
});
