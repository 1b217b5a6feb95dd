import { create, createFileRegistry, type DescMessage, toBinary } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { describe, expect, it } from 'vitest';
import { type Account, AccountSchema } from '../../../lib/otp/account';
import { OtpauthError, type OtpauthErrorCode } from '../../../lib/otp/errors';
import { encodeMigration, parseMigration, parseMigrationBatch } from '../../../lib/otp/migration';

const KEY = 'JBSWY3DPEHPK3PXP'; // bytes 48 65 6c 6c 6f 21 de ad be ef ("Hello!" + deadbeef)
const KEY160 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // "12345678901234567890"
const totp = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

const uriOf = (bytes: Uint8Array) =>
  `otpauth-migration://offline?data=${encodeURIComponent(Buffer.from(bytes).toString('base64'))}`;
const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+|#[^\n]*/g, ''), 'hex'));

function refusal(run: () => unknown): OtpauthError {
  try {
    run();
  } catch (error) {
    if (error instanceof OtpauthError) return error;
    throw error;
  }
  throw new Error('expected an OtpauthError');
}

describe('hand-written wire-format fixtures', () => {
  // MigrationPayload written byte by byte from the protobuf wire format (tag = field << 3 | wire type).
  const single = hex(`
    0a 35                                 # field 1 (otp_parameters), length-delimited, 53 bytes
      0a 0a 48656c6c6f21deadbeef          #   1 secret: 10 bytes
      12 18 ${Buffer.from('Example:alice@google.com').toString('hex')} # 2 name: 24 bytes
      1a 07 ${Buffer.from('Example').toString('hex')}                  # 3 issuer: 7 bytes
      20 01                               #   4 algorithm = SHA1
      28 01                               #   5 digits = SIX
      30 02                               #   6 type = TOTP
    10 01                                 # field 2 version = 1
    18 01                                 # field 3 batch_size = 1
    20 00                                 # field 4 batch_index = 0 (explicit zero)
    28 2a                                 # field 5 batch_id = 42
  `);
  const SINGLE_URI =
    'otpauth-migration://offline?data=CjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACgq';

  it('the literal URI is the annotated bytes', () => {
    expect(uriOf(single)).toBe(SINGLE_URI);
  });

  it('decodes one TOTP account and its batch position', () => {
    expect(parseMigrationBatch(SINGLE_URI)).toEqual({
      accounts: [{ ...totp, issuer: 'Example', label: 'alice@google.com', secret: KEY }],
      batchIndex: 0,
      batchSize: 1,
      batchId: 42,
    });
  });

  it('decodes HOTP, SHA256, 8 digits, a two-byte counter, defaults and a name without issuer', () => {
    const bytes = hex(`
      0a 24                               # otp_parameters, 36 bytes
        0a 14 3132333435363738393031323334353637383930   # secret "12345678901234567890"
        12 03 626f62                      # name "bob" (no issuer field)
        20 02                             # algorithm = SHA256
        28 02                             # digits = EIGHT
        30 01                             # type = HOTP
        38 ac 02                          # counter = 300 (0x2c | 0x80, 0x02)
      0a 10                               # otp_parameters, 16 bytes: everything unspecified
        0a 0a 48656c6c6f21deadbeef        # secret
        12 02 6d65                        # name "me"
      28 05                               # batch_id = 5 (version, size, index omitted)
    `);
    expect(parseMigrationBatch(uriOf(bytes))).toEqual({
      accounts: [
        {
          type: 'hotp',
          issuer: '',
          label: 'bob',
          secret: KEY160,
          algorithm: 'SHA256',
          digits: 8,
          period: 30,
          counter: 300,
        },
        { ...totp, issuer: '', label: 'me', secret: KEY },
      ],
      batchIndex: 0,
      batchSize: 1,
      batchId: 5,
    });
  });

  it('names an MD5 entry in its refusal', () => {
    const bytes = hex(`
      0a 1b                               # otp_parameters, 27 bytes
        0a 0a 48656c6c6f21deadbeef        # secret
        12 09 ${Buffer.from('Old:carol').toString('hex')}   # name "Old:carol"
        20 04                             # algorithm = MD5
        30 02                             # type = TOTP
    `);
    const error = refusal(() => parseMigration(uriOf(bytes)));
    expect(error.code).toBe('unknown-algorithm');
    expect(error.message).toContain('Account 1 (“Old: carol”)');
    expect(error.message).toContain('MD5');
  });
});

