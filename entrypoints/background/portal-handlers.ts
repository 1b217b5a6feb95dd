import { browser } from 'wxt/browser';
import { ZodError } from 'zod';
import type {
  PortalConnectionView,
  PortalFailure,
  PortalOutcome,
  PortalPairingView,
  PortalRequest,
  PortalStatusView,
  PortalSyncState,
  Replies,
} from '../../lib/messages';
import { generateCode } from '../../lib/otp/generate';
import { parseOtpauth } from '../../lib/otp/parse-otpauth';
import { portalRefusal } from '../../lib/policy';
import {
  discover,
  type PortalApi,
  PortalApiError,
  pollDeviceToken,
  portalApi,
  requestDeviceCode,
} from '../../lib/portal/client';
import { ENDPOINTS } from '../../lib/portal/endpoints';
import { type Discovery, PORTAL_API_VERSION, type Status, TWO_FA_SCOPE } from '../../lib/portal/schemas';
import { isFillableOrigin, normalizeRules, siteOf } from '../../lib/site/match';
import { VaultError } from '../../lib/vault/errors';
import type { PortalConnection, RecoveryKey, VaultAccount } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';
import { currentPolicy } from './policy';
import { urlsOfTab } from './tab-prompts';

/**
 * Portal sync: discovery, RFC 8628 pairing and every call to a portal's bearer API happen here, in the
 * background, which holds the token; the popup only ever sees masked status and the outcome of each step.
 */

/** The client id Tessera announces; the portal shows it on its approval page and under "Connected apps". */
const CLIENT_ID = 'tessera';
const CALL_TIMEOUT_MS = 10_000;
const DISCOVERY_TIMEOUT_MS = 3_000;
const DISCOVERY_CACHE_MS = 5 * 60_000;
/** Waits between retries of a read (status, events). */
const READ_BACKOFF_MS = [500, 1_500];
const MAX_POLL_INTERVAL_S = 60;
const PAIRING_KEY = 'portal.pairings';

type Fetch = typeof fetch;

/** What one request to a portal learned besides its body: the Retry-After of a refusal. */
interface CallContext {
  retryAfterMs?: number;
}

