import { argon2id } from 'hash-wasm';
import { z } from 'zod';
import { base64ToBytes, bytesToBase64, randomBytes, utf8 } from './bytes';
import { VaultError } from './errors';

/** Salt: base64 of 16–64 random bytes. */
const SaltSchema = z.base64().refine((s) => {
  const n = base64ToBytes(s).length;
  return n >= 16 && n <= 64;
}, 'The KDF salt must be 16 to 64 bytes.');

// Upper bounds stop a tampered meta record from hanging or crashing unlock (memory, time).
export const Argon2idParamsSchema = z.object({
  algo: z.literal('argon2id'),
  memoryKiB: z
    .number()
    .int()
    .positive()
    .max(1024 * 1024),
  iterations: z.number().int().positive().max(64),
  parallelism: z.number().int().min(1).max(16),
  salt: SaltSchema,
});

export const Pbkdf2ParamsSchema = z.object({
  algo: z.literal('pbkdf2-sha256'),
  iterations: z.number().int().positive().max(20_000_000),
  salt: SaltSchema,
});

/** Password-hashing settings stored next to the wrapped data key. */
export const KdfParamsSchema = z.discriminatedUnion('algo', [Argon2idParamsSchema, Pbkdf2ParamsSchema]);
export type KdfParams = z.infer<typeof KdfParamsSchema>;
export type KdfAlgo = KdfParams['algo'];

/** The weakest settings unlock accepts. */
export interface KdfMinimums {
  argon2idMemoryKiB: number;
  argon2idIterations: number;
  pbkdf2Iterations: number;
}

/** OWASP Password Storage floor: Argon2id 19 MiB / t=2, PBKDF2-HMAC-SHA256 600,000. */
export const PRODUCTION_KDF_MINIMUMS: Readonly<KdfMinimums> = Object.freeze({
  argon2idMemoryKiB: 19 * 1024,
  argon2idIterations: 2,
  pbkdf2Iterations: 600_000,
});

/** Fresh-salted defaults: Argon2id 64 MiB/t=3/p=4 (RFC 9106 §4, Bitwarden) or PBKDF2-SHA256 600,000. */
export function defaultKdfParams(algo: KdfAlgo = 'argon2id'): KdfParams {
  const salt = bytesToBase64(randomBytes(16));
  if (algo === 'pbkdf2-sha256') return { algo, iterations: 600_000, salt };
  return { algo, memoryKiB: 64 * 1024, iterations: 3, parallelism: 4, salt };
}

/** Refuses settings below the floor: a tampered vault record must not make the password cheap to guess. */
export function assertKdfStrongEnough(
  params: KdfParams,
  minimums: KdfMinimums = PRODUCTION_KDF_MINIMUMS,
): void {
  const weak =
    params.algo === 'argon2id'
      ? params.memoryKiB < minimums.argon2idMemoryKiB || params.iterations < minimums.argon2idIterations
      : params.iterations < minimums.pbkdf2Iterations;
  if (!weak) return;
  const floor =
    params.algo === 'argon2id'
      ? `Argon2id with at least ${minimums.argon2idMemoryKiB} KiB and ${minimums.argon2idIterations} passes`
      : `PBKDF2-SHA256 with at least ${minimums.pbkdf2Iterations.toLocaleString('en')} iterations`;
  throw new VaultError(
    'kdf-too-weak',
    `The vault's password-protection settings are weaker than Tessera allows (${floor} required). ` +
      'They may have been altered to make your password easier to crack, so the vault was not unlocked. ' +
      'Restore the vault from a backup or reinstall Tessera, and do not type your password until then.',
  );
}

/** Derives the non-extractable AES-256-GCM key that wraps the vault's data key. */
export async function deriveKek(password: string, params: KdfParams): Promise<CryptoKey> {
  // NFC: the same password typed on different systems must derive the same key.
  const secret = utf8(password.normalize('NFC'));
  const salt = base64ToBytes(params.salt);
  const usages: KeyUsage[] = ['encrypt', 'decrypt'];
  if (params.algo === 'pbkdf2-sha256') {
    const base = await crypto.subtle.importKey('raw', secret, 'PBKDF2', false, ['deriveKey']);
    return crypto.subtle.deriveKey(
      { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: params.iterations },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      usages,
    );
  }
  const raw = await argon2id({
    password: secret,
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    outputType: 'binary',
  });
  try {
    return await crypto.subtle.importKey('raw', new Uint8Array(raw), 'AES-GCM', false, usages);
  } finally {
    raw.fill(0);
  }
}
