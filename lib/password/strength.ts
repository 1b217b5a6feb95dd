/** How guessable a new master password looks: a hint for the setup form, not a gate. */
export type PasswordStrength = 'too-short' | 'weak' | 'fair' | 'strong';

export const MIN_MASTER_PASSWORD_LENGTH = 8;

/**
 * Rough entropy estimate from length and character variety, penalising repeats and common sequences. Real
 * guessability needs a dictionary (zxcvbn is 400 KB); this is enough to steer people away from "password1".
 */
export function passwordStrength(password: string): PasswordStrength {
  if (password.length < MIN_MASTER_PASSWORD_LENGTH) return 'too-short';
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  const distinct = new Set(password).size;
  const pool = [26, 26, 10, 33].slice(0, classes).reduce((a, b) => a + b, 0);
  let bits = Math.min(password.length, distinct * 2) * Math.log2(Math.max(pool, 10));
  if (/(password|qwerty|123456|abcdef|letmein|iloveyou)/i.test(password)) bits /= 3;
  if (bits >= 80) return 'strong';
  if (bits >= 50) return 'fair';
  return 'weak';
}
