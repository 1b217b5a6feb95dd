import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { type Method, MethodSchema, StepUpPurposeSchema } from '../../lib/portal/schemas';
import {
  confirmEnrollment,
  disableTwoFactor,
  otpauthOf,
  renewRecoveryKey,
  sendStepUpCode,
  startEnrollment,
} from '../flows/methods';
import { maskEmail, maskPhone } from '../flows/phone';
import type { User } from '../store/types';
import { messageView } from '../views/auth';
import {
  disableView,
  oobSetupView,
  recoveryKeyView,
  renewView,
  setupStartView,
  totpSetupView,
} from '../views/security';
import { attempt, contextOf, field, type PageEnv, recentlySignedIn, sendPage, signedIn } from './pages';

const methodOf = (value: string): Method => MethodSchema.catch('totp').parse(value);

/** Method setup and switch, turning 2FA off, recovery-key renewal and step-up codes. */
export function registerSecurityPages(app: FastifyInstance, env: PageEnv): void {
  const { deps } = env;

  app.get('/security/setup', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const method = methodOf(field(req.query, 'method'));
    return sendPage(
      env,
      req,
      reply,
      'Set up a method',
      setupStartView(contextOf(env, req), method, user.method !== null),
    );
  });

  app.post('/security/setup', async (req, reply) => {
    const method = methodOf(field(req.body, 'method'));
    // Switching asks for the password in the form; turning 2FA on asks for a recent login instead.
    const user = req.page.user?.method
      ? req.page.user
      : recentlySignedIn(env, req, reply, `/security/setup?method=${method}`);
    if (!user) return reply;
    const password = field(req.body, 'password');
    return attempt(
      reply,
      async () => {
        const stepUp = password ? { password } : undefined;
        const started = await startEnrollment(deps, { ip: req.ip }, user.id, {
          method,
          phone: field(req.body, 'phone'),
          stepUp,
          recentLogin: user.method === null,
        });
        return reply.redirect(`/security/setup/${started.enrollmentId}`);
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Set up a method',
          setupStartView(contextOf(env, req), method, user.method !== null, message),
          status,
        ),
    );
  });

  const renderConfirm = async (
    req: Parameters<typeof contextOf>[1],
    user: User,
    id: string,
    error?: string,
  ) => {
    const pending = await deps.store.getPending(id);
    if (
      !pending ||
      pending.userId !== user.id ||
      pending.kind === 'phone-change' ||
      deps.now() > pending.expiresAt
    )
      return undefined;
    const ctx = contextOf(env, req);
    const uri = otpauthOf(deps, user, pending);
    if (uri && pending.secret) {
      const qr = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 2, width: 220 });
      return totpSetupView(ctx, id, qr, pending.secret, error);
    }
    const sentTo = pending.phone ? maskPhone(pending.phone) : maskEmail(user.email);
    return oobSetupView(ctx, id, pending.method, sentTo, error);
  };

  app.get<{ Params: { id: string } }>('/security/setup/:id', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const view = await renderConfirm(req, user, req.params.id);
    if (!view)
      return sendPage(
        env,
        req,
        reply,
        'Setup expired',
        messageView('That setup expired. Start again.', '/setup'),
        404,
      );
    return sendPage(env, req, reply, 'Verify your new method', view);
  });

  app.post<{ Params: { id: string } }>('/security/setup/:id', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return attempt(
      reply,
      async () => {
        const result = await confirmEnrollment(
          deps,
          { ip: req.ip },
          user.id,
          req.params.id,
          field(req.body, 'code').trim(),
        );
        if (!result.recoveryKey) return reply.redirect('/account?notice=switched');
        return sendPage(
          env,
          req,
          reply,
          'Save your recovery key',
          recoveryKeyView(result.recoveryKey, 'Two-factor authentication is on.'),
        );
      },
      async (message, status) => {
        const view = await renderConfirm(req, user, req.params.id, message);
        return sendPage(
          env,
          req,
          reply,
          'Verify your new method',
          view ?? messageView(message, '/setup'),
          status,
        );
      },
    );
  });

  app.post('/security/step-up/send', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const purpose = StepUpPurposeSchema.catch('disable').parse(field(req.body, 'purpose'));
    const render = purpose === 'recovery-renew' ? renewView : disableView;
    const title =
      purpose === 'recovery-renew' ? 'Create new recovery key' : 'Turn off two-factor authentication';
    return attempt(
      reply,
      async () => {
        const sent = await sendStepUpCode(deps, { ip: req.ip }, user.id, purpose);
        return sendPage(
          env,
          req,
          reply,
          title,
          render(contextOf(env, req), user.method, undefined, `We sent a code to ${sent.sentTo}.`),
        );
      },
      (message, status) =>
        sendPage(env, req, reply, title, render(contextOf(env, req), user.method, message), status),
    );
  });

  app.get('/security/disable', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return sendPage(
      env,
      req,
      reply,
      'Turn off two-factor authentication',
      disableView(contextOf(env, req), user.method),
    );
  });

  app.post('/security/disable', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    const stepUp = {
      password: field(req.body, 'password') || undefined,
      code: field(req.body, 'code').trim() || undefined,
    };
    return attempt(
      reply,
      async () => {
        await disableTwoFactor(deps, { ip: req.ip }, user.id, stepUp);
        return reply.redirect('/account?notice=disabled');
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Turn off two-factor authentication',
          disableView(contextOf(env, req), user.method, message),
          status,
        ),
    );
  });

  app.get('/security/recovery', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return sendPage(env, req, reply, 'Create new recovery key', renewView(contextOf(env, req), user.method));
  });

  app.post('/security/recovery', async (req, reply) => {
    const user = signedIn(req, reply);
    if (!user) return reply;
    return attempt(
      reply,
      async () => {
        const key = await renewRecoveryKey(deps, { ip: req.ip }, user.id, field(req.body, 'code').trim());
        return sendPage(
          env,
          req,
          reply,
          'Save your new recovery key',
          recoveryKeyView(key, 'Your old recovery key no longer works.'),
        );
      },
      (message, status) =>
        sendPage(
          env,
          req,
          reply,
          'Create new recovery key',
          renewView(contextOf(env, req), user.method, message),
          status,
        ),
    );
  });
}
