import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import nodemailer from 'nodemailer';
import { buildApp } from './app';
import type { PasswordCost } from './flows/passwords';
import { keyFileInDataDir, randomSecretKeys, type SecretKeys, sealingStore } from './flows/sealed-secrets';
import { mailTransport, noGatewayTransport, outboxTransport } from './flows/transport';
import { isLoopback } from './routes/dev';
import { seedDemo } from './seed';
import { openPostgresStore } from './store/postgres';
import { openSqliteStore } from './store/sqlite';
import type { Store } from './store/types';

export interface ServerOptions {
  /** Folder of portal.db, or ':memory:' for a throw-away portal (e2e tests); unused with `databaseUrl`. */
  dataDir: string;
  /** postgres://… selects the PostgreSQL store (several instances may share it) instead of SQLite. */
  databaseUrl?: string;
  port: number;
  host: string;
  dev: boolean;
  publicUrl?: string;
  smtp?: { url: string; from: string };
  /**
   * Keys for TOTP secrets at rest; default: a random key for ':memory:', otherwise a key file created in
   * `dataDir` (demo only, with a warning).
   */
  secretKeys?: SecretKeys;
  /** scrypt cost of new password hashes (default: OWASP's N=2^17; tests lower it). */
  passwordCost?: PasswordCost;
  logger: FastifyServerOptions['logger'];
}

export interface RunningPortal {
  /** Origin it listens on, e.g. http://127.0.0.1:8787 (the real port when `port` was 0). */
  url: string;
  app: FastifyInstance;
  store: Store;
  seeded: boolean;
  close(): Promise<void>;
}

/** PostgreSQL when a postgres:// URL is given, else the embedded SQLite file (or memory). */
export async function openStore(options: Pick<ServerOptions, 'dataDir' | 'databaseUrl'>): Promise<Store> {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl))
      throw new Error('DATABASE_URL must be a postgres:// URL (leave it unset for SQLite).');
    return openPostgresStore(options.databaseUrl);
  }
  if (options.dataDir === ':memory:') return openSqliteStore(':memory:');
  mkdirSync(options.dataDir, { recursive: true });
  return openSqliteStore(join(options.dataDir, 'portal.db'));
}

/** Opens the database, seeds the demo data once and listens; e2e tests call it with port 0. */
export async function startPortal(options: ServerOptions): Promise<RunningPortal> {
  if (options.dev && !isLoopback(options.host)) {
    throw new Error(
      `DEV=1 keeps sign-in codes readable on /dev/outbox, so it only listens on a loopback address, not on ${options.host}. Unset DEV (it is off by default) or set HOST=127.0.0.1.`,
    );
  }
  const database = await openStore(options);
  const warnings: string[] = [];
  const secretKeys =
    options.secretKeys ??
    (options.dataDir === ':memory:'
      ? randomSecretKeys()
      : keyFileInDataDir(options.dataDir, (w) => warnings.push(w)));
  // What callers (seed, tests) write goes through the same sealing as the app's own writes.
  const store = sealingStore(database, secretKeys);
  const seeded = await seedDemo(store, Date.now(), options.passwordCost);
  // Without DEV no message is kept: codes never sit in clear in the database.
  const outbox = options.dev ? outboxTransport(database, Date.now) : noGatewayTransport();
  const transport = options.smtp
    ? mailTransport(nodemailer.createTransport(options.smtp.url), options.smtp.from, outbox)
    : outbox;
  const app = buildApp({
    store: database,
    secretKeys,
    transport,
    dev: options.dev,
    publicUrl: options.publicUrl,
    passwordCost: options.passwordCost,
    logger: options.logger,
  });
  for (const warning of warnings) app.log.warn(warning);
  // Expired sessions, codes and grants are useless; drop them hourly so the tables stay small.
  const purge = setInterval(
    () => void store.purgeExpired(Date.now()).catch((err) => app.log.warn({ err }, 'purge failed')),
    3600_000,
  );
  purge.unref();
  const url = await app.listen({ port: options.port, host: options.host });
  return {
    url,
    app,
    store,
    seeded,
    async close() {
      clearInterval(purge);
      await app.close();
      await store.close();
    },
  };
}
