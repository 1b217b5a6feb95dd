import { describe, expect, it } from 'vitest';
import { Vault } from '../../../lib/vault/vault';
import { openTestVault, PASSWORD, sampleAccount, TEST_MINIMUMS } from './helpers';

describe('accounts', () => {
  it('adds with defaults, reads back, lists pinned first and hides archived', async () => {
    let clock = 42_000;
    const { vault } = await openTestVault({ now: () => clock });
    const plain = await vault.addAccount(sampleAccount({ issuer: 'Zeta' }));
    expect(plain).toMatchObject({
      issuer: 'Zeta',
      sites: [],
      pinned: null,
      autoFill: false,
      autoSubmit: false,
    });
    expect(plain.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(plain.createdAt).toBe(42_000);
    clock += 1;
    const pinned = await vault.addAccount(
      sampleAccount({ issuer: 'Yankee', pinned: 0, secret: 'GEZDGNBVGY3TQOJQ' }),
    );
    const alpha = await vault.addAccount(sampleAccount({ issuer: 'alpha', secret: 'MFRGGZDFMZTWQ2LK' }));
    const archived = await vault.addAccount(
      sampleAccount({ issuer: 'Old', archived: true, secret: 'ONSWG4TFOQ' }),
    );

    expect(await vault.getAccount(plain.id)).toEqual(plain);
    expect((await vault.listAccounts()).items.map((a) => a.issuer)).toEqual(['Yankee', 'alpha', 'Zeta']);
    expect((await vault.listAccounts({ includeArchived: true })).items).toContainEqual(archived);
    expect(pinned.pinned).toBe(0);
    expect(alpha.issuer).toBe('alpha');
  });

  it('refuses invalid input with a message naming the field, storing nothing', async () => {
    const { vault } = await openTestVault();
    const error = await vault.addAccount(sampleAccount({ secret: 'not base32!' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid', message: expect.stringMatching(/base32.*\(secret\)/) });
    expect((await vault.listAccounts()).items).toEqual([]);
  });

  it('updates fields, keeps id and createdAt, and reports unknown ids', async () => {
    const { vault } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const updated = await vault.updateAccount(account.id, {
      label: 'bob@example.com',
      sites: [{ host: 'Example.com', exact: false }],
      usedAt: 7,
    });
    expect(updated).toEqual({
      ...account,
      label: 'bob@example.com',
      sites: [{ host: 'example.com', exact: false }],
      usedAt: 7,
    });
    expect(await vault.getAccount(account.id)).toEqual(updated);
    await expect(vault.updateAccount(account.id, { id: 'x' } as never)).rejects.toMatchObject({
      code: 'invalid',
    });
    await expect(vault.updateAccount(crypto.randomUUID(), { label: 'x' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('delete returns the record and restore puts it back unchanged (undo)', async () => {
    const { vault } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const deleted = await vault.deleteAccount(account.id);
    expect(deleted).toEqual(account);
    await expect(vault.getAccount(account.id)).rejects.toMatchObject({ code: 'not-found' });
    await expect(vault.deleteAccount(account.id)).rejects.toMatchObject({ code: 'not-found' });
    await vault.restoreAccount(account);
    expect(await vault.getAccount(account.id)).toEqual(account);
    await expect(vault.restoreAccount(account)).rejects.toMatchObject({ code: 'exists' });
  });

  it('advances and persists the HOTP counter across a restart; refuses TOTP', async () => {
    const { vault, dbName } = await openTestVault();
    const hotp = await vault.addAccount(sampleAccount({ type: 'hotp', counter: 5 }));
    const totp = await vault.addAccount(sampleAccount({ secret: 'GEZDGNBVGY3TQOJQ' }));
    expect((await vault.advanceHotpCounter(hotp.id)).counter).toBe(6);
    expect((await vault.advanceHotpCounter(hotp.id)).counter).toBe(7);
    await expect(vault.advanceHotpCounter(totp.id)).rejects.toMatchObject({ code: 'invalid' });
    vault.close();
    const restarted = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS });
    await restarted.unlock(PASSWORD);
    expect((await restarted.getAccount(hotp.id)).counter).toBe(7);
  });

  it('concurrent counter advances are not lost', async () => {
    const { vault } = await openTestVault();
    const hotp = await vault.addAccount(sampleAccount({ type: 'hotp', counter: 0 }));
    await Promise.all(Array.from({ length: 5 }, () => vault.advanceHotpCounter(hotp.id)));
    expect((await vault.getAccount(hotp.id)).counter).toBe(5);
  });

  it('finds the account a new one copies (same secret) or re-enrolls (same names), archived included', async () => {
    const { vault } = await openTestVault();
    const a = await vault.addAccount(
      sampleAccount({ issuer: 'GitHub', label: 'Alice', secret: 'JBSWY3DPEHPK3PXP' }),
    );
    const b = await vault.addAccount(
      sampleAccount({ issuer: 'Other', label: 'x', secret: 'GEZDGNBVGY3TQOJQ', archived: true }),
    );
    const copy = sampleAccount({ issuer: 'New', label: 'y', secret: 'GEZDGNBVGY3TQOJQ' });
    expect(await vault.findRelative(copy)).toEqual({ relation: 'same', account: b });
    const renewed = sampleAccount({ issuer: ' github ', label: 'ALICE', secret: 'MFRGGZDFMZTWQ2LK' });
    expect(await vault.findRelative(renewed)).toEqual({ relation: 'reenrollment', account: a });
    expect(await vault.findRelative(a)).toBeNull();
    const other = sampleAccount({ issuer: 'GitHub', label: 'Bob', secret: 'MFRGGZDFMZTWQ2LK' });
    expect(await vault.findRelative(other)).toBeNull();
  });
});

describe('recovery keys', () => {
  it('stores codes, marks one used once, voids and filters', async () => {
    let clock = 100;
    const { vault } = await openTestVault({ now: () => clock });
    const account = await vault.addAccount(sampleAccount());
    const codes = await vault.addRecoveryKey({
      kind: 'codes',
      accountId: account.id,
      site: 'Example.com',
      codes: ['aaaa-1111', 'bbbb-2222'],
    });
    expect(codes).toMatchObject({ kind: 'codes', site: 'example.com', createdAt: 100 });
    clock = 150;
    const text = await vault.addRecoveryKey({ kind: 'text', body: 'seed words here', label: 'phrase' });

    clock = 200;
    const used = await vault.markRecoveryCodeUsed(codes.id, 1);
    expect(used.kind === 'codes' && used.codes).toEqual([
      { value: 'aaaa-1111' },
      { value: 'bbbb-2222', usedAt: 200 },
    ]);
    clock = 300;
    expect(await vault.markRecoveryCodeUsed(codes.id, 1)).toEqual(used);
    await expect(vault.markRecoveryCodeUsed(codes.id, 2)).rejects.toMatchObject({ code: 'invalid' });
    await expect(vault.markRecoveryCodeUsed(text.id, 0)).rejects.toMatchObject({ code: 'invalid' });
    expect(await vault.getRecoveryKey(codes.id)).toEqual(used);

    expect((await vault.listRecoveryKeys({ accountId: account.id })).items).toEqual([used]);
    expect((await vault.listRecoveryKeys({ site: 'EXAMPLE.COM' })).items).toEqual([used]);
    expect((await vault.listRecoveryKeys({ site: 'https://example.com/' })).items).toEqual([]);
    const voided = await vault.voidRecoveryKey(text.id);
    expect(voided.voidedAt).toBe(300);
    expect((await vault.listRecoveryKeys()).items).toEqual([used]);
    expect((await vault.listRecoveryKeys({ includeVoided: true })).items).toEqual([used, voided]);
  });

  it('updates links and label (null removes), and stores files', async () => {
    const { vault } = await openTestVault();
    const file = await vault.addRecoveryKey({
      kind: 'file',
      fileName: 'github-recovery-codes.txt',
      body: btoa('code-1\ncode-2'),
      site: 'github.com',
    });
    const updated = await vault.updateRecoveryKey(file.id, { label: 'GitHub', site: null });
    expect(updated).toEqual({ ...file, label: 'GitHub', site: undefined });
    expect(Object.hasOwn(await vault.getRecoveryKey(file.id), 'site')).toBe(false);
    await expect(vault.updateRecoveryKey(file.id, { accountId: 'not-a-uuid' })).rejects.toMatchObject({
      code: 'invalid',
    });
  });

  it('delete returns the key for undo; restore puts it back', async () => {
    const { vault } = await openTestVault();
    const key = await vault.addRecoveryKey({ kind: 'codes', codes: ['one'] });
    expect(await vault.deleteRecoveryKey(key.id)).toEqual(key);
    expect((await vault.listRecoveryKeys({ includeVoided: true })).items).toEqual([]);
    await vault.restoreRecoveryKey(key);
    expect(await vault.getRecoveryKey(key.id)).toEqual(key);
  });
});
