import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { closestRelative, relationOf, sameSecret } from '../../../lib/otp/same-account';

const KEY = 'JBSWY3DPEHPK3PXP';
const NEW_KEY = 'GEZDGNBVGY3TQOJQ';

function account(overrides: Partial<Account> = {}): Account {
  return {
    type: 'totp',
    issuer: 'GitHub',
    label: 'octocat',
    secret: KEY,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

describe('sameSecret', () => {
  it.each([
    [KEY, KEY, true],
    [KEY, NEW_KEY, false],
    [KEY, `${KEY}A`, false],
    [`${KEY}A`, KEY, false],
    ['', '', true],
    ['AA', '', false],
  ])('%s vs %s → %s', (a, b, same) => {
    expect(sameSecret(a, b)).toBe(same);
  });
});

describe('relationOf', () => {
  it('the same secret is a copy, whatever the names (renamed in another app)', () => {
    expect(relationOf(account(), account({ issuer: 'GitHub, Inc.', label: 'work' }))).toBe('same');
  });

  it('the same names with a new secret is a re-enrollment, ignoring case and spaces', () => {
    expect(relationOf(account(), account({ issuer: ' github ', label: 'OCTOCAT', secret: NEW_KEY }))).toBe(
      'reenrollment',
    );
  });

  it('the same secret with other code parameters is not a copy (its codes differ)', () => {
    expect(relationOf(account(), account({ digits: 8 }))).toBe('reenrollment');
    expect(relationOf(account(), account({ algorithm: 'SHA256', label: 'other' }))).toBeNull();
    expect(relationOf(account(), account({ period: 60, label: 'other' }))).toBeNull();
    expect(relationOf(account(), account({ type: 'hotp', label: 'other' }))).toBeNull();
  });

  it('an HOTP copy is a copy even after its counter moved on', () => {
    expect(relationOf(account({ type: 'hotp', counter: 42 }), account({ type: 'hotp', counter: 0 }))).toBe(
      'same',
    );
  });

  it('another account with the same issuer and other name is unrelated', () => {
    expect(relationOf(account(), account({ label: 'hubot', secret: NEW_KEY }))).toBeNull();
  });

  it('two accounts without any name are not re-enrollments of each other', () => {
    expect(
      relationOf(account({ issuer: '', label: '' }), account({ issuer: '', label: '', secret: NEW_KEY })),
    ).toBeNull();
  });
});

describe('closestRelative', () => {
  const renamed = { ...account({ issuer: 'Old name', label: 'x' }), id: 'copy' };
  const sameNames = { ...account({ secret: NEW_KEY }), id: 'names' };

  it('prefers a true copy over a re-enrollment', () => {
    expect(closestRelative([sameNames, renamed], account())).toEqual({ relation: 'same', account: renamed });
  });

  it('finds the account a new key would replace', () => {
    const fresh = account({ secret: 'MFRGGZDFMZTWQ2LK' });
    expect(closestRelative([sameNames], fresh)).toEqual({ relation: 'reenrollment', account: sameNames });
  });

  it('is null for an account unlike any held', () => {
    expect(
      closestRelative([sameNames], account({ issuer: 'GitLab', secret: 'MFRGGZDFMZTWQ2LK' })),
    ).toBeNull();
  });
});
