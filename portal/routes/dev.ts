import { isIP } from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PortalError } from '../flows/errors';
import { outboxView } from '../views/dev';
import { layout } from '../views/html';
import type { PageEnv } from './pages';

/** Whether a host name or address is this machine (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare.endsWith('.localhost')) return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

/**
 * The outbox holds live codes: only a caller on this machine, addressing it by a loopback name, may read it.
 * The Host check stops DNS rebinding (a web page whose name resolves to 127.0.0.1 would otherwise be
 * same-origin with the outbox).
 */
function assertLocal(req: FastifyRequest): void {
  if (!isLoopback(req.ip) || !isLoopback(req.hostname)) {
    throw new PortalError(
      403,
      'dev_local_only',
      'The dev outbox only answers on a loopback address (open it as http://127.0.0.1:…/dev/outbox on the portal machine).',
    );
  }
}

/** Dev-only outbox: an HTML page for testers and a JSON API for automated tests. Never on in production. */
export function registerDevRoutes(app: FastifyInstance, env: PageEnv): void {
  const { store } = env.deps;
  app.addHook('onRequest', async (req) => assertLocal(req));

  app.get('/dev/outbox', async (_req, reply) => {
    const page = layout({ csrf: '', dev: true }, 'Outbox', outboxView(await store.listOutbox(100)));
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
  });

  app.get('/dev/api/outbox', async (_req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { messages: await store.listOutbox(100) };
  });

  app.delete('/dev/api/outbox', async (_req, reply) => {
    await store.clearOutbox();
    return reply.status(204).send();
  });
}
