import type { Replies } from '../messages';
import type { PortalConnection, RecoveryKey } from '../vault/records';
import { withCode } from './codes';
import { withApi } from './connection';
import type { PortalDeps } from './deps';

/** The portal account's recovery key in the vault: stored when the portal issues one, the old ones voided. */

/** Recovery keys stored for this portal account that still work. */
export async function keysOf(
  deps: Pick<PortalDeps, 'vault'>,
  connection: PortalConnection,
): Promise<RecoveryKey[]> {
  const { items } = await deps.vault.listRecoveryKeys();
  return items.filter(
    (k) => k.site === connection.site || (connection.accountId && k.accountId === connection.accountId),
  );
}

/** Saves a new recovery key from the portal and voids the ones it replaces (kept, marked as no longer valid). */
export async function replaceRecoveryKey(
  deps: Pick<PortalDeps, 'vault'>,
  connection: PortalConnection,
  recoveryKey: string,
): Promise<number> {
  const old = await keysOf(deps, connection);
  await deps.vault.addRecoveryKey({
    kind: 'codes',
    codes: [recoveryKey],
    site: connection.site,
    accountId: connection.accountId,
    label: `${connection.site} recovery key`,
  });
  for (const key of old) await deps.vault.voidRecoveryKey(key.id);
  return old.length;
}

/** Renews the recovery key with the given code, or with the authenticator Tessera holds. */
export function renewRecoveryKey(
  deps: PortalDeps,
  connectionId: string,
  code: string | undefined,
): Promise<Replies['portal/recovery/renew']> {
  return withApi(deps, connectionId, async (api, connection) => {
    const { recoveryKey } = await withCode(deps, connection, code, (c) => api.renewRecoveryKey(c));
    return { voided: await replaceRecoveryKey(deps, connection, recoveryKey) };
  });
}
