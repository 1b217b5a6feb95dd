import type { FastifyInstance, FastifyRequest } from 'fastify';
import { codeStep, passwordStep, recoveryStep, sendLoginCode } from '../flows/login';
import { maskPhone } from '../flows/phone';
import { codePromptView, loginView, recoveryPromptView } from '../views/auth';
import { attempt, contextOf, field, type PageEnv, sendPage } from './pages';
import { deviceIdOf, endSession, startSession } from './session';

/** Login (password, then code or recovery key) and logout. */
export function registerAuthPages(app: FastifyInstance, env: PageEnv): void {
  const { deps, config } = env;
  // The user who passed the password step and still owes a second factor.
  const pendingUser = async (req: FastifyRequest) => {
    const { stage, userId } = req.page.session;
    return stage === 'second-factor' && userId ? deps.store.getUser(userId) : undefined;
  };
  // Where the user lands once fully signed in: back to the page that sent them to login (same site only).
  const nextOf = (req: FastifyRequest) => {
    const next = field(req.query, 'next');
    return /^\/[a-z]/.test(next) ? next : '';
  };
  const withNext = (path: string, next: string) => (next ? `${path}?next=${encodeURIComponent(next)}` : path);
  const sentToOf = (user: { method: string | null; phone: string | null }) =>
    user.method === 'email' ? 'your e-mail address' : user.phone ? maskPhone(user.phone) : undefined;

  app.get('/', async (req, reply) => reply.redirect(req.page.user ? '/account' : '/login'));

  app.get('/login', async (req, reply) => {
    deviceIdOf(config, req, reply);
    return sendPage(
      env,
      req,
      reply,
      'Sign in',
      loginView(
        contextOf(env, req),
        withNext('/login', nextOf(req)),
        undefined,
        '',
        field(req.query, 'reauth') ? 'Sign in again to confirm it is you.' : undefined,
      ),
    );
  });

  app.post('/login', async (req, reply) => {
    const email = field(req.body, 'email');
    const caller = { ip: req.ip, deviceId: deviceIdOf(config, req, reply) };
    return attempt(
      reply,
      async () => {
        const outcome = await passwordStep(deps, caller, email, field(req.body, 'password'));
        const stage = outcome.next === 'done' ? 'full' : 'second-factor';
        await startSession(deps, config, reply, req.page.session, outcome.user.id, stage);
        return reply.redirect(
          stage === 'full' ? nextOf(req) || '/account' : withNext('/login/code', nextOf(req)),
        );
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Sign in',
          loginView(contextOf(env, req), withNext('/login', nextOf(req)), message, email),
          status,
        ),
    );
  });

  app.get('/login/code', async (req, reply) => {
    const user = await pendingUser(req);
    if (!user?.method) return reply.redirect('/login');
    const view = codePromptView(
      contextOf(env, req),
      withNext('/login/code', nextOf(req)),
      user.method,
      sentToOf(user),
    );
    return sendPage(env, req, reply, 'Two-step verification', view);
  });

  app.post('/login/code', async (req, reply) => {
    const user = await pendingUser(req);
    if (!user?.method) return reply.redirect('/login');
    const caller = { ip: req.ip, deviceId: deviceIdOf(config, req, reply) };
    return attempt(
      reply,
      async () => {
        await codeStep(deps, caller, user.id, field(req.body, 'code').trim());
        await startSession(deps, config, reply, req.page.session, user.id, 'full');
        return reply.redirect(nextOf(req) || '/account');
      },
      (message, status) => {
        const view = codePromptView(
          contextOf(env, req),
          withNext('/login/code', nextOf(req)),
          user.method ?? 'totp',
          sentToOf(user),
          message,
        );
        return sendPage(env, req, reply, 'Two-step verification', view, status);
      },
    );
  });

  app.post('/login/code/resend', async (req, reply) => {
    const user = await pendingUser(req);
    if (!user?.method) return reply.redirect('/login');
    return attempt(
      reply,
      async () => {
        await sendLoginCode(deps, { ip: req.ip }, user.id);
        return reply.redirect('/login/code');
      },
      (message, status) => {
        const view = codePromptView(
          contextOf(env, req),
          '/login/code',
          user.method ?? 'totp',
          sentToOf(user),
          message,
        );
        return sendPage(env, req, reply, 'Two-step verification', view, status);
      },
    );
  });

  app.get('/login/recovery', async (req, reply) => {
    if (!(await pendingUser(req))) return reply.redirect('/login');
    return sendPage(env, req, reply, 'Use a recovery code', recoveryPromptView(contextOf(env, req)));
  });

  app.post('/login/recovery', async (req, reply) => {
    const user = await pendingUser(req);
    if (!user) return reply.redirect('/login');
    const caller = { ip: req.ip, deviceId: deviceIdOf(config, req, reply) };
    return attempt(
      reply,
      async () => {
        await recoveryStep(deps, caller, user.id, field(req.body, 'recovery'));
        await startSession(deps, config, reply, req.page.session, user.id, 'full');
        return reply.redirect('/account?notice=recovery-used');
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Use a recovery code',
          recoveryPromptView(contextOf(env, req), message),
          status,
        ),
    );
  });

  app.post('/logout', async (req, reply) => {
    await endSession(deps, reply, req.page.session);
    return reply.redirect('/login');
  });
}
