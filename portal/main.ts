import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { secretKeysFromEnv } from './flows/sealed-secrets';
import { startPortal } from './server';

// Environment: see portal/README.md (PORT, HOST, DEV, DATABASE_URL, PORTAL_DATA, PORTAL_PUBLIC_URL,
// PORTAL_SECRET_KEY, PORTAL_SECRET_KEY_FILE, PORTAL_SECRET_KEYS_OLD, SMTP_URL, SMTP_FROM, LOG_LEVEL).
const env = process.env;
// Off unless asked for: the outbox shows every code sent.
const dev = env.DEV === '1';
const dataDir = env.PORTAL_DATA ?? join(dirname(fileURLToPath(import.meta.url)), 'data');
const portal = await startPortal({
  dataDir,
  databaseUrl: env.DATABASE_URL || undefined,
  port: Number(env.PORT ?? 8787),
  host: env.HOST ?? '127.0.0.1',
  dev,
  publicUrl: env.PORTAL_PUBLIC_URL,
  secretKeys: secretKeysFromEnv(env),
  smtp: env.SMTP_URL ? { url: env.SMTP_URL, from: env.SMTP_FROM ?? 'portal@localhost' } : undefined,
  logger: { level: env.LOG_LEVEL ?? 'info' },
});
portal.app.log.info(
  { seeded: portal.seeded, dev, store: env.DATABASE_URL ? 'postgresql' : `sqlite in ${dataDir}` },
  `portal ready at ${portal.url}/${dev ? ` (outbox: ${portal.url}/dev/outbox)` : ''}`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await portal.close();
    process.exit(0);
  });
}
