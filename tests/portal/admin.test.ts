import { describe, expect, it } from 'vitest';
import {
  Browser,
  lastCode,
  makePortal,
  messagesTo,
  PASSWORD,
  smsUser,
  TOTP_SECRET,
  totpUser,
} from './helpers';

async function adminPortal() {
  const portal = await makePortal({}, { challengePolicy: 'risk' });
  const admin = await portal.addUser({ email: 'boss@test.example', role: 'admin' });
  const sam = await portal.addUser(smsUser('sam@test.example'));
  const tia = await portal.addUser(totpUser('tia@test.example'));
  const browser = new Browser(portal.app);
  await browser.login('boss@test.example');
  return { portal, admin, sam, tia, browser };
}

describe('administration', () => {
  it('lists the organisation users without secrets, names escaped', async () => {
    const { portal, browser } = await adminPortal();
    await portal.addUser({ email: 'eve@test.example', name: '<script>alert(1)</script>' });
    const page = await browser.get('/admin');
    expect(page.body).toContain('sam@test.example');
    expect(page.body).toContain('•••• 42');
    expect(page.body).not.toContain('+33612345642');
    expect(page.body).not.toContain(TOTP_SECRET);
    expect(page.body).not.toContain('<script>');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it("changes a user's 2FA phone: audit entry by an administrator, e-mail and old phone told", async () => {
    const { portal, sam, browser } = await adminPortal();
    const landline = await browser.post(`/admin/users/${sam.id}/phone`, { phone: '+33145453245' });
    expect(landline.body).toContain('landline');
    const res = await browser.post(`/admin/users/${sam.id}/phone`, { phone: '+33 6 12 34 56 78' });
    expect(res.body).toContain('The phone number was changed.');
    expect((await portal.store.getUser(sam.id))?.phone).toBe('+33612345678');
    const [entry] = await portal.store.listAudit(sam.id, 1);
    expect(entry).toMatchObject({ type: 'admin.phone_changed' });
    expect((await messagesTo(portal.store, 'sam@test.example'))[0]?.body).toContain(
      'An administrator (boss@test.example)',
    );
    expect((await messagesTo(portal.store, '+33612345642'))[0]?.body).toContain('administrator moved');

    const samBrowser = new Browser(portal.app);
    await samBrowser.login('sam@test.example');
    await samBrowser.post('/login/code', { code: await lastCode(portal.store, '+33612345678') });
    expect((await samBrowser.get('/audit')).body).toContain('an administrator');
  });

  it('a phone change waiting for its last code no longer applies after an administrator turned 2FA off', async () => {
    const { portal, sam, browser } = await adminPortal();
    const samBrowser = new Browser(portal.app, '198.51.100.20');
    await samBrowser.login('sam@test.example');
    await samBrowser.post('/login/code', { code: await lastCode(portal.store, '+33612345642') });
    const start = await samBrowser.post('/security/phone', { phone: '+33612345678', password: PASSWORD });
    const id = start.body.match(/action="\/security\/phone\/([^"]+)"/)?.[1] ?? '';
    await samBrowser.post(`/security/phone/${id}`, { code: await lastCode(portal.store, '+33612345642') });
    await browser.post(`/admin/users/${sam.id}/disable`);
    const late = await samBrowser.post(`/security/phone/${id}`, {
      code: await lastCode(portal.store, '+33612345678'),
    });
    expect(late.statusCode).toBe(409);
    expect(await portal.store.getUser(sam.id)).toMatchObject({ method: null, phone: null });
  });

  it('turns 2FA off for a user who lost the phone', async () => {
    const { portal, tia, browser } = await adminPortal();
    await browser.post(`/admin/users/${tia.id}/disable`);
    expect(await portal.store.getUser(tia.id)).toMatchObject({
      method: null,
      totpSecret: null,
      recoveryHash: null,
    });
    expect((await portal.store.listAudit(tia.id, 1))[0]?.type).toBe('admin.2fa_disabled');
    expect((await messagesTo(portal.store, 'tia@test.example'))[0]?.body).toContain(
      'turned off two-factor authentication',
    );
  });

  it('requires 2FA for everyone: users without it land on the setup screen', async () => {
    const { portal, admin, browser } = await adminPortal();
    await browser.post('/admin/policy', { requireTwoFactor: 'on', challengePolicy: 'always' });
    expect(await portal.store.getOrg(portal.org.id)).toMatchObject({
      requireTwoFactor: true,
      challengePolicy: 'always',
    });
    expect((await portal.store.listAudit(admin.id, 1))[0]?.type).toBe('admin.policy_changed');
    expect((await messagesTo(portal.store, 'boss@test.example'))[0]?.body).toContain(
      '2FA required for everyone',
    );
    expect((await browser.get('/admin')).headers.location).toBe('/setup');
  });

  it('refuses an administrator of another organisation, and a non-admin', async () => {
    const { portal, sam } = await adminPortal();
    const other = await portal.addOrg({ name: 'Other' });
    await portal.addUser({ email: 'mallory@other.example', role: 'admin', orgId: other.id });
    const mallory = new Browser(portal.app);
    await mallory.login('mallory@other.example');
    expect((await mallory.get('/admin')).body).not.toContain('sam@test.example');
    const phone = await mallory.post(`/admin/users/${sam.id}/phone`, { phone: '+33612345678' });
    expect(phone.statusCode).toBe(403);
    expect(phone.body).toContain('not in your organisation');
    const off = await mallory.post(`/admin/users/${sam.id}/disable`);
    expect(off.statusCode).toBe(403);
    expect(await portal.store.getUser(sam.id)).toMatchObject({ method: 'sms', phone: '+33612345642' });
    expect(await portal.store.listAudit(sam.id, 5)).toEqual([]);

    await portal.addUser({ email: 'ann@test.example' });
    const ann = new Browser(portal.app);
    await ann.login('ann@test.example');
    const denied = await ann.get('/admin');
    expect(denied.statusCode).toBe(403);
    expect(denied.body).toContain('Only administrators');
  });
});
