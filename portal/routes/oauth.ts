import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { API_BASE, ENDPOINTS } from '../../lib/portal/endpoints';
import { buildOpenApi } from '../../lib/portal/openapi';
import {
  DeviceAuthorizationRequestSchema,
  type Discovery,
  MethodSchema,
  PORTAL_API_VERSION,
  TokenRequestSchema,
  TWO_FA_SCOPE,
} from '../../lib/portal/schemas';
import type { Deps } from '../flows/context';
import { oauthError, pollToken, startDeviceAuthorization } from '../flows/pairing';
import { originOf } from './http';

/** Parses an OAuth request body; a mismatch is an RFC 6749 invalid_request. */
function oauthInput<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw oauthError(
    'invalid_request',
    `Invalid request: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim(),
  );
}

/** Discovery, the OpenAPI document and the RFC 8628 device-grant endpoints. */
export function registerOAuth(app: FastifyInstance, deps: Deps, publicUrl: string | undefined): void {
  const origin = (req: FastifyRequest) => originOf(req, publicUrl);

  app.get(ENDPOINTS.discovery.path, async (req): Promise<Discovery> => {
    const base = origin(req);
    return {
      issuer: base,
      api_base: `${base}${API_BASE}`,
      version: PORTAL_API_VERSION,
      methods: MethodSchema.options,
      device_authorization_endpoint: `${base}${ENDPOINTS.deviceAuthorization.path}`,
      token_endpoint: `${base}${ENDPOINTS.token.path}`,
      openapi: `${base}/api/openapi.json`,
      scopes: [TWO_FA_SCOPE],
    };
  });

  app.get('/api/openapi.json', async (req) => buildOpenApi(origin(req)));

  app.post(ENDPOINTS.deviceAuthorization.path, async (req, reply) => {
    const input = oauthInput(DeviceAuthorizationRequestSchema, req.body);
    reply.header('Cache-Control', 'no-store');
    return startDeviceAuthorization(
      deps,
      { ip: req.ip, userAgent: req.headers['user-agent'] ?? '' },
      input.client_id,
      input.scope,
      origin(req),
    );
  });

  app.post(ENDPOINTS.token.path, async (req, reply) => {
    const input = oauthInput(TokenRequestSchema, req.body);
    reply.header('Cache-Control', 'no-store');
    return pollToken(deps, input.grant_type, input.device_code, input.client_id);
  });
}
