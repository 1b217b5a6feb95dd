import type { z } from 'zod';
import {
  CodeSentResponseSchema,
  ConfirmRequestSchema,
  DeviceAuthorizationRequestSchema,
  DeviceAuthorizationResponseSchema,
  DisableRequestSchema,
  DiscoverySchema,
  EnableResponseSchema,
  EnrollmentSchema,
  EventsResponseSchema,
  PhoneChangeConfirmSchema,
  PhoneChangeRequestSchema,
  PhoneChangeStartedSchema,
  RecoveryKeyResponseSchema,
  RecoveryRenewRequestSchema,
  ResendRequestSchema,
  StatusResponseSchema,
  StepUpSendRequestSchema,
  SwitchRequestSchema,
  TokenRequestSchema,
  TokenResponseSchema,
  TotpEnrollRequestSchema,
  TotpEnrollResponseSchema,
} from './schemas';

/** One operation of the portal API: where it lives, what it takes and what it returns. */
export interface Endpoint {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'bearer';
  form?: boolean;
  request?: z.ZodType;
  response?: z.ZodType;
  /** HTTP status of the success response. */
  status?: number;
}

/** Prefix of the bearer-token API, relative to the portal origin. */
export const API_BASE = '/api/v1';

/** Every endpoint Tessera calls, keyed by a stable name the extension and the server share. */
export const ENDPOINTS = {
  discovery: {
    method: 'get',
    path: '/.well-known/tessera-portal',
    summary: 'Discovery document: API base, version, supported methods.',
    auth: 'none',
    response: DiscoverySchema,
  },
  deviceAuthorization: {
    method: 'post',
    path: '/oauth/device_authorization',
    summary: 'RFC 8628 §3.1: ask for a device code and a user code to approve on the portal.',
    auth: 'none',
    form: true,
    request: DeviceAuthorizationRequestSchema,
    response: DeviceAuthorizationResponseSchema,
  },
  token: {
    method: 'post',
    path: '/oauth/token',
    summary: 'RFC 8628 §3.4: poll for the access token once the user approved the device code.',
    auth: 'none',
    form: true,
    request: TokenRequestSchema,
    response: TokenResponseSchema,
  },
  status: {
    method: 'get',
    path: `${API_BASE}/2fa/status`,
    summary: '2FA status: method, masked phone and e-mail, recovery key present.',
    auth: 'bearer',
    response: StatusResponseSchema,
  },
  totpEnroll: {
    method: 'post',
    path: `${API_BASE}/2fa/totp/enroll`,
    summary:
      'Start authenticator-app enrollment while 2FA is off (password required); returns the otpauth URI.',
    auth: 'bearer',
    request: TotpEnrollRequestSchema,
    response: TotpEnrollResponseSchema,
    status: 201,
  },
  totpConfirm: {
    method: 'post',
    path: `${API_BASE}/2fa/totp/confirm`,
    summary: 'Confirm enrollment with a first code; turns 2FA on and returns the recovery key.',
    auth: 'bearer',
    request: ConfirmRequestSchema,
    response: EnableResponseSchema,
  },
  stepUpSend: {
    method: 'post',
    path: `${API_BASE}/2fa/step-up/send`,
    summary: 'Send a step-up code by SMS or e-mail (for accounts whose method is SMS or e-mail).',
    auth: 'bearer',
    request: StepUpSendRequestSchema,
    response: CodeSentResponseSchema,
  },
  switchStart: {
    method: 'post',
    path: `${API_BASE}/2fa/switch`,
    summary: 'Switch method (password required); the old method stays until the new one is confirmed.',
    auth: 'bearer',
    request: SwitchRequestSchema,
    response: EnrollmentSchema,
    status: 201,
  },
  switchConfirm: {
    method: 'post',
    path: `${API_BASE}/2fa/switch/confirm`,
    summary: 'Confirm the new method with a code from it; the old method is removed.',
    auth: 'bearer',
    request: ConfirmRequestSchema,
    response: StatusResponseSchema,
  },
  phoneChangeStart: {
    method: 'post',
    path: `${API_BASE}/2fa/phone/change`,
    summary: 'Change the 2FA phone (step-up required); a code goes to the current number.',
    auth: 'bearer',
    request: PhoneChangeRequestSchema,
    response: PhoneChangeStartedSchema,
    status: 201,
  },
  phoneChangeConfirmOld: {
    method: 'post',
    path: `${API_BASE}/2fa/phone/change/confirm-old`,
    summary: 'Confirm the code sent to the current number; a code then goes to the new number.',
    auth: 'bearer',
    request: PhoneChangeConfirmSchema,
    response: PhoneChangeStartedSchema,
  },
  phoneChangeConfirmNew: {
    method: 'post',
    path: `${API_BASE}/2fa/phone/change/confirm-new`,
    summary: 'Confirm the code sent to the new number; the phone number is changed.',
    auth: 'bearer',
    request: PhoneChangeConfirmSchema,
    response: StatusResponseSchema,
  },
  resendCode: {
    method: 'post',
    path: `${API_BASE}/2fa/resend`,
    summary:
      'Send a new code for a pending SMS/e-mail setup or phone change; the previous code stops working.',
    auth: 'bearer',
    request: ResendRequestSchema,
    response: CodeSentResponseSchema,
  },
  disable: {
    method: 'post',
    path: `${API_BASE}/2fa/disable`,
    summary: 'Turn 2FA off (password and a current code required).',
    auth: 'bearer',
    request: DisableRequestSchema,
    response: StatusResponseSchema,
  },
  recoveryRenew: {
    method: 'post',
    path: `${API_BASE}/2fa/recovery-key`,
    summary: 'Create a new recovery key (a current code required); the old one stops working.',
    auth: 'bearer',
    request: RecoveryRenewRequestSchema,
    response: RecoveryKeyResponseSchema,
  },
  events: {
    method: 'get',
    path: `${API_BASE}/events`,
    summary: 'Audit log of the account, newest first.',
    auth: 'bearer',
    response: EventsResponseSchema,
  },
  revokeSelf: {
    method: 'delete',
    path: `${API_BASE}/token`,
    summary: 'Revoke the token used for this request (unpair).',
    auth: 'bearer',
    status: 204,
  },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;
