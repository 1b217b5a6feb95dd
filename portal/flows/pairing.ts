import {
  DEVICE_CODE_GRANT,
  type DeviceAuthorizationResponse,
  type TokenResponse,
  TWO_FA_SCOPE,
} from '../../lib/portal/schemas';
import type { ApiToken, DeviceGrant, Store, User } from '../store/types';
import { runChange } from './changes';
import { clientName, registeredClient } from './clients';
import type { Caller, Deps } from './context';
import { PortalError } from './errors';
import { takeDeviceEntry } from './rate-limit';
import { newId, newSecretToken, newUserCode, normaliseUserCode, sha256 } from './secure-random';
import { reload } from './status';
import { verifyAccountPassword } from './verify';

const GRANT_TTL_S = 600;
const POLL_INTERVAL_S = 5;
export const TOKEN_TTL_MS = 30 * 24 * 3600_000;
const PAIRING_STARTS = { max: 20, windowMs: 15 * 60_000 };

/** An RFC 6749/8628 error; the OAuth routes render it as `{ error, error_description }`. */
export const oauthError = (error: string, description: string, status = 400) =>
  new PortalError(status, error, description);

/** Who starts a pairing: shown to the user who is asked to approve it. */
export interface PairingCaller extends Caller {
  userAgent: string;
}

/**
 * RFC 8628 §3.1–3.2: creates a device code and a user code for a registered app. No
 * `verification_uri_complete`: the user types the code the app shows, so a link alone never approves anything.
 */
export async function startDeviceAuthorization(
  deps: Deps,
  caller: PairingCaller,
  clientId: string,
  scope: string | undefined,
  baseUrl: string,
): Promise<DeviceAuthorizationResponse> {
  if (!registeredClient(clientId)) {
    throw oauthError(
      'invalid_client',
      `Unknown client_id "${clientId}": this portal pairs only the apps it knows (for example "tessera").`,
      401,
    );
  }
  if (scope?.split(' ').some((s) => s !== TWO_FA_SCOPE)) {
    throw oauthError('invalid_scope', `This portal only grants the scope "${TWO_FA_SCOPE}".`);
  }
  await deps.limiter.take([[`pair:${caller.ip}`, PAIRING_STARTS]], 'pairing attempts');
  const deviceCode = newSecretToken();
  const now = deps.now();
  const grant: DeviceGrant = {
    id: newId(),
    deviceCodeHash: sha256(deviceCode),
    userCode: newUserCode(),
    clientId,
    scope: TWO_FA_SCOPE,
    status: 'pending',
    userId: null,
    requestIp: caller.ip,
    requestAgent: caller.userAgent.slice(0, 300),
    interval: POLL_INTERVAL_S,
    lastPollAt: null,
    expiresAt: now + GRANT_TTL_S * 1000,
    createdAt: now,
  };
  await deps.store.createDeviceGrant(grant);
  return {
    device_code: deviceCode,
    user_code: grant.userCode,
    verification_uri: `${baseUrl}/device`,
    expires_in: GRANT_TTL_S,
    interval: POLL_INTERVAL_S,
  };
}

type PollResult = { token: TokenResponse } | { error: PortalError };

/** RFC 8628 §3.4–3.5: one poll; pending/slow_down state is saved even though the poll is refused. */
export async function pollToken(
  deps: Deps,
  grantType: string,
  deviceCode: string,
  clientId: string,
): Promise<TokenResponse> {
  if (grantType !== DEVICE_CODE_GRANT)
    throw oauthError('unsupported_grant_type', `Use grant_type ${DEVICE_CODE_GRANT}.`);
  const result = await deps.store.transaction(async (tx): Promise<PollResult> => {
    const grant = await tx.getDeviceGrantByDeviceCode(sha256(deviceCode));
    const now = deps.now();
    if (!grant || grant.clientId !== clientId)
      return { error: oauthError('invalid_grant', 'Unknown device code. Start pairing again.') };
    if (grant.status === 'consumed')
      return {
        error: oauthError('invalid_grant', 'This device code was already used. Start pairing again.'),
      };
    if (now > grant.expiresAt)
      return {
        error: oauthError('expired_token', 'The code expired before it was approved. Start pairing again.'),
      };
    if (grant.lastPollAt !== null && now - grant.lastPollAt < grant.interval * 1000) {
      await tx.updateDeviceGrant(grant.id, { interval: grant.interval + 5, lastPollAt: now });
      return {
        error: oauthError('slow_down', `Polling too fast: wait ${grant.interval + 5} s between polls.`),
      };
    }
    await tx.updateDeviceGrant(grant.id, { lastPollAt: now });
    if (grant.status === 'denied')
      return { error: oauthError('access_denied', 'The pairing was denied on the portal.') };
    if (grant.status === 'pending' || !grant.userId) {
      return {
        error: oauthError('authorization_pending', 'Waiting for you to approve the code on the portal.'),
      };
    }
    // One token per approval, even when two polls race (on this instance or another).
    if (!(await tx.moveDeviceGrant(grant.id, 'approved', { status: 'consumed' })))
      return {
        error: oauthError('invalid_grant', 'This device code was already used. Start pairing again.'),
      };
    const token = newSecretToken();
    await tx.createToken({
      id: newId(),
      tokenHash: sha256(token),
      userId: grant.userId,
      clientId,
      scope: grant.scope,
      createdAt: now,
      expiresAt: now + TOKEN_TTL_MS,
      revokedAt: null,
      lastUsedAt: null,
    });
    return {
      token: {
        access_token: token,
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_MS / 1000,
        scope: TWO_FA_SCOPE,
      },
    };
  });
  if ('error' in result) throw result.error;
  return result.token;
}

