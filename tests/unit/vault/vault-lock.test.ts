import { describe, expect, it } from 'vitest';
import { META_KEY, openVaultDb, type VaultMeta } from '../../../lib/vault/db';
import { defaultKdfParams } from '../../../lib/vault/kdf';
import { Vault } from '../../../lib/vault/vault';
import { freshDbName, openTestVault, PASSWORD, sampleAccount, TEST_MINIMUMS, testKdf } from './helpers';

/** Everything stored in the database, to prove an operation changed nothing (or only what it should). */
async function snapshot(dbName: string) {
  const db = await openVaultDb(dbName);
  const meta = (await db.get('meta', META_KEY)) as VaultMeta;
  const result = {
    meta,
    accounts: await db.getAll('accounts'),
    recoveryKeys: await db.getAll('recoveryKeys'),
  };
  db.close();
  return result;
}

async function rewriteMeta(dbName: string, change: (meta: VaultMeta) => VaultMeta): Promise<void> {
  const db = await openVaultDb(dbName);
  await db.put('meta', change((await db.get('meta', META_KEY)) as VaultMeta), META_KEY);
  db.close();
}

describe('vault setup and status', () => {
  it('goes uninitialized → unlocked → locked → unlocked', async () => {
    const { vault } = await openTestVault({ setup: false });
    expect(await vault.status()).toBe('uninitialized');
    await vault.setup(PASSWORD, testKdf());
    expect(await vault.status()).toBe('unlocked');
    vault.lock();
    expect(await vault.status()).toBe('locked');
    await vault.unlock(PASSWORD);
    expect(vault.isUnlocked).toBe(true);
  });

  it('refuses a second setup, a short password and weak KDF params', async () => {
    const { vault, dbName } = await openTestVault();
    await expect(vault.setup('another password', testKdf())).rejects.toMatchObject({ code: 'exists' });
    const fresh = await Vault.open(freshDbName());
    await expect(fresh.setup('short', defaultKdfParams('pbkdf2-sha256'))).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(fresh.setup(PASSWORD, testKdf())).rejects.toMatchObject({ code: 'kdf-too-weak' });
    expect(await fresh.status()).toBe('uninitialized');
    expect((await snapshot(dbName)).meta.kdf.algo).toBe('pbkdf2-sha256');
  });

  it('reports a missing vault on unlock', async () => {
    const { vault } = await openTestVault({ setup: false });
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('wrong passwords and throttling', () => {
  it('wrong password: error, only the failure counter changes; success resets it', async () => {
    let clock = 1_000_000;
    const { vault, dbName } = await openTestVault({ now: () => clock });
    await vault.addAccount(sampleAccount());
    vault.lock();
    const before = await snapshot(dbName);

    await expect(vault.unlock('wrong password')).rejects.toMatchObject({ code: 'wrong-password' });
    expect(vault.isUnlocked).toBe(false);
    const after = await snapshot(dbName);
    expect(after.meta).toEqual({ ...before.meta, failedAttempts: 1, lastFailedAt: clock });
    expect(after.accounts).toEqual(before.accounts);
    expect(after.recoveryKeys).toEqual(before.recoveryKeys);

    clock += 10;
    await vault.unlock(PASSWORD);
    expect((await snapshot(dbName)).meta).toEqual({ ...before.meta, failedAttempts: 0, lastFailedAt: null });
  });

  it('after 3 failures each attempt waits longer, the wait survives a restart, success resets', async () => {
    let clock = 5_000_000;
    const now = () => clock;
    const { vault, dbName } = await openTestVault({ now });
    vault.lock();
    for (let i = 0; i < 3; i++) {
      await expect(vault.unlock(`wrong ${i}`)).rejects.toMatchObject({ code: 'wrong-password' });
    }
    // Even the right password is refused while throttled, and the refusal does not count as a failure.
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'throttled', retryAfterMs: 1_000 });
    expect((await snapshot(dbName)).meta.failedAttempts).toBe(3);

    clock += 400;
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'throttled', retryAfterMs: 600 });
    clock += 600;
    await expect(vault.unlock('wrong 4')).rejects.toMatchObject({ code: 'wrong-password' });

    // Simulated service-worker restart: a new instance still enforces the longer, persisted wait.
    vault.close();
    const restarted = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS, now });
    const error = await restarted.unlock(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'throttled', retryAfterMs: 2_000 });
    expect((error as Error).message).toMatch(/Wait 2 seconds/);

    clock += 2_000;
    await restarted.unlock(PASSWORD);
    expect((await snapshot(dbName)).meta).toMatchObject({ failedAttempts: 0, lastFailedAt: null });
    restarted.lock();
    await expect(restarted.unlock('wrong again')).rejects.toMatchObject({ code: 'wrong-password' });
  });
});

describe('KDF downgrade protection', () => {
  it('refuses to unlock when stored params were lowered below the production floor', async () => {
    const dbName = freshDbName();
    const vault = await Vault.open(dbName);
    await vault.setup(PASSWORD, defaultKdfParams('pbkdf2-sha256'));
    vault.close();
    await rewriteMeta(dbName, (meta) => ({
      ...meta,
      kdf: { ...meta.kdf, algo: 'pbkdf2-sha256', iterations: 1_000 },
    }));

    const reopened = await Vault.open(dbName);
    const error = await reopened.unlock(PASSWORD).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'kdf-too-weak' });
    expect((error as Error).message).toMatch(/600,000 iterations required.*may have been altered/);
    expect((await snapshot(dbName)).meta.failedAttempts).toBe(0);
    expect(reopened.isUnlocked).toBe(false);
  });

  it('refuses a settings record that is not valid at all', async () => {
    const { vault, dbName } = await openTestVault();
    vault.lock();
    await rewriteMeta(dbName, (meta) => ({ ...meta, kdf: { algo: 'md5' } as unknown as VaultMeta['kdf'] }));
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'tampered' });
  });
});

