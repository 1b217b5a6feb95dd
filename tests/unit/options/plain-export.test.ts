import { describe, expect, it } from 'vitest';
import { migrationExport, otpauthListExport } from '../../../lib/export/plain';
import { importFile } from '../../../lib/import';
import { parseMigration } from '../../../lib/otp/migration';
import type { RecoveryKey, VaultAccount } from '../../../lib/vault/records';

const account = (overrides: Partial<VaultAccount>): VaultAccount => ({
  id: crypto.randomUUID(),
  type: 'totp',
  issuer: 'Example',
  label: 'alice',
  secret: 'JBSWY3DPEHPK3PXP',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  sites: [],
  pinned: null,
  autoFill: false,
  autoSubmit: false,
  archived: false,
  createdAt: 1,
  ...overrides,
});

describe('otpauth list export', () => {
  const github = account({ issuer: 'GitHub', label: 'a:b' });
  const hotp = account({
    type: 'hotp',
    issuer: '',
    label: 'counter',
    counter: 7,
    secret: 'GEZDGNBVGY3TQOJQ',
  });
  const keys: RecoveryKey[] = [
    {
      id: crypto.randomUUID(),
      createdAt: 1,
      kind: 'codes',
      accountId: github.id,
      codes: [{ value: 'x1' }, { value: 'x2', usedAt: 2 }],
    },
    { id: crypto.randomUUID(), createdAt: 1, kind: 'text', label: 'Phrase', body: 'one\ntwo', voidedAt: 3 },
    {
      id: crypto.randomUUID(),
      createdAt: 1,
      kind: 'file',
      site: 'example.com',
      fileName: 'codes.pdf',
      body: 'AAAA',
    },
  ];

  it('reads back as the same accounts, recovery keys being comments importers skip', async () => {
    const text = otpauthListExport([github, hotp], keys);
    const result = await importFile('export.txt', text);
    expect(result.failures).toEqual([]);
    expect(
      result.accounts.map(({ type, issuer, label, secret, counter }) => ({
        type,
        issuer,
        label,
        secret,
        counter,
      })),
    ).toEqual([
      { type: 'totp', issuer: 'GitHub', label: 'a:b', secret: github.secret, counter: 0 },
      { type: 'hotp', issuer: '', label: 'counter', secret: hotp.secret, counter: 7 },
    ]);
  });

  it('writes recovery keys with their account, state and only the name of a file', () => {
    const text = otpauthListExport([github], keys);
    expect(text).toContain('# GitHub: a:b:\n#   x1\n#   x2 (used)');
    expect(text).toContain('# Phrase (no longer valid):\n#   one\n#   two');
    expect(text).toContain('codes.pdf is only kept in encrypted backups');
    expect(text).not.toContain('AAAA');
    expect(otpauthListExport([github], null)).not.toContain('x1');
  });
});

describe('Google Authenticator export', () => {
  it('carries the accounts it can and names the others', () => {
    const accounts = [
      account({ issuer: 'A' }),
      account({ issuer: 'Slow', period: 60 }),
      account({ issuer: 'B', secret: 'GEZDGNBVGY3TQOJQ' }),
    ];
    const { uris, skipped } = migrationExport(accounts);
    expect(skipped).toEqual(['Slow: alice']);
    expect(uris.flatMap(parseMigration).map((a) => a.issuer)).toEqual(['A', 'B']);
    expect(migrationExport([])).toEqual({ uris: [], skipped: [] });
  });
});
