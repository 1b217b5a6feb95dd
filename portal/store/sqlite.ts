import { AsyncLocalStorage } from 'node:async_hooks';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';
import { Mutex } from './mutex';
import { definedEntries, EXPIRING_TABLES, fromRow, RATE_WINDOW_KEEP_MS, type Row, toColumn } from './rows';
import type {
  ApiToken,
  AuditEntry,
  DeviceGrant,
  KnownDevice,
  Limit,
  OobCode,
  Org,
  OutboxMessage,
  PendingChange,
  Session,
  Store,
  User,
} from './types';

type Value = string | number | null;

function toValue(value: unknown): Value {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return (value ?? null) as Value;
}

/**
 * One hit on a fixed window: a new window starts when the old one is over, otherwise the count goes up
 * only while below the maximum. No row back means "full".
 */
const HIT_SQL = `
  INSERT INTO rate_limits (key, window_start, count) VALUES (@key, @now, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start <= @windowOpen THEN 1 ELSE rate_limits.count + 1 END,
    window_start = CASE WHEN rate_limits.window_start <= @windowOpen THEN @now ELSE rate_limits.window_start END
  WHERE rate_limits.window_start <= @windowOpen OR rate_limits.count < @max
  RETURNING count`;

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
    const columns = entries.map(([k]) => toColumn(k)).join(', ');
    const marks = entries.map(() => '?').join(', ');
    this.db
      .prepare(`INSERT INTO ${table} (${columns}) VALUES (${marks})`)
      .run(...entries.map(([, v]) => toValue(v)));
  }

  private update(table: string, keyColumn: string, key: string, patch: object): void {
    const entries = definedEntries(patch);
    if (entries.length === 0) return;
    const sets = entries.map(([k]) => `${toColumn(k)} = ?`).join(', ');
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
  async takeAttempt(userId: string, at: number, max: number, lockMs: number) {
    const row = this.db
      .prepare(
        `UPDATE users SET failed_attempts = failed_attempts + 1, last_failure_at = ?
         WHERE id = ? AND (failed_attempts < ? OR last_failure_at IS NULL OR last_failure_at <= ?)
         RETURNING failed_attempts`,
      )
      .get(at, userId, max, at - lockMs) as { failed_attempts: number } | undefined;
    return row?.failed_attempts;
  }
  async clearFailures(userId: string) {
    this.db.prepare('UPDATE users SET failed_attempts = 0 WHERE id = ?').run(userId);
  }

  async createSession(session: Session) {
    this.insert('sessions', session);
  }
  async getSession(idHash: string) {
    return this.one<Session>('SELECT * FROM sessions WHERE id_hash = ?', idHash);
  }
  async deleteSession(idHash: string) {
    return this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash).changes === 1;
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
  async takeCodeTry(id: string, max: number) {
    const row = this.db
      .prepare(
        'UPDATE codes SET tries = tries + 1 WHERE id = ? AND tries < ? AND consumed_at IS NULL RETURNING tries',
      )
      .get(id, max) as { tries: number } | undefined;
    return row?.tries;
  }
  async consumeCode(id: string, at: number) {
    return (
      this.db.prepare('UPDATE codes SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL').run(at, id)
        .changes === 1
    );
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
  async moveDeviceGrant(id: string, from: DeviceGrant['status'], patch: Partial<DeviceGrant>) {
    const entries = definedEntries(patch);
    const sets = entries.map(([k]) => `${toColumn(k)} = ?`).join(', ');
    return (
      this.db
        .prepare(`UPDATE device_grants SET ${sets} WHERE id = ? AND status = ?`)
        .run(...entries.map(([, v]) => toValue(v)), id, from).changes === 1
    );
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

  async hit(key: string, limit: Limit, at: number) {
    const row = this.db
      .prepare(HIT_SQL)
      .get({ key, now: at, windowOpen: at - limit.windowMs, max: limit.max }) as
      | { count: number }
      | undefined;
    if (row) return 0;
    const { window_start } = this.db
      .prepare('SELECT window_start FROM rate_limits WHERE key = ?')
      .get(key) as {
      window_start: number;
    };
    return window_start + limit.windowMs - at;
  }
  async unhit(key: string) {
    this.db.prepare('UPDATE rate_limits SET count = count - 1 WHERE key = ? AND count > 0').run(key);
  }

  async purgeExpired(now: number) {
    let removed = 0;
    for (const table of EXPIRING_TABLES) {
      removed += this.db.prepare(`DELETE FROM ${table} WHERE expires_at < ?`).run(now).changes;
    }
    removed += this.db
      .prepare('DELETE FROM rate_limits WHERE window_start < ?')
      .run(now - RATE_WINDOW_KEEP_MS).changes;
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
