import type { z } from 'zod';
import { API_BASE, ENDPOINTS, type Endpoint } from './endpoints';
import {
  CodeSentResponseSchema,
  DEVICE_CODE_GRANT,
  DeviceAuthorizationResponseSchema,
  type Discovery,
  DiscoverySchema,
  EnableResponseSchema,
  EnrollmentSchema,
  ErrorBodySchema,
  EventsResponseSchema,
  type Method,
  OAuthErrorSchema,
  PhoneChangeStartedSchema,
  RecoveryKeyResponseSchema,
  StatusResponseSchema,
  type StepUp,
  type StepUpPurpose,
  TokenResponseSchema,
  TotpEnrollResponseSchema,
} from './schemas';

/** A refusal from the portal; `message` is the portal's own explanation of what to do next. */
export class PortalApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PortalApiError';
  }
}

type Fetch = typeof fetch;

async function readError(res: Response): Promise<PortalApiError> {
  const body: unknown = await res.json().catch(() => undefined);
  const api = ErrorBodySchema.safeParse(body);
  if (api.success) return new PortalApiError(res.status, api.data.error.code, api.data.error.message);
  const oauth = OAuthErrorSchema.safeParse(body);
  if (oauth.success) return new PortalApiError(res.status, oauth.data.error, oauth.data.error_description);
  return new PortalApiError(
    res.status,
    'unexpected_response',
    `The portal answered ${res.status} without an explanation. Try again later.`,
  );
}

async function call<S extends z.ZodType>(
  fetchFn: Fetch,
  url: string,
  init: RequestInit,
  schema: S,
): Promise<z.infer<S>> {
  const res = await fetchFn(url, init);
  if (!res.ok) throw await readError(res);
  return schema.parse(await res.json());
}

/** Reads `/.well-known/tessera-portal` of a portal origin. */
export function discover(origin: string, fetchFn: Fetch = fetch): Promise<Discovery> {
  return call(fetchFn, new URL(ENDPOINTS.discovery.path, origin).toString(), {}, DiscoverySchema);
}

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/** RFC 8628 §3.1: asks for a device code and the user code to show. */
export function requestDeviceCode(discovery: Discovery, clientId: string, fetchFn: Fetch = fetch) {
  return call(
    fetchFn,
    discovery.device_authorization_endpoint,
    form({ client_id: clientId }),
    DeviceAuthorizationResponseSchema,
  );
}

/** Result of one token poll: the token, or what to do before polling again. */
export type PollOutcome =
  | { kind: 'token'; accessToken: string; expiresIn: number }
  | { kind: 'pending' }
  | { kind: 'slow_down' }
  | { kind: 'denied' | 'expired'; message: string };

/** RFC 8628 §3.4–3.5: polls once; call again after `interval` seconds (+5 after slow_down). */
export async function pollDeviceToken(
  discovery: Discovery,
  deviceCode: string,
  clientId: string,
  fetchFn: Fetch = fetch,
): Promise<PollOutcome> {
  try {
    const token = await call(
      fetchFn,
      discovery.token_endpoint,
      form({ grant_type: DEVICE_CODE_GRANT, device_code: deviceCode, client_id: clientId }),
      TokenResponseSchema,
    );
    return { kind: 'token', accessToken: token.access_token, expiresIn: token.expires_in };
  } catch (error) {
    if (!(error instanceof PortalApiError)) throw error;
    if (error.code === 'authorization_pending') return { kind: 'pending' };
    if (error.code === 'slow_down') return { kind: 'slow_down' };
    if (error.code === 'access_denied') return { kind: 'denied', message: error.message };
    if (error.code === 'expired_token') return { kind: 'expired', message: error.message };
    throw error;
  }
}

/** Typed calls to the bearer-token API of one portal (scope 2fa:manage). */
export function portalApi(discovery: Discovery, accessToken: string, fetchFn: Fetch = fetch) {
  const send = <S extends z.ZodType>(ep: Endpoint, schema: S, body?: unknown): Promise<z.infer<S>> =>
    call(
      fetchFn,
      discovery.api_base + ep.path.slice(API_BASE.length),
      {
        method: ep.method.toUpperCase(),
        headers: {
          authorization: `Bearer ${accessToken}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      },
      schema,
    );
  return {
    status: () => send(ENDPOINTS.status, StatusResponseSchema),
    enrollTotp: (password: string) =>
      send(ENDPOINTS.totpEnroll, TotpEnrollResponseSchema, { stepUp: { password } }),
    confirmTotp: (enrollmentId: string, code: string) =>
      send(ENDPOINTS.totpConfirm, EnableResponseSchema, { enrollmentId, code }),
    sendStepUpCode: (purpose: StepUpPurpose) =>
      send(ENDPOINTS.stepUpSend, CodeSentResponseSchema, { purpose }),
    switchMethod: (method: Method, password: string, phone?: string) =>
      send(ENDPOINTS.switchStart, EnrollmentSchema, { method, phone, stepUp: { password } }),
    confirmSwitch: (enrollmentId: string, code: string) =>
      send(ENDPOINTS.switchConfirm, StatusResponseSchema, { enrollmentId, code }),
    startPhoneChange: (phone: string, stepUp: StepUp) =>
      send(ENDPOINTS.phoneChangeStart, PhoneChangeStartedSchema, { phone, stepUp }),
    confirmOldPhone: (changeId: string, code: string) =>
      send(ENDPOINTS.phoneChangeConfirmOld, PhoneChangeStartedSchema, { changeId, code }),
    confirmNewPhone: (changeId: string, code: string) =>
      send(ENDPOINTS.phoneChangeConfirmNew, StatusResponseSchema, { changeId, code }),
    resendCode: (changeId: string) => send(ENDPOINTS.resendCode, CodeSentResponseSchema, { changeId }),
    disable: (password: string, code: string) =>
      send(ENDPOINTS.disable, StatusResponseSchema, { stepUp: { password, code } }),
    renewRecoveryKey: (code: string) => send(ENDPOINTS.recoveryRenew, RecoveryKeyResponseSchema, { code }),
    events: () => send(ENDPOINTS.events, EventsResponseSchema),
    /** Unpairs: the token stops working. */
    revoke: async () => {
      const res = await fetchFn(discovery.api_base + ENDPOINTS.revokeSelf.path.slice(API_BASE.length), {
        method: 'DELETE',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!res.ok) throw await readError(res);
    },
  };
}

export type PortalApi = ReturnType<typeof portalApi>;
