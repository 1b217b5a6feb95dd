import { z } from 'zod';
import { openSslPassphraseDecrypt } from './crypto';
import { fromHex, toBase32, toHex, utf8OrNull } from './encoding';
import { buildAccount, EntryError, entryName, ImportCollector, rawField, readEntry } from './entries';
import { corruptError, ImportError, needsPasswordError } from './import-error';
import type { ImportResult } from './result';

// Format: the Authenticator browser extension (Authenticator-Extension/Authenticator), whose backup is its
// storage: an object keyed by entry hash. Password protection, as its import code reads it:
//  v1: entries have `encrypted: true` and `secret` = CryptoJS.AES.encrypt(secret, password).
//  v2: also a `key: { enc, hash }` (or top-level `enc`/`hash`); the hex of CryptoJS.AES.decrypt(enc, password)
//      is the passphrase that decrypts the secrets.
//  v3: entries are `{ dataType: "EncOTPStorage", keyId, data }` unlocked through an Argon2 hash computed in
//      a sandboxed page whose parameters the file does not record; not supported here.

const APP = 'Authenticator extension';
const WRONG_PASSWORD = `That password does not open this ${APP} backup. Use the password you set in the extension's security settings.`;
const EXPORT_PLAIN =
  "In the extension's Backup page, export a backup without encryption, import that file, then delete it.";

const StoredEntrySchema = z.object({
  account: z.string().nullish(),
  issuer: z.string().nullish(),
  secret: z.string(),
  type: z.string().nullish(),
  period: z.number().nullish(),
  digits: z.number().nullish(),
  algorithm: z.union([z.string(), z.number()]).nullish(),
  counter: z.number().nullish(),
  encrypted: z.boolean().nullish(),
  index: z.number().nullish(),
});
type StoredEntry = z.infer<typeof StoredEntrySchema>;

const KeySchema = z.object({ enc: z.string(), hash: z.string() });

// The extension's OTPAlgorithm enum: SHA1 = 1, SHA256, SHA512, GOST3411_2012_256, GOST3411_2012_512.
const ALGORITHMS: Record<string, 'SHA1' | 'SHA256' | 'SHA512'> = {
  '1': 'SHA1',
  '2': 'SHA256',
  '3': 'SHA512',
  SHA1: 'SHA1',
  SHA256: 'SHA256',
  SHA512: 'SHA512',
};

