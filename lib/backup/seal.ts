import { base64ToBytes, bytesToBase64, randomBytes, utf8 } from '../vault/bytes';
import { defaultKdfParams, deriveKek, type KdfParams } from '../vault/kdf';
import { BackupError } from './errors';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupContents,
  BackupContentsSchema,
  type BackupFile,
  BackupFileSchema,
} from './format';

const IV_BYTES = 12;

// Binds the ciphertexts to the format and version: a v1 body can never be read as another version's.
const contentsAad = (version: number) => utf8(JSON.stringify([BACKUP_FORMAT, version, 'contents']));
const checkAad = (version: number) => utf8(JSON.stringify([BACKUP_FORMAT, version, 'key-check']));

async function encrypt(key: CryptoKey, plain: Uint8Array<ArrayBuffer>, aad: Uint8Array<ArrayBuffer>) {
  const iv = randomBytes(IV_BYTES);
  const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad }, key, plain);
  return { iv: bytesToBase64(iv), ciphertext: bytesToBase64(new Uint8Array(ct)) };
}

async function decrypt(
  key: CryptoKey,
  sealed: { iv: string; ciphertext: string },
  aad: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array | null> {
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: base64ToBytes(sealed.iv), additionalData: aad },
      key,
      base64ToBytes(sealed.ciphertext),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/**
 * Encrypts accounts and recovery keys into a self-contained backup file (JSON text): its own KDF parameters
 * (Argon2id by default) and AES-256-GCM, so only the backup password is needed to restore it anywhere.
 */
export async function sealBackup(
  contents: BackupContents,
  password: string,
  options: { kdf?: KdfParams; now?: number } = {},
): Promise<string> {
  const kdf = options.kdf ?? defaultKdfParams();
  const key = await deriveKek(password, kdf);
  const body = BackupContentsSchema.parse(contents);
  const file: BackupFile = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: options.now ?? Date.now(),
    kdf,
    keyCheck: await encrypt(key, new Uint8Array(0), checkAad(BACKUP_VERSION)),
    ...(await encrypt(key, utf8(JSON.stringify(body)), contentsAad(BACKUP_VERSION))),
  };
  return JSON.stringify(file, null, 2);
}

function readFile(text: string): BackupFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new BackupError(
      'corrupt',
      'This backup file is damaged or cut short (it is not valid JSON). Use another copy of the backup.',
    );
  }
  const head = json as { format?: unknown; version?: unknown } | null;
  if (head?.format !== BACKUP_FORMAT) {
    throw new BackupError(
      'not-a-backup',
      'This is not a Tessera backup file. Choose the .json file Tessera exported.',
    );
  }
  if (typeof head.version === 'number' && head.version > BACKUP_VERSION) {
    throw new BackupError(
      'newer-version',
      `This backup was made by a newer version of Tessera (backup version ${head.version}). Update Tessera, then restore it again.`,
    );
  }
  const parsed = BackupFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new BackupError(
      'corrupt',
      'This backup file is damaged or incomplete (some of its fields are missing or wrong). Use another copy of the backup.',
    );
  }
  return parsed.data;
}

function jsonOrNull(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/** Decrypts a backup file; throws BackupError for a wrong password, an altered or damaged file, or a newer version. */
export async function openBackup(text: string, password: string): Promise<BackupContents> {
  const file = readFile(text);
  const key = await deriveKek(password, file.kdf);
  if ((await decrypt(key, file.keyCheck, checkAad(file.version))) === null) {
    throw new BackupError(
      'wrong-password',
      'That backup password is not correct. Enter the password you chose when you made this backup.',
    );
  }
  const plain = await decrypt(key, file, contentsAad(file.version));
  const contents = plain && BackupContentsSchema.safeParse(jsonOrNull(plain));
  if (!contents?.success) {
    throw new BackupError(
      'tampered',
      'This backup file was altered or damaged after it was made, so nothing was restored. Use another copy of the backup.',
    );
  }
  return contents.data;
}
