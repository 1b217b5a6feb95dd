import { browser } from 'wxt/browser';
import { BackupError, looksLikeBackup, openBackup, sealBackup } from '../../lib/backup';
import {
  applyImport,
  type ImportPlan,
  markDuplicates,
  planFromBackup,
  planFromImport,
} from '../../lib/backup/import-plan';
import { otpauthListExport } from '../../lib/export/plain';
import type { OptionsRequest, Replies } from '../../lib/messages';
import { OtpauthError } from '../../lib/otp/errors';
import {
  backupDue,
  enforceSettings,
  passwordRefusal,
  plainExportRefusal,
  settingsChangeRefusal,
} from '../../lib/policy';
import { readSettings } from '../../lib/settings';
import { base64ToBytes } from '../../lib/vault/bytes';
import { VaultError } from '../../lib/vault/errors';
import type { KdfParams } from '../../lib/vault/kdf';
import type { VaultAccount } from '../../lib/vault/records';
import type { Vault } from '../../lib/vault/vault';
import { updateAccountSettings } from './account-settings';
import { currentPolicy, refuseWith } from './policy';

type OptionsReplies = Replies[OptionsRequest['type']];
type OptionsAccount = Replies['options/accounts/list']['accounts'][number];

/** Test seam: production backups use the vault's default KDF (Argon2id 64 MiB). */
export interface OptionsDeps {
  backupKdf?: () => KdfParams;
  now?: () => number;
}

// A preview waits for the user's choice in storage.session: the worker may be stopped while they read it.
export const PENDING_KEY = 'options.pendingImport';
const PENDING_TTL_MS = 30 * 60_000;
const BACKUP_KEY = 'backup';

interface PendingImport {
  id: string;
  createdAt: number;
  plan: ImportPlan;
}

/** Requests of the options page: backup, restore, import, export and settings. */
export async function handleOptionsRequest(
  vault: Vault,
  req: OptionsRequest,
  deps: OptionsDeps = {},
): Promise<OptionsReplies> {
  const now = deps.now ?? Date.now;
  try {
    switch (req.type) {
      case 'options/settings/get': {
        const policy = await currentPolicy();
        const stored = readSettings((await browser.storage.local.get('settings')).settings);
        return { settings: enforceSettings(stored, policy), policy };
      }
      case 'options/settings/set': {
        const policy = await currentPolicy();
        refuseWith(settingsChangeRefusal(req.settings, policy));
        const { settings: stored } = await browser.storage.local.get('settings');
        // Keep keys other parts of Tessera may have stored next to ours.
        const next = { ...(typeof stored === 'object' ? stored : {}), ...req.settings };
        await browser.storage.local.set({ settings: next });
        return { settings: enforceSettings(readSettings(next), policy), policy };
      }
      case 'options/accounts/list':
        return { accounts: (await vault.listAccounts()).items.map(toOptionsAccount) };
      case 'options/account/update': {
        const { type: _type, id, ...settings } = req;
        return { account: toOptionsAccount(await updateAccountSettings(vault, id, settings)) };
      }
      case 'options/import/preview':
        return await previewImport(vault, req, now());
      case 'options/import/confirm':
        return await confirmImport(vault, req, now());
      case 'options/import/cancel': {
        const stored = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as
          | PendingImport
          | undefined;
        const cancelled = stored?.id === req.importId;
        if (cancelled) await browser.storage.session.remove(PENDING_KEY);
        return { cancelled };
      }
      case 'options/export':
        return await exportVault(vault, req, deps.backupKdf, now());
      case 'options/backup/status': {
        const lastBackupAt = await lastBackup();
        const { items } = await vault.listAccounts({ includeArchived: true });
        const addedSince = items.filter((a) => lastBackupAt === null || a.createdAt > lastBackupAt).length;
        const required = backupDue(lastBackupAt, await currentPolicy(), now());
        return { lastBackupAt, addedSince, total: items.length, required };
      }
      case 'options/password/change':
        refuseWith(passwordRefusal(req.newPassword, await currentPolicy()));
        await vault.changePassword(req.oldPassword, req.newPassword);
        return { changed: true };
    }
  } catch (error) {
    throw asVaultError(error);
  }
}

function toOptionsAccount(account: VaultAccount): OptionsAccount {
  const { id, issuer, label, sites, autoFill, autoSubmit } = account;
  return { id, issuer, label, sites, autoFill, autoSubmit };
}

// The router answers VaultErrors with their code and message; import and backup failures speak to users too.
function asVaultError(error: unknown): unknown {
  if (error instanceof BackupError) {
    return new VaultError(error.code === 'wrong-password' ? 'wrong-password' : 'invalid', error.message);
  }
  if (error instanceof OtpauthError) return new VaultError('invalid', error.message);
  return error;
}

