import { describe, expect, it } from 'vitest';
import { newPasswordProblems, visibleProblems } from '../../../lib/password/new-password';

const nothingDone = { passwordLeft: false, confirmLeft: false, submitted: false };
const STRONG = 'correct horse battery staple';

describe('newPasswordProblems', () => {
  it('accepts a strong password typed twice', () => {
    expect(newPasswordProblems({ password: STRONG, confirm: STRONG, weakAccepted: null })).toEqual([]);
  });

  it('refuses a weak password until the user chose to use it anyway', () => {
    const entry = { password: 'password', confirm: 'password' };
    expect(newPasswordProblems({ ...entry, weakAccepted: null })).toEqual(['weak']);
    expect(newPasswordProblems({ ...entry, weakAccepted: 'password' })).toEqual([]);
  });

  it('asks again when the accepted weak password is changed', () => {
    expect(
      newPasswordProblems({ password: 'password1', confirm: 'password1', weakAccepted: 'password' }),
    ).toEqual(['weak']);
  });

  it('reports a short password and a differing confirmation', () => {
    expect(newPasswordProblems({ password: 'kurz', confirm: 'kur', weakAccepted: null })).toEqual([
      'too-short',
      'mismatch',
    ]);
  });
});

describe('visibleProblems', () => {
  it('shows nothing on an untouched form', () => {
    expect(visibleProblems({ password: '', confirm: '', weakAccepted: null }, nothingDone)).toEqual([]);
  });

  it('keeps "too short" quiet while the user is still typing the password', () => {
    expect(visibleProblems({ password: 'corr', confirm: '', weakAccepted: null }, nothingDone)).toEqual([]);
  });

  it('shows "too short" once the user left the password field', () => {
    const entry = { password: 'corr', confirm: '', weakAccepted: null };
    expect(visibleProblems(entry, { ...nothingDone, passwordLeft: true })).toEqual(['too-short']);
  });

  it('shows a mismatch only after typing in the confirmation', () => {
    const typed = { password: STRONG, confirm: '', weakAccepted: null };
    expect(visibleProblems(typed, { ...nothingDone, passwordLeft: true })).toEqual([]);
    expect(visibleProblems({ ...typed, confirm: 'correct' }, { ...nothingDone, passwordLeft: true })).toEqual(
      [],
    );
    expect(visibleProblems({ ...typed, confirm: 'correct' }, { ...nothingDone, confirmLeft: true })).toEqual([
      'mismatch',
    ]);
    expect(visibleProblems({ ...typed, confirm: `${STRONG}!` }, nothingDone)).toEqual(['mismatch']);
  });

  it('shows every problem, the weak password included, once the user tried to submit', () => {
    const entry = { password: 'password', confirm: '', weakAccepted: null };
    expect(visibleProblems(entry, { ...nothingDone, submitted: true })).toEqual(['weak', 'mismatch']);
  });
});
