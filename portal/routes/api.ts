import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ENDPOINTS, type Endpoint } from '../../lib/portal/endpoints';
import {
  ConfirmRequestSchema,
  DisableRequestSchema,
  PhoneChangeConfirmSchema,
  PhoneChangeRequestSchema,
  type PortalEvent,
  RecoveryRenewRequestSchema,
  ResendRequestSchema,
  StepUpSendRequestSchema,
  SwitchRequestSchema,
  TotpEnrollRequestSchema,
} from '../../lib/portal/schemas';
import type { Caller, Deps } from '../flows/context';
import { PortalError } from '../flows/errors';
import {
  confirmEnrollment,
  disableTwoFactor,
  renewRecoveryKey,
  sendStepUpCode,
  startEnrollment,
} from '../flows/methods';
import { authenticateBearer, revokeToken } from '../flows/pairing';
import { confirmNewPhone, confirmOldPhone, startPhoneChange } from '../flows/phone-change';
import { resendPendingCode } from '../flows/resend';
import { reload, statusOf } from '../flows/status';
import type { ApiToken, AuditEntry, User } from '../store/types';
import { parseInput } from './http';

interface ApiCall {
  user: User;
  token: ApiToken;
  caller: Caller;
  body: unknown;
}

const actorOf = (e: AuditEntry): PortalEvent['actor'] =>
  e.actorId === e.userId ? 'you' : e.actorId ? 'administrator' : 'system';

const notEnabled = () =>
  new PortalError(
    409,
    'not_enabled',
    'Two-factor authentication is off. Enroll a method first (totp/enroll).',
  );
const alreadyEnabled = () =>
  new PortalError(
    409,
    'already_enabled',
    'Two-factor authentication is already on. Use switch to change the method.',
  );

/** The bearer-token API Tessera speaks (scope 2fa:manage); no cookies, CORS open to extension origins. */
export function registerApi(app: FastifyInstance, deps: Deps): void {
  const route = (ep: Endpoint, handler: (call: ApiCall, reply: FastifyReply) => Promise<unknown>) =>
    app.route({
      method: ep.method.toUpperCase() as 'GET' | 'POST' | 'DELETE',
      url: ep.path,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const { user, token } = await authenticateBearer(deps, req.headers.authorization);
        reply.header('Cache-Control', 'no-store');
        if (ep.status) reply.status(ep.status);
        return handler({ user, token, caller: { ip: req.ip }, body: req.body }, reply);
      },
    });
  const status = async (userId: string) => ({
    status: await statusOf(deps.store, await reload(deps.store, userId)),
  });

  route(ENDPOINTS.status, async ({ user }) => status(user.id));

  route(ENDPOINTS.totpEnroll, async ({ user, caller, body }) => {
    const input = parseInput(TotpEnrollRequestSchema, body);
    if (user.method !== null) throw alreadyEnabled();
    const e = await startEnrollment(deps, caller, user.id, { method: 'totp', stepUp: input.stepUp });
    return {
      enrollmentId: e.enrollmentId,
      otpauthUri: e.otpauthUri,
      secret: e.secret,
      expiresAt: e.expiresAt,
    };
  });

  route(ENDPOINTS.totpConfirm, async ({ user, caller, body }) => {
    const input = parseInput(ConfirmRequestSchema, body);
    if (user.method !== null) throw alreadyEnabled();
    return confirmEnrollment(deps, caller, user.id, input.enrollmentId, input.code);
  });

  route(ENDPOINTS.stepUpSend, async ({ user, caller, body }) => {
    const sent = await sendStepUpCode(
      deps,
      caller,
      user.id,
      parseInput(StepUpSendRequestSchema, body).purpose,
    );
    return { sentTo: sent.sentTo, expiresAt: new Date(sent.expiresAt).toISOString() };
  });

  route(ENDPOINTS.switchStart, async ({ user, caller, body }) => {
    const input = parseInput(SwitchRequestSchema, body);
    if (user.method === null) throw notEnabled();
    return startEnrollment(deps, caller, user.id, input);
  });

  route(ENDPOINTS.switchConfirm, async ({ user, caller, body }) => {
    const input = parseInput(ConfirmRequestSchema, body);
    if (user.method === null) throw notEnabled();
    return {
      status: (await confirmEnrollment(deps, caller, user.id, input.enrollmentId, input.code)).status,
    };
  });

  route(ENDPOINTS.phoneChangeStart, async ({ user, caller, body }) => {
    const input = parseInput(PhoneChangeRequestSchema, body);
    return startPhoneChange(deps, caller, user.id, input.phone, input.stepUp);
  });

  route(ENDPOINTS.phoneChangeConfirmOld, async ({ user, caller, body }) => {
    const input = parseInput(PhoneChangeConfirmSchema, body);
    return confirmOldPhone(deps, caller, user.id, input.changeId, input.code);
  });

  route(ENDPOINTS.phoneChangeConfirmNew, async ({ user, caller, body }) => {
    const input = parseInput(PhoneChangeConfirmSchema, body);
    await confirmNewPhone(deps, caller, user.id, input.changeId, input.code);
    return status(user.id);
  });

  route(ENDPOINTS.resendCode, async ({ user, caller, body }) => {
    const sent = await resendPendingCode(
      deps,
      caller,
      user.id,
      parseInput(ResendRequestSchema, body).changeId,
    );
    return { sentTo: sent.sentTo, expiresAt: new Date(sent.expiresAt).toISOString() };
  });

  route(ENDPOINTS.disable, async ({ user, caller, body }) => {
    const input = parseInput(DisableRequestSchema, body);
    return { status: await disableTwoFactor(deps, caller, user.id, input.stepUp) };
  });

  route(ENDPOINTS.recoveryRenew, async ({ user, caller, body }) => {
    const input = parseInput(RecoveryRenewRequestSchema, body);
    return { recoveryKey: await renewRecoveryKey(deps, caller, user.id, input.code) };
  });

  route(ENDPOINTS.events, async ({ user }) => ({
    events: (await deps.store.listAudit(user.id, 200)).map((e) => ({
      id: e.id,
      type: e.type,
      at: new Date(e.at).toISOString(),
      summary: e.summary,
      actor: actorOf(e),
    })),
  }));

  route(ENDPOINTS.revokeSelf, async ({ user, token, caller }, reply) => {
    await revokeToken(deps, caller, user.id, token.id);
    return reply.send();
  });
}
