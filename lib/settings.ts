import { z } from 'zod';

/**
 * Settings kept in `storage.local` under `settings`. Every field has a default, and a stored value that is
 * missing or unreadable falls back to it field by field, so older or damaged settings never block startup.
 */
const fields = {
  /** Read by the background's auto-lock alarm (vault-session.ts). */
  autoLockMinutes: z.number().int().min(1).max(1440),
  /** How long a copied code stays on the clipboard; 0 leaves it there. */
  clipboardClearSeconds: z.number().int().min(0).max(600),
  theme: z.enum(['system', 'light', 'dark']),
};

export const SettingsSchema = z.object({
  autoLockMinutes: fields.autoLockMinutes.catch(15),
  clipboardClearSeconds: fields.clipboardClearSeconds.catch(30),
  theme: fields.theme.catch('system'),
});

/** A change the options page asks for: only valid values, and only the fields it changes. */
export const SettingsPatchSchema = z.object(fields).partial();
export type Settings = z.infer<typeof SettingsSchema>;

/** Reads stored settings (anything, including undefined) into complete settings with defaults. */
export function readSettings(stored: unknown): Settings {
  return SettingsSchema.parse(typeof stored === 'object' && stored !== null ? stored : {});
}
