import type { FastifyInstance } from 'fastify';
import { maskPhone } from '../flows/phone';
import { askAdministrator, confirmNewPhone, confirmOldPhone, startPhoneChange } from '../flows/phone-change';
import { resendPendingCode } from '../flows/resend';
import { messageView } from '../views/auth';
import { phoneCodeView, phoneStartView } from '../views/security';
import { attempt, contextOf, field, type PageEnv, sendPage, signedIn } from './pages';

/** Change of the 2FA phone (password, code to the current number, code to the new number) and "Send a new code" for any pending change. */
export function registerPhonePages(app: FastifyInstance, env: PageEnv): void {
  const { deps } = env;
  const title = 'Change phone number';

  app.get('/security/phone', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    if (!user.phone)
      return sendPage(
        env,
        req,
        reply,
        title,
        messageView('Your two-factor method is not SMS.', '/account'),
        409,
      );
    return sendPage(env, req, reply, title, phoneStartView(contextOf(env, req), maskPhone(user.phone)));
  });

  app.post('/security/phone', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return attempt(
      reply,
      async () => {
        const password = field(req.body, 'password');
        const started = await startPhoneChange(
          deps,
          { ip: req.ip },
          user.id,
          field(req.body, 'phone'),
          password ? { password } : undefined,
        );
        return sendPage(
          env,
          req,
          reply,
          title,
          phoneCodeView(contextOf(env, req), started.changeId, 'old', started.sentTo),
        );
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          title,
          phoneStartView(contextOf(env, req), maskPhone(user.phone ?? ''), message),
          status,
        ),
    );
  });

  app.post('/security/phone/lost', async (req, reply) => {
    if (!signedIn(req, reply)) return reply;
    return sendPage(env, req, reply, title, messageView(askAdministrator().message, '/account'), 409);
  });

  app.post<{ Params: { id: string } }>('/security/resend/:id', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const id = req.params.id;
    return attempt(
      reply,
      async () => {
        const sent = await resendPendingCode(deps, { ip: req.ip }, user.id, id);
        const pending = await deps.store.getPending(id);
        if (pending?.kind !== 'phone-change') return reply.redirect(`/security/setup/${id}`);
        const which = pending.stage === 'new' ? 'new' : 'old';
        return sendPage(env, req, reply, title, phoneCodeView(contextOf(env, req), id, which, sent.sentTo));
      },
      (message, status) =>
        sendPage(env, req, reply, 'Send a new code', messageView(message, '/account'), status),
    );
  });

  app.post<{ Params: { id: string } }>('/security/phone/:id', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const id = req.params.id;
    const pending = await deps.store.getPending(id);
    if (!pending || pending.userId !== user.id || pending.kind !== 'phone-change') {
      return sendPage(
        env,
        req,
        reply,
        title,
        messageView('That change no longer exists. Start again.', '/security/phone'),
        404,
      );
    }
    const which = pending.stage === 'new' ? 'new' : 'old';
    const code = field(req.body, 'code').trim();
    return attempt(
      reply,
      async () => {
        if (which === 'new') {
          await confirmNewPhone(deps, { ip: req.ip }, user.id, id, code);
          return reply.redirect('/account?notice=phone-changed');
        }
        const next = await confirmOldPhone(deps, { ip: req.ip }, user.id, id, code);
        return sendPage(env, req, reply, title, phoneCodeView(contextOf(env, req), id, 'new', next.sentTo));
      },
      (message, status) => {
        const sentTo = maskPhone((which === 'new' ? pending.phone : user.phone) ?? '');
        return sendPage(
          env,
          req,
          reply,
          title,
          phoneCodeView(contextOf(env, req), id, which, sentTo, message),
          status,
        );
      },
    );
  });
}
