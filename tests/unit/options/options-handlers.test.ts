import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { handleOptionsRequest, type OptionsDeps } from '../../../entrypoints/background/options-handlers';
import { watchPolicy } from '../../../entrypoints/background/policy';
import { ImportError } from '../../../lib/import/import-error';
import { parseUnlessBackup } from '../../../lib/import/unless-backup';
import type { OptionsRequest, Replies } from '../../../lib/messages';
import { generateCode } from '../../../lib/otp/generate';
import { encodeMigration } from '../../../lib/otp/migration';
import { base64ToBytes } from '../../../lib/vault/bytes';
import type { Vault } from '../../../lib/vault/vault';
import { openTestVault, PASSWORD, sampleAccount, testKdf } from '../vault/helpers';

const deps: OptionsDeps = { backupKdf: testKdf };
const SECOND = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const BACKUP_PASSWORD = 'a separate backup password';

/** Sends a request the way the options page does: other apps' exports are parsed before they are sent. */
async function ask<T extends OptionsRequest>(vault: Vault, req: T): Promise<Replies[T['type']]> {
  let sent: OptionsRequest = req;
  if (req.type === 'options/import/preview' && !req.parsed) {
    const input = req.base64 !== undefined ? base64ToBytes(req.base64) : (req.text ?? '');
    try {
      const parsed = await parseUnlessBackup(req.fileName, input, req.password);
      if (parsed) sent = { type: req.type, fileName: req.fileName, parsed };
    } catch (error) {
      if (error instanceof ImportError && error.code === 'needs-password') {
        return { status: 'needs-password', message: error.message } as Replies[T['type']];
      }
      throw error;
    }
  }
  return (await handleOptionsRequest(vault, sent, deps)) as Replies[T['type']];
}

async function fileOf(vault: Vault, req: Omit<Extract<OptionsRequest, { type: 'options/export' }>, 'type'>) {
  const reply = await ask(vault, { type: 'options/export', ...req });
  if (reply.kind !== 'file') throw new Error('expected a file');
  return reply;
}

async function ready(reply: Replies['options/import/preview']) {
  if (reply.status !== 'ready') throw new Error(`expected a preview, got ${reply.message}`);
  return reply;
}

const otpView = async (vault: Vault) =>
  Promise.all(
    (await vault.listAccounts({ includeArchived: true })).items.map(async (a) => ({
      issuer: a.issuer,
      label: a.label,
      secret: a.secret,
      sites: a.sites,
      autoFill: a.autoFill,
      autoSubmit: a.autoSubmit,
      archived: a.archived,
      code: (await generateCode(a, 1_700_000_000_000)).code,
    })),
  );

beforeEach(() => fakeBrowser.reset());
afterEach(() => vi.restoreAllMocks());

