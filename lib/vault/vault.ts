import type { z } from 'zod';
import type { Account } from '../otp/account';
import { closestRelative, type Relative } from '../otp/same-account';
import {
  generateDataKey,
  importDataKey,
  makeKeyCheck,
  type SealedRecord,
  sealRecord,
  unwrapDataKey,
  verifyKeyCheck,
  wrapDataKey,
} from './cipher';
import { META_KEY, openVaultDb, VAULT_DB_NAME, type VaultDb, type VaultMeta, VaultMetaSchema } from './db';
import { lockedError, parseInput, VaultError } from './errors';
import {
  assertKdfStrongEnough,
  defaultKdfParams,
  deriveKek,
  type KdfMinimums,
  type KdfParams,
  KdfParamsSchema,
  PRODUCTION_KDF_MINIMUMS,
} from './kdf';
import {
  type AccountInput,
  AccountInputSchema,
  type AccountPatch,
  AccountPatchSchema,
  HostSchema,
  type PortalConnection,
  type PortalConnectionInput,
  PortalConnectionInputSchema,
  type PortalConnectionPatch,
  PortalConnectionPatchSchema,
  PortalConnectionSchema,
  type RecoveryKey,
  type RecoveryKeyInput,
  RecoveryKeyInputSchema,
  type RecoveryKeyPatch,
  RecoveryKeyPatchSchema,
  RecoveryKeySchema,
  type VaultAccount,
  VaultAccountSchema,
} from './records';
import { decodeRecord, type ListResult, readAllRecords, readRecord, writeRecord } from './sealed-store';
import { unlockRetryAfterMs } from './throttle';

export type VaultStatus = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultOptions {
  /**
   * TEST ONLY: a lower KDF floor so tests can use cheap parameters. Production code never passes this;
   * the floor comes from code, never from stored data.
   */
  kdfMinimums?: KdfMinimums;
  /** Clock (ms since epoch); replaceable so throttling can be tested without waiting. */
  now?: () => number;
}

export interface RecoveryKeyFilter {
  accountId?: string;
  site?: string;
  /** Voided keys are hidden unless this is true. */
  includeVoided?: boolean;
}

/** Shortest master password accepted at setup or change. */
export const MIN_PASSWORD_LENGTH = 8;

function assertPasswordAcceptable(password: string): void {
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    throw new VaultError(
      'invalid',
      `The password is too short. Choose one with at least ${MIN_PASSWORD_LENGTH} characters; a few unrelated words work well.`,
    );
  }
}

function noVault(): VaultError {
  return new VaultError('not-found', 'No vault has been set up yet. Create one by choosing a password.');
}

function damagedMeta(): VaultError {
  return new VaultError(
    'tampered',
    "The vault's settings record is damaged, so the vault cannot be unlocked. Restore the vault from a backup.",
  );
}

const byPinThenName = (a: VaultAccount, b: VaultAccount): number =>
  (a.pinned ?? Number.POSITIVE_INFINITY) - (b.pinned ?? Number.POSITIVE_INFINITY) ||
  a.issuer.localeCompare(b.issuer, undefined, { sensitivity: 'base' }) ||
  a.label.localeCompare(b.label, undefined, { sensitivity: 'base' });

/**
 * The background worker's safe: TOTP/HOTP accounts and recovery keys, each AES-256-GCM sealed under a random
 * data key, which is wrapped by a key derived from the master password (changing the password re-wraps one key).
 */
