import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  detectImportFormat,
  ImportError,
  type ImportErrorCode,
  type ImportedAccount,
  type ImportFormat,
  ImportResultSchema,
  importFile,
} from '../../../lib/import';
import { PASSWORDS } from '../../fixtures/import/passwords';

// Fixtures come from tests/fixtures/import/make-fixtures.ts, which encrypts with node:crypto following each
// app's format; the importer decrypts with WebCrypto and @noble/hashes.

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

function text(name: string): string {
  return readFileSync(new URL(name, FIXTURES), 'utf8');
}
function bytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(name, FIXTURES)));
}
function fileName(name: string): string {
  return name.split('/').at(-1) ?? name;
}

const SECRET_A = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SECRET_B = 'JBSWY3DPEHPK3PXP';
const SECRET_C = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
const SECRET_D = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';

const GITHUB: ImportedAccount = {
  type: 'totp',
  issuer: 'GitHub',
  label: 'alice@example.com',
  secret: SECRET_A,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
};
const BANK: ImportedAccount = {
  type: 'totp',
  issuer: 'Example Bank',
  label: 'bob',
  secret: SECRET_B,
  algorithm: 'SHA256',
  digits: 8,
  period: 60,
  counter: 0,
};
const VPN: ImportedAccount = {
  type: 'hotp',
  issuer: 'VPN',
  label: 'carol',
  secret: SECRET_C,
  algorithm: 'SHA512',
  digits: 6,
  period: 30,
  counter: 42,
};
const STEAM: ImportedAccount = {
  type: 'steam',
  issuer: 'Steam',
  label: 'dave',
  secret: SECRET_D,
  algorithm: 'SHA1',
  digits: 5,
  period: 30,
  counter: 0,
};

const AUTHEXT_ACCOUNTS: ImportedAccount[] = [
  GITHUB,
  BANK,
  VPN,
  STEAM,
  // Battle.net: 8-digit SHA-1 TOTP.
  { ...GITHUB, issuer: 'Blizzard', label: 'erin', secret: SECRET_B, digits: 8 },
  // A hex secret ("12345678901234567890") becomes the same key in base32.
  { ...GITHUB, issuer: 'Legacy', label: 'frank' },
];

interface ImportCase {
  file: string;
  format: ImportFormat;
  password?: string;
  binary?: boolean;
  accounts: ImportedAccount[];
}

const IMPORTS: ImportCase[] = [
  {
    file: 'otpauth/valid.txt',
    format: 'otpauth-list',
    accounts: [GITHUB, BANK, VPN, STEAM, { ...GITHUB, issuer: 'Migrated', label: 'erin', secret: SECRET_B }],
  },
  {
    file: 'aegis/plain.json',
    format: 'aegis',
    accounts: [{ ...GITHUB, note: 'work account' }, BANK, VPN, STEAM],
  },
  {
    file: 'aegis/encrypted.json',
    format: 'aegis',
    password: PASSWORDS.aegis,
    accounts: [{ ...GITHUB, note: 'work account' }, BANK, VPN, STEAM],
  },
  {
    file: '2fas/plain.2fas',
    format: '2fas',
    accounts: [{ ...GITHUB, iconHint: 'GitHub' }, BANK, VPN, STEAM],
  },
  {
    file: '2fas/encrypted.2fas',
    format: '2fas',
    password: PASSWORDS.twofas,
    accounts: [{ ...GITHUB, iconHint: 'GitHub' }, BANK, VPN, STEAM],
  },
  {
    file: 'andotp/plain.json',
    format: 'andotp',
    accounts: [{ ...GITHUB, iconHint: 'Github' }, BANK, VPN, STEAM],
  },
  {
    file: 'andotp/encrypted.json.aes',
    format: 'andotp',
    password: PASSWORDS.andotp,
    binary: true,
    accounts: [{ ...GITHUB, iconHint: 'Github' }, BANK, VPN, STEAM],
  },
  {
    file: 'andotp/encrypted-old.json.aes',
    format: 'andotp',
    password: PASSWORDS.andotp,
    binary: true,
    accounts: [{ ...GITHUB, iconHint: 'Github' }, BANK, VPN, STEAM],
  },
  {
    file: 'bitwarden/plain.json',
    format: 'bitwarden',
    accounts: [
      // The item name wins over the URI's issuer.
      {
        ...GITHUB,
        issuer: 'GitHub (work)',
        note: 'work account',
        sites: ['https://github.com/login', 'https://gist.github.com'],
      },
      // The URI has no issuer, so the item name fills it in.
      { ...BANK, sites: ['https://bank.example'] },
      // A bare secret: TOTP defaults, named after the item and its username.
      { ...GITHUB, issuer: 'VPN', label: 'carol', secret: SECRET_C },
      { ...STEAM, sites: ['https://store.steampowered.com'] },
    ],
  },
  { file: 'authext/plain.json', format: 'authenticator-extension', accounts: AUTHEXT_ACCOUNTS },
  {
    file: 'authext/encrypted-v1.json',
    format: 'authenticator-extension',
    password: PASSWORDS.authext,
    accounts: AUTHEXT_ACCOUNTS,
  },
  {
    file: 'authext/encrypted-v2.json',
    format: 'authenticator-extension',
    password: PASSWORDS.authext,
    accounts: AUTHEXT_ACCOUNTS,
  },
];

