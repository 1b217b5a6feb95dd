import { z } from 'zod';
import { ENDPOINTS, type Endpoint } from './endpoints';
import { ErrorBodySchema, OAuthErrorSchema, PORTAL_API_VERSION } from './schemas';

type JsonObject = Record<string, unknown>;

/** Converts a zod schema to OpenAPI 3.1 JSON Schema, registering named components in `components`. */
function toSchema(schema: z.ZodType, components: JsonObject): JsonObject {
  const json = JSON.stringify(z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' }));
  const {
    $schema: _drop,
    $defs,
    ...rest
  } = JSON.parse(json.replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonObject;
  if ($defs && typeof $defs === 'object') Object.assign(components, $defs);
  return rest;
}

function operation(name: string, ep: Endpoint, components: JsonObject): JsonObject {
  const errorSchema = toSchema(
    ep.auth === 'none' && ep.form ? OAuthErrorSchema : ErrorBodySchema,
    components,
  );
  const op: JsonObject = {
    operationId: name,
    summary: ep.summary,
    responses: {
      [String(ep.status ?? 200)]: ep.response
        ? {
            description: 'Success',
            content: { 'application/json': { schema: toSchema(ep.response, components) } },
          }
        : { description: 'Success, no body' },
      '4XX': {
        description: 'Refused; the message says what to do next.',
        content: { 'application/json': { schema: errorSchema } },
      },
    },
  };
  if (ep.auth === 'bearer') op.security = [{ bearer: [] }];
  if (ep.request) {
    const schema = toSchema(ep.request, components);
    const types = ep.form ? ['application/x-www-form-urlencoded', 'application/json'] : ['application/json'];
    op.requestBody = { required: true, content: Object.fromEntries(types.map((t) => [t, { schema }])) };
  }
  return op;
}

/** Builds the OpenAPI 3.1 document of the portal API from the shared zod schemas. */
export function buildOpenApi(serverUrl: string): JsonObject {
  const components: JsonObject = {};
  const paths: Record<string, JsonObject> = {};
  for (const [name, ep] of Object.entries(ENDPOINTS) as [string, Endpoint][]) {
    paths[ep.path] = { ...paths[ep.path], [ep.method]: operation(name, ep, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tessera portal API',
      version: PORTAL_API_VERSION,
      description:
        "Manage an account's two-factor authentication from Tessera. Pair with RFC 8628, then use the bearer token (scope 2fa:manage).",
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'Token from /oauth/token.' },
      },
    },
  };
}