async function previewImport(
  vault: Vault,
  req: Extract<OptionsRequest, { type: 'options/import/preview' }>,
  now: number,
): Promise<Replies['options/import/preview']> {
  const input = req.base64 !== undefined ? base64ToBytes(req.base64) : req.text;
  const text = typeof input === 'string' ? input : input && new TextDecoder().decode(input);
  let plan: ImportPlan;
  if (req.parsed) {
    plan = planFromImport(req.parsed);
  } else if (text === undefined) {
    throw new VaultError('invalid', 'The file was empty. Choose the export file again.');
  } else if (looksLikeBackup(text)) {
    if (!req.password) {
      return {
        status: 'needs-password',
        message: 'This Tessera backup is encrypted. Enter its backup password.',
      };
    }
    plan = planFromBackup(await openBackup(text, req.password));
  } else {
    throw new VaultError('invalid', 'This file is not a Tessera backup. Choose it again under Import.');
  }
  plan = await markDuplicates(vault, plan);
  const pending: PendingImport = { id: crypto.randomUUID(), createdAt: now, plan };
  await browser.storage.session.set({ [PENDING_KEY]: pending });
  return {
    status: 'ready',
    importId: pending.id,
    format: plan.format,
    entries: plan.accounts.map((entry, index) => ({
      index,
      issuer: entry.input.issuer,
      label: entry.input.label,
      type: entry.input.type,
      duplicate: entry.duplicate,
    })),
    failures: plan.failures,
    recoveryKeys: plan.recoveryKeys.filter((key) => !key.duplicate).length,
  };
}

// A second click while the first confirmation is still writing must not import the same entries twice.
const confirming = new Set<string>();

async function confirmImport(
  vault: Vault,
  req: Extract<OptionsRequest, { type: 'options/import/confirm' }>,
  now: number,
): Promise<Replies['options/import/confirm']> {
  if (confirming.has(req.importId)) {
    throw new VaultError('invalid', 'This import is already being written. Wait for it to finish.');
  }
  confirming.add(req.importId);
  try {
    const pending = await pendingImport(req.importId, now);
    const result = await applyImport(vault, pending.plan, req.indexes, req.includeRecoveryKeys, req.replace);
    await browser.storage.session.remove(PENDING_KEY);
    return result;
  } finally {
    confirming.delete(req.importId);
  }
}

async function pendingImport(importId: string, now: number): Promise<PendingImport> {
  const stored = (await browser.storage.session.get(PENDING_KEY))[PENDING_KEY] as PendingImport | undefined;
  if (!stored || stored.id !== importId || now - stored.createdAt > PENDING_TTL_MS) {
    throw new VaultError(
      'not-found',
      'This import preview has expired, so nothing was imported. Choose the file again.',
    );
  }
  return stored;
}

async function lastBackup(): Promise<number | null> {
  const stored = (await browser.storage.local.get(BACKUP_KEY))[BACKUP_KEY] as
    | { lastBackupAt?: unknown }
    | undefined;
  return typeof stored?.lastBackupAt === 'number' ? stored.lastBackupAt : null;
}

/**
 * Re-checks the master password without changing it: re-wrapping the data key under the same password (fresh
 * salt) is the vault's only password check while unlocked, and it counts toward unlock throttling.
 */
async function confirmMasterPassword(vault: Vault, password: string): Promise<void> {
  await vault.changePassword(password, password);
}

const day = (now: number): string => new Date(now).toISOString().slice(0, 10);

async function exportVault(
  vault: Vault,
  req: Extract<OptionsRequest, { type: 'options/export' }>,
  backupKdf: (() => KdfParams) | undefined,
  now: number,
): Promise<Replies['options/export']> {
  if (req.kind !== 'backup') refuseWith(plainExportRefusal(await currentPolicy()));
  await confirmMasterPassword(vault, req.password);
  const { items: accounts } = await vault.listAccounts({ includeArchived: true });
  if (req.kind === 'migration') {
    // Only what a phone needs; the page turns it into Google Authenticator QR codes.
    return {
      kind: 'accounts',
      accounts: accounts.map(({ type, issuer, label, secret, algorithm, digits, period, counter }) => ({
        type,
        issuer,
        label,
        secret,
        algorithm,
        digits,
        period,
        counter,
      })),
    };
  }
  const { items: recoveryKeys } = await vault.listRecoveryKeys({ includeVoided: true });
  if (req.kind === 'otpauth') {
    return {
      kind: 'file',
      fileName: `tessera-otpauth-${day(now)}.txt`,
      mimeType: 'text/plain',
      content: otpauthListExport(accounts, req.includeRecoveryKeys ? recoveryKeys : null),
    };
  }
  const content = await sealBackup({ accounts, recoveryKeys }, req.backupPassword ?? req.password, {
    ...(backupKdf ? { kdf: backupKdf() } : {}),
    now,
  });
  await browser.storage.local.set({ [BACKUP_KEY]: { lastBackupAt: now } });
  return { kind: 'file', fileName: `tessera-backup-${day(now)}.json`, mimeType: 'application/json', content };
}