describe('backup export and restore', () => {
  async function populated(): Promise<Vault> {
    const { vault } = await openTestVault();
    const github = await vault.addAccount(
      sampleAccount({ issuer: 'GitHub', sites: [{ host: 'github.com', exact: false }], autoSubmit: true }),
    );
    await vault.addAccount(sampleAccount({ issuer: 'Mail', label: 'bob', secret: SECOND, archived: true }));
    await vault.addRecoveryKey({ kind: 'codes', accountId: github.id, codes: ['one-1', 'two-2'] });
    const old = await vault.addRecoveryKey({ kind: 'text', site: 'example.com', body: 'old phrase' });
    await vault.voidRecoveryKey(old.id);
    await vault.markRecoveryCodeUsed((await vault.listRecoveryKeys()).items[0]?.id ?? '', 1);
    return vault;
  }

  it('restores into an empty vault the same accounts, codes and recovery keys', async () => {
    const source = await populated();
    const backup = await fileOf(source, {
      password: PASSWORD,
      kind: 'backup',
      backupPassword: BACKUP_PASSWORD,
      includeRecoveryKeys: false,
    });
    expect(backup.fileName).toMatch(/^tessera-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(backup.content).not.toContain('JBSWY3DP');

    const { vault: target } = await openTestVault();
    const first = await ask(target, {
      type: 'options/import/preview',
      fileName: backup.fileName,
      text: backup.content,
    });
    expect(first.status).toBe('needs-password');
    const preview = await ready(
      await ask(target, {
        type: 'options/import/preview',
        fileName: backup.fileName,
        text: backup.content,
        password: BACKUP_PASSWORD,
      }),
    );
    expect(preview.format).toBe('tessera-backup');
    expect(preview.recoveryKeys).toBe(2);
    expect(JSON.stringify(preview)).not.toContain('JBSWY3DP');
    expect(JSON.stringify(preview)).not.toContain('one-1');
    const done = await ask(target, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: preview.entries.map((e) => e.index),
      includeRecoveryKeys: true,
    });
    expect(done).toEqual({ added: 2, replaced: 0, recoveryKeys: 2 });
    expect(await otpView(target)).toEqual(await otpView(source));

    const keys = (await target.listRecoveryKeys({ includeVoided: true })).items;
    const github = (await target.listAccounts()).items.find((a) => a.issuer === 'GitHub');
    const codes = keys.find((k) => k.kind === 'codes');
    expect(codes).toMatchObject({ accountId: github?.id, codes: [{ value: 'one-1' }, { value: 'two-2' }] });
    expect(codes?.kind === 'codes' && codes.codes[1]?.usedAt).toEqual(expect.any(Number));
    expect(keys.find((k) => k.kind === 'text')).toMatchObject({
      site: 'example.com',
      body: 'old phrase',
      voidedAt: expect.any(Number),
    });
  });

  it('restoring the same backup again adds no copies', async () => {
    const vault = await populated();
    const backup = await fileOf(vault, { password: PASSWORD, kind: 'backup', includeRecoveryKeys: false });
    const preview = await ready(
      await ask(vault, {
        type: 'options/import/preview',
        fileName: 'b.json',
        text: backup.content,
        password: PASSWORD,
      }),
    );
    expect(preview.entries.map((e) => e.duplicate)).toEqual(['vault', 'vault']);
    expect(preview.recoveryKeys).toBe(0);
    expect(
      await ask(vault, {
        type: 'options/import/confirm',
        importId: preview.importId,
        indexes: [],
        includeRecoveryKeys: true,
      }),
    ).toEqual({ added: 0, replaced: 0, recoveryKeys: 0 });
    expect((await vault.listRecoveryKeys({ includeVoided: true })).items).toHaveLength(2);
  });

  it('a restored key whose account is already in the vault links to that account', async () => {
    const source = await populated();
    const backup = await fileOf(source, { password: PASSWORD, kind: 'backup', includeRecoveryKeys: false });
    const { vault: target } = await openTestVault();
    const mine = await target.addAccount(sampleAccount({ issuer: 'GitHub' }));
    const preview = await ready(
      await ask(target, {
        type: 'options/import/preview',
        fileName: 'b.json',
        text: backup.content,
        password: PASSWORD,
      }),
    );
    const skip = preview.entries.filter((e) => e.duplicate === null).map((e) => e.index);
    await ask(target, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: skip,
      includeRecoveryKeys: true,
    });
    const codes = (await target.listRecoveryKeys()).items.find((k) => k.kind === 'codes');
    expect(codes?.accountId).toBe(mine.id);
  });

  it('refuses a wrong backup password or an altered file, and changes nothing', async () => {
    const source = await populated();
    const backup = await fileOf(source, { password: PASSWORD, kind: 'backup', includeRecoveryKeys: false });
    const { vault: target } = await openTestVault();
    await target.addAccount(sampleAccount({ issuer: 'Kept', secret: SECOND }));
    const preview = (password: string, text = backup.content) =>
      ask(target, { type: 'options/import/preview', fileName: 'b.json', text, password });
    await expect(preview('not it')).rejects.toMatchObject({ code: 'wrong-password' });
    const altered = JSON.parse(backup.content);
    altered.ciphertext = `A${altered.ciphertext.slice(1)}`;
    await expect(preview(PASSWORD, JSON.stringify(altered))).rejects.toMatchObject({
      code: 'invalid',
      message: expect.stringContaining('altered'),
    });
    expect((await target.listAccounts()).items.map((a) => a.issuer)).toEqual(['Kept']);
  });

  it('exports nothing without the right master password', async () => {
    const source = await populated();
    await expect(
      ask(source, {
        type: 'options/export',
        password: 'wrong password',
        kind: 'backup',
        includeRecoveryKeys: false,
      }),
    ).rejects.toMatchObject({ code: 'wrong-password' });
    expect((await ask(source, { type: 'options/backup/status' })).lastBackupAt).toBeNull();
  });

  it('reminds of accounts added since the last backup', async () => {
    let now = 1_000;
    const { vault } = await openTestVault({ now: () => now });
    await vault.addAccount(sampleAccount());
    const status = () => handleOptionsRequest(vault, { type: 'options/backup/status' }, deps);
    expect(await status()).toEqual({ lastBackupAt: null, addedSince: 1, total: 1, required: null });
    now = 2_000;
    await handleOptionsRequest(
      vault,
      { type: 'options/export', password: PASSWORD, kind: 'backup', includeRecoveryKeys: false },
      { ...deps, now: () => now },
    );
    expect(await status()).toEqual({ lastBackupAt: 2_000, addedSince: 0, total: 1, required: null });
    now = 3_000;
    await vault.addAccount(sampleAccount({ issuer: 'New', secret: SECOND }));
    expect(await status()).toMatchObject({ addedSince: 1, total: 2 });
  });
});