export class Vault {
  #key: CryptoKey | null = null;
  #rawKey: Uint8Array | null = null;
  // Read-modify-write operations cannot hold an IndexedDB transaction across WebCrypto awaits, so writers queue.
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly db: VaultDb,
    private readonly minimums: KdfMinimums,
    private readonly now: () => number,
  ) {}

  /** Opens the vault database (locked); see VaultOptions for the test-only switches. */
  static async open(dbName: string = VAULT_DB_NAME, options: VaultOptions = {}): Promise<Vault> {
    const db = await openVaultDb(dbName);
    return new Vault(db, options.kdfMinimums ?? PRODUCTION_KDF_MINIMUMS, options.now ?? Date.now);
  }

  /** Locks and closes the database connection. */
  close(): void {
    this.lock();
    this.db.close();
  }

  /** Whether a vault exists and whether this instance holds its key. */
  async status(): Promise<VaultStatus> {
    if (this.#key) return 'unlocked';
    return (await this.db.get('meta', META_KEY)) === undefined ? 'uninitialized' : 'locked';
  }

  /** True while the data key is in memory. */
  get isUnlocked(): boolean {
    return this.#key !== null;
  }

  /** First run: creates the vault under `password` and leaves it unlocked; 'exists' if there is one. */
  setup(password: string, kdf: KdfParams = defaultKdfParams()): Promise<void> {
    return this.#serial(async () => {
      assertPasswordAcceptable(password);
      const params = this.#checkedKdf(kdf);
      if ((await this.db.get('meta', META_KEY)) !== undefined) throw this.#exists();
      const raw = generateDataKey();
      const wrapped = await wrapDataKey(await deriveKek(password, params), raw);
      const key = await importDataKey(raw);
      const meta: VaultMeta = {
        kdf: params,
        ...wrapped,
        keyCheck: await makeKeyCheck(key),
        createdAt: this.now(),
        failedAttempts: 0,
        lastFailedAt: null,
      };
      try {
        await this.db.add('meta', meta, META_KEY);
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name === 'ConstraintError') throw this.#exists();
        throw error;
      }
      this.#hold(key, raw);
    });
  }

  /**
   * Unlocks with the master password. Wrong password → 'wrong-password' and only the failure counter changes;
   * from the 4th failure on, attempts within the wait → 'throttled' with `retryAfterMs`.
   */
  unlock(password: string): Promise<void> {
    return this.#serial(async () => {
      const meta = await this.#beginAttempt();
      const raw = await unwrapDataKey(await deriveKek(password, meta.kdf), meta);
      const key = await importDataKey(raw);
      await this.#resetFailures();
      this.#hold(key, raw);
    });
  }

  /** Resumes from raw data-key bytes kept in storage.session; 'invalid' if they do not open this vault. */
  async unlockWithDataKey(raw: Uint8Array): Promise<void> {
    const meta = await this.#readMeta();
    const key = await importDataKey(raw);
    if (!(await verifyKeyCheck(key, meta.keyCheck))) {
      throw new VaultError(
        'invalid',
        'The saved session key does not open this vault. Unlock it with your password.',
      );
    }
    this.#hold(key, new Uint8Array(raw));
  }

  /** A copy of the raw data key, for storage.session so a restarted worker can resume unlocked. */
  exportDataKey(): Uint8Array {
    if (!this.#rawKey) throw lockedError();
    return new Uint8Array(this.#rawKey);
  }

  /** Forgets the data key. */
  lock(): void {
    this.#rawKey?.fill(0);
    this.#rawKey = null;
    this.#key = null;
  }

  /**
   * Re-wraps the data key under a new password and/or new KDF params (also how KDF strength is raised);
   * records are untouched. Counts as an unlock attempt for throttling. Leaves the vault unlocked.
   */
  changePassword(oldPassword: string, newPassword: string, kdf?: KdfParams): Promise<void> {
    return this.#serial(async () => {
      assertPasswordAcceptable(newPassword);
      const requested = kdf && this.#checkedKdf(kdf);
      const meta = await this.#beginAttempt();
      const raw = await unwrapDataKey(await deriveKek(oldPassword, meta.kdf), meta);
      // Without new params keep the old ones, but never reuse a salt.
      const params = requested ?? { ...meta.kdf, salt: defaultKdfParams(meta.kdf.algo).salt };
      const wrapped = await wrapDataKey(await deriveKek(newPassword, params), raw);
      await this.db.put(
        'meta',
        { ...meta, kdf: params, ...wrapped, failedAttempts: 0, lastFailedAt: null },
        META_KEY,
      );
      this.#hold(await importDataKey(raw), raw);
    });
  }

  /** The current KDF params (e.g. to offer raising them); no key needed. */
  async kdfParams(): Promise<KdfParams> {
    return (await this.#readMeta()).kdf;
  }

  // ----- accounts -----

  /** All readable accounts (archived only if asked), pinned first; damaged records are listed by id. */
  async listAccounts(options: { includeArchived?: boolean } = {}): Promise<ListResult<VaultAccount>> {
    const all = await readAllRecords(this.db, this.#requireKey(), 'accounts', VaultAccountSchema);
    const items = all.items.filter((a) => options.includeArchived || !a.archived).sort(byPinThenName);
    return { items, damaged: all.damaged };
  }

  /** One account; 'not-found' or 'tampered' otherwise. */
  async getAccount(id: string): Promise<VaultAccount> {
    return readRecord(this.db, this.#requireKey(), 'accounts', id, VaultAccountSchema);
  }

  /** Adds an account (copies are allowed; check findRelative first). */
  addAccount(input: AccountInput): Promise<VaultAccount> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const account = this.#newAccount(parseInput(AccountInputSchema, input, 'The account was not saved'));
      await writeRecord(this.db, key, 'accounts', account, 'add');
      return account;
    });
  }

  /** Changes some fields of an account and returns the result. */
  updateAccount(id: string, patch: AccountPatch): Promise<VaultAccount> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const changes = parseInput(AccountPatchSchema, patch, 'The change was not saved');
      const current = await readRecord(this.db, key, 'accounts', id, VaultAccountSchema);
      const next = parseInput(VaultAccountSchema, { ...current, ...changes }, 'The change was not saved');
      await writeRecord(this.db, key, 'accounts', next, 'put');
      return next;
    });
  }

  /** Deletes an account; returns it for undo (restoreAccount), or null if it was damaged and unreadable. */
  deleteAccount(id: string): Promise<VaultAccount | null> {
    return this.#serial(() => this.#delete('accounts', id, VaultAccountSchema));
  }

  /** Puts back an account returned by deleteAccount; 'exists' if its id is taken. */
  restoreAccount(record: VaultAccount): Promise<void> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      await writeRecord(
        this.db,
        key,
        'accounts',
        parseInput(VaultAccountSchema, record, 'The account was not restored'),
        'add',
      );
    });
  }

  /**
   * Persists counter + 1 for an HOTP account and returns it; call before showing the next code so a code is
   * never shown twice, even if the worker stops right after.
   */
  advanceHotpCounter(id: string): Promise<VaultAccount> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const current = await readRecord(this.db, key, 'accounts', id, VaultAccountSchema);
      if (current.type !== 'hotp') {
        throw new VaultError('invalid', 'This account is time-based, so it has no counter to advance.', {
          recordId: id,
        });
      }
      const next = { ...current, counter: current.counter + 1 };
      await writeRecord(this.db, key, 'accounts', next, 'put');
      return next;
    });
  }

  /**
   * The held account (archived included) that `probe` copies, else one it re-enrolls (lib/otp/same-account);
   * `id` excludes the account itself. Secrets are compared here, in the background, and never sent out.
   */
  async findRelative(probe: Account & { id?: string }): Promise<Relative<VaultAccount> | null> {
    const { items } = await this.listAccounts({ includeArchived: true });
    return closestRelative(
      items.filter((a) => a.id !== probe.id),
      probe,
    );
  }

  // ----- recovery keys -----

  /** Readable recovery keys matching the filter (voided ones only if asked); damaged records by id. */
  async listRecoveryKeys(filter: RecoveryKeyFilter = {}): Promise<ListResult<RecoveryKey>> {
    const all = await readAllRecords(this.db, this.#requireKey(), 'recoveryKeys', RecoveryKeySchema);
    // A malformed filter host matches nothing (not the keys without a site).
    const site = filter.site === undefined ? undefined : (HostSchema.safeParse(filter.site).data ?? null);
    const items = all.items
      .filter(
        (k) =>
          (filter.includeVoided || k.voidedAt === undefined) &&
          (filter.accountId === undefined || k.accountId === filter.accountId) &&
          (filter.site === undefined || k.site === site),
      )
      .sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return { items, damaged: all.damaged };
  }

  /** One recovery key; 'not-found' or 'tampered' otherwise. */
  async getRecoveryKey(id: string): Promise<RecoveryKey> {
    return readRecord(this.db, this.#requireKey(), 'recoveryKeys', id, RecoveryKeySchema);
  }

  /** Stores a new recovery key (codes, text or file). */
  addRecoveryKey(input: RecoveryKeyInput): Promise<RecoveryKey> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const record = this.#newRecoveryKey(
        parseInput(RecoveryKeyInputSchema, input, 'The recovery key was not saved'),
      );
      await writeRecord(this.db, key, 'recoveryKeys', record, 'add');
      return record;
    });
  }

  /** Changes the label or the account/site link of a recovery key (null removes a link). */
  async updateRecoveryKey(id: string, patch: RecoveryKeyPatch): Promise<RecoveryKey> {
    const changes = parseInput(RecoveryKeyPatchSchema, patch, 'The change was not saved');
    return this.#modifyRecoveryKey(id, (current) => {
      const next: Record<string, unknown> = { ...current };
      for (const [field, value] of Object.entries(changes)) {
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      return parseInput(RecoveryKeySchema, next, 'The change was not saved');
    });
  }

  /** Records that code `index` of a code list was used; using it again keeps the first date. */
  markRecoveryCodeUsed(id: string, index: number): Promise<RecoveryKey> {
    return this.#modifyRecoveryKey(id, (current) => {
      if (current.kind !== 'codes') {
        throw new VaultError('invalid', 'This recovery key is not a list of codes.', { recordId: id });
      }
      const code = current.codes[index];
      if (!Number.isInteger(index) || !code) {
        throw new VaultError('invalid', `This list has no code number ${index + 1}.`, { recordId: id });
      }
      if (code.usedAt !== undefined) return current;
      const codes = current.codes.map((c, i) => (i === index ? { ...c, usedAt: this.now() } : c));
      return { ...current, codes };
    });
  }

  /** Marks a recovery key as no longer valid (e.g. after regenerating codes); kept for reference. */
  voidRecoveryKey(id: string): Promise<RecoveryKey> {
    return this.#modifyRecoveryKey(id, (current) =>
      current.voidedAt === undefined ? { ...current, voidedAt: this.now() } : current,
    );
  }

  /** Deletes a recovery key; returns it for undo (restoreRecoveryKey), or null if it was unreadable. */
  deleteRecoveryKey(id: string): Promise<RecoveryKey | null> {
    return this.#serial(() => this.#delete('recoveryKeys', id, RecoveryKeySchema));
  }

  /** Puts back a recovery key returned by deleteRecoveryKey; 'exists' if its id is taken. */
  restoreRecoveryKey(record: RecoveryKey): Promise<void> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const valid = parseInput(RecoveryKeySchema, record, 'The recovery key was not restored');
      await writeRecord(this.db, key, 'recoveryKeys', valid, 'add');
    });
  }

  // ----- portal connections -----

  /** Readable portal connections, oldest first; damaged records by id. */
  async listConnections(): Promise<ListResult<PortalConnection>> {
    const all = await readAllRecords(this.db, this.#requireKey(), 'connections', PortalConnectionSchema);
    all.items.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return all;
  }

  /** One connection; 'not-found' or 'tampered' otherwise. */
  async getConnection(id: string): Promise<PortalConnection> {
    return readRecord(this.db, this.#requireKey(), 'connections', id, PortalConnectionSchema);
  }

  /** Stores a new portal connection (its token sealed like every other record). */
  addConnection(input: PortalConnectionInput): Promise<PortalConnection> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const fields = parseInput(PortalConnectionInputSchema, input, 'The connection was not saved');
      const record: PortalConnection = { ...fields, id: crypto.randomUUID(), createdAt: this.now() };
      await writeRecord(this.db, key, 'connections', record, 'add');
      return record;
    });
  }

  /** Changes the token, scope, expiry or linked account of a connection (null unlinks the account). */
  updateConnection(id: string, patch: PortalConnectionPatch): Promise<PortalConnection> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const changes = parseInput(PortalConnectionPatchSchema, patch, 'The change was not saved');
      const next: Record<string, unknown> = {
        ...(await readRecord(this.db, key, 'connections', id, PortalConnectionSchema)),
      };
      for (const [field, value] of Object.entries(changes)) {
        if (value === null) delete next[field];
        else if (value !== undefined) next[field] = value;
      }
      const valid = parseInput(PortalConnectionSchema, next, 'The change was not saved');
      await writeRecord(this.db, key, 'connections', valid, 'put');
      return valid;
    });
  }

  /** Deletes a connection (revoke its token on the portal first); returns it, or null if it was unreadable. */
  deleteConnection(id: string): Promise<PortalConnection | null> {
    return this.#serial(() => this.#delete('connections', id, PortalConnectionSchema));
  }

  // ----- bulk -----

  /**
   * Adds (or with `replace`, replaces everything with) accounts and recovery keys in ONE transaction:
   * an invalid input or an interrupted write leaves the vault exactly as it was.
   */
  importAll(
    accountInputs: readonly AccountInput[],
    recoveryKeyInputs: readonly RecoveryKeyInput[],
    options: { replace?: boolean } = {},
  ): Promise<{ accounts: VaultAccount[]; recoveryKeys: RecoveryKey[] }> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const accounts = accountInputs.map((input, i) =>
        this.#newAccount(
          parseInput(AccountInputSchema, input, `Nothing was imported because account ${i + 1} is not valid`),
        ),
      );
      const recoveryKeys = recoveryKeyInputs.map((input, i) =>
        this.#newRecoveryKey(
          parseInput(
            RecoveryKeyInputSchema,
            input,
            `Nothing was imported because recovery key ${i + 1} is not valid`,
          ),
        ),
      );
      // Encrypt first: a transaction left waiting on WebCrypto would commit early.
      const sealedAccounts = await Promise.all(accounts.map((a) => sealRecord(key, 'accounts', a.id, a)));
      const sealedKeys = await Promise.all(recoveryKeys.map((k) => sealRecord(key, 'recoveryKeys', k.id, k)));
      await this.#writeAllOrNothing(sealedAccounts, sealedKeys, options.replace ?? false);
      return { accounts, recoveryKeys };
    });
  }

  // ----- internals -----

  async #writeAllOrNothing(accounts: SealedRecord[], keys: SealedRecord[], replace: boolean): Promise<void> {
    const tx = this.db.transaction(['accounts', 'recoveryKeys'], 'readwrite');
    const accountStore = tx.objectStore('accounts');
    const keyStore = tx.objectStore('recoveryKeys');
    const requests: Promise<unknown>[] = [];
    try {
      if (replace) requests.push(accountStore.clear(), keyStore.clear());
      for (const sealed of accounts) requests.push(accountStore.add(sealed));
      for (const sealed of keys) requests.push(keyStore.add(sealed));
      await Promise.all([...requests, tx.done]);
    } catch (error) {
      // Without an explicit abort, the requests already issued would still commit.
      for (const request of requests) request.catch(() => undefined);
      try {
        tx.abort();
      } catch {
        // Already aborted by the failing request.
      }
      await tx.done.catch(() => undefined);
      throw new VaultError(
        'invalid',
        'The import did not complete, so nothing was imported. Try the import again.',
        { cause: error },
      );
    }
  }

  async #delete<T extends { id: string }>(
    store: 'accounts' | 'recoveryKeys' | 'connections',
    id: string,
    schema: z.ZodType<T>,
  ): Promise<T | null> {
    const key = this.#requireKey();
    const sealed = await this.db.get(store, id);
    if (sealed === undefined) {
      throw new VaultError(
        'not-found',
        'That vault entry no longer exists. It may have been deleted already.',
        {
          recordId: id,
        },
      );
    }
    const record = await decodeRecord(key, store, sealed, schema).catch((error: unknown) => {
      // A damaged record must stay deletable: that is how the user clears it.
      if (error instanceof VaultError && error.code === 'tampered') return null;
      throw error;
    });
    await this.db.delete(store, id);
    return record;
  }

  #modifyRecoveryKey(id: string, change: (current: RecoveryKey) => RecoveryKey): Promise<RecoveryKey> {
    return this.#serial(async () => {
      const key = this.#requireKey();
      const current = await readRecord(this.db, key, 'recoveryKeys', id, RecoveryKeySchema);
      const next = change(current);
      if (next !== current) await writeRecord(this.db, key, 'recoveryKeys', next, 'put');
      return next;
    });
  }

  #newAccount(input: ReturnType<typeof AccountInputSchema.parse>): VaultAccount {
    return { ...input, id: crypto.randomUUID(), createdAt: this.now() };
  }

  #newRecoveryKey(input: ReturnType<typeof RecoveryKeyInputSchema.parse>): RecoveryKey {
    return { ...input, id: crypto.randomUUID(), createdAt: this.now() };
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #requireKey(): CryptoKey {
    if (!this.#key) throw lockedError();
    return this.#key;
  }

  #hold(key: CryptoKey, raw: Uint8Array): void {
    this.lock();
    this.#key = key;
    this.#rawKey = raw;
  }

  #checkedKdf(kdf: KdfParams): KdfParams {
    const params = parseInput(KdfParamsSchema, kdf, 'The password settings are not valid');
    assertKdfStrongEnough(params, this.minimums);
    return params;
  }

  #exists(): VaultError {
    return new VaultError(
      'exists',
      'A vault already exists. Unlock it with its password instead of creating a new one.',
    );
  }

  async #readMeta(): Promise<VaultMeta> {
    const stored = await this.db.get('meta', META_KEY);
    if (stored === undefined) throw noVault();
    const parsed = VaultMetaSchema.safeParse(stored);
    if (!parsed.success) throw damagedMeta();
    return parsed.data;
  }

  /**
   * Checks the KDF floor and the throttle, then counts the attempt as failed before any password work, in one
   * transaction: concurrent or interrupted attempts cannot dodge the counter. Success resets it.
   */
  async #beginAttempt(): Promise<VaultMeta> {
    const tx = this.db.transaction('meta', 'readwrite');
    const stored = await tx.store.get(META_KEY);
    if (stored === undefined) throw noVault();
    const parsed = VaultMetaSchema.safeParse(stored);
    if (!parsed.success) throw damagedMeta();
    const meta = parsed.data;
    assertKdfStrongEnough(meta.kdf, this.minimums);
    const now = this.now();
    const retryAfterMs = unlockRetryAfterMs(meta.failedAttempts, meta.lastFailedAt, now);
    if (retryAfterMs > 0) {
      throw new VaultError(
        'throttled',
        `Too many wrong passwords. Wait ${Math.ceil(retryAfterMs / 1000)} seconds, then try again.`,
        { retryAfterMs },
      );
    }
    await tx.store.put({ ...meta, failedAttempts: meta.failedAttempts + 1, lastFailedAt: now }, META_KEY);
    await tx.done;
    return meta;
  }

  async #resetFailures(): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite');
    const stored = await tx.store.get(META_KEY);
    if (stored) await tx.store.put({ ...stored, failedAttempts: 0, lastFailedAt: null }, META_KEY);
    await tx.done;
  }
}
