/**
 * PostgreSQL schema migrations, applied in order; the table `schema_migrations` records which ran. Append,
 * never edit. Times are epoch milliseconds (BIGINT), like SQLite's INTEGER, so both stores hold the same
 * records; `seq` columns only break ties between rows written in the same millisecond.
 */
export const PG_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE orgs (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    require_two_factor BOOLEAN NOT NULL DEFAULT false,
    challenge_policy TEXT NOT NULL DEFAULT 'risk' CHECK (challenge_policy IN ('always', 'risk'))
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    org_id TEXT NOT NULL REFERENCES orgs(id),
    email TEXT NOT NULL,
    email_verified BOOLEAN NOT NULL DEFAULT false,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('user', 'admin')),
    password_hash TEXT NOT NULL,
    method TEXT CHECK (method IN ('totp', 'sms', 'email')),
    totp_secret TEXT,
    totp_last_step BIGINT,
    totp_drift INTEGER NOT NULL DEFAULT 0,
    phone TEXT,
    recovery_hash TEXT,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    last_failure_at BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE UNIQUE INDEX users_email ON users (lower(email));
  CREATE INDEX users_org ON users (org_id);
  CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    csrf TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE codes (
    seq BIGSERIAL,
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    channel TEXT NOT NULL,
    destination TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL,
    consumed_at BIGINT,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX codes_user_purpose ON codes (user_id, purpose);
  CREATE TABLE pending_changes (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    method TEXT NOT NULL,
    secret TEXT,
    phone TEXT,
    stage TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE known_devices (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    device_hash TEXT NOT NULL,
    ip TEXT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, device_hash)
  );
  CREATE TABLE device_grants (
    id TEXT PRIMARY KEY,
    device_code_hash TEXT NOT NULL UNIQUE,
    user_code TEXT NOT NULL UNIQUE,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    status TEXT NOT NULL,
    user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    "interval" INTEGER NOT NULL,
    last_poll_at BIGINT,
    expires_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    revoked_at BIGINT,
    last_used_at BIGINT
  );
  CREATE TABLE audit (
    seq BIGSERIAL,
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    org_id TEXT NOT NULL,
    actor_id TEXT,
    type TEXT NOT NULL,
    summary TEXT NOT NULL,
    ip TEXT,
    at BIGINT NOT NULL
  );
  CREATE INDEX audit_user ON audit (user_id, at);
  CREATE TABLE outbox (
    seq BIGSERIAL,
    id TEXT PRIMARY KEY,
    channel TEXT NOT NULL,
    "to" TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
  );
  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count INTEGER NOT NULL
  );
  `,
  // Where a pairing request came from, shown on the approval page.
  `
  ALTER TABLE device_grants
    ADD COLUMN request_ip TEXT NOT NULL DEFAULT '',
    ADD COLUMN request_agent TEXT NOT NULL DEFAULT '';
  `,
];
