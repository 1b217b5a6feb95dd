import { describe, expect, it } from 'vitest';
import { PhoneChangeStartedSchema } from '../../lib/portal/schemas';
import { maskEmail, maskPhone, parseSmsNumber } from '../../portal/flows/phone';
import { apiClient, Browser, lastCode, makePortal, messagesTo, PASSWORD, pair, smsUser } from './helpers';

describe('phone numbers', () => {
  it('stores E.164, refuses landlines and impossible numbers with the reason', () => {
    expect(parseSmsNumber('+33 6 12 34 56 78')).toBe('+33612345678');
    expect(parseSmsNumber('+49 151 12345642')).toBe('+4915112345642');
    expect(() => parseSmsNumber('+33 1 45 45 32 45')).toThrow(/landline/);
    expect(() => parseSmsNumber('+44 7700 900123')).toThrow(/does not exist/);
    expect(() => parseSmsNumber('hello')).toThrow(/not a phone number/);
    expect(() => parseSmsNumber('+33 800 123 456')).toThrow(/cannot receive SMS/);
    expect(maskPhone('+33612345642')).toBe('•••• 42');
    expect(maskEmail('ann@test.example')).toBe('a•••@test.example');
  });
});

describe('phone change', () => {
  async function smsAccount() {
    const portal = await makePortal({}, { challengePolicy: 'always' });
    const user = await portal.addUser(smsUser('sam@test.example'));
    const browser = new Browser(portal.app);
    await browser.login('sam@test.example');
    await browser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    return { portal, user, browser };
  }

  it('API: step-up, code to the current number, then to the new one; both numbers and the e-mail are told', async () => {
    const { portal, user, browser } = await smsAccount();
    const api = apiClient(portal.app, await pair(portal, browser));
    const noStepUp = await api.post('/api/v1/2fa/phone/change', { phone: '+33 6 12 34 56 78' });
    expect(noStepUp.statusCode).toBe(400);

    const started = await api.post('/api/v1/2fa/phone/change', {
      phone: '+33 6 12 34 56 78',
      stepUp: { password: PASSWORD },
    });
    expect(started.statusCode).toBe(201);
    const { changeId, sentTo } = PhoneChangeStartedSchema.parse(started.json());
    expect(sentTo).toBe('•••• 42');

    const early = await api.post('/api/v1/2fa/phone/change/confirm-new', { changeId, code: '123456' });
    expect(early.json().error.code).toBe('wrong_step');

    const old = await api.post('/api/v1/2fa/phone/change/confirm-old', {
      changeId,
      code: await lastCode(portal.store, '+33612345642'),
    });
    expect(old.json().sentTo).toBe('•••• 78');
    expect((await portal.store.getUser(user.id))?.phone).toBe('+33612345642');

    const done = await api.post('/api/v1/2fa/phone/change/confirm-new', {
      changeId,
      code: await lastCode(portal.store, '+33612345678'),
    });
    expect(done.json().status.phone).toBe('•••• 78');
    expect((await portal.store.getUser(user.id))?.phone).toBe('+33612345678');
    expect((await messagesTo(portal.store, '+33612345642'))[0]?.body).toContain('now go to another number');
    expect((await messagesTo(portal.store, 'sam@test.example'))[0]?.body).toContain(
      'from •••• 42 to •••• 78',
    );
    expect((await portal.store.listAudit(user.id, 1))[0]?.type).toBe('phone.changed');
  });

  it('pages: the same flow by hand, and "I no longer have this phone" says to ask the administrator', async () => {
    const { portal, user, browser } = await smsAccount();
    const start = await browser.post('/security/phone', { phone: '+4915112345642', password: PASSWORD });
    expect(start.body).toContain('We sent a code to •••• 42 (your current number)');
    const id = start.body.match(/action="\/security\/phone\/([^"]+)"/)?.[1] ?? '';
    const second = await browser.post(`/security/phone/${id}`, {
      code: await lastCode(portal.store, '+33612345642'),
    });
    expect(second.body).toContain('We sent a code to •••• 42 (the new number)');
    const done = await browser.post(`/security/phone/${id}`, {
      code: await lastCode(portal.store, '+4915112345642'),
    });
    expect(done.headers.location).toBe('/account?notice=phone-changed');
    expect((await portal.store.getUser(user.id))?.phone).toBe('+4915112345642');

    const lost = await browser.post('/security/phone/lost');
    expect(lost.statusCode).toBe(409);
    expect(lost.body).toContain('Ask your administrator');
  });

  it('refuses a landline on the page with that reason and changes nothing', async () => {
    const { portal, user, browser } = await smsAccount();
    const res = await browser.post('/security/phone', { phone: '+33 1 45 45 32 45', password: PASSWORD });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('landline');
    expect((await portal.store.getUser(user.id))?.phone).toBe('+33612345642');
  });

  it('sends a new code on request: the old code stops working (API and page)', async () => {
    const { portal, user, browser } = await smsAccount();
    const api = apiClient(portal.app, await pair(portal, browser));
    const { changeId } = (
      await api.post('/api/v1/2fa/phone/change', { phone: '+33612345678', stepUp: { password: PASSWORD } })
    ).json();
    const first = await lastCode(portal.store, '+33612345642');
    const resent = await api.post('/api/v1/2fa/resend', { changeId });
    expect(resent.json().sentTo).toBe('•••• 42');
    const second = await lastCode(portal.store, '+33612345642');
    if (first !== second) {
      const stale = await api.post('/api/v1/2fa/phone/change/confirm-old', { changeId, code: first });
      expect(stale.statusCode).toBe(401);
    }
    expect(
      (await api.post('/api/v1/2fa/phone/change/confirm-old', { changeId, code: second })).statusCode,
    ).toBe(200);

    const page = await browser.post(`/security/resend/${changeId}`);
    expect(page.body).toContain('We sent a code to •••• 78 (the new number)');
    const done = await browser.post(`/security/phone/${changeId}`, {
      code: await lastCode(portal.store, '+33612345678'),
    });
    expect(done.headers.location).toBe('/account?notice=phone-changed');
    expect((await portal.store.getUser(user.id))?.phone).toBe('+33612345678');

    const totp = (
      await api.post('/api/v1/2fa/switch', { method: 'totp', stepUp: { password: PASSWORD } })
    ).json();
    const none = await api.post('/api/v1/2fa/resend', { changeId: totp.enrollmentId });
    expect(none.json().error.code).toBe('no_code_needed');
    expect((await api.post('/api/v1/2fa/resend', { changeId: 'nope' })).statusCode).toBe(404);
  });
});
