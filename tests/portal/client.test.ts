import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import {
  discover,
  PortalApiError,
  pollDeviceToken,
  portalApi,
  requestDeviceCode,
} from '../../lib/portal/client';
import { approve, Browser, makePortal, PASSWORD, type TestPortal } from './helpers';

const open: TestPortal[] = [];
afterEach(async () => {
  for (const portal of open.splice(0)) await portal.app.close();
});

describe('lib/portal client against a listening portal', () => {
  it('discovers, pairs, enrolls TOTP, reads events, reports refusals and unpairs', async () => {
    const portal = await makePortal();
    open.push(portal);
    await portal.addUser({ email: 'ann@test.example' });
    const origin = await portal.app.listen({ port: 0, host: '127.0.0.1' });

    const discovery = await discover(origin);
    expect(discovery.api_base).toBe(`${origin}/api/v1`);
    const grant = await requestDeviceCode(discovery, 'tessera');
    expect(await pollDeviceToken(discovery, grant.device_code, 'tessera')).toEqual({ kind: 'pending' });

    const browser = new Browser(portal.app);
    await browser.login('ann@test.example');
    await approve(browser, grant.user_code);
    portal.clock.advance(6000);
    const outcome = await pollDeviceToken(discovery, grant.device_code, 'tessera');
    if (outcome.kind !== 'token') throw new Error(`no token: ${outcome.kind}`);

    const api = portalApi(discovery, outcome.accessToken);
    expect((await api.status()).status.twoFactorEnabled).toBe(false);
    const enrollment = await api.enrollTotp(PASSWORD);
    const code = generateSync({ secret: enrollment.secret, epoch: Math.floor(portal.clock.now() / 1000) });
    const enabled = await api.confirmTotp(enrollment.enrollmentId, code);
    expect(enabled.status.method).toBe('totp');
    expect((await api.events()).events.map((e) => e.type)).toContain('2fa.enabled');

    const refusal = await api.disable(`wrong${PASSWORD}`, '123456').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(PortalApiError);
    expect(refusal).toMatchObject({ status: 401, code: 'wrong_password' });

    await api.revoke();
    await expect(api.status()).rejects.toMatchObject({ code: 'invalid_token' });
  });
});
