import { create, createFileRegistry, type DescMessage, fromBinary, toBinary } from '@bufbuild/protobuf';
import {
  FieldDescriptorProto_Label,
  FieldDescriptorProto_Type,
  FileDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { base32nopad, base64 } from '@scure/base';
import type { Account, Algorithm } from './account';
import { OtpauthError } from './errors';
import { isSteamIssuer, MAX_NAME_LENGTH, splitLabel } from './label';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './secret';
import { STEAM_DIGITS, STEAM_PERIOD } from './steam';
import { MAX_URI_LENGTH, parseQuery } from './uri-text';

/**
 * Google Authenticator's export format; its enums travel as varints, so int32 fields read them unchanged.
 * Type aliases, not interfaces, so they pass as protobuf-es message init objects.
 */
type OtpParameters = {
  secret: Uint8Array;
  name: string;
  issuer: string;
  algorithm: number;
  digits: number;
  type: number;
  counter: bigint;
};
type MigrationPayload = {
  otpParameters: OtpParameters[];
  version: number;
  batchSize: number;
  batchIndex: number;
  batchId: number;
};

/** One decoded export QR code; `batchIndex` counts from 0, so show `batchIndex + 1` of `batchSize`. */
export interface MigrationBatch {
  accounts: Account[];
  batchIndex: number;
  batchSize: number;
  batchId: number;
}

const ALGORITHMS: Record<number, Algorithm> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const ALGORITHM_NAMES: Record<number, string> = { 4: 'MD5' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const TYPE_HOTP = 1;
const TYPE_TOTP = 2;
const PAYLOAD_TYPE_NAME = 'googleauth.MigrationPayload';
const DEFAULT_BATCH_SIZE = 10;
// The export has no period field: Google Authenticator only does 30 s TOTP.
const EXPORT_PERIOD = 30;

let payloadSchema: DescMessage | undefined;

/** Built on first use from a descriptor (no code generation, CSP-safe), so importing this module costs nothing. */
function migrationPayloadSchema(): DescMessage {
  if (payloadSchema) return payloadSchema;
  const { INT32, INT64, BYTES, STRING, MESSAGE } = FieldDescriptorProto_Type;
  const field = (name: string, number: number, type: FieldDescriptorProto_Type) => ({ name, number, type });
  const file = create(FileDescriptorProtoSchema, {
    name: 'google_auth_migration.proto',
    package: 'googleauth',
    syntax: 'proto3',
    messageType: [
      {
        name: 'MigrationPayload',
        field: [
          {
            ...field('otp_parameters', 1, MESSAGE),
            label: FieldDescriptorProto_Label.REPEATED,
            typeName: `.${PAYLOAD_TYPE_NAME}.OtpParameters`,
          },
          field('version', 2, INT32),
          field('batch_size', 3, INT32),
          field('batch_index', 4, INT32),
          field('batch_id', 5, INT32),
        ],
        nestedType: [
          {
            name: 'OtpParameters',
            field: [
              field('secret', 1, BYTES),
              field('name', 2, STRING),
              field('issuer', 3, STRING),
              field('algorithm', 4, INT32),
              field('digits', 5, INT32),
              field('type', 6, INT32),
              field('counter', 7, INT64),
            ],
          },
        ],
      },
    ],
  });
  payloadSchema = createFileRegistry(file, () => undefined).getMessage(PAYLOAD_TYPE_NAME);
  if (!payloadSchema) throw new Error(`${PAYLOAD_TYPE_NAME} missing from its own descriptor`);
  return payloadSchema;
}

/** Accounts in a Google Authenticator export QR code (`otpauth-migration://offline?data=…`). */
export function parseMigration(uri: string): Account[] {
  return parseMigrationBatch(uri).accounts;
}

/** Accounts plus batch position of one export QR code; throws OtpauthError naming any unusable entry. */
export function parseMigrationBatch(uri: string): MigrationBatch {
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw new OtpauthError(
      'too-long',
      'This link is far longer than any export QR code. Scan the QR code itself.',
    );
  }
  const match = /^otpauth-migration:\/\/offline\/?\?(.*)$/is.exec(text);
  if (!match) {
    throw new OtpauthError(
      'not-migration',
      'This is not a Google Authenticator export QR code (it should start with “otpauth-migration://offline”). In Google Authenticator choose “Transfer accounts” → “Export accounts”.',
    );
  }
  const payload = decodePayload(parseQuery(match[1] ?? '', false).get('data') ?? '');
  if (payload.otpParameters.length === 0) {
    throw new OtpauthError(
      'no-accounts',
      'This export QR code contains no accounts. Select accounts in Google Authenticator before exporting.',
    );
  }
  return {
    accounts: payload.otpParameters.map(toAccount),
    batchIndex: payload.batchIndex,
    // Single-code exports from some versions leave batch_size at 0.
    batchSize: Math.max(1, payload.batchSize),
    batchId: payload.batchId,
  };
}

function decodePayload(data: string): MigrationPayload {
  // Scanners hand over `+` unescaped or turned into spaces, and some apps use base64url without padding.
  const b64 = data.replace(/[ -]/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  const schema = migrationPayloadSchema();
  try {
    const bytes = base64.decode(b64.padEnd(Math.ceil(b64.length / 4) * 4, '='));
    return fromBinary(schema, bytes) as unknown as MigrationPayload;
  } catch {
    throw new OtpauthError(
      'bad-migration-data',
      'This export QR code is damaged or incomplete and cannot be read. Scan it again, closer and steadier.',
    );
  }
}

function toAccount(entry: OtpParameters, index: number): Account {
  const name = splitLabel(entry.name, entry.issuer);
  const where = `Account ${index + 1} (“${[name.issuer, name.label].filter(Boolean).join(': ') || 'unnamed'}”)`;
  const fail = (code: OtpauthError['code'], problem: string): never => {
    throw new OtpauthError(code, `${where} ${problem}`);
  };
  const algorithm =
    ALGORITHMS[entry.algorithm] ??
    fail(
      'unknown-algorithm',
      `uses ${ALGORITHM_NAMES[entry.algorithm] ?? `algorithm #${entry.algorithm}`}, which Tessera does not support. Set this account up again on its site to get a standard SHA1 code.`,
    );
  const digits =
    DIGITS[entry.digits] ??
    fail(
      'digits-out-of-range',
      'has a code length Tessera does not know. Export it again from an up-to-date Google Authenticator.',
    );
  if (entry.type !== 0 && entry.type !== TYPE_HOTP && entry.type !== TYPE_TOTP) {
    fail(
      'unknown-type',
      'is neither time- nor counter-based. Export it again from an up-to-date Google Authenticator.',
    );
  }
  if (entry.secret.length < MIN_SECRET_BYTES) {
    fail(
      'secret-too-short',
      'has no secret key. Export it again from Google Authenticator, or set this account up again on its site.',
    );
  }
  if (entry.secret.length > MAX_SECRET_BYTES) {
    fail('too-long', 'has a secret key longer than any site issues. Set this account up again on its site.');
  }
  if (name.issuer.length > MAX_NAME_LENGTH || name.label.length > MAX_NAME_LENGTH) {
    fail(
      'too-long',
      `has a name over ${MAX_NAME_LENGTH} characters. Shorten it in Google Authenticator and export again.`,
    );
  }
  if (entry.counter > BigInt(Number.MAX_SAFE_INTEGER))
    fail('bad-counter', 'has a counter too large to be real.');
  const secret = base32nopad.encode(entry.secret);
  if (entry.type === TYPE_HOTP) {
    return {
      type: 'hotp',
      ...name,
      secret,
      algorithm,
      digits,
      period: EXPORT_PERIOD,
      counter: Number(entry.counter),
    };
  }
  if (isSteamIssuer(name.issuer)) {
    return {
      type: 'steam',
      ...name,
      secret,
      algorithm: 'SHA1',
      digits: STEAM_DIGITS,
      period: STEAM_PERIOD,
      counter: 0,
    };
  }
  return { type: 'totp', ...name, secret, algorithm, digits, period: EXPORT_PERIOD, counter: 0 };
}

/**
 * Export QR code links for Google Authenticator, at most `batchSize` accounts each. Throws OtpauthError for
 * accounts the format cannot carry (Steam, a period other than 30 s, 7 digits) rather than export wrong codes.
 */
export function encodeMigration(
  accounts: Account[],
  options: { batchSize?: number; batchId?: number } = {},
): string[] {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const entries = accounts.map(toOtpParameters);
  const batchCount = Math.ceil(entries.length / batchSize);
  const batchId = options.batchId ?? randomBatchId();
  return Array.from({ length: batchCount }, (_, batchIndex) => {
    const payload: MigrationPayload = {
      otpParameters: entries.slice(batchIndex * batchSize, (batchIndex + 1) * batchSize),
      version: 1,
      batchSize: batchCount,
      batchIndex,
      batchId,
    };
    const schema = migrationPayloadSchema();
    const bytes = toBinary(schema, create(schema, payload));
    const uri = `otpauth-migration://offline?data=${encodeURIComponent(base64.encode(bytes))}`;
    if (uri.length > MAX_URI_LENGTH) {
      throw new OtpauthError(
        'too-long',
        'These accounts do not fit in one QR code. Export fewer accounts at a time.',
      );
    }
    return uri;
  });
}

/** Google Authenticator uses a random positive int32 to group the QR codes of one export. */
function randomBatchId(): number {
  const [random = 0] = crypto.getRandomValues(new Uint32Array(1));
  return random >>> 1;
}

function toOtpParameters(account: Account): OtpParameters {
  const what = `“${[account.issuer, account.label].filter(Boolean).join(': ') || 'unnamed'}”`;
  const refuse = (reason: string): never => {
    throw new OtpauthError(
      'not-exportable',
      `${what} cannot be exported to Google Authenticator: ${reason} Add it on the phone from the site's QR code instead.`,
    );
  };
  if (account.type === 'steam') refuse('it does not generate Steam Guard codes.');
  if (account.type === 'totp' && account.period !== EXPORT_PERIOD)
    refuse(`it only supports codes that change every 30 seconds, not ${account.period}.`);
  const digits =
    account.digits === 6
      ? 1
      : account.digits === 8
        ? 2
        : refuse(`it only supports 6- or 8-digit codes, not ${account.digits}.`);
  return {
    secret: base32nopad.decode(account.secret),
    name: account.issuer ? `${account.issuer}:${account.label}` : account.label,
    issuer: account.issuer,
    algorithm: { SHA1: 1, SHA256: 2, SHA512: 3 }[account.algorithm],
    digits,
    type: account.type === 'hotp' ? TYPE_HOTP : TYPE_TOTP,
    counter: BigInt(account.type === 'hotp' ? account.counter : 0),
  };
}
