import { describe, expect, it } from 'vitest';
import { readSettings } from '../../../lib/settings';

describe('stored settings', () => {
  it('fills every default when nothing is stored', () => {
    expect(readSettings(undefined)).toEqual({
      autoLockMinutes: 15,
      clipboardClearSeconds: 30,
      theme: 'system',
    });
  });

  it('keeps the auto-lock time written by earlier versions and drops unknown keys', () => {
    expect(readSettings({ autoLockMinutes: 60, legacy: true })).toEqual({
      autoLockMinutes: 60,
      clipboardClearSeconds: 30,
      theme: 'system',
    });
  });

  it('replaces each unreadable field by its default, keeping the others', () => {
    expect(readSettings({ autoLockMinutes: -3, clipboardClearSeconds: 0, theme: 'neon' })).toEqual({
      autoLockMinutes: 15,
      clipboardClearSeconds: 0,
      theme: 'system',
    });
    expect(readSettings('garbage')).toEqual(readSettings({}));
  });
});
