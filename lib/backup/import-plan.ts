import type { ImportResult } from '../import';
import type { Account } from '../otp/account';
import { closestRelative, relationOf } from '../otp/same-account';
import { ruleFor } from '../site/match';
import {
  type AccountInput,
  HostSchema,
  type RecoveryKey,
  type RecoveryKeyInput,
  type SiteRule,
  type VaultAccount,
} from '../vault/records';
import { renewedKey } from '../vault/renew-key';
import type { Vault } from '../vault/vault';
import type { BackupContents } from './format';

/**
 * One account an import would add, with what it repeats: a copy of one in the vault or of an earlier entry of the
 * file (same secret), a re-enrollment of one in the vault (same names, new secret), or nothing.
 */
export interface PlannedAccount {
  input: AccountInput & Account;
  /** Its id in the backup it came from, so recovery keys can follow it. */
  sourceId?: string;
  duplicate: 'vault' | 'file' | 'reenrollment' | null;
  /** For a re-enrollment: the vault account whose key "Replace" renews. */
  renews?: string;
}

/** One recovery key an import would add; the account link is resolved when the accounts are written. */
export interface PlannedRecoveryKey {
  input: RecoveryKeyInput;
  sourceAccountId?: string;
  voided: boolean;
  /** The vault already holds the same codes, text or file: restoring a backup twice adds no copies. */
  duplicate: boolean;
}

/** Everything a confirmed import writes, computed before anything is written (and shown as a preview). */
export interface ImportPlan {
  format: string;
  accounts: PlannedAccount[];
  recoveryKeys: PlannedRecoveryKey[];
  failures: { entry: string; reason: string }[];
}

function otpFields(account: Account): Account {
  const { type, issuer, label, secret, algorithm, digits, period, counter } = account;
  return { type, issuer, label, secret, algorithm, digits, period, counter };
}

// Other apps store web addresses (Bitwarden login URIs); only those that name a site become fill rules.
function sitesFrom(urls: readonly string[] | undefined): SiteRule[] {
  const rules = new Map<string, SiteRule>();
  for (const url of urls ?? []) {
    const rule = ruleFor(url);
    if (rule && HostSchema.safeParse(rule.host).success) rules.set(rule.host, rule);
  }
  return [...rules.values()];
}

/** The plan for another app's export: accounts fill nowhere until bound, and never fill by themselves. */
export function planFromImport(result: ImportResult): ImportPlan {
  return {
    format: result.format,
    accounts: result.accounts.map((imported) => ({
      input: {
        ...otpFields(imported),
        ...(imported.iconHint ? { iconHint: imported.iconHint.slice(0, 256) } : {}),
        sites: sitesFrom(imported.sites),
        autoFill: false,
        autoSubmit: false,
      },
      duplicate: null,
    })),
    recoveryKeys: [],
    failures: result.failures,
  };
}

function recoveryInput(key: RecoveryKey): RecoveryKeyInput {
  const { id: _id, createdAt: _created, voidedAt: _voided, accountId: _account, ...input } = key;
  return input;
}

/** The plan for a Tessera backup: accounts keep their settings and bindings, recovery keys their links. */
export function planFromBackup(contents: BackupContents): ImportPlan {
  return {
    format: 'tessera-backup',
    accounts: contents.accounts.map((account: VaultAccount) => {
      const { id, createdAt: _created, usedAt: _used, ...input } = account;
      return { input, sourceId: id, duplicate: null };
    }),
    recoveryKeys: contents.recoveryKeys.map((key) => ({
      input: recoveryInput(key),
      ...(key.accountId ? { sourceAccountId: key.accountId } : {}),
      voided: key.voidedAt !== undefined,
      duplicate: false,
    })),
    failures: [],
  };
}

// What makes two recovery keys the same, whatever their ids, dates and links.
function recoveryContent(key: RecoveryKeyInput | RecoveryKey): string {
  if (key.kind === 'codes') {
    return JSON.stringify(['codes', key.codes.map((c) => (typeof c === 'string' ? c : c.value))]);
  }
  if (key.kind === 'text') return JSON.stringify(['text', key.body]);
  return JSON.stringify(['file', key.fileName, key.body]);
}

