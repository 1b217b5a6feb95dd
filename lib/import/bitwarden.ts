import { z } from 'zod';
import { parseOtpauth } from '../otp/parse-otpauth';
import { buildAccount, entryName, ImportCollector, rawField, readEntry } from './entries';
import { corruptError, ImportError } from './import-error';
import type { ImportedAccount, ImportResult } from './result';

// Format: Bitwarden's JSON export (bitwarden/clients). `login.totp` holds an otpauth:// URI, a bare base32
// secret or `steam://SECRET`; the item name becomes the issuer and the username the account name.
// Encrypted exports carry `"encrypted": true` and only Bitwarden can open them.

const ExportSchema = z.looseObject({
  encrypted: z.boolean().optional(),
  items: z.array(z.unknown()),
});

const ItemSchema = z.object({
  name: z.string().nullish(),
  notes: z.string().nullish(),
  login: z
    .object({
      username: z.string().nullish(),
      totp: z.string().nullish(),
      uris: z.array(z.object({ uri: z.string().nullish() })).nullish(),
    })
    .nullish(),
});

/** True when a parsed JSON value is a Bitwarden export (plain `items`, or an encrypted one). */
export function looksLikeBitwarden(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const encrypted = rawField(json, 'encrypted');
  const items = Array.isArray(rawField(json, 'items'));
  return (
    encrypted === true ||
    (items && (typeof encrypted === 'boolean' || Array.isArray(rawField(json, 'folders'))))
  );
}

function importItem(item: z.infer<typeof ItemSchema>, totp: string): ImportedAccount {
  const login = item.login;
  const extra = {
    note: item.notes,
    sites: (login?.uris ?? []).flatMap((entry) => (entry.uri?.trim() ? [entry.uri.trim()] : [])),
  };
  if (/^(otpauth|steam):\/\//i.test(totp)) {
    const account = parseOtpauth(totp);
    // The names the user gave the item win; the URI's own names fill in what the item leaves empty.
    return buildAccount({
      ...account,
      issuer: item.name?.trim() || account.issuer,
      label: login?.username?.trim() || account.label,
      ...extra,
    });
  }
  return buildAccount({ type: 'totp', issuer: item.name, label: login?.username, secret: totp, ...extra });
}

/** Imports the TOTP keys of an unencrypted Bitwarden JSON export; items without a key are skipped. */
export async function importBitwarden(json: unknown): Promise<ImportResult> {
  if (rawField(json, 'encrypted') === true) {
    throw new ImportError(
      'unsupported',
      'This Bitwarden export is encrypted, and only Bitwarden can open it. In Bitwarden choose Tools → Export vault → File format ".json" (not "Encrypted"), import that file, then delete it.',
    );
  }
  const parsed = ExportSchema.safeParse(json);
  if (!parsed.success) throw corruptError('Bitwarden', 'the export has no list of items');

  const collector = new ImportCollector();
  for (const [index, raw] of parsed.data.items.entries()) {
    const totp = rawField(rawField(raw, 'login'), 'totp');
    if (typeof totp !== 'string' || totp.trim() === '') continue;
    const name = entryName(
      rawField(raw, 'name'),
      rawField(rawField(raw, 'login'), 'username'),
      `Item ${index + 1}`,
    );
    await collector.add(name, () => importItem(readEntry(ItemSchema, raw), totp.trim()));
  }
  return collector.result('bitwarden');
}
