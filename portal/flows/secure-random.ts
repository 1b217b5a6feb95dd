import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Random identifier for database rows (128 bits, URL-safe). */
export const newId = (): string => randomBytes(16).toString('base64url');

/** Random secret handed to a client (256 bits, URL-safe); store only its hash. */
export const newSecretToken = (): string => randomBytes(32).toString('base64url');

/** SHA-256 hex of a high-entropy secret (tokens, session ids, recovery keys): enough, no stretching needed. */
export const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A 6-digit code from the CSPRNG (ASVS V6.5.3, 20 bits). */
export const newNumericCode = (): string => String(randomInt(0, 1_000_000)).padStart(6, '0');

/** Constant-time comparison of two hex digests. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

/** RFC 8628 §6.1 user code: 8 consonants (no vowels, so no words), shown as XXXX-XXXX. */
export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(0, USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Upper-cases a typed user code and restores its dash, so "bcdf ghjk" matches BCDF-GHJK. */
export function normaliseUserCode(input: string): string {
  const letters = input.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}
