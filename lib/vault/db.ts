import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import { z } from 'zod';
import type { SealedRecord } from './cipher';
import { VaultError } from './errors';
import { KdfParamsSchema } from './kdf';

/** Default IndexedDB database name. */
export const VAULT_DB_NAME = 'tessera-vault';

/** Key of the single record in the `meta` store. */
export const META_KEY = 'vault';

const BytesSchema = z.instanceof(Uint8Array);

/**
 * The vault's unencrypted settings: KDF params, the wrapped data key and the unlock-failure counter
 * (kept here so a service-worker restart does not reset throttling).
 */
export const VaultMetaSchema = z.object({
  kdf: KdfParamsSchema,
  wrappedKey: BytesSchema,
  iv: BytesSchema,
  keyCheck: z.object({ iv: BytesSchema, ct: BytesSchema }),
  createdAt: z.number().int().nonnegative(),
  failedAttempts: z.number().int().nonnegative(),
  lastFailedAt: z.number().int().nonnegative().nullable(),
});
export type VaultMeta = z.infer<typeof VaultMetaSchema>;

export interface VaultDbSchema extends DBSchema {
  meta: { key: typeof META_KEY; value: VaultMeta };
  accounts: { key: string; value: SealedRecord };
  recoveryKeys: { key: string; value: SealedRecord };
  connections: { key: string; value: SealedRecord };
}

export type VaultDb = IDBPDatabase<VaultDbSchema>;

type UpgradeStep = (
  db: VaultDb,
  tx: IDBPTransaction<VaultDbSchema, StoreNames<VaultDbSchema>[], 'versionchange'>,
) => void;

/**
 * UPGRADE_STEPS[n] takes a database from version n to n + 1. Steps that have shipped are never edited:
 * a schema change appends a step, so a database written by any older build upgrades in order, keeping its data.
 */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [
  (db) => {
    db.createObjectStore('meta');
    db.createObjectStore('accounts', { keyPath: 'id' });
    db.createObjectStore('recoveryKeys', { keyPath: 'id' });
  },
  // v2: paired portals (sealed bearer tokens).
  (db) => {
    db.createObjectStore('connections', { keyPath: 'id' });
  },
];

/** Schema version this build writes. */
export const VAULT_DB_VERSION = UPGRADE_STEPS.length;

/** Opens (creating or upgrading as needed) the vault database. */
export async function openVaultDb(name: string = VAULT_DB_NAME): Promise<VaultDb> {
  try {
    const db: VaultDb = await openDB<VaultDbSchema>(name, VAULT_DB_VERSION, {
      upgrade(database, oldVersion, _newVersion, tx) {
        for (let version = oldVersion; version < VAULT_DB_VERSION; version++)
          UPGRADE_STEPS[version]?.(database, tx);
      },
      // An updated build wants to upgrade the schema; this worker is outdated and about to be replaced.
      blocking() {
        db.close();
      },
    });
    return db;
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'VersionError') {
      throw new VaultError(
        'invalid',
        'This vault was saved by a newer version of Tessera, so this version cannot open it. Update Tessera and try again.',
      );
    }
    throw error;
  }
}