/** fetch with a deadline (a hung portal must not hang the popup) that notes Retry-After for 429 answers. */
function portalFetch(context: CallContext, timeoutMs = CALL_TIMEOUT_MS): Fetch {
  return async (input, init) => {
    const res = await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const retryAfter = Number(res.headers.get('retry-after'));
    if (!res.ok && Number.isFinite(retryAfter) && retryAfter > 0) context.retryAfterMs = retryAfter * 1000;
    return res;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True for failures worth retrying: no answer at all, or the portal's own 5xx. */
function transient(error: unknown): boolean {
  if (error instanceof PortalApiError) return error.status >= 500;
  return unanswered(error);
}

/** fetch rejects with a TypeError when the network fails and with a DOMException when our deadline hits. */
function unanswered(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** Runs a read again after a short wait when the network or the portal stumbles; writes are never retried. */
async function withBackoff<T>(read: () => Promise<T>): Promise<T> {
  for (const wait of READ_BACKOFF_MS) {
    try {
      return await read();
    } catch (error) {
      if (!transient(error)) throw error;
      await sleep(wait);
    }
  }
  return read();
}

/** A failure the user can act on. Vault errors are left to the router, which already explains them. */
function failureOf(error: unknown, origin: string, context: CallContext): PortalFailure {
  if (error instanceof VaultError) throw error;
  if (error instanceof PortalApiError) {
    if (error.status === 401 && error.code === 'invalid_token')
      return { code: error.code, message: error.message, reconnect: true };
    if (error.status === 429) {
      const wait = context.retryAfterMs;
      const hint = wait ? ` Tessera can try again in ${Math.ceil(wait / 1000)} seconds.` : '';
      return { code: error.code, message: `${error.message}${hint}`, retryAfterMs: wait };
    }
    return { code: error.code, message: error.message };
  }
  if (error instanceof ZodError) {
    return {
      code: 'unexpected_response',
      message: `${origin} answered in a way Tessera does not understand. Tessera kept everything it had; try again later.`,
    };
  }
  if (unanswered(error)) {
    // After a lost answer a change may or may not have happened; Tessera keeps what it has either way.
    return {
      code: 'unreachable',
      message: `Tessera got no answer from ${origin}. Check your connection and try again; Tessera kept everything it had, and Security shows the site's state once it answers.`,
    };
  }
  throw error;
}

/** Runs one portal step and turns a refusal or a network failure into a PortalFailure. */
async function attempt<T extends object>(
  origin: string,
  step: (fetchFn: Fetch) => Promise<T>,
): Promise<PortalOutcome<T>> {
  const context: CallContext = {};
  try {
    const value: T = await step(portalFetch(context));
    return value as PortalOutcome<T>;
  } catch (error) {
    return { failure: failureOf(error, origin, context) };
  }
}

/** A portal the organisation does not allow is neither paired nor used (disconnecting stays possible). */
async function policyFailure(origin: string): Promise<PortalFailure | null> {
  const message = portalRefusal(origin, await currentPolicy());
  return message === null ? null : { code: 'not_allowed', message };
}

function reconnectFailure(connection: PortalConnection): PortalFailure {
  return {
    code: 'expired_token',
    message: `The connection to ${connection.site} has expired. Press “Connect this account” to pair Tessera again.`,
    reconnect: true,
  };
}

/** The bearer API of a paired portal. portalApi only reads `api_base` from the discovery document. */
function apiOf(connection: PortalConnection, fetchFn: Fetch): PortalApi {
  const discovery: Discovery = {
    issuer: connection.origin,
    api_base: connection.apiBase,
    version: PORTAL_API_VERSION,
    methods: [],
    device_authorization_endpoint: connection.origin + ENDPOINTS.deviceAuthorization.path,
    token_endpoint: connection.origin + ENDPOINTS.token.path,
    openapi: `${connection.origin}/api/openapi.json`,
    scopes: [connection.scope],
  };
  return portalApi(discovery, connection.token, fetchFn);
}

/** Runs a step against a connection's API; an expired token is refused before any request. */
async function withApi<T extends object>(
  vault: Vault,
  connectionId: string,
  step: (api: PortalApi, connection: PortalConnection) => Promise<T>,
): Promise<PortalOutcome<T>> {
  const connection = await vault.getConnection(connectionId);
  const refused = await policyFailure(connection.origin);
  if (refused) return { failure: refused };
  if (connection.expiresAt <= Date.now()) return { failure: reconnectFailure(connection) };
  return attempt(connection.origin, (fetchFn) => step(apiOf(connection, fetchFn), connection));
}

function connectionView(connection: PortalConnection): PortalConnectionView {
  return {
    id: connection.id,
    origin: connection.origin,
    site: connection.site,
    expiresAt: connection.expiresAt,
    accountId: connection.accountId ?? null,
  };
}

function statusView(status: Status): PortalStatusView {
  return {
    email: status.email,
    twoFactorEnabled: status.twoFactorEnabled,
    method: status.method,
    methods: status.methods,
    phone: status.phone,
    recoveryKeyPresent: status.recoveryKeyPresent,
    organisation: status.organisation.name,
  };
}

// ── discovery ──

/** The origin of a tab when Tessera may talk to it as a portal (https, or http on loopback). */
async function originOfTab(tabId: number): Promise<string | null> {
  const [url] = await urlsOfTab(tabId);
  if (!url || !isFillableOrigin(url)) return null;
  return new URL(url).origin;
}

const discoveries = new Map<string, { discovery: Discovery | null; at: number }>();

/**
 * The site's discovery document, or null when it serves none. Every URL in it must stay on the site's own
 * origin: a page must not be able to send Tessera (and the token) to a portal elsewhere.
 */
async function discoverOrigin(origin: string): Promise<Discovery | null> {
  const cached = discoveries.get(origin);
  if (cached && Date.now() - cached.at < DISCOVERY_CACHE_MS) return cached.discovery;
  const found = await discover(origin, portalFetch({}, DISCOVERY_TIMEOUT_MS)).catch(() => null);
  const sameOrigin =
    found &&
    [found.api_base, found.device_authorization_endpoint, found.token_endpoint].every(
      (url) => URL.canParse(url) && new URL(url).origin === origin,
    );
  const discovery = sameOrigin ? found : null;
  discoveries.set(origin, { discovery, at: Date.now() });
  return discovery;
}

// ── pairing (RFC 8628) ──

interface Pairing {
  origin: string;
  discovery: Discovery;
  deviceCode: string;
  userCode: string;
  /** The portal's approval page, where the user types the code Tessera shows (never a link carrying it). */
  verificationUri: string;
  intervalS: number;
  expiresAt: number;
  state: PortalPairingView['state'];
  message?: string;
}

/** Pairings by origin. Mirrored in storage.session (memory only) so a restarted worker resumes polling. */
const pairings = new Map<string, Pairing>();
const polling = new Set<string>();

async function savePairings(): Promise<void> {
  await browser.storage.session.set({ [PAIRING_KEY]: [...pairings.values()] });
}

async function loadPairing(origin: string): Promise<Pairing | undefined> {
  if (!pairings.has(origin)) {
    const stored = (await browser.storage.session.get(PAIRING_KEY))[PAIRING_KEY];
    for (const pairing of Array.isArray(stored) ? (stored as Pairing[]) : []) {
      if (!pairings.has(pairing.origin)) pairings.set(pairing.origin, pairing);
    }
  }
  return pairings.get(origin);
}

function pairingView(pairing: Pairing): PortalPairingView {
  return { state: pairing.state, userCode: pairing.userCode, message: pairing.message };
}

async function finish(pairing: Pairing, state: Pairing['state'], message?: string): Promise<void> {
  pairing.state = state;
  pairing.message = message;
  await savePairings();
}

/** Stores the token: a new connection, or a fresh token on the existing one (re-pairing after a revoke). */
async function storeToken(vault: Vault, pairing: Pairing, token: string, expiresIn: number): Promise<void> {
  const existing = (await vault.listConnections()).items.find((c) => c.origin === pairing.origin);
  const fields = { token, scope: TWO_FA_SCOPE, expiresAt: Date.now() + expiresIn * 1000 };
  if (existing) {
    await vault.updateConnection(existing.id, fields);
    // The replaced token is usually revoked or expired already; if not, it should not stay usable.
    await apiOf(existing, portalFetch({}))
      .revoke()
      .catch(() => undefined);
  } else {
    await vault.addConnection({
      ...fields,
      origin: pairing.origin,
      site: siteOf(pairing.origin) ?? new URL(pairing.origin).hostname,
      apiBase: pairing.discovery.api_base,
    });
  }
}

/**
 * Polls the token endpoint at the interval the portal asked for (+5 s on slow_down, doubled while the network
 * fails) until the user approves, denies, or the code expires. Each poll writes storage.session, which also
 * keeps the service worker alive while it waits.
 */
async function pollPairing(vault: Vault, pairing: Pairing): Promise<void> {
  if (polling.has(pairing.origin)) return;
  polling.add(pairing.origin);
  let interval = pairing.intervalS;
  try {
    while (pairing.state === 'waiting') {
      if (Date.now() >= pairing.expiresAt) {
        return await finish(
          pairing,
          'expired',
          'The code expired before it was approved. Press “Connect this account” to start again.',
        );
      }
      await sleep(interval * 1000);
      const outcome = await pollDeviceToken(
        pairing.discovery,
        pairing.deviceCode,
        CLIENT_ID,
        portalFetch({}),
      ).catch((error: unknown) => ({ kind: 'error' as const, error }));
      if (outcome.kind === 'error') {
        if (!transient(outcome.error)) {
          const message =
            outcome.error instanceof PortalApiError
              ? outcome.error.message
              : 'The site’s answer could not be read. Press “Connect this account” to try again.';
          return await finish(pairing, 'failed', message);
        }
        interval = Math.min(interval * 2, MAX_POLL_INTERVAL_S);
        await savePairings();
      } else if (outcome.kind === 'pending') await savePairings();
      else if (outcome.kind === 'slow_down') interval += 5;
      else if (outcome.kind === 'token')
        return await keepToken(vault, pairing, outcome.accessToken, outcome.expiresIn);
      else return await finish(pairing, outcome.kind, outcome.message);
    }
  } finally {
    polling.delete(pairing.origin);
  }
}

/** Stores a granted token; if that fails, revokes it so no grant Tessera does not hold stays open. */
async function keepToken(vault: Vault, pairing: Pairing, token: string, expiresIn: number): Promise<void> {
  try {
    await storeToken(vault, pairing, token, expiresIn);
    await finish(pairing, 'connected');
  } catch (error) {
    await portalApi(pairing.discovery, token, portalFetch({}))
      .revoke()
      .catch(() => undefined);
    const locked = error instanceof VaultError && error.code === 'locked';
    await finish(
      pairing,
      'failed',
      locked
        ? 'Tessera was locked before the site approved the connection, so it was not kept. Unlock Tessera and connect again.'
        : 'Tessera could not save the connection. Press “Connect this account” to try again.',
    );
  }
}

async function startPairing(vault: Vault, tabId: number): Promise<Replies['portal/connect']> {
  const origin = await originOfTab(tabId);
  const refused = origin ? await policyFailure(origin) : null;
  if (refused) return { failure: refused };
  const discovery = origin ? await discoverOrigin(origin) : null;
  if (!origin || !discovery) {
    return {
      failure: {
        code: 'no_portal',
        message: 'This site does not offer a Tessera connection. Open the site’s own page and try again.',
      },
    };
  }
  const current = await loadPairing(origin);
  if (current?.state === 'waiting' && current.expiresAt > Date.now()) {
    // Still waiting for approval: show the approval page again (its tab may have been closed).
    await browser.tabs.create({ url: current.verificationUri });
    void pollPairing(vault, current);
    return { pairing: pairingView(current) };
  }
  const outcome: PortalOutcome<{ pairing: Pairing }> = await attempt(origin, async (fetchFn) => {
    const grant = await requestDeviceCode(discovery, CLIENT_ID, fetchFn);
    if (!URL.canParse(grant.verification_uri) || new URL(grant.verification_uri).origin !== origin) {
      throw new PortalApiError(
        0,
        'foreign_endpoint',
        'The site asked Tessera to approve the connection on another site, so Tessera stopped.',
      );
    }
    const pairing: Pairing = {
      origin,
      discovery,
      deviceCode: grant.device_code,
      userCode: grant.user_code,
      verificationUri: grant.verification_uri,
      intervalS: grant.interval,
      expiresAt: Date.now() + grant.expires_in * 1000,
      state: 'waiting',
    };
    pairings.set(origin, pairing);
    await savePairings();
    await browser.tabs.create({ url: grant.verification_uri });
    return { pairing };
  });
  if (outcome.failure) return { failure: outcome.failure };
  void pollPairing(vault, outcome.pairing);
  return { pairing: pairingView(outcome.pairing) };
}

// ── vault side of the sync ──

/** The authenticator account Tessera holds for this connection, archived or not. */
async function linkedAccount(vault: Vault, connection: PortalConnection): Promise<VaultAccount | null> {
  if (!connection.accountId) return null;
  return vault.getAccount(connection.accountId).catch((error: unknown) => {
    if (error instanceof VaultError && error.code === 'not-found') return null;
    throw error;
  });
}

/** Recovery keys stored for this portal account that still work. */
async function keysOf(vault: Vault, connection: PortalConnection): Promise<RecoveryKey[]> {
  const { items } = await vault.listRecoveryKeys();
  return items.filter(
    (k) => k.site === connection.site || (connection.accountId && k.accountId === connection.accountId),
  );
}

/** Saves a new recovery key from the portal and voids the ones it replaces (kept, marked as no longer valid). */
async function replaceRecoveryKey(
  vault: Vault,
  connection: PortalConnection,
  recoveryKey: string,
): Promise<number> {
  const old = await keysOf(vault, connection);
  await vault.addRecoveryKey({
    kind: 'codes',
    codes: [recoveryKey],
    site: connection.site,
    accountId: connection.accountId,
    label: `${connection.site} recovery key`,
  });
  for (const key of old) await vault.voidRecoveryKey(key.id);
  return old.length;
}

function syncOf(status: Status, account: VaultAccount | null): PortalSyncState {
  const held = account !== null && !account.archived;
  if (status.method === 'totp' && !held) return 'missing-local';
  if (status.method !== 'totp' && held) return 'stale-local';
  return 'in-sync';
}

/** The code of `account` one period away from now (-1: the previous one, 0: now, 1: the next one). */
async function codeAt(account: VaultAccount, periods: number): Promise<string> {
  return (await generateCode(account, Date.now() + periods * account.period * 1000)).code;
}

/**
 * Enrolls Tessera as the authenticator app: the portal's secret goes straight into the vault, bound to the
 * portal's site, and is confirmed with a code Tessera computes. Turning 2FA on returns a recovery key; a switch
 * from SMS or e-mail does not, so Tessera asks for a new one with the next code and stores it.
 */
async function moveToTessera(
  vault: Vault,
  api: PortalApi,
  connection: PortalConnection,
  password: string,
): Promise<{ status: PortalStatusView; recoveryKeySaved: boolean }> {
  const { status } = await withBackoff(() => api.status());
  const switching = status.twoFactorEnabled;
  const enrollment = switching
    ? await api.switchMethod('totp', password)
    : await api.enrollTotp(password).then((e) => ({ ...e, method: 'totp' as const }));
  if (!enrollment.otpauthUri) {
    throw new PortalApiError(0, 'unexpected_response', 'The portal sent no authenticator secret.');
  }
  const previous = await linkedAccount(vault, connection);
  const account = await vault.addAccount({
    ...parseOtpauth(enrollment.otpauthUri),
    sites: normalizeRules([{ host: connection.site, exact: false }]),
  });
  await vault.updateConnection(connection.id, { accountId: account.id });
  const linked = { ...connection, accountId: account.id };
  let recoveryKey: string | undefined;
  try {
    // The previous period's code (accepted within ±1 step) leaves the current one free for the next sign-in.
    const code = await codeAt(account, -1);
    if (switching) await api.confirmSwitch(enrollment.enrollmentId, code);
    else recoveryKey = (await api.confirmTotp(enrollment.enrollmentId, code)).recoveryKey;
  } catch (error) {
    // Only a clear refusal proves the portal does not use this secret; after a lost answer it may, so keep it.
    if (error instanceof PortalApiError) {
      await vault.deleteAccount(account.id);
      await vault.updateConnection(connection.id, { accountId: previous?.id ?? null });
    }
    throw error;
  }
  // A replaced authenticator no longer works on the portal: archived, never deleted.
  if (previous && !previous.archived) await vault.updateAccount(previous.id, { archived: true });
  if (recoveryKey === undefined) {
    recoveryKey = await api
      .renewRecoveryKey(await codeAt(account, 0))
      .then((r) => r.recoveryKey)
      .catch(() => undefined);
  }
  if (recoveryKey !== undefined) await replaceRecoveryKey(vault, linked, recoveryKey);
  const fresh = await api.status().catch(() => ({ status: { ...status, method: 'totp' as const } }));
  return { status: statusView(fresh.status), recoveryKeySaved: recoveryKey !== undefined };
}

/**
 * Runs a step that needs a current code: the one the user typed, or else one from the authenticator Tessera
 * holds for this connection (now, then the next period if this one was already spent).
 */
async function withCode<T>(
  vault: Vault,
  connection: PortalConnection,
  code: string | undefined,
  step: (code: string) => Promise<T>,
): Promise<T> {
  if (code !== undefined) return step(code);
  const account = await linkedAccount(vault, connection);
  if (!account || account.archived) {
    throw new PortalApiError(
      0,
      'code_required',
      'Tessera does not hold this account’s authenticator. Enter a current code for this account.',
    );
  }
  return step(await codeAt(account, 0)).catch(async (error: unknown) => {
    // This period's code was already spent (e.g. a sign-in a moment ago); the next one is accepted too.
    if (error instanceof PortalApiError && error.code === 'code_used') return step(await codeAt(account, 1));
    throw error;
  });
}

/** Renews the recovery key with the given code, or with the authenticator Tessera holds. */
async function renewRecoveryKey(
  vault: Vault,
  api: PortalApi,
  connection: PortalConnection,
  code: string | undefined,
): Promise<{ voided: number }> {
  const { recoveryKey } = await withCode(vault, connection, code, (c) => api.renewRecoveryKey(c));
  return { voided: await replaceRecoveryKey(vault, connection, recoveryKey) };
}

/** Archives the authenticator Tessera holds for a connection once the portal no longer uses it. */
async function archiveLinked(vault: Vault, connection: PortalConnection): Promise<boolean> {
  const account = await linkedAccount(vault, connection);
  if (!account || account.archived) return false;
  await vault.updateAccount(account.id, { archived: true });
  return true;
}

/** The popup's portal-sync requests (all types start with 'portal/'). */
export async function handlePortalRequest(
  vault: Vault,
  req: PortalRequest,
): Promise<Replies[PortalRequest['type']]> {
  switch (req.type) {
    case 'portal/list':
      return { connections: (await vault.listConnections()).items.map(connectionView) };
    case 'portal/tab': {
      const origin = await originOfTab(req.tabId);
      if (!origin) return { origin: null, portal: false, connection: null, pairing: null };
      const connection = (await vault.listConnections()).items.find((c) => c.origin === origin) ?? null;
      let pairing = await loadPairing(origin);
      // A worker restarted mid-pairing resumes polling where it stopped.
      if (pairing?.state === 'waiting') void pollPairing(vault, pairing);
      // How a finished pairing ended stays on show until its code would have expired anyway.
      else if (pairing && pairing.expiresAt < Date.now()) {
        pairings.delete(origin);
        await savePairings();
        pairing = undefined;
      }
      const portal = connection !== null || (await discoverOrigin(origin)) !== null;
      return {
        origin,
        portal,
        connection: connection && connectionView(connection),
        pairing: pairing ? pairingView(pairing) : null,
      };
    }
    case 'portal/connect':
      return startPairing(vault, req.tabId);
    case 'portal/status':
      return withApi(vault, req.connectionId, async (api, connection) => {
        const [{ status }, { events }] = await Promise.all([
          withBackoff(() => api.status()),
          withBackoff(() => api.events()),
        ]);
        return {
          connection: connectionView(connection),
          status: statusView(status),
          sync: syncOf(status, await linkedAccount(vault, connection)),
          events: events.slice(0, 10).map(({ id, at, summary, actor }) => ({ id, at, summary, actor })),
          recoveryKeys: (await keysOf(vault, connection)).length,
        };
      });
    case 'portal/move':
      return withApi(vault, req.connectionId, (api, connection) =>
        moveToTessera(vault, api, connection, req.password),
      );
    case 'portal/switch/start':
      return withApi(vault, req.connectionId, async (api) => {
        const started = await api.switchMethod(req.method, req.password, req.phone);
        return { changeId: started.enrollmentId, sentTo: started.sentTo ?? '' };
      });
    case 'portal/switch/confirm':
      return withApi(vault, req.connectionId, async (api, connection) => {
        const { status } = await api.confirmSwitch(req.changeId, req.code);
        // Only now, with the portal's confirmation, is the local secret archived (kept, hidden from lists).
        return { status: statusView(status), archived: await archiveLinked(vault, connection) };
      });
    case 'portal/phone/start':
      return withApi(vault, req.connectionId, async (api) => {
        const started = await api.startPhoneChange(req.phone, { password: req.password });
        return { changeId: started.changeId, sentTo: started.sentTo };
      });
    case 'portal/phone/confirm-old':
      return withApi(vault, req.connectionId, async (api) => {
        const next = await api.confirmOldPhone(req.changeId, req.code);
        return { changeId: next.changeId, sentTo: next.sentTo };
      });
    case 'portal/phone/confirm-new':
      return withApi(vault, req.connectionId, async (api) => ({
        status: statusView((await api.confirmNewPhone(req.changeId, req.code)).status),
      }));
    case 'portal/resend':
      return withApi(vault, req.connectionId, async (api) => ({
        sentTo: (await api.resendCode(req.changeId)).sentTo,
      }));
    case 'portal/step-up/send':
      return withApi(vault, req.connectionId, async (api) => ({
        sentTo: (await api.sendStepUpCode(req.purpose)).sentTo,
      }));
    case 'portal/recovery/renew':
      return withApi(vault, req.connectionId, (api, connection) =>
        renewRecoveryKey(vault, api, connection, req.code),
      );
    case 'portal/disable':
      return withApi(vault, req.connectionId, async (api, connection) => {
        const { status } = await withCode(vault, connection, req.code, (code) =>
          api.disable(req.password, code),
        );
        return { status: statusView(status), archived: await archiveLinked(vault, connection) };
      });
    case 'portal/archive-local':
      return { archived: await archiveLinked(vault, await vault.getConnection(req.connectionId)) };
    case 'portal/disconnect': {
      const connection = await vault.getConnection(req.connectionId);
      const outcome = await attempt(connection.origin, async (fetchFn) => {
        await apiOf(connection, fetchFn)
          .revoke()
          .catch((error: unknown) => {
            // Already revoked or expired on the portal: forgetting it here is all that is left to do.
            if (!(error instanceof PortalApiError && error.code === 'invalid_token')) throw error;
          });
        return { revoked: true as const };
      });
      if (!outcome.failure) await vault.deleteConnection(connection.id);
      return outcome;
    }
  }
}
