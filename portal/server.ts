import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import nodemailer from 'nodemailer';
import { buildApp } from './app';
import { mailTransport, outboxTransport } from './flows/transport';
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
  const store = await openStore(options);
  const seeded = await seedDemo(store);
  const outbox = outboxTransport(store, Date.now);
  const transport = options.smtp
    ? mailTransport(nodemailer.createTransport(options.smtp.url), options.smtp.from, outbox)
    : outbox;
  const app = buildApp({
    store,
    transport,
    dev: options.dev,
    publicUrl: options.publicUrl,
    logger: options.logger,
  });
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
