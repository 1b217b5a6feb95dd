import { z } from 'zod';
import { KdfParamsSchema } from '../vault/kdf';
import { RecoveryKeySchema, VaultAccountSchema } from '../vault/records';

/** The `format` field every Tessera backup file carries. */
export const BACKUP_FORMAT = 'tessera-backup';

/** The newest backup version this build writes and reads. */
export const BACKUP_VERSION = 1;

/** The outer file: everything needed to decrypt it with only the backup password. */
export const BackupFileSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  createdAt: z.number().int().nonnegative(),
  kdf: KdfParamsSchema,
  /** AES-GCM over nothing: tells a wrong password apart from an altered ciphertext. */
  keyCheck: z.object({ iv: z.base64(), ciphertext: z.base64() }),
  iv: z.base64(),
  ciphertext: z.base64(),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

/** What the encrypted part holds: accounts with their ids and settings, and the recovery keys. */
export const BackupContentsSchema = z.object({
  accounts: z.array(VaultAccountSchema),
  recoveryKeys: z.array(RecoveryKeySchema),
});
export type BackupContents = z.infer<typeof BackupContentsSchema>;

/** True when the text is (or claims to be) a Tessera backup, so callers pick this reader over the importers. */
export function looksLikeBackup(text: string): boolean {
  try {
    const json: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return (json as { format?: unknown } | null)?.format === BACKUP_FORMAT;
  } catch {
    return false;
  }
}
