import { describe, expect, it } from 'vitest';
import { disconnect, listConnections } from '../../../lib/portal/connection';
import { archiveLocal } from '../../../lib/portal/local-account';
import { confirmSwitch, disable, sendStepUpCode, startSwitch } from '../../../lib/portal/methods';
import { moveToTessera } from '../../../lib/portal/move';
import { confirmNewPhone, confirmOldPhone, resendCode, startPhoneChange } from '../../../lib/portal/phone';
import { renewRecoveryKey } from '../../../lib/portal/recovery-keys';
import { readStatus } from '../../../lib/portal/status';
import { recoveryKeyMatches } from '../../../portal/flows/recovery';
import { lastCode, messagesTo, PASSWORD, smsUser, TOTP_SECRET } from '../../portal/helpers';
import { connectedUser, ok, startSync } from './harness';

// What the user does from Tessera's Security view, done by lib/portal against the reference portal: every
// change needs the site password, and the vault follows only what the portal confirmed.

describe('lib/portal account changes against the reference portal', () => {
  it('shows the status, the latest events and an in-sync state, never the token', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    const reply = ok(await readStatus(sync.deps, connection.id));
    expect(reply.status).toMatchObject({ twoFactorEnabled: false, method: null, organisation: 'Unit Corp' });
    expect(reply.sync).toBe('in-sync');
    expect(reply.events.map((e) => e.summary).join()).toMatch(/connected/i);
    expect(JSON.stringify([reply, await listConnections(sync.deps)])).not.toContain(connection.token);
  });

  it('moves the account to Tessera: the portal’s secret lands in the vault, bound to the site, with its recovery key', async () => {
    const sync = await startSync();
    const { user, connection } = await connectedUser(sync);
    const reply = ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
    expect(reply).toMatchObject({
      status: { method: 'totp', twoFactorEnabled: true },
      recoveryKeySaved: true,
    });
    const { accountId } = await sync.vault.getConnection(connection.id);
    const account = await sync.vault.getAccount(accountId ?? '');
    expect(account.sites).toEqual([{ host: '127.0.0.1', exact: false }]);
    const onPortal = await sync.portal.store.getUser(user.id);
    expect(account.secret).toBe(onPortal?.totpSecret);
    const [key] = (await sync.vault.listRecoveryKeys()).items;
    expect(key).toMatchObject({ accountId, site: '127.0.0.1', kind: 'codes' });
    // The stored key is the one the portal accepts.
    const stored = key?.kind === 'codes' ? key.codes[0]?.value : undefined;
    expect(recoveryKeyMatches(stored ?? '', onPortal?.recoveryHash ?? null)).toBe(true);
  });

  it('moves an SMS account only with the right site password, replacing its recovery key', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync, smsUser('x@unit.test', '+33612345611'));
    const wrong = await moveToTessera(sync.deps, connection.id, `not-${PASSWORD}`);
    expect(wrong.failure?.code).toBe('wrong_password');
    expect((await sync.vault.listAccounts()).items).toEqual([]);
    const right = ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
    expect(right).toMatchObject({ status: { method: 'totp' }, recoveryKeySaved: true });
    expect((await sync.vault.listAccounts()).items).toHaveLength(1);
  });

  for (const method of ['sms', 'email'] as const) {
    it(`switches from the authenticator to ${method} with the password, archiving the local secret only once confirmed`, async () => {
      const sync = await startSync();
      const { user, connection } = await connectedUser(sync);
      ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
      const phone = method === 'sms' ? '+33 6 12 34 56 12' : undefined;
      const to = method === 'sms' ? '+33612345612' : user.email;

      const sentBefore = (await messagesTo(sync.portal.store, to)).length;
      const refused = await startSwitch(sync.deps, connection.id, method, `not-${PASSWORD}`, phone);
      expect(refused.failure?.code).toBe('wrong_password');
      expect(await messagesTo(sync.portal.store, to)).toHaveLength(sentBefore);

      const started = ok(await startSwitch(sync.deps, connection.id, method, PASSWORD, phone));
      expect(started.sentTo).toBeTruthy();
      const wrongCode = await confirmSwitch(sync.deps, connection.id, started.changeId, '000000');
      expect(wrongCode.failure?.code).toBe('wrong_code');
      expect((await sync.vault.listAccounts()).items).toHaveLength(1);

      const code = await lastCode(sync.portal.store, to);
      const done = ok(await confirmSwitch(sync.deps, connection.id, started.changeId, code));
      expect(done).toMatchObject({ status: { method }, archived: true });
      expect((await sync.portal.store.getUser(user.id))?.method).toBe(method);
      // Archived, never deleted: the secret is still there should the user need it.
      expect((await sync.vault.listAccounts()).items).toEqual([]);
      expect((await sync.vault.listAccounts({ includeArchived: true })).items).toHaveLength(1);
      expect(ok(await readStatus(sync.deps, connection.id)).sync).toBe('in-sync');
    });
  }

  it('changes the phone number with the password, a code to the old phone, then one to the new', async () => {
    const [OLD, NEW] = ['+33612345642', '+33698765421'];
    const sync = await startSync();
    const { user, connection } = await connectedUser(sync, smsUser('p@unit.test', OLD));
    const started = ok(await startPhoneChange(sync.deps, connection.id, '+33 6 98 76 54 21', PASSWORD));
    expect(started.sentTo).toContain('42');
    const resent = ok(await resendCode(sync.deps, connection.id, started.changeId));
    expect(resent.sentTo).toContain('42');
    const codeTo = (phone: string) => lastCode(sync.portal.store, phone);
    const toNew = ok(await confirmOldPhone(sync.deps, connection.id, started.changeId, await codeTo(OLD)));
    expect(toNew.sentTo).toContain('21');
    expect((await sync.portal.store.getUser(user.id))?.phone).toBe(OLD);
    const done = ok(await confirmNewPhone(sync.deps, connection.id, toNew.changeId, await codeTo(NEW)));
    expect(done.status.phone).toContain('21');
    expect((await sync.portal.store.getUser(user.id))?.phone).toBe(NEW);
  });

  it('renews the recovery key with the authenticator Tessera holds and voids the old one', async () => {
    const sync = await startSync();
    const { user, connection } = await connectedUser(sync);
    ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
    const [old] = (await sync.vault.listRecoveryKeys()).items;
    const hashBefore = (await sync.portal.store.getUser(user.id))?.recoveryHash;
    expect(await renewRecoveryKey(sync.deps, connection.id, undefined)).toEqual({ voided: 1 });
    expect((await sync.portal.store.getUser(user.id))?.recoveryHash).not.toBe(hashBefore);
    const all = (await sync.vault.listRecoveryKeys({ includeVoided: true })).items;
    expect(all).toHaveLength(2);
    expect(all.find((k) => k.id === old?.id)?.voidedAt).toBeTypeOf('number');
    expect((await sync.vault.listRecoveryKeys()).items).toHaveLength(1);
  });

  it('renews the recovery key of an SMS account with a step-up code sent for that purpose', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync, smsUser('r@unit.test', '+33612345613'));
    const without = await renewRecoveryKey(sync.deps, connection.id, undefined);
    expect(without.failure).toMatchObject({ code: 'code_required' });
    expect(ok(await sendStepUpCode(sync.deps, connection.id, 'recovery-renew')).sentTo).toContain('13');
    const code = await lastCode(sync.portal.store, '+33612345613');
    expect(await renewRecoveryKey(sync.deps, connection.id, code)).toEqual({ voided: 0 });
    expect((await sync.vault.listRecoveryKeys()).items).toEqual([
      expect.objectContaining({ site: '127.0.0.1', kind: 'codes' }),
    ]);
  });

  it('turns 2FA off only with the right password, then archives the local secret', async () => {
    const sync = await startSync();
    const { user, connection } = await connectedUser(sync);
    ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
    const wrong = await disable(sync.deps, connection.id, `not-${PASSWORD}`, undefined);
    expect(wrong.failure?.message).toBeTruthy();
    expect((await sync.vault.listAccounts()).items).toHaveLength(1);
    expect((await sync.portal.store.getUser(user.id))?.method).toBe('totp');
    const done = ok(await disable(sync.deps, connection.id, PASSWORD, undefined));
    expect(done).toMatchObject({ status: { twoFactorEnabled: false }, archived: true });
    expect((await sync.portal.store.getUser(user.id))?.method).toBeNull();
    expect((await sync.vault.listAccounts({ includeArchived: true })).items).toHaveLength(1);
  });

  it('shows where the portal and the vault disagree, and archives the stale secret only when asked', async () => {
    const sync = await startSync();
    const { user, connection } = await connectedUser(sync);
    ok(await moveToTessera(sync.deps, connection.id, PASSWORD));
    // Turned off on the portal's own pages, behind Tessera's back.
    await sync.portal.store.updateUser(user.id, { method: null, totpSecret: null });
    expect(ok(await readStatus(sync.deps, connection.id)).sync).toBe('stale-local');
    expect((await sync.vault.listAccounts()).items).toHaveLength(1);
    expect(await archiveLocal(sync.deps, connection.id)).toEqual({ archived: true });
    expect(ok(await readStatus(sync.deps, connection.id)).sync).toBe('in-sync');

    const other = await connectedUser(sync, { method: 'totp', totpSecret: TOTP_SECRET });
    expect(ok(await readStatus(sync.deps, other.connection.id)).sync).toBe('missing-local');
  });

  it('asks to connect again once the token is revoked on the portal', async () => {
    const sync = await startSync();
    const { user, connection, browser } = await connectedUser(sync);
    // The user disconnects Tessera on the portal's "Connected apps" page.
    const [token] = await sync.portal.store.listTokens(user.id);
    await browser.post(`/apps/${token?.id}/revoke`);
    const reply = await readStatus(sync.deps, connection.id);
    expect(reply.failure).toMatchObject({ code: 'invalid_token', reconnect: true });
  });

  it('refuses an expired connection before sending anything', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    await sync.vault.updateConnection(connection.id, { expiresAt: sync.portal.clock.now() - 1 });
    const sent = sync.requests.length;
    const reply = await readStatus(sync.deps, connection.id);
    expect(reply.failure).toMatchObject({ code: 'expired_token', reconnect: true });
    expect(reply.failure?.message).toMatch(/Connect this account/);
    expect(sync.requests.length).toBe(sent);
  });

  it('disconnects: the token stops working on the portal and the connection leaves the vault', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    expect(await disconnect(sync.deps, connection.id)).toEqual({ revoked: true });
    expect((await sync.vault.listConnections()).items).toEqual([]);
    const res = await fetch(`${sync.origin}/api/v1/2fa/status`, {
      headers: { authorization: `Bearer ${connection.token}` },
    });
    expect(res.status).toBe(401);
  });
});