describe('importing other apps’ exports', () => {
  const LIST = [
    `otpauth://totp/GitHub:alice?secret=${SECOND}&issuer=GitHub`,
    'otpauth://totp/Broken:bob?issuer=Broken',
    `otpauth://totp/GitHub:alice?secret=${SECOND}&issuer=GitHub`,
    'otpauth://totp/Example:alice@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Example',
    'otpauth://totp/Fresh:carol?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Fresh',
  ].join('\n');

  it('previews duplicates and failures without secrets, then imports only the chosen entries', async () => {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount());
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'codes.txt', text: LIST }),
    );
    expect(preview.format).toBe('otpauth-list');
    expect(preview.entries.map((e) => [e.issuer, e.duplicate])).toEqual([
      ['GitHub', null],
      ['GitHub', 'file'],
      ['Example', 'vault'],
      ['Fresh', null],
    ]);
    expect(preview.failures).toEqual([
      { entry: 'Line 2 (Broken:bob)', reason: expect.stringMatching(/secret/i) },
    ]);
    expect(JSON.stringify(preview)).not.toContain(SECOND);
    expect((await vault.listAccounts()).items).toHaveLength(1);

    await ask(vault, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: [0, 3],
      includeRecoveryKeys: false,
    });
    const accounts = (await vault.listAccounts()).items;
    expect(accounts.map((a) => a.issuer)).toEqual(['Example', 'Fresh', 'GitHub']);
    expect(accounts.find((a) => a.issuer === 'Fresh')).toMatchObject({
      autoFill: false,
      autoSubmit: false,
      sites: [],
    });
    await expect(
      ask(vault, {
        type: 'options/import/confirm',
        importId: preview.importId,
        indexes: [0],
        includeRecoveryKeys: false,
      }),
    ).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('Choose the file again') });
  });

  it('tells a re-enrollment (same names, new key) from a copy, and replaces or keeps both as chosen', async () => {
    const { vault } = await openTestVault();
    const held = await vault.addAccount(sampleAccount({ sites: [{ host: 'example.com', exact: false }] }));
    const renewed = `otpauth://totp/Example:alice@example.com?secret=${SECOND}&issuer=Example`;
    const namesake = `otpauth://totp/Example:ALICE@example.com?secret=MFRGGZDFMZTWQ2LK&issuer=Example`;
    const list = `${renewed}\n${namesake}\notpauth://totp/Example:bob?secret=KRUGKIDROVUWG2ZA&issuer=Example`;
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'c.txt', text: list }),
    );
    expect(preview.entries.map((e) => [e.label, e.duplicate])).toEqual([
      ['alice@example.com', 'reenrollment'],
      ['ALICE@example.com', 'reenrollment'],
      ['bob', null],
    ]);
    expect(JSON.stringify(preview)).not.toContain(held.secret);

    const result = await ask(vault, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: [0, 1, 2],
      replace: [0],
      includeRecoveryKeys: false,
    });
    expect(result).toEqual({ added: 2, replaced: 1, recoveryKeys: 0 });
    const accounts = (await vault.listAccounts()).items;
    expect(accounts.find((a) => a.id === held.id)).toMatchObject({
      label: 'alice@example.com',
      secret: SECOND,
      sites: [{ host: 'example.com', exact: false }],
    });
    expect(accounts.map((a) => a.label).sort()).toEqual(['ALICE@example.com', 'alice@example.com', 'bob']);
  });

  it('imports once when the confirmation is sent twice', async () => {
    const { vault } = await openTestVault();
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'c.txt', text: LIST }),
    );
    const confirm = () =>
      ask(vault, {
        type: 'options/import/confirm',
        importId: preview.importId,
        indexes: [0],
        includeRecoveryKeys: false,
      });
    const outcomes = await Promise.allSettled([confirm(), confirm()]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await vault.listAccounts()).items).toHaveLength(1);
  });

  it('survives a worker restart between preview and confirmation (the preview is in storage.session)', async () => {
    const { vault, dbName } = await openTestVault();
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'c.txt', text: LIST }),
    );
    vault.close();
    const { vault: again } = await openTestVault({ dbName, setup: false });
    await again.unlock(PASSWORD);
    const done = await ask(again, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: [0],
      includeRecoveryKeys: false,
    });
    expect(done.added).toBe(1);
  });

  it('leaves the vault as it was when the write is interrupted half way', async () => {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount({ issuer: 'Before' }));
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'c.txt', text: LIST }),
    );
    let writes = 0;
    const add = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      writes += 1;
      if (writes === 2) throw new DOMException('worker stopped', 'AbortError');
      return add.apply(this, args);
    });
    await expect(
      ask(vault, {
        type: 'options/import/confirm',
        importId: preview.importId,
        indexes: [0, 1, 3],
        includeRecoveryKeys: false,
      }),
    ).rejects.toMatchObject({ message: expect.stringContaining('nothing was imported') });
    vi.restoreAllMocks();
    expect((await vault.listAccounts()).items.map((a) => a.issuer)).toEqual(['Before']);
  });

  it('asks for the password of an encrypted export and reads it once given', async () => {
    const { readFile } = await import('node:fs/promises');
    const { PASSWORDS } = await import('../../fixtures/import/passwords');
    const text = await readFile('tests/fixtures/import/aegis/encrypted.json', 'utf8');
    const { vault } = await openTestVault();
    const first = await ask(vault, { type: 'options/import/preview', fileName: 'aegis.json', text });
    expect(first.status).toBe('needs-password');
    await expect(
      ask(vault, { type: 'options/import/preview', fileName: 'aegis.json', text, password: 'nope' }),
    ).rejects.toMatchObject({ code: 'wrong-password' });
    const preview = await ready(
      await ask(vault, {
        type: 'options/import/preview',
        fileName: 'aegis.json',
        text,
        password: PASSWORDS.aegis,
      }),
    );
    expect(preview.format).toBe('aegis');
    expect(preview.entries.length).toBeGreaterThan(0);
  });

  it('reads pasted Google Authenticator export links of several batches', async () => {
    const { vault } = await openTestVault();
    const accounts = ['A', 'B', 'C'].map((issuer, i) => ({
      ...sampleAccount({ issuer, label: `user${i}` }),
      secret: ['JBSWY3DPEHPK3PXP', SECOND, 'MFRGGZDFMZTWQ2LK'][i] ?? '',
      type: 'totp' as const,
      algorithm: 'SHA1' as const,
      digits: 6,
      period: 30,
      counter: 0,
    }));
    const text = encodeMigration(accounts, { batchSize: 2 }).join('\n');
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'pasted.txt', text }),
    );
    expect(preview.entries.map((e) => e.issuer)).toEqual(['A', 'B', 'C']);
  });

  it('reads binary files sent as base64', async () => {
    const { vault } = await openTestVault();
    const base64 = Buffer.from(LIST).toString('base64');
    const preview = await ready(
      await ask(vault, { type: 'options/import/preview', fileName: 'c.txt', base64 }),
    );
    expect(preview.entries).toHaveLength(4);
  });
});

