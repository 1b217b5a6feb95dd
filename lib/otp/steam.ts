/** Steam Guard: RFC 6238 HMAC-SHA1 with 30 s steps, encoded as 5 symbols of this 26-letter alphabet. */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
export const STEAM_DIGITS = 5;
export const STEAM_PERIOD = 30;

/** Encodes the 31-bit dynamic-truncation value least-significant symbol first, as Steam does. */
export function encodeSteamCode(truncated: number, length: number): string {
  let value = truncated;
  let code = '';
  for (let i = 0; i < length; i++) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}
