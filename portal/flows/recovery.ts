import { randomBytes } from 'node:crypto';
import { base32 } from '@scure/base';
import { sameHash, sha256 } from './secure-random';

/** A new recovery key: 160 bits from the CSPRNG, base32 in groups of four (e.g. ABCD-EFGH-…). */
export function newRecoveryKey(): string {
  const text = base32.encode(randomBytes(20));
  return text.match(/.{4}/g)?.join('-') ?? text;
}

/** Canonical form for hashing: upper case, no dashes or spaces, so typing variations still match. */
const canonical = (key: string): string => key.toUpperCase().replace(/[^A-Z2-7]/g, '');

/** Hash stored in place of the key (high entropy, so a plain SHA-256 suffices). */
export const hashRecoveryKey = (key: string): string => sha256(`recovery:${canonical(key)}`);

/** Whether a typed key matches the stored hash. */
export const recoveryKeyMatches = (input: string, hash: string | null): boolean =>
  hash !== null && sameHash(hashRecoveryKey(input), hash);
