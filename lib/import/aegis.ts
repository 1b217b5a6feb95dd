import { z } from 'zod';
import { aesGcmDecrypt, scryptKey } from './crypto';
import { concatBytes, EncodingError, fromBase64, fromHex, utf8OrNull } from './encoding';
import {
  buildAccount,
  EntryError,
  entryName,
  ImportCollector,
  parseAlgorithm,
  rawField,
  readEntry,
} from './entries';
import { corruptError, ImportError, needsPasswordError } from './import-error';
import type { ImportResult } from './result';

// Format: beemdevelopment/Aegis docs/vault.md. Encrypted vaults keep the master key wrapped once per
// credential ("slot"); password slots (type 1) derive the wrapping key with scrypt.

const GcmParamsSchema = z.object({ nonce: z.string(), tag: z.string() });

const VaultSchema = z.object({
  version: z.number(),
  header: z.object({
    slots: z.array(z.looseObject({ type: z.number() })).nullable(),
    params: GcmParamsSchema.nullable(),
  }),
  db: z.union([z.string(), z.looseObject({})]),
});

const PasswordSlotSchema = z.object({
  type: z.literal(1),
  key: z.string(),
  key_params: GcmParamsSchema,
  n: z.number().int(),
  r: z.number().int(),
  p: z.number().int(),
  salt: z.string(),
});

const ContentSchema = z.object({ entries: z.array(z.unknown()) });

const EntrySchema = z.object({
  type: z.string(),
  name: z.string().nullish(),
  issuer: z.string().nullish(),
  note: z.string().nullish(),
  info: z.object({
    secret: z.string(),
    algo: z.string().nullish(),
    digits: z.number().optional(),
    period: z.number().optional(),
    counter: z.number().optional(),
  }),
});

const OTHER_TYPES: Record<string, string> = { yandex: 'Yandex', motp: 'mOTP' };

/** True when a parsed JSON value is shaped like an Aegis vault (`version`, `header`, `db`). */
export function looksLikeAegis(json: unknown): boolean {
  return typeof json === 'object' && json !== null && 'header' in json && 'db' in json;
}

// scrypt's memory is 128·N·r bytes; refuse what no Aegis build writes rather than hang the page.
function checkScryptParams(slot: z.infer<typeof PasswordSlotSchema>): void {
  const powerOfTwo = slot.n > 1 && (slot.n & (slot.n - 1)) === 0;
  if (!powerOfTwo || slot.n > 2 ** 20 || slot.r < 1 || slot.r > 32 || slot.p < 1 || slot.p > 16) {
    throw corruptError('Aegis', 'its password settings are out of range');
  }
}

async function unwrapMasterKey(
  slots: z.infer<typeof PasswordSlotSchema>[],
  password: string,
): Promise<Uint8Array> {
  for (const slot of slots) {
    checkScryptParams(slot);
    const kek = await scryptKey(password, fromHex(slot.salt), slot);
    const master = await aesGcmDecrypt(
      kek,
      fromHex(slot.key_params.nonce),
      concatBytes(fromHex(slot.key), fromHex(slot.key_params.tag)),
    );
    if (master) return master;
  }
  throw new ImportError(
    'wrong-password',
    'That password does not unlock this Aegis vault. Use the password you set in Aegis (Settings → Security), then try again.',
  );
}

async function decryptContent(
  vault: z.infer<typeof VaultSchema>,
  db: string,
  password?: string,
): Promise<unknown> {
  const slots = (vault.header.slots ?? [])
    .filter((slot) => slot.type === 1)
    .map((slot) => PasswordSlotSchema.safeParse(slot));
  if (!vault.header.params) throw corruptError('Aegis', 'the encryption parameters are missing');
  if (slots.length === 0) {
    throw new ImportError(
      'unsupported',
      'This Aegis vault can only be unlocked with biometrics, not with a password. In Aegis, set a password (Settings → Security) or export an unencrypted vault, then import that file.',
    );
  }
  if (!password) throw needsPasswordError('Aegis');
  if (slots.some((slot) => !slot.success)) throw corruptError('Aegis', 'a password slot is incomplete');
  const master = await unwrapMasterKey(
    slots.flatMap((slot) => (slot.success ? [slot.data] : [])),
    password,
  );
  const plain = await aesGcmDecrypt(
    master,
    fromHex(vault.header.params.nonce),
    concatBytes(fromBase64(db), fromHex(vault.header.params.tag)),
  );
  const text = plain && utf8OrNull(plain);
  if (!text) throw corruptError('Aegis', 'the vault contents do not match their checksum');
  try {
    return JSON.parse(text);
  } catch {
    throw corruptError('Aegis', 'the decrypted vault is not valid JSON');
  }
}

function importEntry(raw: unknown) {
  const entry = readEntry(EntrySchema, raw);
  const type = entry.type.toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new EntryError(
      `It is a ${OTHER_TYPES[type] ?? entry.type} entry; Tessera supports TOTP, HOTP and Steam codes only.`,
    );
  }
  return buildAccount({
    type,
    issuer: entry.issuer,
    label: entry.name,
    secret: entry.info.secret,
    algorithm: parseAlgorithm(entry.info.algo),
    digits: entry.info.digits,
    period: entry.info.period,
    counter: entry.info.counter,
    note: entry.note,
  });
}

/** Imports a plain or password-encrypted Aegis vault export. */
export async function importAegis(json: unknown, password?: string): Promise<ImportResult> {
  const vault = VaultSchema.safeParse(json);
  if (!vault.success) throw corruptError('Aegis', 'the vault header is missing or malformed');
  let contentJson: unknown;
  try {
    contentJson =
      typeof vault.data.db === 'string'
        ? await decryptContent(vault.data, vault.data.db, password)
        : vault.data.db;
  } catch (error) {
    if (error instanceof EncodingError)
      throw corruptError('Aegis', 'a key or nonce is not valid hex or base64');
    throw error;
  }
  const content = ContentSchema.safeParse(contentJson);
  if (!content.success) throw corruptError('Aegis', 'the vault has no entry list');

  const collector = new ImportCollector();
  for (const [index, raw] of content.data.entries.entries()) {
    const name = entryName(rawField(raw, 'issuer'), rawField(raw, 'name'), `Entry ${index + 1}`);
    await collector.add(name, () => importEntry(raw));
  }
  return collector.result('aegis');
}