describe('changePassword', () => {
  it('re-wraps the key only: records untouched, old password stops working, new one works', async () => {
    const { vault, dbName } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const sessionKey = vault.exportDataKey();
    const before = await snapshot(dbName);

    await vault.changePassword(PASSWORD, 'a brand new password');
    const after = await snapshot(dbName);
    expect(after.accounts).toEqual(before.accounts);
    expect(after.meta.wrappedKey).not.toEqual(before.meta.wrappedKey);
    expect(after.meta.kdf.salt).not.toBe(before.meta.kdf.salt);
    expect(vault.exportDataKey()).toEqual(sessionKey);

    vault.close();
    const restarted = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS });
    await expect(restarted.unlock(PASSWORD)).rejects.toMatchObject({ code: 'wrong-password' });
    await restarted.unlock('a brand new password');
    expect(await restarted.getAccount(account.id)).toEqual(account);
  });

  it('refuses a wrong old password and leaves the vault as it was', async () => {
    const { vault, dbName } = await openTestVault();
    const before = await snapshot(dbName);
    await expect(vault.changePassword('not the password', 'whatever password')).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const after = await snapshot(dbName);
    expect(after.meta).toEqual({ ...before.meta, failedAttempts: 1, lastFailedAt: expect.any(Number) });
  });

  it('raises the KDF to new params with the same call', async () => {
    const { vault } = await openTestVault();
    const stronger = {
      algo: 'argon2id' as const,
      memoryKiB: 256,
      iterations: 2,
      parallelism: 1,
      salt: testKdf().salt,
    };
    await vault.changePassword(PASSWORD, PASSWORD, stronger);
    expect(await vault.kdfParams()).toEqual(stronger);
    vault.lock();
    await vault.unlock(PASSWORD);
    await expect(
      vault.changePassword(PASSWORD, PASSWORD, { ...stronger, memoryKiB: 4 }),
    ).rejects.toMatchObject({
      code: 'kdf-too-weak',
    });
  });
});

describe('session resume (storage.session)', () => {
  it('a new instance on the same database unlocks with the exported data key', async () => {
    const { vault, dbName } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const raw = vault.exportDataKey();
    vault.close();
    expect(() => vault.exportDataKey()).toThrow(expect.objectContaining({ code: 'locked' }));

    const restarted = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS });
    expect(await restarted.status()).toBe('locked');
    await restarted.unlockWithDataKey(raw);
    expect(await restarted.status()).toBe('unlocked');
    expect(await restarted.getAccount(account.id)).toEqual(account);
  });

  it('refuses a stale or foreign data key', async () => {
    const { vault } = await openTestVault();
    vault.lock();
    await expect(vault.unlockWithDataKey(crypto.getRandomValues(new Uint8Array(32)))).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(vault.unlockWithDataKey(new Uint8Array(8))).rejects.toMatchObject({ code: 'invalid' });
    expect(vault.isUnlocked).toBe(false);
  });

  it('lock wipes the held key bytes', async () => {
    const { vault } = await openTestVault();
    const copy = vault.exportDataKey();
    copy.fill(0);
    expect(vault.exportDataKey().some((b) => b !== 0)).toBe(true);
    vault.lock();
    expect(() => vault.exportDataKey()).toThrow(expect.objectContaining({ code: 'locked' }));
  });
});

describe('locked vault', () => {
  it('every key-needing method throws "locked"', async () => {
    const { vault } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const key = await vault.addRecoveryKey({ kind: 'text', body: 'phrase' });
    vault.lock();
    const calls: Array<() => Promise<unknown>> = [
      () => vault.listAccounts(),
      () => vault.getAccount(account.id),
      () => vault.addAccount(sampleAccount()),
      () => vault.updateAccount(account.id, { label: 'x' }),
      () => vault.deleteAccount(account.id),
      () => vault.restoreAccount(account),
      () => vault.advanceHotpCounter(account.id),
      () => vault.findRelative(account),
      () => vault.listRecoveryKeys(),
      () => vault.getRecoveryKey(key.id),
      () => vault.addRecoveryKey({ kind: 'text', body: 'x' }),
      () => vault.updateRecoveryKey(key.id, { label: 'x' }),
      () => vault.markRecoveryCodeUsed(key.id, 0),
      () => vault.voidRecoveryKey(key.id),
      () => vault.deleteRecoveryKey(key.id),
      () => vault.restoreRecoveryKey(key),
      () => vault.importAll([sampleAccount()], []),
    ];
    for (const call of calls) {
      await expect(call()).rejects.toMatchObject({ code: 'locked' });
    }
    await vault.unlock(PASSWORD);
    expect((await vault.listAccounts()).items).toEqual([account]);
  });
});

describe('concurrent setup', () => {
  it('two workers racing to create the vault: exactly one wins', async () => {
    const dbName = freshDbName();
    const [a, b] = await Promise.all([
      Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS }),
      Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS }),
    ]);
    const results = await Promise.allSettled([
      a.setup(PASSWORD, testKdf()),
      b.setup('other password', testKdf()),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'exists' } });
  });
});
