import { describe, expect, it, vi } from 'vitest';
import { readStatus } from '../../../lib/portal/status';
import { approve, Browser } from '../../portal/helpers';
import { PASSWORD } from '../vault/helpers';
import { pairingOf, type Sync, startSync } from './harness';

// Pairing Tessera with a site's portal (RFC 8628), as the user lives it: Tessera shows a code, the user types it
// on the portal's approval page and allows it with their password, and Tessera keeps the token.

async function signedInUser(sync: Sync) {
  const user = await sync.portal.addUser({ email: `pair-${Date.now()}@unit.test` });
  const browser = new Browser(sync.portal.app);
  await browser.login(user.email);
  return { user, browser };
}

describe('lib/portal pairing against the reference portal', () => {
  it('finds the portal a site serves, and none on a site without one', async () => {
    const sync = await startSync();
    const { pairings, deps } = pairingOf(sync);
    expect(await pairings.tabState(deps, sync.origin)).toEqual({
      origin: sync.origin,
      portal: true,
      connection: null,
      pairing: null,
    });
    expect(await pairings.tabState(deps, 'http://127.0.0.1:9')).toMatchObject({ portal: false });
    expect(await pairings.connect(deps, 'http://127.0.0.1:9')).toMatchObject({
      failure: { code: 'no_portal' },
    });
  });

  it('treats a discovery document that points at another site as no portal at all', async () => {
    const sync = await startSync();
    sync.intercept('/.well-known/tessera-portal', async () =>
      Response.json({
        issuer: 'https://evil.example',
        api_base: 'https://evil.example/api/v1',
        version: '1',
        methods: ['totp'],
        device_authorization_endpoint: 'https://evil.example/oauth/device_authorization',
        token_endpoint: 'https://evil.example/oauth/token',
        openapi: 'https://evil.example/api/openapi.json',
        scopes: ['2fa:manage'],
      }),
    );
    const { pairings, deps, opened } = pairingOf(sync);
    expect(await pairings.tabState(deps, sync.origin)).toMatchObject({ portal: false });
    expect(await pairings.connect(deps, sync.origin)).toMatchObject({ failure: { code: 'no_portal' } });
    expect(opened).toEqual([]);
  });

  it('pairs once the user types the code on the approval page and allows it with the password', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, opened, settled } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    if (started.failure) throw new Error(started.failure.message);
    expect(started.pairing).toMatchObject({
      state: 'waiting',
      userCode: expect.stringMatching(/^\w{4}-\w{4}$/),
    });
    // The approval page opens without the code: a link alone must never approve anything.
    expect(opened).toEqual([`${sync.origin}/device`]);

    await waits.release();
    expect((await pairings.tabState(deps, sync.origin)).pairing?.state).toBe('waiting');
    const { browser } = await signedInUser(sync);
    expect((await approve(browser, started.pairing.userCode)).statusCode).toBe(200);
    await waits.release();
    await settled('connected');

    const [connection] = (await sync.vault.listConnections()).items;
    expect(connection).toMatchObject({ origin: sync.origin, site: '127.0.0.1', scope: '2fa:manage' });
    expect((await pairings.tabState(deps, sync.origin)).connection).toMatchObject({ id: connection?.id });
    // Polled at the interval the portal asked for, no faster.
    expect(waits.asked).toEqual([5000, 5000]);
    const status = await readStatus(sync.deps, connection?.id ?? '');
    expect(status).toMatchObject({ status: { organisation: 'Unit Corp', twoFactorEnabled: false } });
  });

  it('waits 5 seconds longer after the portal says it polls too fast, and still pairs', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, settled } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    if (started.failure) throw new Error(started.failure.message);
    await waits.release();
    // Woken after only 1 s: the portal answers slow_down and raises its interval to 10 s.
    await waits.release(1000);
    const { browser } = await signedInUser(sync);
    await approve(browser, started.pairing.userCode);
    await waits.release();
    await settled('connected');
    expect(waits.asked).toEqual([5000, 5000, 10_000]);
    expect((await sync.vault.listConnections()).items).toHaveLength(1);
  });

  it('stores nothing when the user denies the request, and says so', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, settled } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    if (started.failure) throw new Error(started.failure.message);
    const { browser } = await signedInUser(sync);
    await browser.post('/device/decision', { user_code: started.pairing.userCode, decision: 'deny' });
    await waits.release();
    const pairing = await settled('denied');
    expect(pairing?.message).toMatch(/denied/i);
    expect((await sync.vault.listConnections()).items).toEqual([]);
  });

  it('gives up when nobody approves the code before it expires', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, settled } = pairingOf(sync);
    await pairings.connect(deps, sync.origin);
    await waits.release(601_000);
    const pairing = await settled('expired');
    expect(pairing?.message).toMatch(/expired before it was approved/);
    expect((await sync.vault.listConnections()).items).toEqual([]);
  });

  it('pairing again after a revoke renews the one connection and revokes the token it replaces', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, settled } = pairingOf(sync);
    const { user, browser } = await signedInUser(sync);
    for (const round of [1, 2]) {
      const started = await pairings.connect(deps, sync.origin);
      if (started.failure) throw new Error(started.failure.message);
      await approve(browser, started.pairing.userCode);
      await waits.release();
      await settled('connected');
      // The finished pairing stays on show until its code would have expired; then a new one can start.
      if (round === 1) sync.portal.clock.advance(601_000);
    }
    expect((await sync.vault.listConnections()).items).toHaveLength(1);
    const tokens = await sync.portal.store.listTokens(user.id);
    expect(tokens.map((t) => t.revokedAt === null).sort()).toEqual([false, true]);
  });

  it('revokes a token granted while Tessera was locked instead of leaving it open on the portal', async () => {
    const sync = await startSync();
    const { pairings, deps, waits, settled } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    if (started.failure) throw new Error(started.failure.message);
    const { user, browser } = await signedInUser(sync);
    await approve(browser, started.pairing.userCode);
    sync.vault.lock();
    await waits.release();
    await vi.waitFor(async () => expect(await sync.portal.store.listTokens(user.id)).toHaveLength(1));
    await sync.vault.unlock(PASSWORD);
    const pairing = await settled('failed');
    expect(pairing?.message).toMatch(/locked.*Unlock Tessera and connect again/);
    const tokens = await sync.portal.store.listTokens(user.id);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.revokedAt).not.toBeNull();
  });

  it('stops when the portal sends the approval to another site', async () => {
    const sync = await startSync();
    sync.intercept('/oauth/device_authorization', async (portal) =>
      Response.json({ ...(await (await portal()).json()), verification_uri: 'https://evil.example/device' }),
    );
    const { pairings, deps, opened } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    expect(started.failure).toMatchObject({ code: 'foreign_endpoint' });
    expect(started.failure?.message).toMatch(/another site/);
    expect(opened).toEqual([]);
  });

  it('does not pair with a portal the organisation does not allow, and sends it nothing', async () => {
    const sync = await startSync({ policy: { allowedPortals: ['https://portal.example.com'] } });
    const { pairings, deps, opened } = pairingOf(sync);
    const started = await pairings.connect(deps, sync.origin);
    expect(started.failure).toMatchObject({ code: 'not_allowed' });
    expect(sync.requests).toEqual([]);
    expect(opened).toEqual([]);
  });
});