describe('plain exports', () => {
  async function withKeys(): Promise<Vault> {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount());
    await vault.addAccount(
      sampleAccount({ type: 'steam', issuer: 'Steam', label: 'gamer', secret: SECOND, digits: 5 }),
    );
    await vault.addRecoveryKey({ kind: 'codes', codes: ['rescue-123'] });
    return vault;
  }

  it('writes an otpauth list that imports back, with recovery keys only when ticked', async () => {
    const vault = await withKeys();
    const without = await fileOf(vault, { password: PASSWORD, kind: 'otpauth', includeRecoveryKeys: false });
    expect(without.content).toContain('secret=JBSWY3DPEHPK3PXP');
    expect(without.content).not.toContain('rescue-123');
    const withKeysFile = await fileOf(vault, {
      password: PASSWORD,
      kind: 'otpauth',
      includeRecoveryKeys: true,
    });
    expect(withKeysFile.content).toContain('rescue-123');

    const { vault: target } = await openTestVault();
    const preview = await ready(
      await ask(target, { type: 'options/import/preview', fileName: 'x.txt', text: withKeysFile.content }),
    );
    expect(preview.failures).toEqual([]);
    await ask(target, {
      type: 'options/import/confirm',
      importId: preview.importId,
      indexes: [0, 1],
      includeRecoveryKeys: false,
    });
    expect((await otpView(target)).map((a) => a.code)).toEqual((await otpView(vault)).map((a) => a.code));
  });

  it('hands the page the accounts for Google Authenticator QR codes, without Tessera’s own fields', async () => {
    const vault = await withKeys();
    const reply = await ask(vault, {
      type: 'options/export',
      password: PASSWORD,
      kind: 'migration',
      includeRecoveryKeys: false,
    });
    expect(reply.kind).toBe('accounts');
    const accounts = reply.kind === 'accounts' ? reply.accounts : [];
    expect(accounts.map((a) => a.label)).toContain('gamer');
    expect(accounts.every((a) => !('id' in a) && !('sites' in a))).toBe(true);
  });
});

