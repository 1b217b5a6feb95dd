import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handlePortalRequest } from '../../../entrypoints/background/portal-handlers';
import type { PortalRequest, Replies } from '../../../lib/messages';
import type { PortalConnection } from '../../../lib/vault/records';
import type { Vault } from '../../../lib/vault/vault';
import { approve, Browser, makePortal, pair, type TestPortal } from '../../portal/helpers';
import { openTestVault } from '../vault/helpers';

// The background's wiring of portal sync (lib/portal, tested in tests/unit/portal-sync): requests reach the
// real reference portal on a loopback port, tabs and storage.session are the browser's, and nothing the popup
// receives carries a token.

let portal: TestPortal;
let origin: string;
let vault: Vault;

beforeAll(async () => {
  // The background reads the real clock, so the portal does too.
  portal = await makePortal({ now: Date.now }, { name: 'Unit Corp' });
  origin = await portal.app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await portal.app.close();
});

beforeEach(async () => {
  fakeBrowser.reset();
  ({ vault } = await openTestVault());
});

afterEach(() => {
  vault.close();
});

const newUser = () => portal.addUser({ email: `u-${crypto.randomUUID()}@unit.test` });

/** A user paired through the portal's own device flow, stored as a vault connection. */
async function connected(): Promise<PortalConnection> {
  const signedIn = new Browser(portal.app);
  await signedIn.login((await newUser()).email);
  return vault.addConnection({
    origin,
    site: '127.0.0.1',
    apiBase: `${origin}/api/v1`,
    token: await pair(portal, signedIn),
    scope: '2fa:manage',
    expiresAt: Date.now() + 3600_000,
  });
}

const ask = <T extends PortalRequest>(req: T) =>
  handlePortalRequest(vault, req) as Promise<Replies[T['type']]>;

describe('portal sync wired in the background', () => {
  it('shows the status, the events and an in-sync state for a fresh connection', async () => {
    const connection = await connected();
    const reply = await ask({ type: 'portal/status', connectionId: connection.id });
    if (reply.failure) throw new Error(reply.failure.message);
    expect(reply.status).toMatchObject({ twoFactorEnabled: false, method: null, organisation: 'Unit Corp' });
    expect(reply.sync).toBe('in-sync');
    expect(reply.events.map((e) => e.summary).join()).toMatch(/connected/i);
    expect(JSON.stringify(reply)).not.toContain(connection.token);
  });

  it('lists connections without their tokens', async () => {
    const connection = await connected();
    const reply = await ask({ type: 'portal/list' });
    expect(reply.connections).toEqual([
      {
        id: connection.id,
        origin: origin,
        site: '127.0.0.1',
        expiresAt: connection.expiresAt,
        accountId: null,
      },
    ]);
  });

  it('discovers a portal on its tab, offers nothing on a site without one, and pairs by device code', async () => {
    const user = await newUser();
    const tab = await browser.tabs.create({ url: `${origin}/account` });
    const elsewhere = await browser.tabs.create({ url: 'http://127.0.0.1:9/' });
    expect(await ask({ type: 'portal/tab', tabId: elsewhere.id ?? -1 })).toMatchObject({ portal: false });
    expect(await ask({ type: 'portal/tab', tabId: tab.id ?? -1 })).toMatchObject({
      origin: origin,
      portal: true,
      connection: null,
    });

    const started = await ask({ type: 'portal/connect', tabId: tab.id ?? -1 });
    if (started.failure) throw new Error(started.failure.message);
    expect(started.pairing.state).toBe('waiting');
    const opened = (await browser.tabs.query({})).map((t) => t.url);
    // The approval page opens without the code: the user types the one Tessera shows.
    expect(opened).toContain(`${origin}/device`);
    expect(opened.join(' ')).not.toContain(started.pairing.userCode);

    const signedIn = new Browser(portal.app);
    await signedIn.login(user.email);
    await approve(signedIn, started.pairing.userCode);
    await vi.waitFor(
      async () => {
        const state = await ask({ type: 'portal/tab', tabId: tab.id ?? -1 });
        expect(state.pairing?.state).toBe('connected');
        expect(state.connection).toMatchObject({ origin: origin, site: '127.0.0.1' });
      },
      { timeout: 15_000, interval: 500 },
    );
    const [stored] = (await vault.listConnections()).items;
    expect(stored?.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  }, 20_000);
});
