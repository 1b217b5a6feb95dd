import { base32nopad } from '@scure/base';
import { OtpauthError } from './errors';

/**
 * One byte: published key-URI examples and other authenticators' test vectors use 48- and 72-bit secrets, and
 * refusing a key the site already holds would lock the user out; short keys are flagged, never refused.
 */
export const MIN_SECRET_BYTES = 1;
/** 1024 base32 characters; anything longer is not a real TOTP secret. */
const MAX_SECRET_CHARS = 1024;
export const MAX_SECRET_BYTES = Math.floor((MAX_SECRET_CHARS * 5) / 8);

const BASE32_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Turns a secret as sites print it (any case, spaces, hyphens, `=` padding) into canonical
 * upper-case base32 without padding; throws OtpauthError when it is not usable.
 */
export function normalizeSecret(raw: string): string {
  const cleaned = raw.replace(/[\s=-]/g, '').toUpperCase();
  if (cleaned === '') {
    throw new OtpauthError(
      'missing-secret',
      'The code has no secret key. Scan the QR code again or type the key the site shows.',
    );
  }
  if (cleaned.length > MAX_SECRET_CHARS) {
    throw new OtpauthError(
      'too-long',
      `The secret key is over ${MAX_SECRET_CHARS} characters, which no site issues. Check that you copied only the key.`,
    );
  }
  const bad = [...cleaned].find((char) => !BASE32_ALPHABET.includes(char));
  if (bad !== undefined) {
    throw new OtpauthError(
      'not-base32',
      `The secret key contains “${bad}”, but keys only use the letters A–Z and digits 2–7. Check for typos (0/O, 1/I/L, 8/B).`,
    );
  }
  const canonical = dropTrailingBits(cleaned);
  const bytes = base32nopad.decode(canonical).length;
  if (bytes < MIN_SECRET_BYTES) {
    throw new OtpauthError(
      'secret-too-short',
      'The secret key is a single character, too short to hold a key. Check that you copied the whole key.',
    );
  }
  return canonical;
}

/**
 * Sloppy generators emit base32 lengths whose last character carries bits beyond the final byte; other
 * authenticators ignore those bits, so we cut them too (same key bytes) and @scure/base's strict decoder
 * accepts the result.
 */
function dropTrailingBits(base32: string): string {
  const byteCount = Math.floor((base32.length * 5) / 8);
  const charCount = Math.ceil((byteCount * 8) / 5);
  const excessBits = charCount * 5 - byteCount * 8;
  const kept = base32.slice(0, charCount);
  if (excessBits === 0 || kept === '') return kept;
  const last = BASE32_ALPHABET.indexOf(kept.at(-1) ?? 'A') & ~((1 << excessBits) - 1);
  return kept.slice(0, -1) + BASE32_ALPHABET[last];
}