describe('settings and site bindings', () => {
  it('fills defaults, merges changes and keeps keys it does not own', async () => {
    const { vault } = await openTestVault();
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 5, other: 'kept' } });
    expect(await ask(vault, { type: 'options/settings/get' })).toEqual({
      settings: { autoLockMinutes: 5, clipboardClearSeconds: 30, theme: 'system' },
      policy: {},
    });
    await ask(vault, { type: 'options/settings/set', settings: { theme: 'dark', clipboardClearSeconds: 0 } });
    expect((await fakeBrowser.storage.local.get('settings')).settings).toEqual({
      autoLockMinutes: 5,
      other: 'kept',
      theme: 'dark',
      clipboardClearSeconds: 0,
    });
  });

  it('changes an account’s sites and fill toggles', async () => {
    const { vault } = await openTestVault();
    const account = await vault.addAccount(sampleAccount());
    const { account: updated } = await ask(vault, {
      type: 'options/account/update',
      id: account.id,
      sites: [{ host: 'login.example.com', exact: true }],
      autoFill: false,
      autoSubmit: true,
    });
    expect(updated).toEqual({
      id: account.id,
      issuer: 'Example',
      label: 'alice@example.com',
      sites: [{ host: 'login.example.com', exact: true }],
      autoFill: false,
      autoSubmit: true,
    });
    expect((await ask(vault, { type: 'options/accounts/list' })).accounts).toEqual([updated]);
  });

  it('changes the master password', async () => {
    const { vault } = await openTestVault();
    await ask(vault, {
      type: 'options/password/change',
      oldPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    vault.lock();
    await expect(vault.unlock(PASSWORD)).rejects.toMatchObject({ code: 'wrong-password' });
    await vault.unlock('a brand new password');
  });
});

