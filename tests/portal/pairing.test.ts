import { describe, expect, it } from 'vitest';
import {
  DeviceAuthorizationResponseSchema,
  DiscoverySchema,
  TokenResponseSchema,
} from '../../lib/portal/schemas';
import { apiClient, Browser, makePortal, messagesTo, PASSWORD, pair, totpAt, totpUser } from './helpers';

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

  it('pairs: pending, slow_down, approval on /device (prefilled), token once, then 2FA status', async () => {
    const portal = await makePortal();
    await portal.addUser(totpUser('tia@test.example'));
    const start = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: 'client_id=tessera',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const grant = DeviceAuthorizationResponseSchema.parse(start.json());
    expect(grant.user_code).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
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

    const browser = new Browser(portal.app);
    const redirect = await browser.get(`/device?user_code=${grant.user_code}`);
    expect(redirect.headers.location).toContain('/login?next=');
    await browser.login('tia@test.example');
    await browser.post('/login/code', { code: totpAt(portal.clock) });
    const page = await browser.get(
      new URL(grant.verification_uri_complete).pathname + new URL(grant.verification_uri_complete).search,
    );
    expect(page.body).toContain(`value="${grant.user_code}"`);
    expect(page.body).toContain('tessera');
    await browser.post('/device', { user_code: grant.user_code, decision: 'approve' });

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
    await browser.post('/device', { user_code: denied.user_code, decision: 'deny' });
    expect((await poll(denied.device_code)).json().error).toBe('access_denied');

    const late = await start();
    portal.clock.advance(601_000);
    expect((await poll(late.device_code)).json().error).toBe('expired_token');
    expect(
      (await browser.post('/device', { user_code: late.user_code, decision: 'approve' })).body,
    ).toContain('unknown or has expired');
  });

  it('refuses other scopes and grant types with OAuth errors', async () => {
    const portal = await makePortal();
    const scope = await portal.app.inject({
      method: 'POST',
      url: '/oauth/device_authorization',
      payload: { client_id: 'x', scope: 'admin' },
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

describe('re-authentication before pairing or turning 2FA on', () => {
  it('asks to sign in again when the login is older than 15 minutes', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    portal.clock.advance(16 * 60_000);
    const grant = (
      await portal.app.inject({
        method: 'POST',
        url: '/oauth/device_authorization',
        payload: { client_id: 'tessera' },
      })
    ).json();

    const stale = await browser.post('/device', { user_code: grant.user_code, decision: 'approve' });
    expect(stale.statusCode).toBe(302);
    expect(stale.headers.location).toBe(
      `/login?next=${encodeURIComponent(`/device?user_code=${grant.user_code}`)}&reauth=1`,
    );
    expect((await browser.get(String(stale.headers.location))).body).toContain(
      'Sign in again to confirm it is you.',
    );
    const setup = await browser.post('/security/setup', { method: 'totp' });
    expect(setup.headers.location).toContain('reauth=1');
    expect(await portal.store.listAudit(user.id, 5)).toEqual([]);

    const back = await browser.post(
      `/login?next=${encodeURIComponent(`/device?user_code=${grant.user_code}`)}`,
      {
        email: 'ann@test.example',
        password: PASSWORD,
      },
    );
    expect(back.headers.location).toBe(`/device?user_code=${grant.user_code}`);
    const approved = await browser.post('/device', { user_code: grant.user_code, decision: 'approve' });
    expect(approved.body).toContain('Tessera is connected');
  });
});
