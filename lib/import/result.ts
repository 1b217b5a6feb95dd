import { z } from 'zod';
import { AccountSchema } from '../otp/account';

/** The export formats `importFile` understands. */
export const ImportFormatSchema = z.enum([
  'otpauth-list',
  'aegis',
  '2fas',
  'andotp',
  'bitwarden',
  'authenticator-extension',
]);
export type ImportFormat = z.infer<typeof ImportFormatSchema>;

/** An account read from another app's export, with what else that app knew about it. */
export const ImportedAccountSchema = AccountSchema.extend({
  note: z.string().optional(),
  /** The source app's icon or brand name for the entry, for picking a matching icon. */
  iconHint: z.string().optional(),
  /** Web addresses the source app linked to the entry (Bitwarden `login.uris`). */
  sites: z.array(z.string()).optional(),
});
export type ImportedAccount = z.infer<typeof ImportedAccountSchema>;

/** One entry that could not be imported, named so the user can find it in the source app. */
export const ImportFailureSchema = z.object({
  entry: z.string(),
  reason: z.string(),
});
export type ImportFailure = z.infer<typeof ImportFailureSchema>;

/** What one import produced: every entry ends up in exactly one of `accounts` or `failures`. */
export const ImportResultSchema = z.object({
  format: ImportFormatSchema,
  accounts: z.array(ImportedAccountSchema),
  failures: z.array(ImportFailureSchema),
});
export type ImportResult = z.infer<typeof ImportResultSchema>;
