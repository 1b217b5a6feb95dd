import type { Account } from './account';

/**
 * How an account being added relates to one already held:
 * - 'same': the same secret generating the same codes (type, algorithm, digits, period): a true copy;
 * - 'reenrollment': the same issuer and account name with a different key: the site issued a new secret
 *   (2FA set up again), or another account happens to share the names; the user chooses which;
 * - null: unrelated.
 * An HOTP counter is not compared: the held one has moved on with every code used.
 */
export type Relation = 'same' | 'reenrollment' | null;

type Compared = Pick<Account, 'type' | 'issuer' | 'label' | 'secret' | 'algorithm' | 'digits' | 'period'>;

const fold = (text: string): string => text.trim().toLowerCase();

/** Compares two secrets in time that depends only on their lengths, never on where they first differ. */
export function sameSecret(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    // charCodeAt past the end is NaN, which `| 0` turns into 0 like any other mismatch already counted above.
    difference |= (a.charCodeAt(i) | 0) ^ (b.charCodeAt(i) | 0);
  }
  return difference === 0;
}

function sameCodes(a: Compared, b: Compared): boolean {
  return (
    a.type === b.type &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    (a.type === 'hotp' || a.period === b.period) &&
    sameSecret(a.secret, b.secret)
  );
}

function sameNames(a: Compared, b: Compared): boolean {
  // Two nameless accounts have nothing in common to go by.
  if (fold(a.issuer) === '' && fold(a.label) === '') return false;
  return fold(a.issuer) === fold(b.issuer) && fold(a.label) === fold(b.label);
}

/** What `candidate` is to the `held` account (see Relation). */
export function relationOf(held: Compared, candidate: Compared): Relation {
  if (sameCodes(held, candidate)) return 'same';
  if (sameNames(held, candidate)) return 'reenrollment';
  return null;
}

/** A held account and what a new one is to it. */
export interface Relative<T> {
  relation: 'same' | 'reenrollment';
  account: T;
}

/** The first held account the candidate copies, else the first it re-enrolls, else null. */
export function closestRelative<T extends Compared>(
  held: readonly T[],
  candidate: Compared,
): Relative<T> | null {
  const same = held.find((account) => relationOf(account, candidate) === 'same');
  if (same) return { relation: 'same', account: same };
  const renewed = held.find((account) => relationOf(account, candidate) === 'reenrollment');
  return renewed ? { relation: 'reenrollment', account: renewed } : null;
}