const NOT_ENTRIES = new Set(['key', 'enc', 'hash', 'UserSettings', 'LocalStorage']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** True when a parsed JSON value is an Authenticator extension backup (an object of stored entries). */
export function looksLikeAuthenticatorExtension(json: unknown): boolean {
  if (!isRecord(json)) return false;
  if (KeySchema.safeParse(json.key).success) return true;
  const values = Object.entries(json)
    .filter(([key]) => !NOT_ENTRIES.has(key))
    .map(([, value]) => value);
  // `some`, not `every`: one damaged entry must not hide the whole file.
  return values.some(
    (value) =>
      isRecord(value) &&
      (typeof value.dataType === 'string' || (typeof value.secret === 'string' && 'type' in value)),
  );
}

function algorithmOf(raw: StoredEntry['algorithm']) {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const algorithm = ALGORITHMS[String(raw).toUpperCase()];
  if (!algorithm) {
    const name = raw === 4 || raw === '4' ? 'GOST R 34.11-2012' : String(raw);
    throw new EntryError(`It uses the ${name} algorithm; Tessera supports SHA1, SHA256 and SHA512.`);
  }
  return algorithm;
}

const BASE32 = /^[a-z2-7]+=*$/i;
const HEX = /^[0-9a-f]+$/i;

function importEntry(entry: StoredEntry) {
  let secret = entry.secret.replace(/\s/g, '');
  let type = (entry.type ?? 'totp').toLowerCase();
  // The extension marks Battle.net and Steam keys with a prefix in some versions instead of the type.
  const prefix = /^(blz-|bliz-|stm-)(.*)$/i.exec(secret);
  if (prefix) {
    type = prefix[1]?.toLowerCase() === 'stm-' ? 'steam' : 'battle';
    secret = prefix[2] ?? '';
  }
  // Like the extension, read a secret that is hex but not base32 as hex.
  if (!BASE32.test(secret) && HEX.test(secret) && (type === 'totp' || type === 'hotp')) {
    type = type === 'totp' ? 'hex' : 'hhex';
  }
  const common = { issuer: entry.issuer, label: entry.account, period: entry.period ?? undefined };
  switch (type) {
    case 'totp':
    case 'hotp':
      return buildAccount({
        ...common,
        type,
        secret,
        algorithm: algorithmOf(entry.algorithm),
        digits: entry.digits ?? undefined,
        counter: entry.counter ?? undefined,
      });
    case 'hex':
    case 'hhex':
      if (!HEX.test(secret) || secret.length % 2 !== 0)
        throw new EntryError('Its hexadecimal secret is malformed.');
      return buildAccount({
        ...common,
        type: type === 'hex' ? 'totp' : 'hotp',
        secret: toBase32(fromHex(secret)),
        algorithm: algorithmOf(entry.algorithm),
        digits: entry.digits ?? undefined,
        counter: entry.counter ?? undefined,
      });
    case 'battle':
      // Battle.net authenticators are 8-digit TOTP with SHA-1 over 30 s.
      return buildAccount({ ...common, type: 'totp', secret, algorithm: 'SHA1', digits: 8, period: 30 });
    case 'steam':
      return buildAccount({ ...common, type: 'steam', secret });
    default:
      throw new EntryError(
        `It is a ${entry.type} entry; Tessera supports TOTP, HOTP, Battle.net and Steam codes.`,
      );
  }
}

// Mirrors the extension's own sanity check after decryption: a wrong key yields text that is not a key.
function plausibleSecret(text: string | null): text is string {
  return (
    text !== null &&
    text.length >= 8 &&
    /^(?:[a-z2-7]+=*|[0-9a-f]+|(?:blz-|bliz-|stm-).+)$/i.test(text.trim())
  );
}

async function unlockPassphrase(file: Record<string, unknown>, password: string): Promise<string> {
  const key = KeySchema.safeParse(file.key ?? file);
  if (!key.success) return password;
  const unwrapped = await openSslPassphraseDecrypt(key.data.enc, password);
  if (!unwrapped || unwrapped.length === 0) {
    throw new ImportError('wrong-password', WRONG_PASSWORD);
  }
  return toHex(unwrapped);
}

function isSealed(value: unknown): boolean {
  return isRecord(value) && value.dataType === 'EncOTPStorage';
}

function byIndex([, a]: [string, unknown], [, b]: [string, unknown]): number {
  return Number(rawField(a, 'index') ?? 0) - Number(rawField(b, 'index') ?? 0);
}

/** Imports a backup exported from the Authenticator browser extension, plain or with v1/v2 password protection. */
export async function importAuthenticatorExtension(json: unknown, password?: string): Promise<ImportResult> {
  if (!isRecord(json)) throw corruptError(APP, 'it is not an object of entries');
  const rawEntries = Object.entries(json)
    .filter(([key, value]) => !NOT_ENTRIES.has(key) && !(isRecord(value) && value.dataType === 'Key'))
    .sort(byIndex);
  if (rawEntries.length > 0 && rawEntries.every(([, value]) => isSealed(value))) {
    throw new ImportError(
      'unsupported',
      `This ${APP} backup uses the extension's newer password protection, which Tessera cannot open. ${EXPORT_PLAIN}`,
    );
  }
  const needsPassword = rawEntries.some(([, value]) => rawField(value, 'encrypted') === true);
  if (needsPassword && !password) throw needsPasswordError(APP);
  const passphrase = needsPassword && password ? await unlockPassphrase(json, password) : '';

  const collector = new ImportCollector();
  let encryptedCount = 0;
  let openedCount = 0;
  for (const [hash, raw] of rawEntries) {
    const name = entryName(rawField(raw, 'issuer'), rawField(raw, 'account'), `Entry ${hash.slice(0, 8)}`);
    if (isSealed(raw)) {
      collector.fail(
        name,
        `It is sealed with the extension's newer password protection, which Tessera cannot open. ${EXPORT_PLAIN}`,
      );
      continue;
    }
    await collector.add(name, async () => {
      const entry = readEntry(StoredEntrySchema, raw);
      if (!entry.encrypted) return importEntry(entry);
      encryptedCount++;
      const plain = await openSslPassphraseDecrypt(entry.secret, passphrase);
      const secret = plain && utf8OrNull(plain);
      if (!plausibleSecret(secret))
        throw new EntryError('Its secret could not be decrypted with this password.');
      openedCount++;
      return importEntry({ ...entry, secret, encrypted: false });
    });
  }
  // With v1 protection nothing checks the password up front; if no secret decrypts, the password is wrong.
  if (encryptedCount > 0 && openedCount === 0) throw new ImportError('wrong-password', WRONG_PASSWORD);
  return collector.result('authenticator-extension');
}
