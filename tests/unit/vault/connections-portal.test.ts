import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePortalRequest } from '../../../entrypoints/background/portal-handlers';
import type { PortalRequest, Replies } from '../../../lib/messages';
import type { PortalConnection } from '../../../lib/vault/records';
import type { Vault } from '../../../lib/vault/vault';
import { hashPassword } from '../../../portal/flows/passwords';
import { newId } from '../../../portal/flows/secure-random';
import { type RunningPortal, startPortal } from '../../../portal/server';
import type { Org, User } from '../../../portal/store/types';
import { approve, Browser, pair, TEST_PASSWORD_COST } from '../../portal/helpers';
import { openTestVault } from './helpers';

// The background's portal sync against a real reference portal on a loopback port: every refusal, lost
// answer and disagreement must leave the vault consistent and tell the user what to do next.

const PASSWORD = 'correct horse battery';
let portal: RunningPortal;
let org: Org;
let hash: string;
let vault: Vault;

beforeAll(async () => {
  portal = await startPortal({
    dataDir: ':memory:',
    port: 0,
    host: '127.0.0.1',
    dev: true,
    passwordCost: TEST_PASSWORD_COST,
    logger: false,
  });
  org = { id: newId(), name: 'Unit Corp', requireTwoFactor: false, challengePolicy: 'always' };
  await portal.store.createOrg(org);
  hash = await hashPassword(PASSWORD, TEST_PASSWORD_COST);
});

afterAll(async () => {
  await portal.close();
});

beforeEach(async () => {
  fakeBrowser.reset();
  ({ vault } = await openTestVault());
});

afterEach(() => {
  vi.restoreAllMocks();
  vault.close();
});

async function addUser(fields: Partial<User> = {}): Promise<User> {
  const user: User = {
    id: newId(),
    orgId: org.id,
    email: `u-${newId()}@unit.test`,
    emailVerified: true,
    name: 'unit',
    role: 'user',
    passwordHash: hash,
    method: null,
    totpSecret: null,
    totpLastStep: null,
    totpDrift: 0,
    phone: null,
    recoveryHash: null,
    failedAttempts: 0,
    lastFailureAt: null,
    createdAt: Date.now(),
    ...fields,
  };
  await portal.store.createUser(user);
  return user;
}

/**
 * A user paired through the portal's own device flow, stored as a vault connection. Pairing happens with 2FA
 * off (a password-only sign-in); `method` fields are applied afterwards, as if set up on the portal.
 */
async function connected(method: Partial<User> = {}): Promise<{ user: User; connection: PortalConnection }> {
  const user = await addUser();
  const signedIn = new Browser(portal.app);
  await signedIn.login(user.email, PASSWORD);
  const token = await pair({ app: portal.app } as Parameters<typeof pair>[0], signedIn);
  await portal.store.updateUser(user.id, method);
  const connection = await vault.addConnection({
    origin: portal.url,
    site: '127.0.0.1',
    apiBase: `${portal.url}/api/v1`,
    token,
    scope: '2fa:manage',
    expiresAt: Date.now() + 3600_000,
  });
  return { user, connection };
}

const ask = <T extends PortalRequest>(req: T) =>
  handlePortalRequest(vault, req) as Promise<Replies[T['type']]>;

/** Replaces fetch for URLs containing `path`; other requests reach the portal. */
function intercept(path: string, answer: () => Promise<Response>) {
  const real = globalThis.fetch;
  return vi
    .spyOn(globalThis, 'fetch')
    .mockImplementation((input, init) => (String(input).includes(path) ? answer() : real(input, init)));
}