describe('organisation policy (storage.managed)', () => {
  // The background re-reads the policy when managed storage changes, as it does in the browser.
  beforeEach(() => watchPolicy());
  afterEach(() => fakeBrowser.storage.managed.clear());

  it('caps the auto-lock time and refuses a longer one, read again when the administrator changes it', async () => {
    const { vault } = await openTestVault();
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 240 } });
    await fakeBrowser.storage.managed.set({ maxAutoLockMinutes: 15 });
    expect(await ask(vault, { type: 'options/settings/get' })).toMatchObject({
      settings: { autoLockMinutes: 15 },
      policy: { maxAutoLockMinutes: 15 },
    });
    await expect(
      ask(vault, { type: 'options/settings/set', settings: { autoLockMinutes: 60 } }),
    ).rejects.toMatchObject({ code: 'invalid', message: expect.stringMatching(/at most 15 minutes/) });
    await fakeBrowser.storage.managed.set({ maxAutoLockMinutes: 60 });
    expect(
      (await ask(vault, { type: 'options/settings/set', settings: { autoLockMinutes: 60 } })).settings,
    ).toMatchObject({ autoLockMinutes: 60 });
  });

  it('refuses plain exports but still writes the encrypted backup', async () => {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount());
    await fakeBrowser.storage.managed.set({ disablePlainExport: true });
    for (const kind of ['otpauth', 'migration'] as const) {
      await expect(
        ask(vault, { type: 'options/export', password: PASSWORD, kind, includeRecoveryKeys: false }),
      ).rejects.toMatchObject({ message: expect.stringMatching(/turned off unencrypted exports/) });
    }
    expect(
      (await fileOf(vault, { password: PASSWORD, kind: 'backup', includeRecoveryKeys: false })).fileName,
    ).toMatch(/^tessera-backup-/);
  });

  it('refuses a new master password shorter than the organisation minimum', async () => {
    const { vault } = await openTestVault();
    await fakeBrowser.storage.managed.set({ minPasswordLength: 24 });
    const change = (newPassword: string) =>
      ask(vault, { type: 'options/password/change', oldPassword: PASSWORD, newPassword });
    await expect(change('a brand new password')).rejects.toMatchObject({
      message: expect.stringMatching(/at least 24 characters/),
    });
    expect(await change('a brand new and much longer password')).toEqual({ changed: true });
  });

  it('reports a required backup as overdue until one is made', async () => {
    const { vault } = await openTestVault();
    await vault.addAccount(sampleAccount());
    await fakeBrowser.storage.managed.set({ backupEveryDays: 7 });
    const status = () => ask(vault, { type: 'options/backup/status' });
    expect((await status()).required).toEqual({ everyDays: 7, dueAt: null, overdue: true });
    await fileOf(vault, { password: PASSWORD, kind: 'backup', includeRecoveryKeys: false });
    expect((await status()).required).toMatchObject({ everyDays: 7, overdue: false });
  });
});
