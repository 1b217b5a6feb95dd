import { z } from 'zod';
import { aesGcmDecrypt, pbkdf2, sha256 } from './crypto';
import { utf8, utf8OrNull } from './encoding';
import {
  buildAccount,
  entryName,
  ImportCollector,
  parseAlgorithm,
  parseOtpType,
  rawField,
  readEntry,
} from './entries';
import { corruptError, ImportError, needsPasswordError } from './import-error';
import type { ImportResult } from './result';

// Format: andOTP's JSON account list; encrypted backups (.json.aes) as read by Aegis' AndOtpImporter:
// iterations (4 bytes, big-endian) | salt (12) | nonce (12) | ciphertext | tag (16), with the key from
// PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits). Older andOTP backups have no header:
// nonce | ciphertext | tag with key = SHA-256(password) (Aegis' "old format").

const ITERATIONS_BYTES = 4;
const SALT_BYTES = 12;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = ITERATIONS_BYTES + SALT_BYTES;
// andOTP picks 140,000–160,000; far more means this is not an andOTP file, and deriving would hang the page.
const MAX_ITERATIONS = 10_000_000;

const EntrySchema = z.object({
  secret: z.string(),
  issuer: z.string().nullish(),
  label: z.string().nullish(),
  digits: z.number().optional(),
  type: z.string().nullish(),
  algorithm: z.string().nullish(),
  period: z.number().optional(),
  counter: z.number().optional(),
  thumbnail: z.string().nullish(),
});

/** True when a parsed JSON value is an andOTP account list (an array of entries with a `secret`). */
export function looksLikeAndOtp(json: unknown): boolean {
  // `some`, not `every`: one damaged entry must not hide the whole file.
  return (
    Array.isArray(json) &&
    (json.length === 0 || json.some((entry) => typeof rawField(entry, 'secret') === 'string'))
  );
}

/** The PBKDF2 iteration count in an encrypted andOTP backup's header, if it is plausible. */
export function andOtpIterations(bytes: Uint8Array): number | null {
  if (bytes.length < HEADER_BYTES + NONCE_BYTES + TAG_BYTES) return null;
  const iterations = new DataView(bytes.buffer, bytes.byteOffset, ITERATIONS_BYTES).getUint32(0);
  return iterations >= 1 && iterations <= MAX_ITERATIONS ? iterations : null;
}

async function decryptBody(key: Uint8Array, body: Uint8Array): Promise<Uint8Array | null> {
  return aesGcmDecrypt(key, body.slice(0, NONCE_BYTES), body.slice(NONCE_BYTES));
}

async function decryptBackup(bytes: Uint8Array, password: string): Promise<unknown> {
  if (bytes.length < NONCE_BYTES + TAG_BYTES) throw corruptError('andOTP', 'the file is too short');
  const iterations = andOtpIterations(bytes);
  let plain: Uint8Array | null = null;
  if (iterations !== null) {
    const key = await pbkdf2('SHA-1', password, bytes.slice(ITERATIONS_BYTES, HEADER_BYTES), iterations, 32);
    plain = await decryptBody(key, bytes.slice(HEADER_BYTES));
  }
  plain ??= await decryptBody(await sha256(utf8(password)), bytes);
  if (!plain) {
    throw new ImportError(
      'wrong-password',
      'That password does not open this andOTP backup. Use the password you set for backups in andOTP; if it is right, the file is damaged.',
    );
  }
  try {
    return JSON.parse(utf8OrNull(plain) ?? '');
  } catch {
    throw corruptError('andOTP', 'the decrypted backup is not valid JSON');
  }
}

// Old andOTP versions had no issuer field and wrote "Issuer - account" (or "Issuer:account") as the label.
function issuerAndLabel(entry: z.infer<typeof EntrySchema>): { issuer: string; label: string } {
  const label = entry.label ?? '';
  if (entry.issuer) {
    const prefix = `${entry.issuer}:`;
    return { issuer: entry.issuer, label: label.startsWith(prefix) ? label.slice(prefix.length) : label };
  }
  const split = label.match(/^(.+?)(?: - |:)(.+)$/);
  return split ? { issuer: split[1] ?? '', label: split[2] ?? '' } : { issuer: '', label };
}

function importEntry(raw: unknown) {
  const entry = readEntry(EntrySchema, raw);
  return buildAccount({
    type: parseOtpType(entry.type),
    ...issuerAndLabel(entry),
    secret: entry.secret,
    algorithm: parseAlgorithm(entry.algorithm),
    digits: entry.digits,
    period: entry.period,
    counter: entry.counter,
    iconHint: entry.thumbnail && entry.thumbnail !== 'Default' ? entry.thumbnail : undefined,
  });
}

/** Imports an andOTP backup: the parsed JSON list, or the raw bytes of an encrypted `.json.aes` file. */
export async function importAndOtp(content: unknown, password?: string): Promise<ImportResult> {
  let list = content;
  if (content instanceof Uint8Array) {
    if (!password) throw needsPasswordError('andOTP');
    list = await decryptBackup(content, password);
  }
  if (!Array.isArray(list)) throw corruptError('andOTP', 'the backup is not a list of accounts');

  const collector = new ImportCollector();
  for (const [index, raw] of list.entries()) {
    const name = entryName(rawField(raw, 'issuer'), rawField(raw, 'label'), `Entry ${index + 1}`);
    await collector.add(name, () => importEntry(raw));
  }
  return collector.result('andotp');
}
