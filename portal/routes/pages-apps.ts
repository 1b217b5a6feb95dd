import type { FastifyInstance } from 'fastify';
import { decideDeviceGrant, pendingGrant, revokeToken } from '../flows/pairing';
import { normaliseUserCode } from '../flows/secure-random';
import { appsView, deviceView } from '../views/admin';
import { attempt, contextOf, field, type PageEnv, recentlySignedIn, sendPage, signedIn } from './pages';

/** RFC 8628 verification page (/device) and the "Connected apps" list. */
export function registerAppPages(app: FastifyInstance, env: PageEnv): void {
  const { deps } = env;

  app.get('/device', async (req, reply) => {
    const userCode = normaliseUserCode(field(req.query, 'user_code'));
    if (!recentlySignedIn(env, req, reply, `/device?user_code=${userCode}`)) return reply;
    const grant = userCode ? await pendingGrant(deps, userCode).catch(() => undefined) : undefined;
    const error =
      userCode && !grant ? 'That code is unknown or has expired. Start pairing again in Tessera.' : undefined;
    return sendPage(
      env,
      req,
      reply,
      'Connect an app',
      deviceView(contextOf(env, req), userCode, grant?.clientId, error),
    );
  });

  app.post('/device', async (req, reply) => {
    const userCode = field(req.body, 'user_code');
    const user = recentlySignedIn(env, req, reply, `/device?user_code=${normaliseUserCode(userCode)}`);
    if (!user) return reply;
    const approve = field(req.body, 'decision') === 'approve';
    return attempt(
      reply,
      async () => {
        await decideDeviceGrant(deps, { ip: req.ip }, user.id, userCode, approve);
        const done = approve ? 'Tessera is connected. You can go back to it now.' : 'The request was denied.';
        return sendPage(
          env,
          req,
          reply,
          'Connect an app',
          appsView(contextOf(env, req), await deps.store.listTokens(user.id), deps.now(), done),
        );
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Connect an app',
          deviceView(contextOf(env, req), userCode, undefined, message),
          status,
        ),
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
