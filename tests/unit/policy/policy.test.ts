import { describe, expect, it } from 'vitest';
import {
  backupDue,
  enforceSettings,
  passwordRefusal,
  plainExportRefusal,
  portalAllowed,
  readPolicy,
  settingsChangeRefusal,
} from '../../../lib/policy';
import { readSettings } from '../../../lib/settings';

const DAY = 24 * 60 * 60_000;

describe('readPolicy', () => {
  it('reads nothing, or garbage, as no policy', () => {
    expect(readPolicy(undefined)).toEqual({});
    expect(readPolicy('lock everything')).toEqual({});
    expect(readPolicy({})).toEqual({});
  });

  it('keeps the valid fields of a policy with a mistyped one', () => {
    // An administrator wrote the auto-lock time as a string: that field alone is ignored.
    expect(
      readPolicy({ maxAutoLockMinutes: '5', minPasswordLength: 14, disablePlainExport: true, extra: 1 }),
    ).toEqual({ minPasswordLength: 14, disablePlainExport: true });
  });
});

describe('auto-lock under policy', () => {
  const settings = readSettings({ autoLockMinutes: 60 });

  it('caps a longer user choice at the organisation maximum and leaves shorter ones alone', () => {
    expect(enforceSettings(settings, { maxAutoLockMinutes: 15 }).autoLockMinutes).toBe(15);
    expect(
      enforceSettings(readSettings({ autoLockMinutes: 5 }), { maxAutoLockMinutes: 15 }).autoLockMinutes,
    ).toBe(5);
    expect(enforceSettings(settings, {})).toEqual(settings);
  });

  it('refuses a change above the maximum, allows one at or below it and other settings', () => {
    const policy = { maxAutoLockMinutes: 15 };
    expect(settingsChangeRefusal({ autoLockMinutes: 30 }, policy)).toMatch(/at most 15 minutes/);
    expect(settingsChangeRefusal({ autoLockMinutes: 15 }, policy)).toBeNull();
    expect(settingsChangeRefusal({ theme: 'dark' }, policy)).toBeNull();
    expect(settingsChangeRefusal({ autoLockMinutes: 240 }, {})).toBeNull();
  });
});

describe('master password length under policy', () => {
  it('refuses a new password shorter than the organisation minimum, counting characters', () => {
    const policy = { minPasswordLength: 12 };
    expect(passwordRefusal('eleven-char', policy)).toMatch(/at least 12 characters/);
    expect(passwordRefusal('twelve-chars', policy)).toBeNull();
    // Eleven emoji are 22 UTF-16 units but eleven characters.
    expect(passwordRefusal('🔑'.repeat(11), policy)).not.toBeNull();
    expect(passwordRefusal('short', {})).toBeNull();
  });
});

describe('plain export under policy', () => {
  it('is refused only when the organisation turned it off', () => {
    expect(plainExportRefusal({ disablePlainExport: true })).toMatch(/encrypted backup instead/);
    expect(plainExportRefusal({ disablePlainExport: false })).toBeNull();
    expect(plainExportRefusal({})).toBeNull();
  });
});

describe('allowed portals', () => {
  const policy = { allowedPortals: ['https://id.example.com', 'http://127.0.0.1:8787/'] };

  it('allows listed origins, compared by scheme, host and port', () => {
    expect(portalAllowed('https://id.example.com', policy)).toBe(true);
    expect(portalAllowed('http://127.0.0.1:8787', policy)).toBe(true);
    expect(portalAllowed('http://id.example.com', policy)).toBe(false);
    expect(portalAllowed('https://id.example.com:8443', policy)).toBe(false);
    expect(portalAllowed('https://evil.example.com', policy)).toBe(false);
  });

  it('allows any portal without a list, none with an empty one, and ignores entries that are not URLs', () => {
    expect(portalAllowed('https://anything.test', {})).toBe(true);
    expect(portalAllowed('https://id.example.com', { allowedPortals: [] })).toBe(false);
    expect(portalAllowed('https://id.example.com', { allowedPortals: ['id.example.com'] })).toBe(false);
  });
});

describe('required backups', () => {
  const now = Date.UTC(2026, 11, 4);

  it('requires nothing without the policy', () => {
    expect(backupDue(null, {}, now)).toBeNull();
  });

  it('is overdue at once when no backup was ever made', () => {
    expect(backupDue(null, { backupEveryDays: 30 }, now)).toEqual({
      everyDays: 30,
      dueAt: null,
      overdue: true,
    });
  });

  it('is due N days after the last backup and overdue from then on', () => {
    const last = now - 29 * DAY;
    expect(backupDue(last, { backupEveryDays: 30 }, now)).toEqual({
      everyDays: 30,
      dueAt: last + 30 * DAY,
      overdue: false,
    });
    expect(backupDue(now - 30 * DAY, { backupEveryDays: 30 }, now)?.overdue).toBe(true);
  });
});
