import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminDisable, adminSetPhone, adminSetPolicy, listOrgUsers } from '../flows/admin';
import { PortalError } from '../flows/errors';
import { adminView } from '../views/admin';
import { attempt, contextOf, field, type PageEnv, recentlySignedIn, sendPage, signedIn } from './pages';

/** Organisation administration: users, their phone, turning 2FA off, the org policy. */
export function registerAdminPages(app: FastifyInstance, env: PageEnv): void {
  const { deps } = env;

  const render = async (
    req: FastifyRequest,
    reply: FastifyReply,
    adminId: string,
    error?: string,
    notice?: string,
    status = 200,
  ) => {
    const users = await listOrgUsers(deps, adminId);
    const admin = await deps.store.getUser(adminId);
    const org = admin && (await deps.store.getOrg(admin.orgId));
    if (!org) throw new PortalError(404, 'no_org', 'Your organisation no longer exists.');
    return sendPage(
      env,
      req,
      reply,
      'Administration',
      adminView(contextOf(env, req), org, users, error, notice),
      status,
    );
  };

  const act = (
    req: FastifyRequest,
    reply: FastifyReply,
    adminId: string,
    action: () => Promise<void>,
    notice: string,
  ) =>
    attempt(
      reply,
      async () => {
        await action();
        return render(req, reply, adminId, undefined, notice);
      },
      // A non-admin's re-render fails in listOrgUsers and ends on the 403 error page.
      (message, status) => render(req, reply, adminId, message, undefined, status),
    );

  app.get('/admin', async (req, reply) => {
    const user = signedIn(req, reply);
    return user ? render(req, reply, user.id) : reply;
  });

  // Every change needs a login from the last few minutes: a session left open must not be able to move a
  // user's codes to another phone.
  const admin = (req: FastifyRequest, reply: FastifyReply) => recentlySignedIn(env, req, reply, '/admin');

  app.post<{ Params: { id: string } }>('/admin/users/:id/phone', async (req, reply) => {
    const user = admin(req, reply);
    if (!user) return reply;
    const phone = field(req.body, 'phone');
    return act(
      req,
      reply,
      user.id,
      () => adminSetPhone(deps, { ip: req.ip }, user.id, req.params.id, phone),
      'The phone number was changed.',
    );
  });

  app.post<{ Params: { id: string } }>('/admin/users/:id/disable', async (req, reply) => {
    const user = admin(req, reply);
    if (!user) return reply;
    return act(
      req,
      reply,
      user.id,
      () => adminDisable(deps, { ip: req.ip }, user.id, req.params.id),
      'Two-factor authentication was turned off for that user.',
    );
  });

  app.post('/admin/policy', async (req, reply) => {
    const user = admin(req, reply);
    if (!user) return reply;
    const policy = {
      requireTwoFactor: field(req.body, 'requireTwoFactor') === 'on',
      challengePolicy:
        field(req.body, 'challengePolicy') === 'always' ? ('always' as const) : ('risk' as const),
    };
    return act(
      req,
      reply,
      user.id,
      () => adminSetPolicy(deps, { ip: req.ip }, user.id, policy),
      'The policy was saved.',
    );
  });
}
