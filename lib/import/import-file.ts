import { importAegis, looksLikeAegis } from './aegis';
import { andOtpIterations, importAndOtp, looksLikeAndOtp } from './andotp';
import { importAuthenticatorExtension, looksLikeAuthenticatorExtension } from './authenticator-extension';
import { importBitwarden, looksLikeBitwarden } from './bitwarden';
import { utf8OrNull } from './encoding';
import { corruptError, ImportError } from './import-error';
import { importOtpauthList, looksLikeOtpauthList } from './otpauth-list';
import type { ImportFormat, ImportResult } from './result';
import { importTwoFas, looksLikeTwoFas } from './twofas';

/** A file as the importers need it: its text, its JSON when it parses, or raw bytes for binary backups. */
interface Sniffed {
  format: ImportFormat | null;
  text: string | null;
  json: unknown;
  /** The JSON did not parse; set when the file looked like JSON. */
  brokenJson: boolean;
  bytes: Uint8Array | null;
}

function formatOfJson(json: unknown): ImportFormat | null {
  if (looksLikeAegis(json)) return 'aegis';
  if (looksLikeTwoFas(json)) return '2fas';
  if (looksLikeBitwarden(json)) return 'bitwarden';
  if (looksLikeAndOtp(json)) return 'andotp';
  if (looksLikeAuthenticatorExtension(json)) return 'authenticator-extension';
  return null;
}

// A damaged JSON file still shows which app wrote it through its name and the keys that survive.
function formatOfBrokenJson(fileName: string, text: string): ImportFormat | null {
  if (/\.2fas$/i.test(fileName) || /"servicesEncrypted"|"services"\s*:/.test(text)) return '2fas';
  if (/"header"\s*:/.test(text) && /"db"\s*:/.test(text)) return 'aegis';
  if (/"items"\s*:/.test(text) && /"encrypted"\s*:|"folders"\s*:/.test(text)) return 'bitwarden';
  if (/^\s*\[/.test(text) && /"secret"\s*:/.test(text)) return 'andotp';
  if (/"dataType"\s*:|"encrypted"\s*:\s*(?:true|false)/.test(text)) return 'authenticator-extension';
  return null;
}

function sniff(fileName: string, input: string | Uint8Array): Sniffed {
  const bytes = typeof input === 'string' ? null : input;
  const strictText = typeof input === 'string' ? input : utf8OrNull(input);
  // Not UTF-8: the only binary format we read is an encrypted andOTP backup.
  if (
    bytes !== null &&
    strictText === null &&
    (/\.aes$/i.test(fileName) || andOtpIterations(bytes) !== null)
  ) {
    return { format: 'andotp', text: null, json: undefined, brokenJson: false, bytes };
  }
  // A stray Latin-1 byte in an account name must not make a text export unreadable.
  const text = strictText ?? new TextDecoder().decode(bytes ?? new Uint8Array());
  const none = { text, json: undefined, brokenJson: false, bytes };
  const body = text.replace(/^\uFEFF/, '').trim();
  if (looksLikeOtpauthList(body)) return { ...none, format: 'otpauth-list' };
  // An encrypted andOTP backup read as text is still recognisable by its name; importFile explains the fix.
  if (!/^[[{]/.test(body)) return { ...none, format: /\.aes$/i.test(fileName) ? 'andotp' : null };
  try {
    const json: unknown = JSON.parse(body);
    return { ...none, json, format: formatOfJson(json) };
  } catch {
    return { ...none, brokenJson: true, format: formatOfBrokenJson(fileName, body) };
  }
}

/** Which export format a file is in, judged by content (and name, when damaged); null if none. */
export function detectImportFormat(fileName: string, input: string | Uint8Array): ImportFormat | null {
  return sniff(fileName, input).format;
}

const APP_NAMES: Record<ImportFormat, string> = {
  'otpauth-list': 'otpauth link list',
  aegis: 'Aegis',
  '2fas': '2FAS',
  andotp: 'andOTP',
  bitwarden: 'Bitwarden',
  'authenticator-extension': 'Authenticator extension',
};

/**
 * Reads another authenticator's export into Tessera accounts. Pass the file's bytes when you can (encrypted
 * andOTP backups are binary); text works for every other format. Throws ImportError when the whole file
 * cannot be read; entries that cannot be imported are listed in `failures` and the rest still import.
 */
export async function importFile(
  fileName: string,
  input: string | Uint8Array,
  password?: string,
): Promise<ImportResult> {
  const file = sniff(fileName, input);
  if (file.format === null) {
    if (file.brokenJson) {
      throw new ImportError(
        'corrupt',
        'This file looks like a JSON backup but is damaged or cut short. Export it again and import the new file.',
      );
    }
    throw new ImportError(
      'unsupported',
      'Tessera does not recognise this file. Import an export from Aegis, 2FAS, andOTP, Bitwarden (unencrypted .json) or the Authenticator extension, or a text file of otpauth:// links.',
    );
  }
  if (file.brokenJson) throw corruptError(APP_NAMES[file.format], 'it is not valid JSON, perhaps cut short');
  switch (file.format) {
    case 'otpauth-list':
      return importOtpauthList(file.text ?? '');
    case 'aegis':
      return importAegis(file.json, password);
    case '2fas':
      return importTwoFas(file.json, password);
    case 'andotp':
      if (file.json === undefined && file.bytes === null) {
        throw new ImportError(
          'corrupt',
          'This encrypted andOTP backup was read as text, which damages it. Choose the file again so Tessera reads its bytes.',
        );
      }
      return importAndOtp(file.json ?? file.bytes, password);
    case 'bitwarden':
      return importBitwarden(file.json);
    case 'authenticator-extension':
      return importAuthenticatorExtension(file.json, password);
  }
}
