import type { Policy } from '../policy';
import type { Vault } from '../vault/vault';

/** The part of the vault portal sync uses: connections, the authenticator accounts they link, recovery keys. */
export type PortalVault = Pick<
  Vault,
  | 'listConnections'
  | 'getConnection'
  | 'addConnection'
  | 'updateConnection'
  | 'deleteConnection'
  | 'getAccount'
  | 'addAccount'
  | 'updateAccount'
  | 'deleteAccount'
  | 'listRecoveryKeys'
  | 'addRecoveryKey'
  | 'voidRecoveryKey'
>;

/**
 * What portal sync needs from its surroundings. The background passes the browser's own; tests pass a real
 * vault over fake-indexeddb, Node's fetch and a clock shared with the portal under test.
 */
export interface PortalDeps {
  vault: PortalVault;
  fetch: typeof fetch;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The organisation policy in force (its `allowedPortals`). */
  policy: () => Promise<Policy>;
}