/**
 * Marks accounts that repeat one of the vault (archived included) or an earlier entry of the file, and recovery
 * keys the vault already holds.
 */
export async function markDuplicates(vault: Vault, plan: ImportPlan): Promise<ImportPlan> {
  const { items } = await vault.listAccounts({ includeArchived: true });
  const keysHeld = new Set(
    (await vault.listRecoveryKeys({ includeVoided: true })).items.map(recoveryContent),
  );
  const recoveryKeys = plan.recoveryKeys.map((key) => ({
    ...key,
    duplicate: keysHeld.has(recoveryContent(key.input)),
  }));
  const accounts = plan.accounts.map((entry, i): PlannedAccount => {
    const { duplicate: _old, renews: _renews, ...planned } = entry;
    const held = closestRelative(items, entry.input);
    if (held?.relation === 'same') return { ...planned, duplicate: 'vault' };
    if (plan.accounts.slice(0, i).some((earlier) => relationOf(earlier.input, entry.input) === 'same')) {
      return { ...planned, duplicate: 'file' };
    }
    if (held) return { ...planned, duplicate: 'reenrollment', renews: held.account.id };
    return { ...planned, duplicate: null };
  });
  return { ...plan, accounts, recoveryKeys };
}

/**
 * Writes the chosen accounts (and, if asked, the recovery keys) in one atomic vault transaction, so an interrupted
 * import leaves the vault as it was. Chosen re-enrollments listed in `replace` renew the key of the vault account
 * they match instead of being added beside it. Links to accounts created by this import, and the void mark, can
 * only be set once the new records exist; they are applied right after, and losing them loses no secret.
 */
export async function applyImport(
  vault: Vault,
  plan: ImportPlan,
  indexes: readonly number[],
  includeRecoveryKeys: boolean,
  replace: readonly number[] = [],
): Promise<{ added: number; replaced: number; recoveryKeys: number }> {
  const chosen = new Set(indexes);
  const replacing = plan.accounts.filter(
    (entry, i) => chosen.has(i) && replace.includes(i) && entry.renews !== undefined,
  );
  const picked = plan.accounts.filter((entry, i) => chosen.has(i) && !replacing.includes(entry));
  const keys = includeRecoveryKeys ? plan.recoveryKeys.filter((key) => !key.duplicate) : [];
  const existing = (await vault.listAccounts({ includeArchived: true })).items;
  // A key whose account is left out follows the vault's copy of that account, when there is one.
  const linkToExisting = (sourceId: string | undefined): string | undefined => {
    const source = plan.accounts.find((a) => a.sourceId !== undefined && a.sourceId === sourceId);
    if (!source || picked.includes(source)) return undefined;
    return source.renews ?? closestRelative(existing, source.input)?.account.id;
  };
  const keyInputs = keys.map((key) => {
    const accountId = linkToExisting(key.sourceAccountId);
    return accountId ? { ...key.input, accountId } : key.input;
  });
  const written = await vault.importAll(
    picked.map((entry) => entry.input),
    keyInputs,
  );
  for (const entry of replacing) {
    const held = existing.find((account) => account.id === entry.renews);
    if (held) await vault.updateAccount(held.id, renewedKey(held, entry.input, entry.input.sites));
  }
  const newIdOf = new Map(
    picked.flatMap((entry, i) => {
      const id = written.accounts[i]?.id;
      return entry.sourceId && id ? [[entry.sourceId, id] as const] : [];
    }),
  );
  for (const [i, key] of keys.entries()) {
    const record = written.recoveryKeys[i];
    if (!record) continue;
    const accountId = key.sourceAccountId && newIdOf.get(key.sourceAccountId);
    if (accountId) await vault.updateRecoveryKey(record.id, { accountId });
    if (key.voided) await vault.voidRecoveryKey(record.id);
  }
  return {
    added: written.accounts.length,
    replaced: replacing.length,
    recoveryKeys: written.recoveryKeys.length,
  };
}
