import { generateSync } from 'otplib';
import { describe, expect, it } from 'vitest';
import {
  EnableResponseSchema,
  EnrollmentSchema,
  EventsResponseSchema,
  StatusResponseSchema,
  TotpEnrollResponseSchema,
} from '../../lib/portal/schemas';
import {
  apiClient,
  Browser,
  lastCode,
  makePortal,
  messagesTo,
  PASSWORD,
  pair,
  type TestPortal,
} from './helpers';

async function signedInApi(portal: TestPortal, email: string) {
  const browser = new Browser(portal.app);
  const target = await browser.login(email);
  if (target !== '/account') throw new Error(`login went to ${target}`);
  return apiClient(portal.app, await pair(portal, browser));
}

const codeFor = (secret: string, portal: TestPortal, steps = 0) =>
  generateSync({ secret, epoch: Math.floor(portal.clock.now() / 1000) + steps * 30 });

describe('API: authenticator enrollment and the recovery key', () => {
  it('enrolls TOTP: otpauth URI, first code, recovery key once; notifies and audits', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const api = await signedInApi(portal, 'ann@test.example');
    const started = TotpEnrollResponseSchema.parse(
      (await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })).json(),
    );
    expect(started.otpauthUri).toMatch(/^otpauth:\/\/totp\/Acme:ann%40test\.example\?secret=[A-Z2-7]{32}/);
    expect(started.secret).toHaveLength(32);

    const wrong = await api.post('/api/v1/2fa/totp/confirm', {
      enrollmentId: started.enrollmentId,
      code: codeFor(started.secret, portal, 3),
    });
    expect(wrong.statusCode).toBe(401);
    expect((await portal.store.getUser(user.id))?.method).toBeNull();

    const done = await api.post('/api/v1/2fa/totp/confirm', {
      enrollmentId: started.enrollmentId,
      code: codeFor(started.secret, portal),
    });
    const body = EnableResponseSchema.parse(done.json());
    expect(body.recoveryKey).toMatch(/^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$/);
    expect(body.status).toMatchObject({ twoFactorEnabled: true, method: 'totp', recoveryKeyPresent: true });
    const stored = await portal.store.getUser(user.id);
    expect(stored?.recoveryHash).not.toContain(body.recoveryKey);
    expect(JSON.stringify((await api.get('/api/v1/2fa/status')).json())).not.toContain(started.secret);

    const events = EventsResponseSchema.parse((await api.get('/api/v1/events')).json()).events;
    expect(events[0]).toMatchObject({ type: '2fa.enabled', actor: 'you' });
    const mail = await messagesTo(portal.store, 'ann@test.example');
    expect(mail[0]?.body).toContain('Two-factor authentication was turned on with the authenticator app');
    expect(
      (await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })).json().error.code,
    ).toBe('already_enabled');
  });

  it('TOTP window: T-1 accepted, T-2 and T+2 refused; drift is recorded', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const api = await signedInApi(portal, 'ann@test.example');
    const { secret, enrollmentId } = (
      await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })
    ).json();
    for (const steps of [-2, 2]) {
      const res = await api.post('/api/v1/2fa/totp/confirm', {
        enrollmentId,
        code: codeFor(secret, portal, steps),
      });
      expect(res.statusCode).toBe(401);
    }
    const ok = await api.post('/api/v1/2fa/totp/confirm', {
      enrollmentId,
      code: codeFor(secret, portal, -1),
    });
    expect(ok.statusCode).toBe(200);
    expect((await portal.store.getUser(user.id))?.totpDrift).toBe(-1);
  });

  it('renews the recovery key with a current code only; a replayed code is refused, logged and notified', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const api = await signedInApi(portal, 'ann@test.example');
    const { secret, enrollmentId } = (
      await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })
    ).json();
    const first = (
      await api.post('/api/v1/2fa/totp/confirm', { enrollmentId, code: codeFor(secret, portal) })
    ).json();
    const oldHash = (await portal.store.getUser(user.id))?.recoveryHash;

    const sameStep = await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal) });
    expect(sameStep.statusCode).toBe(401);
    expect(sameStep.json().error.code).toBe('code_used');
    expect((await portal.store.listAudit(user.id, 5)).map((e) => e.type)).toContain('totp.replay');
    expect((await messagesTo(portal.store, 'ann@test.example'))[0]?.body).toContain('already been used');

    portal.clock.advance(30_000);
    const renewed = await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal) });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.json().recoveryKey).not.toBe(first.recoveryKey);
    expect((await portal.store.getUser(user.id))?.recoveryHash).not.toBe(oldHash);
    expect((await portal.store.listAudit(user.id, 1))[0]?.type).toBe('recovery.renewed');
    expect((await messagesTo(portal.store, 'ann@test.example'))[0]?.body).toContain(
      'A new recovery key was created',
    );
  });

  it('two parallel requests with the same TOTP code: exactly one succeeds', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'ann@test.example' });
    const api = await signedInApi(portal, 'ann@test.example');
    const { secret, enrollmentId } = (
      await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })
    ).json();
    await api.post('/api/v1/2fa/totp/confirm', { enrollmentId, code: codeFor(secret, portal) });
    portal.clock.advance(30_000);
    const code = codeFor(secret, portal);
    const results = await Promise.all([
      api.post('/api/v1/2fa/recovery-key', { code }),
      api.post('/api/v1/2fa/recovery-key', { code }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });
});

