import { describe, expect, it } from 'vitest';
import { confirmSwitch, disable, sendStepUpCode, startSwitch } from '../../../lib/portal/methods';
import { moveToTessera } from '../../../lib/portal/move';
import { renewRecoveryKey } from '../../../lib/portal/recovery-keys';
import { readStatus } from '../../../lib/portal/status';
import { lastCode, PASSWORD } from '../../portal/helpers';
import { connectedUser, ok, type Sync, startSync, vaultContents } from './harness';

// Portals that refuse, stumble, go silent or answer nonsense: the user gets a reason and a next step, and the
// vault keeps everything it had. The secret Tessera holds is archived only after the portal confirmed.

const STATUS = '/api/v1/2fa/status';
const lost = async (): Promise<Response> => {
  throw new TypeError('Failed to fetch');
};
const refusal = (status: number, code: string, message: string) => async () =>
  Response.json({ error: { code, message } }, { status });

/** A user whose authenticator Tessera already holds, with its recovery key stored. */
async function movedToTessera(sync: Sync) {
  const held = await connectedUser(sync);
  ok(await moveToTessera(sync.deps, held.connection.id, PASSWORD));
  return held;
}

describe('lib/portal when the portal refuses or misbehaves', () => {
  it('keeps the local secret when the portal refuses the switch to SMS, and archives it once the portal confirms', async () => {
    const sync = await startSync();
    const { user, connection } = await movedToTessera(sync);
    const started = ok(await startSwitch(sync.deps, connection.id, 'sms', PASSWORD, '+33612345612'));
    const code = await lastCode(sync.portal.store, '+33612345612');
    const before = await vaultContents(sync.vault);

    const confirm = '/api/v1/2fa/switch/confirm';
    sync.intercept(confirm, refusal(403, 'org_policy', 'Your organisation does not allow SMS.'));
    const refused = await confirmSwitch(sync.deps, connection.id, started.changeId, code);
    expect(refused.failure).toEqual({ code: 'org_policy', message: 'Your organisation does not allow SMS.' });
    sync.intercept(confirm, lost);
    const unanswered = await confirmSwitch(sync.deps, connection.id, started.changeId, code);
    expect(unanswered.failure?.code).toBe('unreachable');
    expect(await vaultContents(sync.vault)).toEqual(before);

    sync.intercept(confirm, (portal) => portal());
    expect(ok(await confirmSwitch(sync.deps, connection.id, started.changeId, code))).toMatchObject({
      archived: true,
    });
    expect((await sync.portal.store.getUser(user.id))?.method).toBe('sms');
  });

  it('keeps the local secret when turning 2FA off fails on the portal', async () => {
    const sync = await startSync();
    const { user, connection } = await movedToTessera(sync);
    const before = await vaultContents(sync.vault);
    sync.intercept('/api/v1/2fa/disable', refusal(503, 'maintenance', 'The portal is down for maintenance.'));
    const reply = await disable(sync.deps, connection.id, PASSWORD, undefined);
    expect(reply.failure).toEqual({ code: 'maintenance', message: 'The portal is down for maintenance.' });
    expect(await vaultContents(sync.vault)).toEqual(before);
    expect((await sync.portal.store.getUser(user.id))?.method).toBe('totp');
  });

  it('leaves nothing behind when the portal refuses the authenticator’s confirmation', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    sync.intercept('/api/v1/2fa/totp/confirm', refusal(401, 'wrong_code', 'That code is not right.'));
    const reply = await moveToTessera(sync.deps, connection.id, PASSWORD);
    expect(reply.failure).toEqual({ code: 'wrong_code', message: 'That code is not right.' });
    expect(await vaultContents(sync.vault)).toMatchObject({ accounts: [], keys: [] });
    expect((await sync.vault.getConnection(connection.id)).accountId).toBeUndefined();
  });

  it('keeps the new secret when the confirmation’s answer is lost, since the portal may use it', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    sync.intercept('/api/v1/2fa/totp/confirm', async (portal) => {
      await portal();
      return lost();
    });
    const reply = await moveToTessera(sync.deps, connection.id, PASSWORD);
    expect(reply.failure?.code).toBe('unreachable');
    expect(reply.failure?.message).toContain(sync.origin);
    const { accounts } = await vaultContents(sync.vault);
    expect(accounts).toHaveLength(1);
    expect((await sync.vault.getConnection(connection.id)).accountId).toBe(accounts[0]?.id);
    // The portal did take it: the status agrees with the vault.
    sync.intercept('/api/v1/2fa/totp/confirm', (portal) => portal());
    expect(ok(await readStatus(sync.deps, connection.id)).sync).toBe('in-sync');
  });

  it('says it does not understand an answer of the wrong shape, and keeps everything', async () => {
    const sync = await startSync();
    const { connection } = await movedToTessera(sync);
    const before = await vaultContents(sync.vault);
    sync.intercept(STATUS, async () => Response.json({ status: { twoFactorEnabled: 'yes', method: 'fax' } }));
    const status = await readStatus(sync.deps, connection.id);
    expect(status.failure).toMatchObject({ code: 'unexpected_response' });
    expect(status.failure?.message).toMatch(
      new RegExp(`${sync.origin}.*does not understand.*kept everything`),
    );
    expect(status.failure?.message).not.toMatch(/twoFactorEnabled|expected|invalid_type/);

    sync.intercept('/api/v1/2fa/recovery-key', async () => Response.json({ recoveryKey: 42 }));
    const renewed = await renewRecoveryKey(sync.deps, connection.id, undefined);
    expect(renewed.failure).toMatchObject({ code: 'unexpected_response' });
    expect(await vaultContents(sync.vault)).toEqual(before);
  });

  it('explains an error page without a body and does not send a change twice', async () => {
    const sync = await startSync();
    const { connection } = await movedToTessera(sync);
    sync.intercept(
      '/api/v1/2fa/switch',
      async () =>
        new Response('<h1>502 Bad Gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    const sent = sync.requests.length;
    const reply = await startSwitch(sync.deps, connection.id, 'email', PASSWORD);
    expect(reply.failure).toEqual({
      code: 'unexpected_response',
      message: 'The portal answered 502 without an explanation. Try again later.',
    });
    expect(sync.requests.slice(sent).filter((r) => r.endsWith('/2fa/switch'))).toHaveLength(1);
  });

  it('reads the status again after the portal stumbles, and says so when it stays silent', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    let stumbles = 2;
    sync.intercept(STATUS, (portal) =>
      stumbles-- > 0 ? refusal(503, 'unavailable', 'Try again shortly.')() : portal(),
    );
    expect(ok(await readStatus(sync.deps, connection.id)).status.organisation).toBe('Unit Corp');
    expect(sync.waits).toEqual([500, 1500]);

    sync.intercept(STATUS, lost);
    const sent = sync.requests.length;
    const silent = await readStatus(sync.deps, connection.id);
    expect(silent.failure).toMatchObject({ code: 'unreachable' });
    expect(silent.failure?.message).toMatch(/no answer from .* kept everything/i);
    expect(sync.requests.slice(sent).filter((r) => r.endsWith('/2fa/status'))).toHaveLength(3);
  });

  it('passes on a rate limit with the time to wait', async () => {
    const sync = await startSync();
    const { connection } = await connectedUser(sync);
    sync.intercept('/api/v1/2fa/step-up/send', async () =>
      Response.json(
        { error: { code: 'rate_limited', message: 'Too many codes were sent.' } },
        { status: 429, headers: { 'retry-after': '120' } },
      ),
    );
    const reply = await sendStepUpCode(sync.deps, connection.id, 'disable');
    expect(reply.failure).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
    expect(reply.failure?.message).toBe('Too many codes were sent. Tessera can try again in 120 seconds.');
  });

  it('sends nothing to a portal the organisation no longer allows', async () => {
    const sync = await startSync({ policy: { allowedPortals: ['https://portal.example.com'] } });
    const { connection } = await connectedUser(sync);
    const reply = await readStatus(sync.deps, connection.id);
    expect(reply.failure).toMatchObject({ code: 'not_allowed' });
    expect(sync.requests).toEqual([]);
  });
});
