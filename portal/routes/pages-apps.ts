import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decideDeviceGrant, pendingGrant, reviewDeviceGrant, revokeToken } from '../flows/pairing';
import { appsView, deviceReviewView, deviceView } from '../views/admin';
import type { SafeHtml } from '../views/html';
import { attempt, contextOf, field, type PageEnv, sendPage, signedIn } from './pages';

/** RFC 8628 verification page (/device) and the "Connected apps" list. */
export function registerAppPages(app: FastifyInstance, env: PageEnv): void {
  const { deps } = env;

  // Signed in (with 2FA when it is on); the login brings the user back here. No recent login is needed:
  // allowing asks for the password on the page itself.
  const approver = (req: FastifyRequest, reply: FastifyReply) => {
    if (req.page.user) return req.page.user;
    void reply.redirect(`/login?next=${encodeURIComponent('/device')}`);
    return undefined;
  };
  const page = (req: FastifyRequest, reply: FastifyReply, body: SafeHtml, status = 200) =>
    sendPage(env, req, reply, 'Connect an app', body, status);

  // Any `user_code` in the link is ignored on purpose: the user types the code their app shows.
  app.get('/device', async (req, reply) => {
    if (!approver(req, reply)) return reply;
    return page(req, reply, deviceView(contextOf(env, req)));
  });

  app.post('/device', async (req, reply) => {
    const user = approver(req, reply);
    if (!user) return reply;
    return attempt(
      reply,
      async () => {
        const grant = await reviewDeviceGrant(deps, { ip: req.ip }, user.id, field(req.body, 'user_code'));
        return page(
          req,
          reply,
          deviceReviewView(contextOf(env, req), grant, { ip: req.ip, now: deps.now() }),
        );
      },
      (message, status) => page(req, reply, deviceView(contextOf(env, req), message), status),
    );
  });

  app.post('/device/decision', async (req, reply) => {
    const user = approver(req, reply);
    if (!user) return reply;
    const userCode = field(req.body, 'user_code');
    const approve = field(req.body, 'decision') === 'approve';
    const decision = approve
      ? { approve: true as const, password: field(req.body, 'password') }
      : { approve: false as const };
    return attempt(
      reply,
      async () => {
        await decideDeviceGrant(deps, { ip: req.ip }, user.id, userCode, decision);
        const done = approve ? 'Tessera is connected. You can go back to it now.' : 'The request was denied.';
        const tokens = await deps.store.listTokens(user.id);
        return page(req, reply, appsView(contextOf(env, req), tokens, deps.now(), done));
      },
      async (message, status) => {
        // A wrong password leaves the request open: show it again with the reason.
        const grant = await pendingGrant(deps, userCode).catch(() => undefined);
        const view = grant
          ? deviceReviewView(contextOf(env, req), grant, { ip: req.ip, now: deps.now() }, message)
          : deviceView(contextOf(env, req), message);
        return page(req, reply, view, status);
      },
    );
  });

  app.get('/apps', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return sendPage(
      env,
      req,
      reply,
      'Connected apps',
      appsView(contextOf(env, req), await deps.store.listTokens(user.id), deps.now()),
    );
  });

  app.post<{ Params: { id: string } }>('/apps/:id/revoke', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    await revokeToken(deps, { ip: req.ip }, user.id, req.params.id);
    const tokens = await deps.store.listTokens(user.id);
    return sendPage(
      env,
      req,
      reply,
      'Connected apps',
      appsView(contextOf(env, req), tokens, deps.now(), 'The app was disconnected.'),
    );
  });
}
