import { z } from 'zod';
import type { Settings } from './settings';

/**
 * Organisation policy, read from `storage.managed` (Chromium: `3rdparty.extensions.<id>` policies checked
 * against public/managed_schema.json; Firefox: enterprise policies `3rdparty.Extensions.<id>` or a managed
 * storage manifest). Every field is optional; a field an administrator mistyped is ignored on its own, so one
 * error never drops the rest of the policy. Policy only ever tightens what the user chose.
 */
export const PolicySchema = z.object({
  /** Auto-lock can be set shorter, never longer. */
  maxAutoLockMinutes: z.number().int().min(1).max(1440).optional().catch(undefined),
  /** Applies to a new master password (setup and change); the vault's own minimum (8) still holds below it. */
  minPasswordLength: z.number().int().min(1).max(128).optional().catch(undefined),
  /** Turns off the unencrypted exports (otpauth list, Google Authenticator QR codes). */
  disablePlainExport: z.boolean().optional().catch(undefined),
  /** An encrypted backup is due this many days after the last one; past due the reminder cannot be hidden. */
  backupEveryDays: z.number().int().min(1).max(3650).optional().catch(undefined),
  /** Portal origins (https://portal.example.com) the user may pair with; absent means any. */
  allowedPortals: z.array(z.string()).optional().catch(undefined),
});
export type Policy = z.infer<typeof PolicySchema>;

const DAY_MS = 24 * 60 * 60_000;

/** Reads whatever managed storage holds (an object, nothing, or garbage) into a policy. */
export function readPolicy(stored: unknown): Policy {
  const parsed = PolicySchema.parse(typeof stored === 'object' && stored !== null ? stored : {});
  // Drop keys left undefined by `.catch`, so an empty policy is `{}`.
  return Object.fromEntries(Object.entries(parsed).filter(([, value]) => value !== undefined)) as Policy;
}

/** The settings in force: the user's choices, tightened by policy. */
export function enforceSettings(settings: Settings, policy: Policy): Settings {
  const max = policy.maxAutoLockMinutes;
  return max === undefined
    ? settings
    : { ...settings, autoLockMinutes: Math.min(settings.autoLockMinutes, max) };
}

/** Why a settings change is refused under this policy, or null when it is allowed. */
export function settingsChangeRefusal(patch: Partial<Settings>, policy: Policy): string | null {
  const max = policy.maxAutoLockMinutes;
  if (max !== undefined && patch.autoLockMinutes !== undefined && patch.autoLockMinutes > max) {
    return `Your organisation allows an auto-lock time of at most ${max} minutes.`;
  }
  return null;
}

/** Why a new master password is refused under this policy, or null. Counts characters, not UTF-16 units. */
export function passwordRefusal(password: string, policy: Policy): string | null {
  const min = policy.minPasswordLength;
  if (min !== undefined && [...password].length < min) {
    return `Your organisation requires a master password of at least ${min} characters. Choose a longer one; a few unrelated words work well.`;
  }
  return null;
}

/** Why plain export is refused, or null. */
export function plainExportRefusal(policy: Policy): string | null {
  return policy.disablePlainExport
    ? 'Your organisation has turned off unencrypted exports. Use the encrypted backup instead.'
    : null;
}

/** Origins compare by scheme, host and port; an entry that is not a URL matches nothing. */
function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** Whether the user may pair with, or keep using, the portal at `origin`. */
export function portalAllowed(origin: string, policy: Policy): boolean {
  if (policy.allowedPortals === undefined) return true;
  const wanted = originOf(origin);
  return wanted !== null && policy.allowedPortals.some((entry) => originOf(entry) === wanted);
}

export function portalRefusal(origin: string, policy: Policy): string | null {
  return portalAllowed(origin, policy)
    ? null
    : `Your organisation does not allow Tessera to connect to ${origin}. Ask your administrator which portals are allowed.`;
}

export interface BackupDue {
  /** Days between required backups. */
  everyDays: number;
  /** When the next backup is due; null when none was ever made (due now). */
  dueAt: number | null;
  overdue: boolean;
}

/** The backup the policy requires, or null when it requires none. */
export function backupDue(lastBackupAt: number | null, policy: Policy, now: number): BackupDue | null {
  const everyDays = policy.backupEveryDays;
  if (everyDays === undefined) return null;
  const dueAt = lastBackupAt === null ? null : lastBackupAt + everyDays * DAY_MS;
  return { everyDays, dueAt, overdue: dueAt === null || now >= dueAt };
}