describe('portal sync in the background', () => {
  it('shows the status, the events and an in-sync state for a fresh connection', async () => {
    const { connection } = await connected();
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    if (reply.failure) throw new Error(reply.failure.message);
    expect(reply.status).toMatchObject({ twoFactorEnabled: false, method: null, organisation: 'Unit Corp' });
    expect(reply.sync).toBe('in-sync');
    expect(reply.events.map((e) => e.summary).join()).toMatch(/connected/i);
    expect(JSON.stringify(reply)).not.toContain(connection.token);
  });

  it('moves to Tessera: secret bound to the site, confirmed, recovery key stored and linked', async () => {
    const { user, connection } = await connected();
    const reply = await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    if (reply.failure) throw new Error(reply.failure.message);
    expect(reply).toMatchObject({ status: { method: 'totp' }, recoveryKeySaved: true });
    const { accountId } = await vault.getConnection(connection.id);
    const account = await vault.getAccount(accountId ?? '');
    expect(account.sites).toEqual([{ host: '127.0.0.1', exact: false }]);
    expect(account.secret).toBe((await portal.store.getUser(user.id))?.totpSecret);
    const { items } = await vault.listRecoveryKeys();
    expect(items).toEqual([expect.objectContaining({ accountId, site: '127.0.0.1', kind: 'codes' })]);
  });

  it('checks the site password before switching an SMS account', async () => {
    const { connection } = await connected({ method: 'sms', phone: '+33612345611' });
    const wrong = await ask({ type: 'portal/move', connectionId: connection.id, password: 'nope' });
    expect(wrong.failure?.message).toBeTruthy();
    expect((await vault.listAccounts()).items).toEqual([]);
    const right = await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    expect(right).toMatchObject({ status: { method: 'totp' }, recoveryKeySaved: true });
  });

  it('leaves nothing behind when the portal refuses the confirmation', async () => {
    const { connection } = await connected();
    intercept('/2fa/totp/confirm', async () =>
      Response.json({ error: { code: 'wrong_code', message: 'That code is not right.' } }, { status: 401 }),
    );
    const reply = await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    expect(reply.failure).toEqual({ code: 'wrong_code', message: 'That code is not right.' });
    expect((await vault.listAccounts({ includeArchived: true })).items).toEqual([]);
    expect((await vault.getConnection(connection.id)).accountId).toBeUndefined();
  });

  it('keeps the new secret when the confirmation answer is lost (the portal may use it)', async () => {
    const { connection } = await connected();
    intercept('/2fa/totp/confirm', () => Promise.reject(new TypeError('Failed to fetch')));
    const reply = await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    expect(reply.failure).toMatchObject({ code: 'unreachable' });
    expect(reply.failure?.message).toContain(portal.url);
    const { items } = await vault.listAccounts();
    expect(items).toHaveLength(1);
    expect((await vault.getConnection(connection.id)).accountId).toBe(items[0]?.id);
  });

  it('shows when the portal dropped the authenticator, never deletes the secret, and archives it on request', async () => {
    const { user, connection } = await connected();
    await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    await portal.store.updateUser(user.id, { method: null, totpSecret: null });
    const stale = await ask({ type: 'portal/status', connectionId: connection.id });
    expect(stale).toMatchObject({ sync: 'stale-local' });
    expect((await vault.listAccounts()).items).toHaveLength(1);
    expect(await ask({ type: 'portal/archive-local', connectionId: connection.id })).toEqual({
      archived: true,
    });
    expect(await ask({ type: 'portal/status', connectionId: connection.id })).toMatchObject({
      sync: 'in-sync',
    });
    expect((await vault.listAccounts({ includeArchived: true })).items).toEqual([
      expect.objectContaining({ archived: true }),
    ]);
  });

  it('shows an authenticator set up elsewhere as missing from Tessera', async () => {
    const { connection } = await connected({
      method: 'totp',
      totpSecret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
    });
    expect(await ask({ type: 'portal/status', connectionId: connection.id })).toMatchObject({
      sync: 'missing-local',
    });
  });

  it('switches to SMS only after the portal confirms, then archives the local secret', async () => {
    const { user, connection } = await connected();
    await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    const since = Date.now() - 1000;
    const started = await ask({
      type: 'portal/switch/start',
      connectionId: connection.id,
      method: 'sms',
      phone: '+33 6 12 34 56 12',
      password: PASSWORD,
    });
    if (started.failure) throw new Error(started.failure.message);
    expect((await vault.listAccounts()).items).toHaveLength(1);
    const wrong = await ask({
      type: 'portal/switch/confirm',
      connectionId: connection.id,
      changeId: started.changeId,
      code: '000000',
    });
    expect(wrong.failure?.code).toBe('wrong_code');
    expect((await vault.listAccounts()).items).toHaveLength(1);
    const sms = (await portal.store.listOutbox(50)).find((m) => m.to === '+33612345612' && m.at >= since);
    const code = sms?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
    const done = await ask({
      type: 'portal/switch/confirm',
      connectionId: connection.id,
      changeId: started.changeId,
      code,
    });
    expect(done).toMatchObject({ status: { method: 'sms' }, archived: true });
    expect((await portal.store.getUser(user.id))?.method).toBe('sms');
    expect((await vault.listAccounts({ includeArchived: true })).items).toHaveLength(1);
  });

  it('renews the recovery key with the authenticator it holds and voids the old one', async () => {
    const { connection } = await connected();
    await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    const [old] = (await vault.listRecoveryKeys()).items;
    const reply = await ask({ type: 'portal/recovery/renew', connectionId: connection.id });
    expect(reply).toEqual({ voided: 1 });
    const all = (await vault.listRecoveryKeys({ includeVoided: true })).items;
    expect(all).toHaveLength(2);
    expect(all.find((k) => k.id === old?.id)?.voidedAt).toBeTypeOf('number');
  });

  it('turns 2FA off only with the right password, then archives the local secret', async () => {
    const { user, connection } = await connected();
    await ask({ type: 'portal/move', connectionId: connection.id, password: PASSWORD });
    const wrong = await ask({ type: 'portal/disable', connectionId: connection.id, password: 'wrong' });
    expect(wrong.failure?.message).toBeTruthy();
    expect((await vault.listAccounts()).items).toHaveLength(1);
    const done = await ask({ type: 'portal/disable', connectionId: connection.id, password: PASSWORD });
    expect(done).toMatchObject({ status: { twoFactorEnabled: false }, archived: true });
    expect((await portal.store.getUser(user.id))?.method).toBeNull();
    expect((await vault.listAccounts({ includeArchived: true })).items).toHaveLength(1);
  });

  it('renews the recovery key of an SMS account with a step-up code sent for that purpose', async () => {
    const { connection } = await connected({ method: 'sms', phone: '+33612345613' });
    const since = Date.now() - 1000;
    const sent = await ask({
      type: 'portal/step-up/send',
      connectionId: connection.id,
      purpose: 'recovery-renew',
    });
    expect(sent).toMatchObject({ sentTo: expect.stringContaining('13') });
    const without = await ask({ type: 'portal/recovery/renew', connectionId: connection.id });
    expect(without.failure).toMatchObject({ code: 'code_required' });
    const sms = (await portal.store.listOutbox(50)).find((m) => m.to === '+33612345613' && m.at >= since);
    const code = sms?.body.match(/\b(\d{6})\b/)?.[1] ?? '';
    expect(await ask({ type: 'portal/recovery/renew', connectionId: connection.id, code })).toEqual({
      voided: 0,
    });
    expect((await vault.listRecoveryKeys()).items).toEqual([
      expect.objectContaining({ site: '127.0.0.1', kind: 'codes' }),
    ]);
  });

  it('lists connections without their tokens', async () => {
    const { connection } = await connected();
    const reply = await ask({ type: 'portal/list' });
    expect(reply.connections).toEqual([
      {
        id: connection.id,
        origin: portal.url,
        site: '127.0.0.1',
        expiresAt: connection.expiresAt,
        accountId: null,
      },
    ]);
  });

  it('asks to connect again once the token is revoked on the portal', async () => {
    const { connection } = await connected();
    await fetch(`${portal.url}/api/v1/token`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${connection.token}` },
    });
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    expect(reply.failure).toMatchObject({ code: 'invalid_token', reconnect: true });
  });

  it('refuses an expired connection before sending anything', async () => {
    const { connection } = await connected();
    await vault.updateConnection(connection.id, { expiresAt: Date.now() - 1 });
    const spy = vi.spyOn(globalThis, 'fetch');
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    expect(reply.failure).toMatchObject({ code: 'expired_token', reconnect: true });
    expect(spy).not.toHaveBeenCalled();
  });

  it('retries reads with backoff when the portal is unreachable, then says so', async () => {
    const { connection } = await connected();
    const spy = intercept('/2fa/status', () => Promise.reject(new TypeError('Failed to fetch')));
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    expect(reply.failure).toMatchObject({ code: 'unreachable' });
    expect(reply.failure?.message).toMatch(/no answer from .* kept everything/i);
    expect(spy.mock.calls.filter(([url]) => String(url).includes('/2fa/status'))).toHaveLength(3);
  });

  it('passes on a rate limit with the time to wait', async () => {
    const { connection } = await connected();
    intercept('/2fa/step-up/send', async () =>
      Response.json(
        { error: { code: 'rate_limited', message: 'Too many codes were sent.' } },
        { status: 429, headers: { 'retry-after': '120' } },
      ),
    );
    const reply = await ask({ type: 'portal/step-up/send', connectionId: connection.id, purpose: 'disable' });
    expect(reply.failure).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(reply.failure?.message).toContain('120 seconds');
  });

  it('disconnects: the token stops working on the portal and the connection leaves the vault', async () => {
    const { connection } = await connected();
    expect(await ask({ type: 'portal/disconnect', connectionId: connection.id })).toEqual({ revoked: true });
    expect((await vault.listConnections()).items).toEqual([]);
    const res = await fetch(`${portal.url}/api/v1/2fa/status`, {
      headers: { authorization: `Bearer ${connection.token}` },
    });
    expect(res.status).toBe(401);
  });

  it('discovers a portal on its tab, offers nothing on a site without one, and pairs by device code', async () => {
    const user = await addUser();
    const tab = await browser.tabs.create({ url: `${portal.url}/account` });
    const elsewhere = await browser.tabs.create({ url: 'http://127.0.0.1:9/' });
    expect(await ask({ type: 'portal/tab', tabId: elsewhere.id ?? -1 })).toMatchObject({ portal: false });
    expect(await ask({ type: 'portal/tab', tabId: tab.id ?? -1 })).toMatchObject({
      origin: portal.url,
      portal: true,
      connection: null,
    });

    const started = await ask({ type: 'portal/connect', tabId: tab.id ?? -1 });
    if (started.failure) throw new Error(started.failure.message);
    expect(started.pairing.state).toBe('waiting');
    const opened = (await browser.tabs.query({})).map((t) => t.url);
    // The approval page opens without the code: the user types the one Tessera shows.
    expect(opened).toContain(`${portal.url}/device`);
    expect(opened.join(' ')).not.toContain(started.pairing.userCode);

    const signedIn = new Browser(portal.app);
    await signedIn.login(user.email, PASSWORD);
    await approve(signedIn, started.pairing.userCode, PASSWORD);
    await vi.waitFor(
      async () => {
        const state = await ask({ type: 'portal/tab', tabId: tab.id ?? -1 });
        expect(state.pairing?.state).toBe('connected');
        expect(state.connection).toMatchObject({ origin: portal.url, site: '127.0.0.1' });
      },
      { timeout: 15_000, interval: 500 },
    );
    const [stored] = (await vault.listConnections()).items;
    expect(stored?.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  }, 20_000);
});
