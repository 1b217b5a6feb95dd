import type { FastifyInstance } from 'fastify';
import { statusOf } from '../flows/status';
import { accountView, auditView, setupChooserView } from '../views/account';
import { field, type PageEnv, sendPage, signedIn } from './pages';

// Fixed notice texts, picked by key, so no query text is ever reflected into the page.
const NOTICES: Record<string, string> = {
  enabled: 'Two-factor authentication is on.',
  switched: 'Your new method is active; the old one was removed.',
  disabled: 'Two-factor authentication is off.',
  'phone-changed': 'Your phone number was changed.',
  'recovery-used':
    'You signed in with your recovery key, which no longer works. Create a new recovery key now.',
};

/** Account overview, method chooser and activity log. */
export function registerAccountPages(app: FastifyInstance, env: PageEnv): void {
  app.get('/account', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const status = await statusOf(env.deps.store, user);
    return sendPage(
      env,
      req,
      reply,
      'Your account',
      accountView(user.email, status, NOTICES[field(req.query, 'notice')]),
    );
  });

  app.get('/setup', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const org = await env.deps.store.getOrg(user.orgId);
    const title = user.method ? 'Switch two-factor method' : 'Set up two-factor authentication';
    return sendPage(
      env,
      req,
      reply,
      title,
      setupChooserView(org?.requireTwoFactor ?? false, user.method !== null),
    );
  });

  app.get('/audit', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return sendPage(
      env,
      req,
      reply,
      'Account activity',
      auditView(await env.deps.store.listAudit(user.id, 200)),
    );
  });
}
