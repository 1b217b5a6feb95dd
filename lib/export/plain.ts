import type { Account } from '../otp/account';
import { encodeMigration } from '../otp/migration';
import { formatOtpauth } from '../otp/parse-otpauth';
import type { RecoveryKey, VaultAccount } from '../vault/records';

const nameOf = (account: Pick<VaultAccount, 'issuer' | 'label'>): string =>
  [account.issuer, account.label].filter(Boolean).join(': ') || 'unnamed';

function recoveryLines(key: RecoveryKey, accounts: readonly VaultAccount[]): string[] {
  const owner = accounts.find((a) => a.id === key.accountId);
  const title = [key.label, owner && nameOf(owner), key.site].filter(Boolean).join(' · ') || 'Recovery key';
  const status = key.voidedAt === undefined ? '' : ' (no longer valid)';
  if (key.kind === 'codes') {
    const codes = key.codes.map((c) => (c.usedAt === undefined ? c.value : `${c.value} (used)`));
    return [`# ${title}${status}:`, ...codes.map((code) => `#   ${code}`)];
  }
  if (key.kind === 'text') return [`# ${title}${status}:`, ...key.body.split(/\r?\n/).map((l) => `#   ${l}`)];
  return [`# ${title}${status}: the file ${key.fileName} is only kept in encrypted backups.`];
}

/**
 * A plain text file of otpauth:// links, one a line, that Tessera and most authenticator apps import. Recovery
 * keys, when given, follow as `#` comment lines, which importers skip.
 */
export function otpauthListExport(
  accounts: readonly VaultAccount[],
  recoveryKeys: readonly RecoveryKey[] | null,
): string {
  const lines = [
    '# Tessera export: these links contain your 2FA secrets UNENCRYPTED. Delete this file once imported.',
    ...accounts.map((account) => formatOtpauth(account)),
  ];
  if (recoveryKeys?.length) {
    lines.push('#', '# Recovery keys', ...recoveryKeys.flatMap((key) => recoveryLines(key, accounts)));
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Google Authenticator export QR code links for the accounts it can hold; the others (Steam, periods other
 * than 30 s, digits other than 6 or 8) are named in `skipped` instead of exported with wrong codes.
 */
export function migrationExport(accounts: readonly Account[]): { uris: string[]; skipped: string[] } {
  const fits = (account: Account): boolean => {
    try {
      encodeMigration([account]);
      return true;
    } catch {
      return false;
    }
  };
  const exportable = accounts.filter(fits);
  return {
    uris: exportable.length ? encodeMigration(exportable) : [],
    skipped: accounts.filter((a) => !exportable.includes(a)).map(nameOf),
  };
}
