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
import type { PortalConnectionInput } from '../../../lib/vault/records';
import { Vault } from '../../../lib/vault/vault';
import { freshDbName, openTestVault, PASSWORD, sampleAccount, TEST_MINIMUMS, testKdf } from './helpers';

const connection = (overrides: Partial<PortalConnectionInput> = {}): PortalConnectionInput => ({
  origin: 'https://account.example.com',
  site: 'example.com',
  apiBase: 'https://account.example.com/api/v1',
  token: 'secret-bearer-token-0123456789',
  scope: '2fa:manage',
  expiresAt: 1_800_000_000_000,
  ...overrides,
});

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

describe('portal connections in the vault', () => {
  it('adds, lists, reads, updates and deletes a connection', async () => {
    const { vault } = await openTestVault({ now: () => 1_700_000_000_000 });
    const added = await vault.addConnection(connection());
    expect(added).toMatchObject({ ...connection(), createdAt: 1_700_000_000_000 });
    expect(await vault.listConnections()).toEqual({ items: [added], damaged: [] });
    expect(await vault.getConnection(added.id)).toEqual(added);

    const account = await vault.addAccount(sampleAccount());
    const linked = await vault.updateConnection(added.id, { accountId: account.id, token: 'renewed-token' });
    expect(linked).toMatchObject({ accountId: account.id, token: 'renewed-token', origin: added.origin });
    const unlinked = await vault.updateConnection(added.id, { accountId: null });
    expect(unlinked.accountId).toBeUndefined();
    expect('accountId' in unlinked).toBe(false);

    expect(await vault.deleteConnection(added.id)).toEqual(unlinked);
    expect((await vault.listConnections()).items).toEqual([]);
    await expect(vault.getConnection(added.id)).rejects.toMatchObject({ code: 'not-found' });
    vault.close();
  });

  it('stores the token sealed: it is not readable in the database', async () => {
    const { vault, dbName } = await openTestVault();
    const added = await vault.addConnection(connection());
    vault.close();
    const db = await openVaultDb(dbName);
    const sealed = await db.get('connections', added.id);
    db.close();
    expect(sealed).toBeDefined();
    const bytes = new TextDecoder().decode(sealed?.ct);
    expect(bytes).not.toContain('secret-bearer-token');
    expect(Object.keys(sealed ?? {}).sort()).toEqual(['ct', 'id', 'iv', 'v']);
  });

  it('needs the vault unlocked and refuses invalid input', async () => {
    const { vault } = await openTestVault();
    await expect(vault.addConnection(connection({ site: 'https://example.com/' }))).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(vault.addConnection(connection({ token: '' }))).rejects.toMatchObject({ code: 'invalid' });
    vault.lock();
    await expect(vault.listConnections()).rejects.toMatchObject({ code: 'locked' });
    await expect(vault.addConnection(connection())).rejects.toMatchObject({ code: 'locked' });
    vault.close();
  });

  it('reports a connection sealed under another store name as damaged, without failing the list', async () => {
    const { vault, dbName } = await openTestVault();
    const good = await vault.addConnection(connection());
    const moved = await vault.addConnection(
      connection({ origin: 'https://b.example.org', site: 'example.org' }),
    );
    vault.close();
    // Copy an account-store ciphertext into the connections store under the same id: the AAD must refuse it.
    const reopened = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS });
    await reopened.unlock(PASSWORD);
    const account = await reopened.addAccount(sampleAccount());
    reopened.close();
    const raw = await openVaultDb(dbName);
    const accountSealed = await raw.get('accounts', account.id);
    if (!accountSealed) throw new Error('missing account');
    await raw.put('connections', { ...accountSealed, id: moved.id });
    raw.close();
    const last = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS });
    await last.unlock(PASSWORD);
    expect(await last.listConnections()).toEqual({ items: [good], damaged: [moved.id] });
    expect(await last.deleteConnection(moved.id)).toBeNull();
    last.close();
  });

  it('opens a version-1 database under version 2 with nothing lost, and can then store connections', async () => {
    const name = freshDbName();
    const kdf = testKdf();
    const raw = generateDataKey();
    const key = await importDataKey(raw);
    const account = {
      ...sampleAccount(),
      sites: [{ host: 'example.com', exact: false }],
      pinned: null,
      autoFill: false,
      autoSubmit: false,
      archived: false,
      id: crypto.randomUUID(),
      createdAt: 1_700_000_000_000,
    };
    const recovery = { id: crypto.randomUUID(), kind: 'text', body: 'phrase', createdAt: 1_700_000_000_001 };
    const request = indexedDB.open(name, 1);
    request.onupgradeneeded = () => {
      request.result.createObjectStore('meta');
      request.result.createObjectStore('accounts', { keyPath: 'id' });
      request.result.createObjectStore('recoveryKeys', { keyPath: 'id' });
    };
    const v1 = await done(request);
    const meta = {
      kdf,
      ...(await wrapDataKey(await deriveKek(PASSWORD, kdf), raw)),
      keyCheck: await makeKeyCheck(key),
      createdAt: 1_700_000_000_000,
      failedAttempts: 0,
      lastFailedAt: null,
    };
    // Sealed first: a transaction left waiting on WebCrypto commits early.
    const sealedAccount = await sealRecord(key, 'accounts', account.id, account);
    const sealedRecovery = await sealRecord(key, 'recoveryKeys', recovery.id, recovery);
    const tx = v1.transaction(['meta', 'accounts', 'recoveryKeys'], 'readwrite');
    tx.objectStore('meta').put(meta, 'vault');
    tx.objectStore('accounts').put(sealedAccount);
    tx.objectStore('recoveryKeys').put(sealedRecovery);
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    v1.close();

    expect(VAULT_DB_VERSION).toBe(2);
    const vault = await Vault.open(name, { kdfMinimums: TEST_MINIMUMS });
    await vault.unlock(PASSWORD);
    expect(await vault.listAccounts()).toEqual({ items: [account], damaged: [] });
    expect(await vault.listRecoveryKeys()).toEqual({ items: [recovery], damaged: [] });
    expect(await vault.listConnections()).toEqual({ items: [], damaged: [] });
    const added = await vault.addConnection(connection({ accountId: account.id }));
    expect((await vault.listConnections()).items).toEqual([added]);
    vault.close();
  });
});
