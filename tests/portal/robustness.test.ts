import { describe, expect, it } from 'vitest';
import type { Store } from '../../portal/store/types';
import {
  apiClient,
  Browser,
  lastCode,
  makePortal,
  openTestStore,
  PASSWORD,
  pair,
  type TestPortal,
} from './helpers';

async function pairedToken(portal: TestPortal, email: string) {
  const browser = new Browser(portal.app);
  await browser.login(email);
  return pair(portal, browser);
}

/** A store whose transactions crash when they write an audit entry (a failure mid-request). */
function crashingStore(inner: Store, crash: { on: boolean }): Store {
  const wrapTx = (tx: Store): Store =>
    new Proxy(tx, {
      get(target, prop, receiver) {
        if (prop === 'appendAudit' && crash.on)
          return async () => {
            throw new Error('disk on fire');
          };
        return Reflect.get(target, prop, receiver);
      },
    });
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'transaction')
        return <T>(fn: (tx: Store) => Promise<T>) => target.transaction((tx) => fn(wrapTx(tx)));
      return Reflect.get(target, prop, receiver);
    },
  });
}

describe('bad input changes nothing and gets a clear 4xx', () => {
  it('malformed JSON, wrong types, oversize bodies', async () => {
    const portal = await makePortal();
    const user = await portal.addUser({ email: 'ann@test.example' });
    const bearer = `Bearer ${await pairedToken(portal, 'ann@test.example')}`;
    const raw = (payload: string, contentType = 'application/json') =>
      portal.app.inject({
        method: 'POST',
        url: '/api/v1/2fa/disable',
        headers: { authorization: bearer, 'content-type': contentType },
        payload,
      });

    const malformed = await raw('{"stepUp": {');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'invalid_json' });
    expect(malformed.json().error.message).toContain('not valid JSON');

    const wrongType = await raw(JSON.stringify({ stepUp: { password: 42 } }));
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error.message).toMatch(/stepUp\.password: .*expected string/);

    const badCode = await raw(JSON.stringify({ stepUp: { code: '12ab56' } }));
    expect(badCode.json().error.message).toContain('exactly 6 digits');

    const huge = await raw(JSON.stringify({ stepUp: { password: 'x'.repeat(20_000) } }));
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error.code).toBe('body_too_large');

    const text = await raw('hi', 'text/plain');
    expect(text.statusCode).toBe(415);
    expect(text.json().error.message).toContain('JSON');

    const confirm = await portal.app.inject({
      method: 'POST',
      url: '/api/v1/2fa/totp/confirm',
      headers: { authorization: bearer },
      payload: { enrollmentId: ['x'], code: 123456 },
    });
    expect(confirm.statusCode).toBe(400);
    expect(confirm.json().error.message).toContain('enrollmentId');

    const unknown = await portal.app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('not_found');

    expect((await portal.store.getUser(user.id))?.method).toBeNull();
    expect((await portal.store.listAudit(user.id, 10)).map((e) => e.type)).toEqual(['app.connected']);
  });

  it('an oversize form post to a page gets an HTML 413 and no session change', async () => {
    const portal = await makePortal();
    const browser = new Browser(portal.app);
    const res = await browser.post('/login', { email: 'a@b.c', password: 'x'.repeat(20_000) });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('too large');
  });
});

describe('consistency and limits', () => {
  it('a crash in the middle of a change leaves the database as it was (transaction rolled back)', async () => {
    const crash = { on: false };
    const store = crashingStore(await openTestStore(), crash);
    const portal = await makePortal({ store });
    const user = await portal.addUser({ email: 'ann@test.example', method: 'sms', phone: '+33612345642' });
    await portal.store.updateOrg(portal.org.id, { challengePolicy: 'always' });
    const api = await (async () => {
      const browser = new Browser(portal.app);
      await browser.login('ann@test.example');
      const code = (await portal.store.listOutbox(5))[0]?.body.match(/\d{6}/)?.[0] ?? '';
      await browser.post('/login/code', { code });
      return apiClient(portal.app, await pair(portal, browser));
    })();
    await api.post('/api/v1/2fa/step-up/send', { purpose: 'disable' });
    const stepUp = { password: PASSWORD, code: await lastCode(portal.store, '+33612345642') };
    const outboxBefore = (await portal.store.listOutbox(100)).length;
    crash.on = true;
    const res = await api.post('/api/v1/2fa/disable', { stepUp });
    expect(res.statusCode).toBe(500);
    expect(res.json().error.message).toContain('nothing was changed');
    expect(await portal.store.getUser(user.id)).toMatchObject({ method: 'sms', phone: '+33612345642' });
    expect((await portal.store.listOutbox(100)).length).toBe(outboxBefore);
    crash.on = false;
    // The code was checked (and used up) before the change's transaction; a fresh one finishes the change.
    await api.post('/api/v1/2fa/step-up/send', { purpose: 'disable' });
    const retry = { password: PASSWORD, code: await lastCode(portal.store, '+33612345642') };
    expect((await api.post('/api/v1/2fa/disable', { stepUp: retry })).statusCode).toBe(200);
  });

  it('rate-limits code sends per account and per IP with Retry-After', async () => {
    const portal = await makePortal({
      limits: { sendsPerAccount: { max: 3, windowMs: 60_000 }, sendsPerIp: { max: 4, windowMs: 60_000 } },
    });
    await portal.addUser({ email: 'a@test.example', method: 'sms', phone: '+33612345642' });
    await portal.addUser({ email: 'b@test.example', method: 'sms', phone: '+33612345678' });
    const a = new Browser(portal.app);
    await a.login('a@test.example');
    await a.post('/login/code/resend');
    await a.post('/login/code/resend');
    const fourth = await a.post('/login/code/resend');
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(0);
    expect(fourth.body).toContain('Too many codes sent');

    const b = new Browser(portal.app);
    await b.login('b@test.example');
    const sameIp = await b.post('/login/code/resend');
    expect(sameIp.statusCode).toBe(429);
    portal.clock.advance(61_000);
    expect((await b.post('/login/code/resend')).statusCode).toBe(302);
  });
});
