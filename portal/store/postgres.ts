import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { PG_MIGRATIONS } from './migrations-postgres';
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

type Queryable = Pick<pg.Pool, 'query'>;

// Times are BIGINT milliseconds; they fit a JS number, so read them as numbers rather than strings.
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

// serialization_failure and deadlock_detected: the transaction lost a race and can simply run again.
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_RUNS = 20;
// Serialises concurrent migrations (several instances starting at once) within one database.
const MIGRATION_LOCK = 0x7e55e7a;

/** See sqlite.ts: one hit on a fixed window, no row back when the window is full. */
const HIT_SQL = `
  INSERT INTO rate_limits (key, window_start, count) VALUES ($1, $2, 1)
  ON CONFLICT (key) DO UPDATE SET
    count = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.count + 1 END,
    window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END
  WHERE rate_limits.window_start <= $3 OR rate_limits.count < $4
  RETURNING count`;

/** The Store's SQL on a pool (each call its own statement) or on the one client of a transaction. */
class PgOps implements Store {
  constructor(
    private readonly db: Queryable,
    private readonly pool: pg.Pool | null,
    /**
     * Rate-limit windows are shared by every request of an IP: updated inside SERIALIZABLE changes they
     * would make those changes conflict all the time, so hits commit at once on connections of their own.
     */
    private readonly counters: pg.Pool,
    /** Hits already counted by earlier runs of this transaction: a run again after a conflict counts none twice. */
    private readonly counted = new Map<string, number>(),
  ) {}