/** The export format as Google declares it, with real enums, built independently of lib/otp/migration.ts. */
function googleSchema(): DescMessage {
  const { ENUM, STRING, BYTES, INT32, INT64, MESSAGE } = FieldDescriptorProto_Type;
  const enumType = (name: string, values: string[]) => ({
    name,
    value: values.map((value, number) => ({ name: value, number })),
  });
  const file = create(FileDescriptorProtoSchema, {
    name: 'test_migration.proto',
    package: 'test',
    syntax: 'proto3',
    messageType: [
      {
        name: 'Payload',
        field: [
          {
            name: 'otp_parameters',
            number: 1,
            type: MESSAGE,
            label: FieldDescriptorProto_Label.REPEATED,
            typeName: '.test.Payload.Otp',
          },
          { name: 'version', number: 2, type: INT32 },
          { name: 'batch_size', number: 3, type: INT32 },
          { name: 'batch_index', number: 4, type: INT32 },
          { name: 'batch_id', number: 5, type: INT32 },
        ],
        nestedType: [
          {
            name: 'Otp',
            field: [
              { name: 'secret', number: 1, type: BYTES },
              { name: 'name', number: 2, type: STRING },
              { name: 'issuer', number: 3, type: STRING },
              { name: 'algorithm', number: 4, type: ENUM, typeName: '.test.Payload.Algorithm' },
              { name: 'digits', number: 5, type: ENUM, typeName: '.test.Payload.DigitCount' },
              { name: 'type', number: 6, type: ENUM, typeName: '.test.Payload.OtpType' },
              { name: 'counter', number: 7, type: INT64 },
            ],
          },
        ],
        enumType: [
          enumType('Algorithm', ['ALGORITHM_UNSPECIFIED', 'SHA1', 'SHA256', 'SHA512', 'MD5']),
          enumType('DigitCount', ['DIGIT_COUNT_UNSPECIFIED', 'SIX', 'EIGHT']),
          enumType('OtpType', ['OTP_TYPE_UNSPECIFIED', 'HOTP', 'TOTP']),
        ],
      },
    ],
  });
  const schema = createFileRegistry(file, () => undefined).getMessage('test.Payload');
  if (!schema) throw new Error('test schema missing');
  return schema;
}

describe('payloads encoded with @bufbuild/protobuf', () => {
  const schema = googleSchema();
  const encode = (init: object) => uriOf(toBinary(schema, create(schema, init as never)));
  const secret = Uint8Array.from(Buffer.from('12345678901234567890'));

  it('decodes a three-account batch 2 of 3 with Issuer:account names', () => {
    const uri = encode({
      otpParameters: [
        { secret, name: 'GitHub:octocat', issuer: 'GitHub', algorithm: 1, digits: 1, type: 2 },
        { secret, name: 'Contoso:alice@contoso.com', issuer: 'Microsoft', algorithm: 3, digits: 2, type: 2 },
        {
          secret,
          name: 'Bank:bob',
          issuer: '',
          algorithm: 2,
          digits: 1,
          type: 1,
          counter: 9007199254740991n,
        },
      ],
      version: 1,
      batchSize: 3,
      batchIndex: 1,
      batchId: -1_234_567,
    });
    const batch = parseMigrationBatch(uri);
    expect(batch).toEqual({
      accounts: [
        { ...totp, issuer: 'GitHub', label: 'octocat', secret: KEY160 },
        {
          ...totp,
          issuer: 'Microsoft',
          label: 'alice@contoso.com',
          secret: KEY160,
          algorithm: 'SHA512',
          digits: 8,
        },
        {
          type: 'hotp',
          issuer: 'Bank',
          label: 'bob',
          secret: KEY160,
          algorithm: 'SHA256',
          digits: 6,
          period: 30,
          counter: Number.MAX_SAFE_INTEGER,
        },
      ],
      batchIndex: 1,
      batchSize: 3,
      batchId: -1_234_567,
    });
    for (const account of batch.accounts) expect(AccountSchema.parse(account)).toEqual(account);
  });

  it('turns a Steam entry into a Steam Guard account', () => {
    const uri = encode({ otpParameters: [{ secret, name: 'Steam:gaben', issuer: 'Steam', type: 2 }] });
    expect(parseMigration(uri)).toEqual([
      {
        type: 'steam',
        issuer: 'Steam',
        label: 'gaben',
        secret: KEY160,
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
      },
    ]);
  });

  const refusals: [string, object, OtpauthErrorCode, string][] = [
    ['MD5', { secret, name: 'Legacy:x', algorithm: 4, type: 2 }, 'unknown-algorithm', 'MD5'],
    ['unknown digit count', { secret, name: 'x', digits: 7, type: 2 }, 'digits-out-of-range', '“x”'],
    ['unknown type', { secret, name: 'x', type: 9 }, 'unknown-type', '“x”'],
    ['empty secret', { secret: secret.slice(0, 0), name: 'x', type: 2 }, 'secret-too-short', '“x”'],
    ['huge counter', { secret, name: 'x', type: 1, counter: 2n ** 60n }, 'bad-counter', '“x”'],
    ['name over 256 characters', { secret, name: 'x'.repeat(300), type: 2 }, 'too-long', 'over 256'],
  ];
  it.each(refusals)('refuses %s and names the entry', (_name, entry, code, mention) => {
    const ok = { secret, name: 'Fine:account', issuer: 'Fine', type: 2 };
    const error = refusal(() => parseMigration(encode({ otpParameters: [ok, entry] })));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^Account 2 /);
    expect(error.message).toContain(mention);
  });
});

