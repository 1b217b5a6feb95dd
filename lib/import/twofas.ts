import { z } from 'zod';
import { aesGcmDecrypt, pbkdf2 } from './crypto';
import { EncodingError, fromBase64, utf8OrNull } from './encoding';
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

// Format: 2FAS Android `BackupService` (twofas/2fas-android) and its encrypted form as decoded by Aegis'
// TwoFASImporter: `servicesEncrypted` = base64(ciphertext||tag) ":" base64(salt) ":" base64(iv),
// key = PBKDF2-HMAC-SHA256(password, salt, 10,000, 256 bits), AES-GCM. `reference` is a fixed text
// encrypted with the same key, which lets us tell a wrong password from a damaged file.

const PBKDF2_ITERATIONS = 10_000;

const BackupSchema = z.looseObject({
  services: z.array(z.unknown()).optional(),
  servicesEncrypted: z.string().optional(),
  reference: z.string().optional(),
});

const ServiceSchema = z.object({
  name: z.string().nullish(),
  secret: z.string(),
  otp: z
    .object({
      account: z.string().nullish(),
      label: z.string().nullish(),
      issuer: z.string().nullish(),
      digits: z.number().nullish(),
      period: z.number().nullish(),
      counter: z.number().nullish(),
      algorithm: z.string().nullish(),
      tokenType: z.string().nullish(),
    })
    .nullish(),
  icon: z
    .object({ selected: z.string().nullish(), brand: z.object({ id: z.string().nullish() }).nullish() })
    .nullish(),
});

/** True when a parsed JSON value is shaped like a 2FAS backup (`services` or `servicesEncrypted`). */
export function looksLikeTwoFas(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  return typeof rawField(json, 'servicesEncrypted') === 'string' || Array.isArray(rawField(json, 'services'));
}

interface Sealed {
  ciphertext: Uint8Array;
  salt: Uint8Array;
  iv: Uint8Array;
}

function unpack(field: string): Sealed {
  const parts = field.split(':');
  if (parts.length < 3) throw corruptError('2FAS', 'the encrypted part is incomplete');
  try {
    return {
      ciphertext: fromBase64(parts[0] ?? ''),
      salt: fromBase64(parts[1] ?? ''),
      iv: fromBase64(parts[2] ?? ''),
    };
  } catch (error) {
    if (error instanceof EncodingError) throw corruptError('2FAS', 'the encrypted part is not valid base64');
    throw error;
  }
}

const WRONG_PASSWORD =
  'That password does not open this 2FAS backup. Use the password you chose when you exported it from 2FAS.';

async function decryptServices(encrypted: string, reference: string | undefined, password: string) {
  const services = unpack(encrypted);
  const key = await pbkdf2('SHA-256', password, services.salt, PBKDF2_ITERATIONS, 32);
  const plain = await aesGcmDecrypt(key, services.iv, services.ciphertext);
  if (!plain) {
    if (reference === undefined) {
      throw new ImportError(
        'wrong-password',
        `${WRONG_PASSWORD} If the password is right, the file is damaged.`,
      );
    }
    const check = unpack(reference);
    const referenceKey = await pbkdf2('SHA-256', password, check.salt, PBKDF2_ITERATIONS, 32);
    if (!(await aesGcmDecrypt(referenceKey, check.iv, check.ciphertext))) {
      throw new ImportError('wrong-password', WRONG_PASSWORD);
    }
    throw corruptError('2FAS', 'the password is right but the encrypted accounts are damaged');
  }
  const text = utf8OrNull(plain);
  try {
    return JSON.parse(text ?? '');
  } catch {
    throw corruptError('2FAS', 'the decrypted accounts are not valid JSON');
  }
}

function importService(raw: unknown) {
  const service = readEntry(ServiceSchema, raw);
  const otp = service.otp ?? {};
  return buildAccount({
    type: parseOtpType(otp.tokenType),
    issuer: otp.issuer || service.name,
    label: otp.account || otp.label,
    secret: service.secret,
    algorithm: parseAlgorithm(otp.algorithm),
    digits: otp.digits ?? undefined,
    period: otp.period ?? undefined,
    counter: otp.counter ?? undefined,
    iconHint: service.icon?.selected === 'Brand' ? service.icon.brand?.id : undefined,
  });
}

/** Imports a 2FAS `.2fas` backup, plain or password-encrypted. */
export async function importTwoFas(json: unknown, password?: string): Promise<ImportResult> {
  const backup = BackupSchema.safeParse(json);
  if (!backup.success) throw corruptError('2FAS', 'the backup structure is malformed');
  let services: unknown = backup.data.services;
  if (backup.data.servicesEncrypted) {
    if (!password) throw needsPasswordError('2FAS');
    services = await decryptServices(backup.data.servicesEncrypted, backup.data.reference, password);
  }
  if (!Array.isArray(services)) throw corruptError('2FAS', 'the backup has no list of services');

  const collector = new ImportCollector();
  for (const [index, raw] of services.entries()) {
    const otp = rawField(raw, 'otp');
    const name = entryName(rawField(raw, 'name'), rawField(otp, 'account'), `Service ${index + 1}`);
    await collector.add(name, () => importService(raw));
  }
  return collector.result('2fas');
}
