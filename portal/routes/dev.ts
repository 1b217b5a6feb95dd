import type { FastifyInstance } from 'fastify';
import { outboxView } from '../views/dev';
import { layout } from '../views/html';
import type { PageEnv } from './pages';

/** Dev-only outbox: an HTML page for testers and a JSON API for automated tests. Never on in production. */
export function registerDevRoutes(app: FastifyInstance, env: PageEnv): void {
  const { store } = env.deps;

  app.get('/dev/outbox', async (_req, reply) => {
    const page = layout({ csrf: '', dev: true }, 'Outbox', outboxView(await store.listOutbox(100)));
    return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(page);
  });

  app.get('/dev/api/outbox', async () => ({ messages: await store.listOutbox(100) }));

  app.delete('/dev/api/outbox', async (_req, reply) => {
    await store.clearOutbox();
    return reply.status(204).send();
  });
}