describe('API: step-up, switch, disable', () => {
  async function totpAccount() {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const api = await signedInApi(portal, 'ann@test.example');
    const { secret, enrollmentId } = (
      await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })
    ).json();
    await api.post('/api/v1/2fa/totp/confirm', { enrollmentId, code: codeFor(secret, portal) });
    portal.clock.advance(30_000);
    return { portal, user, api, secret: secret as string };
  }

  it('refuses a switch or a disable without step-up, and with a wrong password', async () => {
    const { portal, user, api } = await totpAccount();
    const noStepUp = await api.post('/api/v1/2fa/disable', {});
    expect(noStepUp.statusCode).toBe(400);
    expect(noStepUp.json().error.message).toContain('stepUp');
    const empty = await api.post('/api/v1/2fa/disable', { stepUp: {} });
    expect(empty.json().error.message).toContain('Confirm it is you');
    const wrong = await api.post('/api/v1/2fa/switch', { method: 'email', stepUp: { password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('wrong_password');
    expect((await portal.store.getUser(user.id))?.method).toBe('totp');
  });

  it('switches authenticator → SMS: the old method stays until the new number is verified', async () => {
    const { portal, user, api } = await totpAccount();
    const landline = await api.post('/api/v1/2fa/switch', {
      method: 'sms',
      phone: '+33 1 45 45 32 45',
      stepUp: { password: PASSWORD },
    });
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error).toMatchObject({ code: 'landline' });
    expect(landline.json().error.message).toContain('landline');

    const started = await api.post('/api/v1/2fa/switch', {
      method: 'sms',
      phone: '+33 6 12 34 56 78',
      stepUp: { password: PASSWORD },
    });
    expect(started.statusCode).toBe(201);
    expect(EnrollmentSchema.parse(started.json())).toMatchObject({ method: 'sms', sentTo: '•••• 78' });
    expect((await portal.store.getUser(user.id))?.method).toBe('totp');

    const code = await lastCode(portal.store, '+33612345678');
    const confirmed = await api.post('/api/v1/2fa/switch/confirm', {
      enrollmentId: started.json().enrollmentId,
      code,
    });
    expect(StatusResponseSchema.parse(confirmed.json()).status).toMatchObject({
      method: 'sms',
      phone: '•••• 78',
    });
    const stored = await portal.store.getUser(user.id);
    expect(stored).toMatchObject({ method: 'sms', phone: '+33612345678', totpSecret: null });
    expect((await portal.store.listAudit(user.id, 1))[0]?.type).toBe('2fa.method_switched');
    expect((await messagesTo(portal.store, 'ann@test.example'))[0]?.body).toContain(
      'changed from authenticator app to SMS',
    );
  });

  it('an SMS code sent for one purpose is refused for another (bound to its request)', async () => {
    const portal = await makePortal();
    await portal.addUser({ email: 'sam@test.example' });
    const api = await signedInApi(portal, 'sam@test.example');
    const started = (
      await api.post('/api/v1/2fa/switch', {
        method: 'sms',
        phone: '+33612345642',
        stepUp: { password: PASSWORD },
      })
    ).json();
    expect(started.error.code).toBe('not_enabled');
    const { secret, enrollmentId } = (
      await api.post('/api/v1/2fa/totp/enroll', { stepUp: { password: PASSWORD } })
    ).json();
    await api.post('/api/v1/2fa/totp/confirm', { enrollmentId, code: codeFor(secret, portal) });
    const sw = (
      await api.post('/api/v1/2fa/switch', {
        method: 'sms',
        phone: '+33612345642',
        stepUp: { password: PASSWORD },
      })
    ).json();
    await api.post('/api/v1/2fa/switch/confirm', {
      enrollmentId: sw.enrollmentId,
      code: await lastCode(portal.store, '+33612345642'),
    });

    expect((await api.post('/api/v1/2fa/step-up/send', { purpose: 'phone-change' })).json().sentTo).toBe(
      '•••• 42',
    );
    const phoneChangeCode = await lastCode(portal.store, '+33612345642');
    const misuse = await api.post('/api/v1/2fa/disable', {
      stepUp: { password: PASSWORD, code: phoneChangeCode },
    });
    expect(misuse.statusCode).toBe(400);
    expect(misuse.json().error.code).toBe('no_code');

    await api.post('/api/v1/2fa/step-up/send', { purpose: 'disable' });
    const code = await lastCode(portal.store, '+33612345642');
    const codeAlone = await api.post('/api/v1/2fa/disable', { stepUp: { code } });
    expect(codeAlone.json().error).toMatchObject({ code: 'step_up_required' });
    expect(codeAlone.json().error.message).toContain('both your password and a current code');
    const off = await api.post('/api/v1/2fa/disable', { stepUp: { password: PASSWORD, code } });
    expect(off.json().status).toMatchObject({
      twoFactorEnabled: false,
      method: null,
      phone: null,
      recoveryKeyPresent: false,
    });
    const sms = await messagesTo(portal.store, '+33612345642');
    expect(sms[0]?.body).toContain('turned off');
  });

  it('disables with the password and a code, never the password alone; refuses when the organisation requires 2FA', async () => {
    const { portal, user, api, secret } = await totpAccount();
    const passwordAlone = await api.post('/api/v1/2fa/disable', { stepUp: { password: PASSWORD } });
    expect(passwordAlone.statusCode).toBe(403);
    expect(passwordAlone.json().error.code).toBe('step_up_required');
    await portal.store.updateOrg(portal.org.id, { requireTwoFactor: true });
    const both = () => ({ stepUp: { password: PASSWORD, code: codeFor(secret, portal) } });
    const refused = await api.post('/api/v1/2fa/disable', both());
    expect(refused.json().error.code).toBe('required_by_org');
    await portal.store.updateOrg(portal.org.id, { requireTwoFactor: false });
    portal.clock.advance(30_000);
    const off = await api.post('/api/v1/2fa/disable', both());
    expect(off.statusCode).toBe(200);
    expect((await portal.store.getUser(user.id))?.method).toBeNull();
    expect((await portal.store.listAudit(user.id, 1))[0]?.type).toBe('2fa.disabled');
    expect((await messagesTo(portal.store, 'ann@test.example'))[0]?.body).toContain('turned off');
  });

  it('locks the second factor after 100 consecutive failures (429 with Retry-After)', async () => {
    const { portal, user, api, secret } = await totpAccount();
    await portal.store.updateUser(user.id, { failedAttempts: 99, lastFailureAt: portal.clock.now() });
    const hundredth = await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal, 5) });
    expect(hundredth.statusCode).toBe(401);
    const locked = await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal) });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    portal.clock.advance(16 * 60_000);
    expect((await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal) })).statusCode).toBe(
      200,
    );
    expect((await portal.store.getUser(user.id))?.failedAttempts).toBe(0);
  });

  it('switch to e-mail: wrong codes count down, the sixth try is refused, an expired code is refused', async () => {
    const { portal, user, api } = await totpAccount();
    const start = async () => {
      const res = await api.post('/api/v1/2fa/switch', { method: 'email', stepUp: { password: PASSWORD } });
      expect(res.json().sentTo).toBe('a•••@test.example');
      return {
        id: res.json().enrollmentId as string,
        code: await lastCode(portal.store, 'ann@test.example'),
      };
    };
    const first = await start();
    const wrong = first.code === '000000' ? '111111' : '000000';
    const tries = [];
    for (let i = 0; i < 5; i++)
      tries.push(
        (await api.post('/api/v1/2fa/switch/confirm', { enrollmentId: first.id, code: wrong })).json(),
      );
    expect(tries[0].error.message).toContain('4 tries left');
    expect(tries[4].error.message).toContain('Ask for a new code');
    const sixth = await api.post('/api/v1/2fa/switch/confirm', { enrollmentId: first.id, code: first.code });
    expect(sixth.statusCode).toBe(429);
    expect(sixth.json().error.code).toBe('too_many_tries');

    const second = await start();
    portal.clock.advance(10 * 60_000 + 1000);
    const expired = await api.post('/api/v1/2fa/switch/confirm', {
      enrollmentId: second.id,
      code: second.code,
    });
    expect(expired.json().error.code).toBe('code_expired');
    expect((await portal.store.getUser(user.id))?.method).toBe('totp');
  });

  it('replaces the authenticator with a new one (new phone): old codes stop working', async () => {
    const { portal, user, api, secret } = await totpAccount();
    const codeOnly = await api.post('/api/v1/2fa/switch', {
      method: 'totp',
      stepUp: { code: codeFor(secret, portal) },
    });
    expect(codeOnly.statusCode).toBe(400);
    expect(codeOnly.json().error.message).toContain('stepUp.password');
    const started = EnrollmentSchema.parse(
      (await api.post('/api/v1/2fa/switch', { method: 'totp', stepUp: { password: PASSWORD } })).json(),
    );
    const fresh = started.secret ?? '';
    expect(fresh).not.toBe(secret);
    portal.clock.advance(30_000);
    const done = await api.post('/api/v1/2fa/switch/confirm', {
      enrollmentId: started.enrollmentId,
      code: codeFor(fresh, portal),
    });
    expect(done.json().status.method).toBe('totp');
    expect((await portal.store.getUser(user.id))?.totpSecret).toBe(fresh);
    expect((await portal.store.listAudit(user.id, 1))[0]?.summary).toContain('replaced by a new one');
    portal.clock.advance(30_000);
    expect((await api.post('/api/v1/2fa/recovery-key', { code: codeFor(secret, portal) })).statusCode).toBe(
      401,
    );
    expect(
      (await api.post('/api/v1/2fa/switch', { method: 'email', stepUp: { password: PASSWORD } })).statusCode,
    ).toBe(201);
  });
});