function input(file: string, binary?: boolean): string | Uint8Array {
  return binary ? bytes(file) : text(file);
}

async function importError(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('importFile: each format imports every account with its parameters', () => {
  it.each(IMPORTS)('$file', async ({ file, format, password, binary, accounts }) => {
    expect(detectImportFormat(fileName(file), input(file, binary))).toBe(format);
    const result = await importFile(fileName(file), input(file, binary), password);
    expect(result.format).toBe(format);
    expect(result.failures).toEqual([]);
    expect(result.accounts).toEqual(accounts);
    expect(ImportResultSchema.parse(result)).toEqual(result);
  });
});

describe('importFile: a bad entry lands in failures and the others still import', () => {
  const BAD_ENTRIES: { file: string; imported: string[]; failures: [string, RegExp][] }[] = [
    {
      file: 'otpauth/bad-entry.txt',
      imported: ['GitHub', 'VPN'],
      failures: [
        ['Line 2 (Broken:frank)', /contains “0”/],
        ['Line 3', /not an otpauth/],
      ],
    },
    {
      file: 'aegis/bad-entry.json',
      imported: ['GitHub', 'Steam'],
      failures: [
        ['Yandex (yuri)', /Yandex entry/],
        ['Broken (frank)', /contains “0”/],
      ],
    },
    {
      file: '2fas/bad-entry.2fas',
      imported: ['GitHub', 'Steam'],
      failures: [
        ['Broken (frank)', /contains “0”/],
        ['Legacy (gina)', /MD5 algorithm/],
      ],
    },
    {
      file: 'andotp/bad-entry.json',
      imported: ['GitHub', 'Steam'],
      failures: [
        ['Broken (frank)', /contains “0”/],
        ['Long (gina)', /number of digits \(12\)/],
        ['Mobile (hank)', /MOTP entry/],
      ],
    },
    {
      file: 'bitwarden/bad-entry.json',
      imported: ['GitHub (work)', 'Steam'],
      failures: [
        ['Broken (frank)', /contains “!”/],
        ['Odd (gina)', /“12” digits/],
      ],
    },
    {
      file: 'authext/bad-entry.json',
      imported: ['GitHub', 'Steam'],
      failures: [
        ['Broken (gina)', /contains “0”/],
        ['Gost (hank)', /GOST/],
      ],
    },
  ];

  it.each(BAD_ENTRIES)('$file', async ({ file, imported, failures }) => {
    const result = await importFile(fileName(file), text(file));
    expect(result.accounts.map((account) => account.issuer)).toEqual(imported);
    expect(result.failures.map((failure) => failure.entry)).toEqual(failures.map(([entry]) => entry));
    for (const [index, [, reason]] of failures.entries())
      expect(result.failures[index]?.reason).toMatch(reason);
    // Failure lists are shown on screen: they must never echo a secret.
    expect(JSON.stringify(result.failures)).not.toMatch(/secret=|GEZDGNBV|KRUGKIDR/);
  });
});

describe('importFile: whole-file problems throw ImportError with a code and advice', () => {
  const CASES: {
    name: string;
    file: string;
    password?: string;
    binary?: boolean;
    code: ImportErrorCode;
    message: RegExp;
  }[] = [
    {
      name: 'Aegis, wrong password',
      file: 'aegis/encrypted.json',
      password: 'nope',
      code: 'wrong-password',
      message: /password you set in Aegis/,
    },
    {
      name: 'Aegis, no password',
      file: 'aegis/encrypted.json',
      code: 'needs-password',
      message: /encrypted\. Enter the password/,
    },
    {
      name: 'Aegis, truncated',
      file: 'aegis/corrupt.json',
      code: 'corrupt',
      message: /Aegis file is damaged.*Export it again/,
    },
    {
      name: 'Aegis, contents altered',
      file: 'aegis/encrypted-tampered.json',
      password: PASSWORDS.aegis,
      code: 'corrupt',
      message: /do not match their checksum/,
    },
    {
      name: '2FAS, wrong password',
      file: '2fas/encrypted.2fas',
      password: 'nope',
      code: 'wrong-password',
      message: /does not open this 2FAS backup/,
    },
    {
      name: '2FAS, no password',
      file: '2fas/encrypted.2fas',
      code: 'needs-password',
      message: /2FAS backup is encrypted/,
    },
    { name: '2FAS, truncated', file: '2fas/corrupt.2fas', code: 'corrupt', message: /2FAS file is damaged/ },
    // The reference block still opens, so the password is known to be right and the data damaged.
    {
      name: '2FAS, contents altered',
      file: '2fas/encrypted-tampered.2fas',
      password: PASSWORDS.twofas,
      code: 'corrupt',
      message: /password is right/,
    },
    {
      name: 'andOTP, wrong password',
      file: 'andotp/encrypted.json.aes',
      binary: true,
      password: 'nope',
      code: 'wrong-password',
      message: /andOTP/,
    },
    {
      name: 'andOTP, no password',
      file: 'andotp/encrypted.json.aes',
      binary: true,
      code: 'needs-password',
      message: /andOTP backup is encrypted/,
    },
    {
      name: 'andOTP, truncated JSON',
      file: 'andotp/corrupt.json',
      code: 'corrupt',
      message: /andOTP file is damaged/,
    },
    {
      name: 'andOTP, truncated binary',
      file: 'andotp/truncated.json.aes',
      binary: true,
      password: PASSWORDS.andotp,
      code: 'corrupt',
      message: /too short/,
    },
    {
      name: 'andOTP binary read as text',
      file: 'andotp/encrypted.json.aes',
      password: PASSWORDS.andotp,
      code: 'corrupt',
      message: /read as text/,
    },
    {
      name: 'Bitwarden, encrypted export',
      file: 'bitwarden/encrypted.json',
      code: 'unsupported',
      message: /File format "\.json"/,
    },
    {
      name: 'Bitwarden, truncated',
      file: 'bitwarden/corrupt.json',
      code: 'corrupt',
      message: /Bitwarden file is damaged/,
    },
    {
      name: 'Authenticator v1, wrong password',
      file: 'authext/encrypted-v1.json',
      password: 'nope',
      code: 'wrong-password',
      message: /security settings/,
    },
    {
      name: 'Authenticator v2, wrong password',
      file: 'authext/encrypted-v2.json',
      password: 'nope',
      code: 'wrong-password',
      message: /security settings/,
    },
    {
      name: 'Authenticator v1, no password',
      file: 'authext/encrypted-v1.json',
      code: 'needs-password',
      message: /Authenticator extension backup is encrypted/,
    },
    {
      name: 'Authenticator v3 (Argon2)',
      file: 'authext/encrypted-v3.json',
      password: PASSWORDS.authext,
      code: 'unsupported',
      message: /without encryption/,
    },
    {
      name: 'Authenticator, truncated',
      file: 'authext/corrupt.json',
      code: 'corrupt',
      message: /Authenticator extension file is damaged/,
    },
  ];

  it.each(CASES)('$name → $code', async ({ file, password, binary, code, message }) => {
    const error = await importError(importFile(fileName(file), input(file, binary), password));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
  });

  it('Aegis vault with only a biometric slot → unsupported, with the way out', async () => {
    const vault = JSON.parse(text('aegis/encrypted.json'));
    for (const slot of vault.header.slots) slot.type = 2;
    const error = await importError(importFile('aegis.json', JSON.stringify(vault), 'anything'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/biometrics.*set a password/);
  });

  it('2FAS backup without a reference block: a failed decryption may be either cause, and says so', async () => {
    const backup = JSON.parse(text('2fas/encrypted.2fas'));
    delete backup.reference;
    const error = await importError(importFile('backup.2fas', JSON.stringify(backup), 'nope'));
    expect(error.code).toBe('wrong-password');
    expect(error.message).toMatch(/If the password is right, the file is damaged/);
  });

  it('refuses a file it does not recognise, naming the formats it does', async () => {
    expect(detectImportFormat('notes.txt', 'shopping list\nmilk')).toBeNull();
    const error = await importError(importFile('notes.txt', 'shopping list\nmilk'));
    expect(error.code).toBe('unsupported');
    expect(error.message).toMatch(/Aegis, 2FAS, andOTP, Bitwarden/);
  });

  it('refuses binary that is not an andOTP backup', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new Array(60).fill(0xff)]);
    expect(detectImportFormat('photo.png', png)).toBeNull();
    expect((await importError(importFile('photo.png', png))).code).toBe('unsupported');
  });

  it('calls damaged JSON of an unknown app corrupt rather than unsupported', async () => {
    const error = await importError(importFile('backup.json', '{"accounts": [{"name": "x"'));
    expect(error.code).toBe('corrupt');
  });
});

