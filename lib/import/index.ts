export { ImportError, type ImportErrorCode } from './import-error';
export { detectImportFormat, importFile } from './import-file';
export {
  type ImportedAccount,
  ImportedAccountSchema,
  type ImportFailure,
  type ImportFormat,
  ImportFormatSchema,
  type ImportResult,
  ImportResultSchema,
} from './result';
