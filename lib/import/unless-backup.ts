import { looksLikeBackup } from '../backup/format';
import { importFile } from './import-file';
import type { ImportResult } from './result';

/**
 * Parses another app's export where the file was read (the options page), so the importers — protobuf and
 * scrypt among them — never load in the service worker. A Tessera backup is left alone (undefined): the
 * background opens it with the vault's own KDF code.
 */
export async function parseUnlessBackup(
  fileName: string,
  input: string | Uint8Array,
  password?: string,
): Promise<ImportResult | undefined> {
  const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
  return looksLikeBackup(text) ? undefined : importFile(fileName, input, password || undefined);
}
