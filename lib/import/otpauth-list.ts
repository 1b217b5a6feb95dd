import { parseMigration } from '../otp/migration';
import { parseOtpauth } from '../otp/parse-otpauth';
import { buildAccount, EntryError, ImportCollector } from './entries';
import type { ImportResult } from './result';

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

/** True when the first line with content is an otpauth:// or otpauth-migration:// link. */
export function looksLikeOtpauthList(text: string): boolean {
  const first = meaningfulLines(text)[0]?.text ?? '';
  return OTPAUTH.test(first) || MIGRATION.test(first);
}

function meaningfulLines(text: string): { text: string; number: number }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line, index) => ({ text: line.trim(), number: index + 1 }))
    .filter((line) => line.text !== '' && !line.text.startsWith('#'));
}

// Names a line by its label, never by anything that could include the secret.
function lineName(line: string, number: number): string {
  const label = /^otpauth:\/\/[^/?]*\/+([^?]*)/i.exec(line)?.[1];
  if (!label) return `Line ${number}`;
  try {
    // A label is a URI path: `+` stays literal, as parseOtpauth reads it.
    return `Line ${number} (${decodeURIComponent(label)})`;
  } catch {
    return `Line ${number}`;
  }
}

/** Imports a text file of otpauth:// links, one a line (blank lines and `#` comments ignored). */
export async function importOtpauthList(text: string): Promise<ImportResult> {
  const collector = new ImportCollector();
  for (const line of meaningfulLines(text)) {
    const name = lineName(line.text, line.number);
    await collector.add(name, () => {
      if (MIGRATION.test(line.text)) return parseMigration(line.text).map((account) => buildAccount(account));
      if (OTPAUTH.test(line.text)) return buildAccount(parseOtpauth(line.text));
      throw new EntryError('This line is not an otpauth:// link.');
    });
  }
  return collector.result('otpauth-list');
}
