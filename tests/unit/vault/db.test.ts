import { describe, expect, it } from 'vitest';
import {
  generateDataKey,
  importDataKey,
  makeKeyCheck,
  sealRecord,
  wrapDataKey,
} from '../../../lib/vault/cipher';
import { openVaultDb, VAULT_DB_VERSION } from '../../../lib/vault/db';
import { deriveKek } from '../../../lib/vault/kdf';
import { Vault } from '../../../lib/vault/vault';
import { freshDbName, PASSWORD, sampleAccount, TEST_MINIMUMS, testKdf } from './helpers';

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Opens a database with plain IndexedDB calls, as an older (or newer) build would. */
function rawOpen(name: string, version: number, upgrade: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const request = indexedDB.open(name, version);
  request.onupgradeneeded = () => upgrade(request.result);
  return done(request);
}

/** Writes a complete v1 vault (meta, one account, one recovery key) without using the db module. */
async function writeV1Vault(name: string) {
  const kdf = testKdf();
  const raw = generateDataKey();
  const key = await importDataKey(raw);
  const wrapped = await wrapDataKey(await deriveKek(PASSWORD, kdf), raw);
  const account = {
    ...sampleAccount(),
    sites: [{ host: 'example.com', exact: false }],
    pinned: null,
    autoFill: true,
    autoSubmit: false,
    archived: false,
    id: crypto.randomUUID(),
    createdAt: 1_700_000_000_000,
  };
  const recovery = {
    id: crypto.randomUUID(),
    kind: 'codes',
    codes: [{ value: '1111-2222' }],
    createdAt: 1_700_000_000_001,
  };
  const db = await rawOpen(name, 1, (d) => {
    d.createObjectStore('meta');
    d.createObjectStore('accounts', { keyPath: 'id' });
    d.createObjectStore('recoveryKeys', { keyPath: 'id' });
  });
  const meta = {
    kdf,
    ...wrapped,
    keyCheck: await makeKeyCheck(key),
    createdAt: 1_700_000_000_000,
    failedAttempts: 1,
    lastFailedAt: 1_600_000_000_000,
  };
  const sealedAccount = await sealRecord(key, 'accounts', account.id, account);
  const sealedRecovery = await sealRecord(key, 'recoveryKeys', recovery.id, recovery);
  const tx = db.transaction(['meta', 'accounts', 'recoveryKeys'], 'readwrite');
  tx.objectStore('meta').put(meta, 'vault');
  tx.objectStore('accounts').put(sealedAccount);
  tx.objectStore('recoveryKeys').put(sealedRecovery);
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  return { account, recovery };
}

describe('vault database schema', () => {
  it('creates the current schema on first open', async () => {
    const db = await openVaultDb(freshDbName());
    expect(db.version).toBe(VAULT_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['accounts', 'connections', 'meta', 'recoveryKeys']);
    db.close();
  });

  it('opens a version-1 database written by an older build and reads everything back', async () => {
    const name = freshDbName();
    const { account, recovery } = await writeV1Vault(name);
    const vault = await Vault.open(name, { kdfMinimums: TEST_MINIMUMS });
    expect(await vault.status()).toBe('locked');
    await vault.unlock(PASSWORD);
    expect(await vault.listAccounts()).toEqual({ items: [account], damaged: [] });
    expect(await vault.listRecoveryKeys()).toEqual({ items: [recovery], damaged: [] });
    vault.close();
    const reopened = await openVaultDb(name);
    expect(reopened.version).toBe(VAULT_DB_VERSION);
    reopened.close();
  });

  it('refuses a database from a newer build with an update hint instead of damaging it', async () => {
    const name = freshDbName();
    (await rawOpen(name, VAULT_DB_VERSION + 1, (d) => d.createObjectStore('meta'))).close();
    await expect(Vault.open(name)).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(/newer version/),
    });
  });
});