describe('importFile input', () => {
  it('reads text formats from bytes as well as from text', async () => {
    const result = await importFile('plain.2fas', bytes('2fas/plain.2fas'));
    expect(result.format).toBe('2fas');
    expect(result.accounts).toHaveLength(4);
  });

  it('reads a text export that is not valid UTF-8 instead of taking it for binary', async () => {
    const latin1 = Buffer.from(`otpauth://totp/Caf\u00e9:bob?secret=${SECRET_B}\n`, 'latin1');
    const result = await importFile('codes.txt', new Uint8Array(latin1));
    expect(result.accounts).toEqual([{ ...GITHUB, issuer: 'Caf\uFFFD', label: 'bob', secret: SECRET_B }]);
  });

  it('keeps + in otpauth labels literal and accepts short published secrets, in lists and Bitwarden', async () => {
    const plus = 'otpauth://totp/Example:alice+tag@example.com?secret=JBSWY3DPEE&issuer=Example';
    const list = await importFile(
      'codes.txt',
      `${plus}\notpauth://totp/Broken:bob+x@example.com?issuer=Broken\n`,
    );
    expect(list.accounts).toEqual([
      { ...GITHUB, issuer: 'Example', label: 'alice+tag@example.com', secret: 'JBSWY3DPEE' },
    ]);
    expect(list.failures.map((f) => f.entry)).toEqual(['Line 2 (Broken:bob+x@example.com)']);
    const bitwarden = JSON.stringify({
      encrypted: false,
      items: [{ type: 1, name: 'Example', login: { username: null, totp: plus, uris: [] } }],
    });
    const result = await importFile('bitwarden.json', bitwarden);
    expect(result.accounts).toMatchObject([{ issuer: 'Example', label: 'alice+tag@example.com' }]);
  });

  it('ignores a UTF-8 byte order mark and Windows line endings', async () => {
    const list = `\uFEFF${text('otpauth/valid.txt').replace(/\n/g, '\r\n')}`;
    const result = await importFile('codes.txt', list);
    expect(result.accounts).toHaveLength(5);
    expect(result.failures).toEqual([]);
  });

  it('skips Bitwarden items that have no TOTP key instead of reporting them', async () => {
    const result = await importFile('bitwarden.json', text('bitwarden/plain.json'));
    expect(result.accounts.map((account) => account.issuer)).not.toContain('Forum');
    expect(result.failures).toEqual([]);
  });
});

describe('detection survives a damaged entry', () => {
  it('still reads an andOTP list when one entry has no secret', async () => {
    const list = JSON.stringify([
      { issuer: 'Lost', label: 'ivy', type: 'TOTP' },
      ...JSON.parse(text('andotp/plain.json')),
    ]);
    const result = await importFile('accounts.json', list);
    expect(result.format).toBe('andotp');
    expect(result.accounts).toHaveLength(4);
    expect(result.failures).toEqual([
      { entry: 'Lost (ivy)', reason: expect.stringMatching(/"secret" field is missing/) },
    ]);
  });

  it('still reads an Authenticator extension backup when one entry is not an object', async () => {
    const backup = { broken: 'x', ...JSON.parse(text('authext/plain.json')) };
    const result = await importFile('backup.json', JSON.stringify(backup));
    expect(result.format).toBe('authenticator-extension');
    expect(result.accounts).toHaveLength(6);
    expect(result.failures).toEqual([
      { entry: 'Entry broken', reason: 'The entry is not in the expected form.' },
    ]);
  });
});
