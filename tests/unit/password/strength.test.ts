import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../../../lib/password/strength';

describe('passwordStrength', () => {
  it.each([
    ['', 'too-short'],
    ['abc123', 'too-short'],
    ['password1', 'weak'],
    ['aaaaaaaaaaaa', 'weak'],
    ['Password123456', 'weak'],
    ['blue-horse-91', 'fair'],
    ['correct horse battery staple', 'strong'],
    ['T7#kq9!Lm2@xZ4', 'strong'],
  ] as const)('%j is %s', (password, expected) => {
    expect(passwordStrength(password)).toBe(expected);
  });
});