describe('damaged or foreign input', () => {
  const cases: [string, string, OtpauthErrorCode][] = [
    ['Key URI', `otpauth://totp/a?secret=${KEY}`, 'not-migration'],
    ['other host', 'otpauth-migration://online?data=CgA%3D', 'not-migration'],
    ['no data', 'otpauth-migration://offline?foo=bar', 'no-accounts'],
    ['empty payload', 'otpauth-migration://offline?data=', 'no-accounts'],
    ['not base64', 'otpauth-migration://offline?data=%21%21%21%21', 'bad-migration-data'],
    [
      'truncated protobuf',
      'otpauth-migration://offline?data=CjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6',
      'bad-migration-data',
    ],
    [
      'invalid UTF-8 in a name',
      `otpauth-migration://offline?data=${Buffer.from(hex('0a 04 12 02 c3 28')).toString('base64')}`,
      'bad-migration-data',
    ],
    ['over 4096 characters', `otpauth-migration://offline?data=${'A'.repeat(4100)}`, 'too-long'],
  ];
  it.each(cases)('%s', (_name, uri, code) => {
    const error = refusal(() => parseMigrationBatch(uri));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/\. .+\.$/s);
  });

  it('tolerates unescaped base64, + read as space, base64url and missing padding', () => {
    const data = 'CjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACgq';
    const expected = parseMigration(`otpauth-migration://offline?data=${data}`);
    // Twenty 0xfb bytes become runs of "+/v7" in base64 whatever their offset.
    const [escaped = ''] = encodeMigration([
      { ...totp, issuer: 'a', label: 'b', secret: '7P57X673'.repeat(4) },
    ]);
    const raw = decodeURIComponent(escaped);
    expect(raw).toContain('+/v7');
    expect(parseMigration(raw)).toEqual(parseMigration(escaped));
    expect(parseMigration(raw.replace(/\+/g, ' '))).toEqual(parseMigration(raw));
    const [prefix = '', payload = ''] = raw.split('data=');
    const base64url = payload.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(parseMigration(`${prefix}data=${base64url}`)).toEqual(parseMigration(raw));
    expect(parseMigration(`  OTPAUTH-MIGRATION://offline/?data=${data}\n`)).toEqual(expected);
  });
});

describe('encodeMigration', () => {
  const accounts: Account[] = Array.from({ length: 25 }, (_, i) => ({
    ...totp,
    issuer: i % 3 === 0 ? '' : `Issuer ${i}`,
    label: `user${i}@example.com`,
    secret: i % 2 ? KEY : KEY160,
    algorithm: (['SHA1', 'SHA256', 'SHA512'] as const)[i % 3] ?? 'SHA1',
    digits: i % 4 ? 6 : 8,
  }));
  accounts.push({ ...totp, type: 'hotp', issuer: 'Bank', label: 'alice', secret: KEY, counter: 77 });

  it('round-trips through parseMigrationBatch in batches of at most N', () => {
    const uris = encodeMigration(accounts, { batchSize: 10, batchId: 99 });
    expect(uris).toHaveLength(3);
    const batches = uris.map(parseMigrationBatch);
    expect(batches.map((b) => [b.batchIndex, b.batchSize, b.batchId, b.accounts.length])).toEqual([
      [0, 3, 99, 10],
      [1, 3, 99, 10],
      [2, 3, 99, 6],
    ]);
    expect(batches.flatMap((b) => b.accounts)).toEqual(accounts);
  });

  it('defaults to 10 per code and a random positive batch id shared by the batch', () => {
    const batches = encodeMigration(accounts).map(parseMigrationBatch);
    expect(batches.map((b) => b.accounts.length)).toEqual([10, 10, 6]);
    const ids = new Set(batches.map((b) => b.batchId));
    expect(ids.size).toBe(1);
    expect([...ids][0]).toBeGreaterThanOrEqual(0);
  });

  it('writes one code for one account and nothing for none', () => {
    expect(encodeMigration(accounts.slice(0, 1), { batchId: 1 })).toHaveLength(1);
    expect(encodeMigration([])).toEqual([]);
    expect(() => encodeMigration(accounts, { batchSize: 0 })).toThrow(RangeError);
  });

  it.each([
    [
      'Steam',
      { ...totp, type: 'steam', issuer: 'Steam', label: 'gaben', secret: KEY, digits: 5 },
      'Steam Guard',
    ],
    ['a 60 s period', { ...totp, issuer: 'X', label: 'y', secret: KEY, period: 60 }, '60'],
    ['7 digits', { ...totp, issuer: 'X', label: 'y', secret: KEY, digits: 7 }, '7'],
  ] as const)('refuses %s, naming the account', (_name, account, reason) => {
    const error = refusal(() => encodeMigration([account]));
    expect(error.code).toBe('not-exportable');
    expect(error.message).toContain(`“${account.issuer}: ${account.label}”`);
    expect(error.message).toContain(reason);
  });
});
