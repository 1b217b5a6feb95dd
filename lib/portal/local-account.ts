import type { PortalSyncState } from '../messages';
import { VaultError } from '../vault/errors';
import type { PortalConnection, VaultAccount } from '../vault/records';
import type { PortalDeps } from './deps';
import type { Status } from './schemas';

/** The authenticator account Tessera holds for a portal account, and whether the portal still agrees. */

/** The authenticator account Tessera holds for this connection, archived or not. */
export async function linkedAccount(
  deps: Pick<PortalDeps, 'vault'>,
  connection: PortalConnection,
): Promise<VaultAccount | null> {
  if (!connection.accountId) return null;
  return deps.vault.getAccount(connection.accountId).catch((error: unknown) => {
    if (error instanceof VaultError && error.code === 'not-found') return null;
    throw error;
  });
}

/**
 * Whether the vault and the portal disagree: the portal uses an authenticator Tessera does not hold, or no
 * longer uses the one Tessera holds.
 */
export function syncOf(status: Status, account: VaultAccount | null): PortalSyncState {
  const held = account !== null && !account.archived;
  if (status.method === 'totp' && !held) return 'missing-local';
  if (status.method !== 'totp' && held) return 'stale-local';
  return 'in-sync';
}

/**
 * Archives the authenticator Tessera holds for a connection (kept, hidden from lists). Callers do so only once
 * the portal confirmed it no longer uses it, or when the user asks after Security showed the disagreement.
 */
export async function archiveLinked(
  deps: Pick<PortalDeps, 'vault'>,
  connection: PortalConnection,
): Promise<boolean> {
  const account = await linkedAccount(deps, connection);
  if (!account || account.archived) return false;
  await deps.vault.updateAccount(account.id, { archived: true });
  return true;
}

/** The user's answer to a 'stale-local' disagreement: archive the authenticator the portal no longer uses. */
export async function archiveLocal(
  deps: Pick<PortalDeps, 'vault'>,
  connectionId: string,
): Promise<{ archived: boolean }> {
  return { archived: await archiveLinked(deps, await deps.vault.getConnection(connectionId)) };
}
