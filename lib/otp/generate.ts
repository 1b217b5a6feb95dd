import { base32nopad } from '@scure/base';
import { createGuardrails, generate, type HashAlgorithm } from 'otplib';
import type { Account, Algorithm } from './account';
import { MAX_SECRET_BYTES, MIN_SECRET_BYTES } from './secret';
import { encodeSteamCode, STEAM_DIGITS, STEAM_PERIOD } from './steam';

// otplib's defaults refuse the 80-bit secrets many sites issue (and shorter published ones); match the parser.
const guardrails = createGuardrails({ MIN_SECRET_BYTES, MAX_SECRET_BYTES });
const HASHES: Record<Algorithm, HashAlgorithm> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };
const steamHooks = { encodeToken: encodeSteamCode };

/**
 * 80 bits is what most real sites issue and what Google Authenticator's key-URI example uses; flagging it would
 * warn about nearly every account for nothing the user can change. Only shorter keys are worth a word.
 */
const WEAK_BELOW_BITS = 80;

/** The code shown at `atMs`, and when it stops being valid (null for HOTP, which changes on use). */
export async function generateCode(
  account: Account,
  atMs: number,
): Promise<{ code: string; expiresAtMs: number | null }> {
  const secret = base32nopad.decode(account.secret);
  const algorithm = HASHES[account.algorithm];
  if (account.type === 'hotp') {
    const code = await generate({
      strategy: 'hotp',
      secret,
      counter: account.counter,
      algorithm,
      digits: account.digits,
      guardrails,
    });
    return { code, expiresAtMs: null };
  }
  const steam = account.type === 'steam';
  const period = steam ? STEAM_PERIOD : account.period;
  const epoch = Math.floor(atMs / 1000);
  const code = await generate({
    secret,
    epoch,
    period,
    algorithm: steam ? 'sha1' : algorithm,
    digits: steam ? STEAM_DIGITS : account.digits,
    guardrails,
    hooks: steam ? steamHooks : undefined,
  });
  return { code, expiresAtMs: (Math.floor(epoch / period) + 1) * period * 1000 };
}

/** 'weak' below 80 bits: a hint for the UI, never a reason to refuse the account. */
export function secretStrength(secret: string): 'weak' | 'ok' {
  return Math.floor((secret.length * 5) / 8) * 8 < WEAK_BELOW_BITS ? 'weak' : 'ok';
}
