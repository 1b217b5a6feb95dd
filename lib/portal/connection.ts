import type { PortalOutcome, Replies } from '../messages';
import { siteOf } from '../site/match';
import type { PortalConnection } from '../vault/records';
import { type PortalApi, PortalApiError, portalApi } from './client';
import type { PortalDeps } from './deps';
import { ENDPOINTS } from './endpoints';
import { attempt, policyFailure, reconnectFailure } from './failures';
import { type Discovery, PORTAL_API_VERSION, TWO_FA_SCOPE } from './schemas';
import { timedFetch } from './transport';
import { connectionView } from './views';

/** A paired portal as the vault keeps it: its token, kept, renewed, used and given back. */

/** The bearer API of a paired portal. portalApi only reads `api_base` from the discovery document. */
export function apiOf(connection: PortalConnection, fetchFn: typeof fetch): PortalApi {
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

/** Runs a step against a connection's API; an expired token or a portal the policy forbids is refused first. */
export async function withApi<T extends object>(
  deps: PortalDeps,
  connectionId: string,
  step: (api: PortalApi, connection: PortalConnection) => Promise<T>,
): Promise<PortalOutcome<T>> {
  const connection = await deps.vault.getConnection(connectionId);
  const refused = await policyFailure(deps, connection.origin);
  if (refused) return { failure: refused };
  if (connection.expiresAt <= deps.now()) return { failure: reconnectFailure(connection) };
  return attempt(deps, connection.origin, (fetchFn) => step(apiOf(connection, fetchFn), connection));
}

export async function listConnections(deps: PortalDeps): Promise<Replies['portal/list']> {
  return { connections: (await deps.vault.listConnections()).items.map(connectionView) };
}

/** The connection Tessera holds for a portal origin, if any. */
export async function connectionFor(deps: PortalDeps, origin: string): Promise<PortalConnection | null> {
  return (await deps.vault.listConnections()).items.find((c) => c.origin === origin) ?? null;
}

/** Stores a token: a new connection, or a fresh token on the existing one (re-pairing after a revoke). */
export async function storeToken(
  deps: PortalDeps,
  origin: string,
  apiBase: string,
  token: string,
  expiresIn: number,
): Promise<void> {
  const existing = await connectionFor(deps, origin);
  const fields = { token, scope: TWO_FA_SCOPE, expiresAt: deps.now() + expiresIn * 1000 };
  if (existing) {
    await deps.vault.updateConnection(existing.id, fields);
    // The replaced token is usually revoked or expired already; if not, it should not stay usable.
    await apiOf(existing, timedFetch(deps.fetch))
      .revoke()
      .catch(() => undefined);
  } else {
    await deps.vault.addConnection({
      ...fields,
      origin,
      site: siteOf(origin) ?? new URL(origin).hostname,
      apiBase,
    });
  }
}

/** Revokes the token on the portal, then forgets the connection; on a failure nothing is forgotten. */
export async function disconnect(
  deps: PortalDeps,
  connectionId: string,
): Promise<Replies['portal/disconnect']> {
  const connection = await deps.vault.getConnection(connectionId);
  const outcome = await attempt(deps, connection.origin, async (fetchFn) => {
    await apiOf(connection, fetchFn)
      .revoke()
      .catch((error: unknown) => {
        // Already revoked or expired on the portal: forgetting it here is all that is left to do.
        if (!(error instanceof PortalApiError && error.code === 'invalid_token')) throw error;
      });
    return { revoked: true as const };
  });
  if (!outcome.failure) await deps.vault.deleteConnection(connection.id);
  return outcome;
}
