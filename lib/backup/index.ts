export { BackupError, type BackupErrorCode } from './errors';
export {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupContents,
  BackupContentsSchema,
  type BackupFile,
  BackupFileSchema,
  looksLikeBackup,
} from './format';
export { openBackup, sealBackup } from './seal';
