import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt cost parameters; stored with every hash so they can be raised later. */
export interface PasswordCost {
  N: number;
  r: number;
  p: number;
}

/** OWASP Password Storage Cheat Sheet: N=2^17, r=8, p=1 (128 MiB of memory per hash). */
export const PASSWORD_COST: PasswordCost = { N: 2 ** 17, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: PasswordCost): Promise<Buffer> {
  // Node refuses scrypt above `maxmem` (32 MiB by default); 128·N·r bytes plus headroom.
  const maxmem = 128 * cost.N * cost.r * cost.p + 32 * 1024 * 1024;
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, { ...cost, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
}

/** Hashes a password with scrypt; the result carries its parameters so they can be raised later. */
export async function hashPassword(password: string, cost: PasswordCost = PASSWORD_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

function costOf(stored: string): PasswordCost | undefined {
  const [scheme, n, r, p] = stored.split('$');
  if (scheme !== 'scrypt') return undefined;
  return { N: Number(n), r: Number(r), p: Number(p) };
}

/** Whether a stored hash is weaker than `cost` and should be replaced at the next successful sign-in. */
export function needsRehash(stored: string, cost: PasswordCost = PASSWORD_COST): boolean {
  const current = costOf(stored);
  return !current || current.N < cost.N || current.r < cost.r || current.p < cost.p;
}

const dummyHash = (cost: PasswordCost) =>
  `scrypt$${cost.N}$${cost.r}$${cost.p}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY_LENGTH).toString('base64')}`;

/**
 * Checks a password against a stored hash in constant time; with no hash (unknown e-mail) it still spends the
 * work of a hash at `cost`.
 */
export async function verifyPassword(
  password: string,
  stored: string | undefined,
  cost: PasswordCost = PASSWORD_COST,
): Promise<boolean> {
  const hash = stored ?? dummyHash(cost);
  const params = costOf(hash);
  const [, , , , salt, key] = hash.split('$');
  if (!params || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), params);
  return stored !== undefined && actual.length === expected.length && timingSafeEqual(actual, expected);
}