const unknownUserCode = () =>
  new PortalError(
    400,
    'invalid_user_code',
    'That code is unknown or has expired. Start pairing again in Tessera and enter the new code.',
  );

/** A grant the logged-in user may still approve, looked up by the code they typed. */
export async function pendingGrant(
  deps: Deps,
  userCode: string,
  store: Store = deps.store,
): Promise<DeviceGrant> {
  const grant = await store.getDeviceGrantByUserCode(normaliseUserCode(userCode));
  if (grant?.status !== 'pending' || deps.now() > grant.expiresAt) throw unknownUserCode();
  return grant;
}

/** The grant behind a code the user typed on /device, to show them who asks (each entry counts: no guessing). */
export async function reviewDeviceGrant(
  deps: Deps,
  caller: Caller,
  userId: string,
  userCode: string,
): Promise<DeviceGrant> {
  await takeDeviceEntry(deps.limiter, deps.limits, caller, userId);
  return pendingGrant(deps, userCode);
}

/** Allowing needs the account password again; denying needs nothing. */
export type PairingDecision = { approve: true; password: string } | { approve: false };

/**
 * The user approves or denies a pairing on the portal (signed in, with 2FA when it is on). Allowing takes the
 * password: a session left open, or a victim clicking through, does not hand out a `2fa:manage` token.
 */
export async function decideDeviceGrant(
  deps: Deps,
  caller: Caller,
  userId: string,
  userCode: string,
  decision: PairingDecision,
): Promise<void> {
  await takeDeviceEntry(deps.limiter, deps.limits, caller, userId);
  if (decision.approve) {
    await pendingGrant(deps, userCode);
    await verifyAccountPassword(deps, caller, await reload(deps.store, userId), decision.password);
  }
  return runChange(deps, caller.ip, async (tx, fx) => {
    const grant = await pendingGrant(deps, userCode, tx);
    const status = decision.approve ? 'approved' : 'denied';
    if (!(await tx.moveDeviceGrant(grant.id, 'pending', { status, userId }))) throw unknownUserCode();
    if (decision.approve) {
      await fx.record(
        await reload(tx, userId),
        'app.connected',
        `"${clientName(grant.clientId)}" was connected and can manage your two-factor settings.`,
      );
    }
  });
}

/** Resolves a bearer token to its user; refuses missing, revoked, expired or out-of-scope tokens. */
export async function authenticateBearer(
  deps: Deps,
  header: string | undefined,
): Promise<{ user: User; token: ApiToken }> {
  const match = /^Bearer\s+([A-Za-z0-9_-]{20,200})$/.exec(header ?? '');
  if (!match?.[1])
    throw new PortalError(
      401,
      'invalid_token',
      'Sign-in required: send the token from pairing as "Authorization: Bearer <token>".',
    );
  const token = await deps.store.getTokenByHash(sha256(match[1]));
  if (!token)
    throw new PortalError(401, 'invalid_token', 'This token is unknown. Pair Tessera with the portal again.');
  if (token.revokedAt !== null)
    throw new PortalError(
      401,
      'invalid_token',
      'This connection was revoked on the portal. Pair Tessera again.',
    );
  if (deps.now() > token.expiresAt)
    throw new PortalError(401, 'invalid_token', 'This connection has expired. Pair Tessera again.');
  if (!token.scope.split(' ').includes(TWO_FA_SCOPE))
    throw new PortalError(
      403,
      'insufficient_scope',
      `This token lacks the "${TWO_FA_SCOPE}" scope. Pair again.`,
    );
  const user = await deps.store.getUser(token.userId);
  if (!user) throw new PortalError(401, 'invalid_token', 'The account behind this token no longer exists.');
  await deps.store.updateToken(token.id, { lastUsedAt: deps.now() });
  return { user, token };
}

/** Revokes one of the user's tokens (from "Connected apps" or by the extension itself). */
export function revokeToken(deps: Deps, caller: Caller, userId: string, tokenId: string): Promise<void> {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const token = (await tx.listTokens(userId)).find((t) => t.id === tokenId);
    if (!token)
      throw new PortalError(404, 'unknown_app', 'That connected app does not exist (or is not yours).');
    if (token.revokedAt !== null) return;
    await tx.updateToken(tokenId, { revokedAt: deps.now() });
    await fx.record(
      await reload(tx, userId),
      'app.revoked',
      `"${clientName(token.clientId)}" was disconnected and can no longer manage your two-factor settings.`,
    );
  });
}
