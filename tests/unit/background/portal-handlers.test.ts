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
import { openTestVault } from '../vault/helpers';

// The background's wiring of portal sync (lib/portal, tested in tests/unit/portal-sync): requests reach the
// real reference portal on a loopback port, tabs and storage.session are the browser's, and nothing the popup
// receives carries a token.

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

describe('portal sync wired in the background', () => {
  it('shows the status, the events and an in-sync state for a fresh connection', async () => {
    const { connection } = await connected();
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    if (reply.failure) throw new Error(reply.failure.message);
    expect(reply.status).toMatchObject({ twoFactorEnabled: false, method: null, organisation: 'Unit Corp' });
    expect(reply.sync).toBe('in-sync');
    expect(reply.events.map((e) => e.summary).join()).toMatch(/connected/i);
    expect(JSON.stringify(reply)).not.toContain(connection.token);
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
