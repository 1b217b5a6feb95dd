import { z } from 'zod';
import { randomBytes, utf8 } from './bytes';
import { VaultError } from './errors';

/** Version of the record encoding; part of the AAD so old and new encodings cannot be confused. */
export const RECORD_VERSION = 1;

/** Object stores holding sealed records; the name is part of the AAD. */
export type RecordStore = 'accounts' | 'recoveryKeys' | 'connections';

const BytesSchema = z.instanceof(Uint8Array);

/** An encrypted record as stored in IndexedDB. */
export const SealedRecordSchema = z.object({
  id: z.string().min(1),
  v: z.number().int(),
  iv: BytesSchema,
  ct: BytesSchema,
});
export type SealedRecord = z.infer<typeof SealedRecordSchema>;

/** The data key wrapped by the password-derived KEK. */
export interface WrappedKey {
  iv: Uint8Array<ArrayBuffer>;
  wrappedKey: Uint8Array<ArrayBuffer>;
}

const DATA_KEY_BYTES = 32;
const IV_BYTES = 12;
// Binds the wrapped key to its purpose: a record ciphertext cannot be passed off as the wrapped key.
const WRAP_AAD = utf8('tessera-vault/data-key/v1');

/** Binds a ciphertext to its store, id and encoding version: a record copied elsewhere fails to decrypt. */
function recordAad(store: RecordStore, id: string, v: number): Uint8Array<ArrayBuffer> {
  return utf8(JSON.stringify(['tessera-vault/record', store, id, v]));
}

/** Copy into a fresh ArrayBuffer-backed array, the only kind WebCrypto's types accept. */
function own(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** A fresh random 256-bit data key (raw bytes). */
export function generateDataKey(): Uint8Array<ArrayBuffer> {
  return randomBytes(DATA_KEY_BYTES);
}

/** Imports raw data-key bytes as a non-extractable AES-256-GCM key; refuses anything but 32 bytes. */
export async function importDataKey(raw: Uint8Array): Promise<CryptoKey> {
  if (raw.length !== DATA_KEY_BYTES) {
    throw new VaultError(
      'invalid',
      'The saved vault key has the wrong size. Unlock the vault with your password.',
    );
  }
  return crypto.subtle.importKey('raw', own(raw), 'AES-GCM', false, ['encrypt', 'decrypt']);
}

/** Encrypts the raw data key under the KEK (AES-256-GCM, fresh IV). */
export async function wrapDataKey(kek: CryptoKey, rawKey: Uint8Array): Promise<WrappedKey> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: WRAP_AAD }, kek, own(rawKey));
  return { iv, wrappedKey: new Uint8Array(ct) };
}

/** Recovers the raw data key; a wrong password (wrong KEK) fails GCM authentication → 'wrong-password'. */
export async function unwrapDataKey(kek: CryptoKey, wrapped: WrappedKey): Promise<Uint8Array<ArrayBuffer>> {
  try {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(wrapped.iv), additionalData: WRAP_AAD },
      kek,
      own(wrapped.wrappedKey),
    );
    return new Uint8Array(raw);
  } catch {
    throw new VaultError(
      'wrong-password',
      'That password is not correct. Check Caps Lock and the keyboard layout, then try again.',
    );
  }
}

/** Encrypts one record as JSON with a fresh 96-bit IV and AAD = store + id + version. */
export async function sealRecord(
  key: CryptoKey,
  store: RecordStore,
  id: string,
  value: unknown,
): Promise<SealedRecord> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: recordAad(store, id, RECORD_VERSION) },
    key,
    utf8(JSON.stringify(value)),
  );
  return { id, v: RECORD_VERSION, iv, ct: new Uint8Array(ct) };
}

/** Decrypts a sealed record; any alteration, or a record moved to another id or store, → 'tampered'. */
export async function openRecord(key: CryptoKey, store: RecordStore, sealed: unknown): Promise<unknown> {
  const parsed = SealedRecordSchema.safeParse(sealed);
  const id = parsed.success ? parsed.data.id : String((sealed as { id?: unknown } | null)?.id ?? '?');
  const damaged = () =>
    new VaultError(
      'tampered',
      `The vault entry ${id} is damaged or was altered, so it cannot be read. Other entries are not affected; ` +
        'restore this one from a backup or delete it.',
      { recordId: id },
    );
  if (!parsed.success || parsed.data.v !== RECORD_VERSION) throw damaged();
  const { v, iv, ct } = parsed.data;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(iv), additionalData: recordAad(store, id, v) },
      key,
      own(ct),
    );
    return JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw damaged();
  }
}

/** A small ciphertext under the data key, so a resumed raw key can be checked before use. */
export interface KeyCheck {
  iv: Uint8Array<ArrayBuffer>;
  ct: Uint8Array<ArrayBuffer>;
}

const KEY_CHECK_AAD = utf8('tessera-vault/key-check/v1');

/** Encrypts nothing under the data key: GCM's tag alone proves the key later. */
export async function makeKeyCheck(key: CryptoKey): Promise<KeyCheck> {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: KEY_CHECK_AAD },
    key,
    new Uint8Array(0),
  );
  return { iv, ct: new Uint8Array(ct) };
}

/** True when `key` is the data key that produced `check`. */
export async function verifyKeyCheck(key: CryptoKey, check: KeyCheck): Promise<boolean> {
  try {
    await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: own(check.iv), additionalData: KEY_CHECK_AAD },
      key,
      own(check.ct),
    );
    return true;
  } catch {
    return false;
  }
}
