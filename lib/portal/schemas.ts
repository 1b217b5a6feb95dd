import { z } from 'zod';

/** Version of the portal API described here; the discovery document announces it. */
export const PORTAL_API_VERSION = '1';

/** The only token scope the portal grants to Tessera. */
export const TWO_FA_SCOPE = '2fa:manage';

/** RFC 8628 grant type the extension uses when polling for its token. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/** Second-factor methods a portal account can use. */
export const MethodSchema = z.enum(['totp', 'sms', 'email']);
export type Method = z.infer<typeof MethodSchema>;

/** Every error body of the portal API; `message` tells the user what to do next. */
export const ErrorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'Stable machine-readable reason, e.g. wrong_code.' }),
      message: z.string().meta({ description: 'What happened and what to do next, for a human.' }),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** OAuth error body (RFC 6749 §5.2 / RFC 8628 §3.5) used by the device-grant endpoints. */
export const OAuthErrorSchema = z
  .object({
    error: z.enum([
      'authorization_pending',
      'slow_down',
      'access_denied',
      'expired_token',
      'invalid_request',
      'invalid_client',
      'invalid_grant',
      'unsupported_grant_type',
      'invalid_scope',
    ]),
    error_description: z.string(),
  })
  .meta({ id: 'OAuthError' });
export type OAuthError = z.infer<typeof OAuthErrorSchema>;

/** `/.well-known/tessera-portal`: where the API lives and what it supports. */
export const DiscoverySchema = z
  .object({
    issuer: z.string(),
    api_base: z.string().meta({ description: 'Absolute URL prefix of the bearer-token API.' }),
    version: z.literal(PORTAL_API_VERSION),
    methods: z.array(MethodSchema),
    device_authorization_endpoint: z.string(),
    token_endpoint: z.string(),
    openapi: z.string(),
    scopes: z.array(z.string()),
  })
  .meta({ id: 'Discovery' });
export type Discovery = z.infer<typeof DiscoverySchema>;

/** RFC 8628 §3.1 device authorization request. */
export const DeviceAuthorizationRequestSchema = z
  .object({
    client_id: z.string().min(1).max(100),
    scope: z.string().max(200).optional(),
  })
  .meta({ id: 'DeviceAuthorizationRequest' });

/** RFC 8628 §3.2 device authorization response. */
export const DeviceAuthorizationResponseSchema = z
  .object({
    device_code: z.string(),
    user_code: z.string().meta({ description: 'Eight letters shown as XXXX-XXXX.' }),
    verification_uri: z.string(),
    /** RFC 8628 makes it optional; a link carrying the code would let a phisher send a one-click approval. */
    verification_uri_complete: z.string().optional(),
    expires_in: z.number().int(),
    interval: z.number().int(),
  })
  .meta({ id: 'DeviceAuthorizationResponse' });
export type DeviceAuthorizationResponse = z.infer<typeof DeviceAuthorizationResponseSchema>;

/** RFC 8628 §3.4 device access token request. */
export const TokenRequestSchema = z
  .object({
    grant_type: z.string(),
    device_code: z.string().min(1).max(200),
    client_id: z.string().min(1).max(100),
  })
  .meta({ id: 'TokenRequest' });

/** RFC 6749 §5.1 successful token response. */
export const TokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal('Bearer'),
    expires_in: z.number().int(),
    scope: z.literal(TWO_FA_SCOPE),
  })
  .meta({ id: 'TokenResponse' });
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

const codeField = z
  .string()
  .regex(/^[0-9]{6}$/, 'The code must be exactly 6 digits.')
  .meta({ description: 'A 6-digit code from the authenticator app, an SMS or an e-mail.' });

/**
 * Re-authentication sent in the same request as a downgrade or removal: the account password or a
 * current second-factor code (TOTP, or an SMS/e-mail code requested with `step-up/send`).
 */
export const StepUpSchema = z
  .object({
    password: z.string().min(1).max(1024).optional(),
    code: codeField.optional(),
  })
  .refine((s) => s.password !== undefined || s.code !== undefined, {
    message: 'Confirm it is you: send your password or a current code in stepUp.',
  })
  .meta({ id: 'StepUp' });
export type StepUp = z.infer<typeof StepUpSchema>;

/**
 * The account password, sent in the same request as enabling or replacing a method: whoever holds only a
 * token (a phished pairing, say) cannot put their own authenticator on the account.
 */
export const PasswordStepUpSchema = z
  .object({ password: z.string().min(1).max(1024) })
  .meta({ id: 'PasswordStepUp' });

/** What a step-up code sent by SMS or e-mail may be used for (a code works only for its purpose). */
export const StepUpPurposeSchema = z.enum(['disable', 'switch', 'phone-change', 'recovery-renew']);
export type StepUpPurpose = z.infer<typeof StepUpPurposeSchema>;

