import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { Mutex } from './mutex';
import type {
  ApiToken,
  AuditEntry,
  DeviceGrant,
  KnownDevice,
  OobCode,
  Org,
  OutboxMessage,
  PendingChange,
  Session,
  Store,
  User,
} from './types';

type Row = Record<string, unknown>;
type Value = string | number | null;

const BOOLEAN_COLUMNS = new Set(['require_two_factor', 'email_verified']);
const toColumn = (key: string): string => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const toKey = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

function toValue(value: unknown): Value {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return (value ?? null) as Value;
}

function fromRow<T>(row: Row | undefined): T | undefined {
  if (!row) return undefined;
  const out: Row = {};
  for (const [column, value] of Object.entries(row))
    out[toKey(column)] = BOOLEAN_COLUMNS.has(column) ? value === 1 : value;
  return out as T;
}

/** Applies pending migrations inside one transaction each. */
export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let i = current; i < MIGRATIONS.length; i++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[i] as string);
      db.pragma(`user_version = ${i + 1}`);
    })();
  }
}

/** The SQL behind the Store; synchronous work wrapped in promises, run inside or outside a transaction. */
class SqliteOps implements Store {
  constructor(readonly db: Database.Database) {}

  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    return fn(this);
  }

  private insert(table: string, record: object): void {
    const entries = Object.entries(record);
    const columns = entries.map(([k]) => `"${toColumn(k)}"`).join(', ');
    const marks = entries.map(() => '?').join(', ');
    this.db
      .prepare(`INSERT INTO ${table} (${columns}) VALUES (${marks})`)
      .run(...entries.map(([, v]) => toValue(v)));
  }

  private update(table: string, keyColumn: string, key: string, patch: object): void {
    const entries = Object.entries(patch).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `"${toColumn(k)}" = ?`).join(', ');
    this.db
      .prepare(`UPDATE ${table} SET ${sets} WHERE ${keyColumn} = ?`)
      .run(...entries.map(([, v]) => toValue(v)), key);
  }

  private one<T>(sql: string, ...params: Value[]): T | undefined {
    return fromRow<T>(this.db.prepare(sql).get(...params) as Row | undefined);
  }

  private many<T>(sql: string, ...params: Value[]): T[] {
    return (this.db.prepare(sql).all(...params) as Row[]).map((r) => fromRow<T>(r) as T);
  }

  async createOrg(org: Org) {
    this.insert('orgs', org);
  }
  async getOrg(id: string) {
    return this.one<Org>('SELECT * FROM orgs WHERE id = ?', id);
  }
  async updateOrg(id: string, patch: Partial<Org>) {
    this.update('orgs', 'id', id, patch);
  }
  async countOrgs() {
    return (this.db.prepare('SELECT count(*) AS n FROM orgs').get() as { n: number }).n;
  }

  async createUser(user: User) {
    this.insert('users', user);
  }
  async getUser(id: string) {
    return this.one<User>('SELECT * FROM users WHERE id = ?', id);
  }
  async getUserByEmail(email: string) {
    return this.one<User>('SELECT * FROM users WHERE email = ?', email.trim());
  }
  async listUsersByOrg(orgId: string) {
    return this.many<User>('SELECT * FROM users WHERE org_id = ? ORDER BY email', orgId);
  }
  async updateUser(id: string, patch: Partial<User>) {
    this.update('users', 'id', id, patch);
  }
  async advanceTotpStep(userId: string, step: number, drift: number) {
    const result = this.db
      .prepare(
        'UPDATE users SET totp_last_step = ?, totp_drift = ? WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)',
      )
      .run(step, drift, userId, step);
    return result.changes === 1;
  }
  async recordFailure(userId: string, at: number) {
    const row = this.db
      .prepare(
        'UPDATE users SET failed_attempts = failed_attempts + 1, last_failure_at = ? WHERE id = ? RETURNING failed_attempts',
      )
      .get(at, userId) as { failed_attempts: number } | undefined;
    return row?.failed_attempts ?? 0;
  }

  async createSession(session: Session) {
    this.insert('sessions', session);
  }
  async getSession(idHash: string) {
    return this.one<Session>('SELECT * FROM sessions WHERE id_hash = ?', idHash);
  }
  async deleteSession(idHash: string) {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash);
  }

  async createCode(code: OobCode) {
    this.insert('codes', code);
  }
  async getActiveCode(userId: string, purpose: string) {
    return this.one<OobCode>(
      'SELECT * FROM codes WHERE user_id = ? AND purpose = ? AND consumed_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1',
      userId,
      purpose,
    );
  }
  async updateCode(id: string, patch: Partial<OobCode>) {
    this.update('codes', 'id', id, patch);
  }
  async voidCodes(userId: string, purpose: string, at: number) {
    this.db
      .prepare('UPDATE codes SET consumed_at = ? WHERE user_id = ? AND purpose = ? AND consumed_at IS NULL')
      .run(at, userId, purpose);
  }

  async createPending(change: PendingChange) {
    this.insert('pending_changes', change);
  }
  async getPending(id: string) {
    return this.one<PendingChange>('SELECT * FROM pending_changes WHERE id = ?', id);
  }
  async updatePending(id: string, patch: Partial<PendingChange>) {
    this.update('pending_changes', 'id', id, patch);
  }
  async deletePending(id: string) {
    this.db.prepare('DELETE FROM pending_changes WHERE id = ?').run(id);
  }

  async rememberDevice(device: KnownDevice) {
    this.db
      .prepare(
        `INSERT INTO known_devices (user_id, device_hash, ip, last_seen_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (user_id, device_hash) DO UPDATE SET ip = excluded.ip, last_seen_at = excluded.last_seen_at`,
      )
      .run(device.userId, device.deviceHash, device.ip, device.lastSeenAt);
  }
  async getDevice(userId: string, deviceHash: string) {
    return this.one<KnownDevice>(
      'SELECT * FROM known_devices WHERE user_id = ? AND device_hash = ?',
      userId,
      deviceHash,
    );
  }

  async createDeviceGrant(grant: DeviceGrant) {
    this.insert('device_grants', grant);
  }
  async getDeviceGrantByDeviceCode(hash: string) {
    return this.one<DeviceGrant>('SELECT * FROM device_grants WHERE device_code_hash = ?', hash);
  }
  async getDeviceGrantByUserCode(userCode: string) {
    return this.one<DeviceGrant>('SELECT * FROM device_grants WHERE user_code = ?', userCode);
  }
  async updateDeviceGrant(id: string, patch: Partial<DeviceGrant>) {
    this.update('device_grants', 'id', id, patch);
  }

  async createToken(token: ApiToken) {
    this.insert('api_tokens', token);
  }
  async getTokenByHash(hash: string) {
    return this.one<ApiToken>('SELECT * FROM api_tokens WHERE token_hash = ?', hash);
  }
  async listTokens(userId: string) {
    return this.many<ApiToken>('SELECT * FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC', userId);
  }
  async updateToken(id: string, patch: Partial<ApiToken>) {
    this.update('api_tokens', 'id', id, patch);
  }

  async appendAudit(entry: AuditEntry) {
    this.insert('audit', entry);
  }
  async listAudit(userId: string, limit: number) {
    return this.many<AuditEntry>(
      'SELECT * FROM audit WHERE user_id = ? ORDER BY at DESC, rowid DESC LIMIT ?',
      userId,
      limit,
    );
  }

  async purgeExpired(now: number) {
    let removed = 0;
    for (const table of ['sessions', 'codes', 'pending_changes', 'device_grants']) {
      removed += this.db.prepare(`DELETE FROM ${table} WHERE expires_at < ?`).run(now).changes;
    }
    return removed;
  }

  async addOutbox(message: OutboxMessage) {
    this.insert('outbox', message);
  }
  async listOutbox(limit: number) {
    return this.many<OutboxMessage>('SELECT * FROM outbox ORDER BY at DESC, rowid DESC LIMIT ?', limit);
  }
  async clearOutbox() {
    this.db.prepare('DELETE FROM outbox').run();
  }

  async close() {
    this.db.close();
  }
}

/**
 * Opens (and migrates) a SQLite store at `path` (':memory:' for tests). Calls are serialised on the one
 * connection, and a transaction holds the connection until it ends, so no other request's writes can
 * slip into it. Calls made from inside a transaction's async context join it instead of waiting for it.
 */
export function openSqliteStore(path: string): Store {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  migrate(db);
  const ops = new SqliteOps(db);
  const mutex = new Mutex();
  const inTransaction = new AsyncLocalStorage<true>();
  const transaction = <T>(fn: (tx: Store) => Promise<T>): Promise<T> => {
    if (inTransaction.getStore()) return fn(ops);
    return mutex.run(() =>
      inTransaction.run(true, async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await fn(ops);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          db.exec('ROLLBACK');
          throw error;
        }
      }),
    );
  };
  return new Proxy(ops, {
    get(target, prop, receiver) {
      if (prop === 'transaction') return transaction;
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, args);
      return (...args: unknown[]) =>
        inTransaction.getStore() ? call(...args) : mutex.run(() => call(...args));
    },
  }) as Store;
}