  /**
   * SERIALIZABLE, so a change reads and writes as if it were alone, whichever instance runs it; a run that
   * loses a race is rolled back and `fn` runs again on fresh data. Inside a transaction, `fn` joins it.
   */
  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (!this.pool) return fn(this);
    const counted = new Map<string, number>();
    for (let run = 1; ; run++) {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
        const result = await fn(new PgOps(client, null, this.counters, counted));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        const code = (error as { code?: string }).code;
        if (!code || !RETRYABLE.has(code) || run >= MAX_RUNS) throw error;
      } finally {
        client.release();
      }
      await sleep(Math.random() * Math.min(100, 2 ** run));
    }
  }

  private async rows(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.db.query(sql, params)).rows as Row[];
  }
  private async one<T>(sql: string, ...params: unknown[]): Promise<T | undefined> {
    return fromRow<T>((await this.rows(sql, params))[0]);
  }
  private async many<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    return (await this.rows(sql, params)).map((r) => fromRow<T>(r) as T);
  }
  private async count(sql: string, ...params: unknown[]): Promise<number> {
    return (await this.db.query(sql, params)).rowCount ?? 0;
  }
  private async insert(table: string, record: object): Promise<void> {
    const entries = Object.entries(record);
    const columns = entries.map(([k]) => toColumn(k)).join(', ');
    const marks = entries.map((_e, i) => `$${i + 1}`).join(', ');
    await this.db.query(
      `INSERT INTO ${table} (${columns}) VALUES (${marks})`,
      entries.map(([, v]) => v ?? null),
    );
  }
  /** Sets the patch's fields on rows matching `where` (its parameters follow the patch's). */
  private async update(table: string, patch: object, where: string, ...params: unknown[]): Promise<number> {
    const entries = definedEntries(patch);
    if (entries.length === 0) return 0;
    const sets = entries.map(([k], i) => `${toColumn(k)} = $${i + 1}`).join(', ');
    const shifted = where.replace(/\$(\d+)/g, (_m, n: string) => `$${Number(n) + entries.length}`);
    return this.count(
      `UPDATE ${table} SET ${sets} WHERE ${shifted}`,
      ...entries.map(([, v]) => v),
      ...params,
    );
  }

  async createOrg(org: Org) {
    await this.insert('orgs', org);
  }
  async getOrg(id: string) {
    return this.one<Org>('SELECT * FROM orgs WHERE id = $1', id);
  }
  async updateOrg(id: string, patch: Partial<Org>) {
    await this.update('orgs', patch, 'id = $1', id);
  }
  async countOrgs() {
    return Number((await this.rows('SELECT count(*)::int AS n FROM orgs'))[0]?.n ?? 0);
  }

  async createUser(user: User) {
    await this.insert('users', user);
  }
  async getUser(id: string) {
    return this.one<User>('SELECT * FROM users WHERE id = $1', id);
  }
  async getUserByEmail(email: string) {
    return this.one<User>('SELECT * FROM users WHERE lower(email) = lower($1)', email.trim());
  }
  async listUsersByOrg(orgId: string) {
    return this.many<User>('SELECT * FROM users WHERE org_id = $1 ORDER BY lower(email)', orgId);
  }
  async updateUser(id: string, patch: Partial<User>) {
    await this.update('users', patch, 'id = $1', id);
  }
  async advanceTotpStep(userId: string, step: number, drift: number) {
    const changed = await this.count(
      'UPDATE users SET totp_last_step = $1, totp_drift = $2 WHERE id = $3 AND (totp_last_step IS NULL OR totp_last_step < $1)',
      step,
      drift,
      userId,
    );
    return changed === 1;
  }
  async takeAttempt(userId: string, at: number, max: number, lockMs: number) {
    const row = (
      await this.rows(
        `UPDATE users SET failed_attempts = failed_attempts + 1, last_failure_at = $2
         WHERE id = $1 AND (failed_attempts < $3 OR last_failure_at IS NULL OR last_failure_at <= $4)
         RETURNING failed_attempts`,
        [userId, at, max, at - lockMs],
      )
    )[0];
    return row ? Number(row.failed_attempts) : undefined;
  }
  async clearFailures(userId: string) {
    await this.db.query('UPDATE users SET failed_attempts = 0 WHERE id = $1', [userId]);
  }

  async createSession(session: Session) {
    await this.insert('sessions', session);
  }
  async getSession(idHash: string) {
    return this.one<Session>('SELECT * FROM sessions WHERE id_hash = $1', idHash);
  }
  async deleteSession(idHash: string) {
    return (await this.count('DELETE FROM sessions WHERE id_hash = $1', idHash)) === 1;
  }

  async createCode(code: OobCode) {
    await this.insert('codes', code);
  }
  async getActiveCode(userId: string, purpose: string) {
    return this.one<OobCode>(
      'SELECT * FROM codes WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL ORDER BY created_at DESC, seq DESC LIMIT 1',
      userId,
      purpose,
    );
  }
  async takeCodeTry(id: string, max: number) {
    const row = (
      await this.rows(
        'UPDATE codes SET tries = tries + 1 WHERE id = $1 AND tries < $2 AND consumed_at IS NULL RETURNING tries',
        [id, max],
      )
    )[0];
    return row ? Number(row.tries) : undefined;
  }
  async consumeCode(id: string, at: number) {
    return (
      (await this.count(
        'UPDATE codes SET consumed_at = $2 WHERE id = $1 AND consumed_at IS NULL',
        id,
        at,
      )) === 1
    );
  }
  async voidCodes(userId: string, purpose: string, at: number) {
    await this.db.query(
      'UPDATE codes SET consumed_at = $3 WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL',
      [userId, purpose, at],
    );
  }

  async createPending(change: PendingChange) {
    await this.insert('pending_changes', change);
  }
  async getPending(id: string) {
    return this.one<PendingChange>('SELECT * FROM pending_changes WHERE id = $1', id);
  }
  async updatePending(id: string, patch: Partial<PendingChange>) {
    await this.update('pending_changes', patch, 'id = $1', id);
  }
  async deletePending(id: string) {
    await this.db.query('DELETE FROM pending_changes WHERE id = $1', [id]);
  }

  async rememberDevice(device: KnownDevice) {
    await this.db.query(
      `INSERT INTO known_devices (user_id, device_hash, ip, last_seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id, device_hash) DO UPDATE SET ip = excluded.ip, last_seen_at = excluded.last_seen_at`,
      [device.userId, device.deviceHash, device.ip, device.lastSeenAt],
    );
  }
  async getDevice(userId: string, deviceHash: string) {
    return this.one<KnownDevice>(
      'SELECT * FROM known_devices WHERE user_id = $1 AND device_hash = $2',
      userId,
      deviceHash,
    );
  }

  async createDeviceGrant(grant: DeviceGrant) {
    await this.insert('device_grants', grant);
  }
  async getDeviceGrantByDeviceCode(hash: string) {
    return this.one<DeviceGrant>('SELECT * FROM device_grants WHERE device_code_hash = $1', hash);
  }
  async getDeviceGrantByUserCode(userCode: string) {
    return this.one<DeviceGrant>('SELECT * FROM device_grants WHERE user_code = $1', userCode);
  }
  async updateDeviceGrant(id: string, patch: Partial<DeviceGrant>) {
    await this.update('device_grants', patch, 'id = $1', id);
  }
  async moveDeviceGrant(id: string, from: DeviceGrant['status'], patch: Partial<DeviceGrant>) {
    return (await this.update('device_grants', patch, 'id = $1 AND status = $2', id, from)) === 1;
  }

  async createToken(token: ApiToken) {
    await this.insert('api_tokens', token);
  }
  async getTokenByHash(hash: string) {
    return this.one<ApiToken>('SELECT * FROM api_tokens WHERE token_hash = $1', hash);
  }
  async listTokens(userId: string) {
    return this.many<ApiToken>(
      'SELECT * FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC',
      userId,
    );
  }
  async updateToken(id: string, patch: Partial<ApiToken>) {
    await this.update('api_tokens', patch, 'id = $1', id);
  }

  async appendAudit(entry: AuditEntry) {
    await this.insert('audit', entry);
  }
  async listAudit(userId: string, limit: number) {
    return this.many<AuditEntry>(
      'SELECT * FROM audit WHERE user_id = $1 ORDER BY at DESC, seq DESC LIMIT $2',
      userId,
      limit,
    );
  }

  async hit(key: string, limit: Limit, at: number) {
    const earlier = this.counted.get(key);
    if (earlier !== undefined) return earlier;
    let retryMs = 0;
    if ((await this.counters.query(HIT_SQL, [key, at, at - limit.windowMs, limit.max])).rowCount !== 1) {
      const { rows } = await this.counters.query('SELECT window_start FROM rate_limits WHERE key = $1', [
        key,
      ]);
      retryMs = Number(rows[0]?.window_start ?? at) + limit.windowMs - at;
    }
    if (!this.pool) this.counted.set(key, retryMs);
    return retryMs;
  }
  async unhit(key: string) {
    this.counted.delete(key);
    await this.counters.query('UPDATE rate_limits SET count = count - 1 WHERE key = $1 AND count > 0', [key]);
  }

  async purgeExpired(now: number) {
    let removed = 0;
    for (const table of EXPIRING_TABLES)
      removed += await this.count(`DELETE FROM ${table} WHERE expires_at < $1`, now);
    removed += await this.count('DELETE FROM rate_limits WHERE window_start < $1', now - RATE_WINDOW_KEEP_MS);
    return removed;
  }

  async addOutbox(message: OutboxMessage) {
    await this.insert('outbox', message);
  }
  async listOutbox(limit: number) {
    return this.many<OutboxMessage>('SELECT * FROM outbox ORDER BY at DESC, seq DESC LIMIT $1', limit);
  }
  async clearOutbox() {
    await this.db.query('DELETE FROM outbox');
  }

  async close() {
    await this.pool?.end();
    await this.counters.end();
  }
}

/** Applies pending migrations in one transaction, one instance at a time. */
async function migrate(pool: pg.Pool, schema: string | undefined): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)',
    );
    const done = (await client.query('SELECT coalesce(max(version), 0)::int AS v FROM schema_migrations'))
      .rows[0].v as number;
    for (let i = done; i < PG_MIGRATIONS.length; i++) {
      await client.query(PG_MIGRATIONS[i] as string);
      await client.query('INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)', [
        i + 1,
        Date.now(),
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface PostgresOptions {
  /** A schema of its own inside the database (e.g. one per test), created when missing. */
  schema?: string;
  /** Connections per portal process. */
  maxConnections?: number;
}

/** Opens (and migrates) the PostgreSQL store at `url` (postgres://user:pass@host:port/db). */
export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema))
    throw new Error(`bad schema name ${schema}`);
  const connect = (max: number) => {
    const pool = new pg.Pool({
      connectionString: url,
      max,
      types: TYPES,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    return pool;
  };
  const pool = connect(options.maxConnections ?? 10);
  const counters = connect(2);
  try {
    await migrate(pool, schema);
  } catch (error) {
    await Promise.all([pool.end(), counters.end()]);
    throw error;
  }
  return new PgOps(pool, pool, counters);
}