export const StepUpSendRequestSchema = z
  .object({ purpose: StepUpPurposeSchema })
  .meta({ id: 'StepUpSendRequest' });
export const CodeSentResponseSchema = z
  .object({
    sentTo: z.string().meta({ description: 'Masked destination, e.g. •••• 42.' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'CodeSentResponse' });

/** 2FA status of the account behind the token; never contains secrets. */
export const StatusSchema = z
  .object({
    email: z.string().meta({ description: 'Masked account e-mail.' }),
    emailVerified: z.boolean(),
    twoFactorEnabled: z.boolean(),
    method: MethodSchema.nullable(),
    methods: z.array(MethodSchema),
    phone: z.string().nullable().meta({ description: 'Masked 2FA phone number, e.g. •••• 42.' }),
    recoveryKeyPresent: z.boolean(),
    organisation: z.object({ name: z.string(), twoFactorRequired: z.boolean() }),
  })
  .meta({ id: 'Status' });
export type Status = z.infer<typeof StatusSchema>;

/** Start authenticator-app enrollment (only while 2FA is off; use switch otherwise). */
export const TotpEnrollResponseSchema = z
  .object({
    enrollmentId: z.string(),
    otpauthUri: z.string(),
    secret: z.string().meta({ description: 'Base32 secret, also inside otpauthUri.' }),
    expiresAt: z.string(),
  })
  .meta({ id: 'TotpEnrollResponse' });
export type TotpEnrollResponse = z.infer<typeof TotpEnrollResponseSchema>;

export const ConfirmRequestSchema = z
  .object({ enrollmentId: z.string().min(1).max(100), code: codeField })
  .meta({ id: 'ConfirmRequest' });

export const EnableResponseSchema = z
  .object({
    status: StatusSchema,
    recoveryKey: z.string().meta({ description: 'Shown once: store it; it replaces a code one time.' }),
  })
  .meta({ id: 'EnableResponse' });
export type EnableResponse = z.infer<typeof EnableResponseSchema>;

const phoneField = z
  .string()
  .min(3)
  .max(40)
  .meta({ description: 'Phone number in international form, e.g. +33 6 12 34 56 78.' });

export const TotpEnrollRequestSchema = z
  .object({ stepUp: PasswordStepUpSchema })
  .meta({ id: 'TotpEnrollRequest' });

export const SwitchRequestSchema = z
  .object({ method: MethodSchema, phone: phoneField.optional(), stepUp: PasswordStepUpSchema })
  .meta({ id: 'SwitchRequest' });

/** A pending new method: authenticator details, or where the first code was sent. */
export const EnrollmentSchema = z
  .object({
    enrollmentId: z.string(),
    method: MethodSchema,
    otpauthUri: z.string().optional(),
    secret: z.string().optional(),
    sentTo: z.string().optional(),
    expiresAt: z.string(),
  })
  .meta({ id: 'Enrollment' });
export type Enrollment = z.infer<typeof EnrollmentSchema>;

export const StatusResponseSchema = z.object({ status: StatusSchema }).meta({ id: 'StatusResponse' });

export const PhoneChangeRequestSchema = z
  .object({ phone: phoneField, stepUp: StepUpSchema })
  .meta({ id: 'PhoneChangeRequest' });
export const PhoneChangeStartedSchema = z
  .object({ changeId: z.string(), sentTo: z.string(), expiresAt: z.string() })
  .meta({ id: 'PhoneChangeStarted' });
export const PhoneChangeConfirmSchema = z
  .object({ changeId: z.string().min(1).max(100), code: codeField })
  .meta({ id: 'PhoneChangeConfirm' });

export const ResendRequestSchema = z
  .object({
    changeId: z
      .string()
      .min(1)
      .max(100)
      .meta({ description: 'enrollmentId or changeId of the pending change.' }),
  })
  .meta({ id: 'ResendRequest' });

export const DisableRequestSchema = z.object({ stepUp: StepUpSchema }).meta({ id: 'DisableRequest' });

export const RecoveryRenewRequestSchema = z
  .object({ code: codeField.meta({ description: 'A current code from your 2FA method.' }) })
  .meta({ id: 'RecoveryRenewRequest' });
export const RecoveryKeyResponseSchema = z
  .object({ recoveryKey: z.string() })
  .meta({ id: 'RecoveryKeyResponse' });

/** Audit-log entry as the account owner sees it. */
export const EventSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    at: z.string(),
    summary: z.string(),
    actor: z.enum(['you', 'administrator', 'system']),
  })
  .meta({ id: 'Event' });
export type PortalEvent = z.infer<typeof EventSchema>;
export const EventsResponseSchema = z.object({ events: z.array(EventSchema) }).meta({ id: 'EventsResponse' });
