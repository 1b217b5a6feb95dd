import { afterEach, describe, expect, it, vi } from 'vitest';
import { importDataKey, type SealedRecord, sealRecord } from '../../../lib/vault/cipher';
import { openVaultDb } from '../../../lib/vault/db';
import { openTestVault, sampleAccount } from './helpers';

async function editStored(
  dbName: string,
  store: 'accounts' | 'recoveryKeys',
  id: string,
  change: (sealed: SealedRecord) => SealedRecord,
) {
  const db = await openVaultDb(dbName);
  const sealed = await db.get(store, id);
  if (!sealed) throw new Error(`no record ${id}`);
  await db.put(store, change(sealed));
  db.close();
}

async function storedCount(dbName: string): Promise<{ accounts: number; recoveryKeys: number }> {
  const db = await openVaultDb(dbName);
  const counts = { accounts: await db.count('accounts'), recoveryKeys: await db.count('recoveryKeys') };
  db.close();
  return counts;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('tampered and swapped records', () => {
  it('a flipped ciphertext byte is reported by id; the other records stay readable', async () => {
    const { vault, dbName } = await openTestVault();
    const good = await vault.addAccount(sampleAccount({ issuer: 'Good' }));
    const bad = await vault.addAccount(sampleAccount({ issuer: 'Bad', secret: 'GEZDGNBVGY3TQOJQ' }));
    await editStored(dbName, 'accounts', bad.id, (s) => {
      const ct = new Uint8Array(s.ct);
      ct[0] = (ct[0] ?? 0) ^ 0x80;
      return { ...s, ct };
    });

    expect(await vault.listAccounts()).toEqual({ items: [good], damaged: [bad.id] });
    const error = await vault.getAccount(bad.id).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'tampered', recordId: bad.id });
    expect((error as Error).message).toContain(bad.id);
    await expect(vault.updateAccount(bad.id, { label: 'x' })).rejects.toMatchObject({ code: 'tampered' });

    // A damaged entry can still be removed; there is nothing to undo.
    expect(await vault.deleteAccount(bad.id)).toBeNull();
    expect(await vault.listAccounts()).toEqual({ items: [good], damaged: [] });
  });

  it("record A's ciphertext copied under id B is refused, A stays fine", async () => {
    const { vault, dbName } = await openTestVault();
    const a = await vault.addAccount(sampleAccount({ issuer: 'A' }));
    const b = await vault.addAccount(sampleAccount({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }));
    const db = await openVaultDb(dbName);
    const sealedA = await db.get('accounts', a.id);
    await db.put('accounts', { ...(sealedA as SealedRecord), id: b.id });
    db.close();

    expect(await vault.listAccounts()).toEqual({ items: [a], damaged: [b.id] });
    await expect(vault.getAccount(b.id)).rejects.toMatchObject({ code: 'tampered', recordId: b.id });
  });

  it('an authentic record that is not a valid entry (or names another id inside) is reported', async () => {
    const { vault, dbName } = await openTestVault();
    const good = await vault.addAccount(sampleAccount());
    const key = await importDataKey(vault.exportDataKey());
    const wrongInside = crypto.randomUUID();
    const invalid = crypto.randomUUID();
    const db = await openVaultDb(dbName);
    await db.put(
      'accounts',
      await sealRecord(key, 'accounts', wrongInside, { ...good, id: crypto.randomUUID() }),
    );
    await db.put('accounts', await sealRecord(key, 'accounts', invalid, { id: invalid, issuer: 42 }));
    db.close();
    const list = await vault.listAccounts();
    expect(list.items).toEqual([good]);
    expect(list.damaged.sort()).toEqual([wrongInside, invalid].sort());
  });

  it('a record moved to the other store is refused', async () => {
    const { vault, dbName } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const key = await vault.addRecoveryKey({ kind: 'text', body: 'phrase' });
    const db = await openVaultDb(dbName);
    await db.put('recoveryKeys', (await db.get('accounts', account.id)) as SealedRecord);
    db.close();
    expect(await vault.listRecoveryKeys()).toEqual({ items: [key], damaged: [account.id] });
  });
});

describe('importAll', () => {
  const accounts = [
    sampleAccount({ issuer: 'One', secret: 'GEZDGNBVGY3TQOJQ' }),
    sampleAccount({ issuer: 'Two', secret: 'MFRGGZDFMZTWQ2LK' }),
    sampleAccount({ issuer: 'Three', type: 'hotp', secret: 'ONSWG4TFOQ' }),
  ];
  const keys = [
    { kind: 'codes' as const, codes: ['1', '2'] },
    { kind: 'text' as const, body: 'words' },
  ];

  it('writes everything in one go', async () => {
    const { vault } = await openTestVault();
    const result = await vault.importAll(accounts, keys);
    expect(result.accounts).toHaveLength(3);
    expect((await vault.listAccounts()).items.map((a) => a.issuer).sort()).toEqual(['One', 'Three', 'Two']);
    const stored = (await vault.listRecoveryKeys()).items;
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(expect.arrayContaining(result.recoveryKeys));
  });

  it('a write failing half way leaves the vault exactly as it was', async () => {
    const { vault, dbName } = await openTestVault();
    const existing = await vault.addAccount(sampleAccount());
    const realAdd = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      calls += 1;
      if (calls === 4) throw new DOMException('Simulated disk full', 'QuotaExceededError');
      return realAdd.apply(this, args);
    });

    const error = await vault.importAll(accounts, keys).catch((e: unknown) => e);
    expect(calls).toBe(4);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/nothing was imported/) });
    vi.restoreAllMocks();

    expect(await storedCount(dbName)).toEqual({ accounts: 1, recoveryKeys: 0 });
    expect(await vault.listAccounts()).toEqual({ items: [existing], damaged: [] });
  });

  it('a failing replace-import does not clear the vault', async () => {
    const { vault, dbName } = await openTestVault();
    await vault.addAccount(sampleAccount());
    await vault.addRecoveryKey({ kind: 'text', body: 'keep me' });
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Simulated failure', 'UnknownError');
    });
    await expect(vault.importAll(accounts, keys, { replace: true })).rejects.toMatchObject({
      code: 'invalid',
    });
    vi.restoreAllMocks();
    expect(await storedCount(dbName)).toEqual({ accounts: 1, recoveryKeys: 1 });
  });

  it('replace swaps the whole content on success', async () => {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount({ issuer: 'Gone' }));
    await vault.importAll(accounts.slice(0, 1), [], { replace: true });
    expect((await vault.listAccounts()).items.map((a) => a.issuer)).toEqual(['One']);
  });

  it('one invalid input rejects the whole import before anything is written', async () => {
    const { vault, dbName } = await openTestVault();
    const error = await vault
      .importAll([sampleAccount(), sampleAccount({ digits: 3 })], keys)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'invalid',
      message: expect.stringMatching(
        /^Nothing was imported because account 2 is not valid: .*\(digits\)\. Correct it/,
      ),
    });
    expect(await storedCount(dbName)).toEqual({ accounts: 0, recoveryKeys: 0 });
  });
});
