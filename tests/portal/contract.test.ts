import { describe, expect, it } from 'vitest';
import { ENDPOINTS, type Endpoint } from '../../lib/portal/endpoints';
import { ErrorBodySchema } from '../../lib/portal/schemas';
import { makePortal } from './helpers';

describe('API contract', () => {
  it('every bearer endpoint of the catalogue exists and refuses a missing token with the error shape', async () => {
    const portal = await makePortal();
    const bearer = Object.values(ENDPOINTS as Record<string, Endpoint>).filter((ep) => ep.auth === 'bearer');
    expect(bearer.length).toBeGreaterThan(10);
    for (const ep of bearer) {
      const res = await portal.app.inject({
        method: ep.method.toUpperCase() as 'GET',
        url: ep.path,
        payload: ep.method === 'get' ? undefined : {},
      });
      expect(res.statusCode, `${ep.method} ${ep.path}`).toBe(401);
      expect(ErrorBodySchema.parse(res.json()).error.code).toBe('invalid_token');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    }
  });

  it('the OpenAPI document lists every endpoint of the catalogue with its method', async () => {
    const portal = await makePortal();
    const doc = (await portal.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const [name, ep] of Object.entries(ENDPOINTS as Record<string, Endpoint>)) {
      expect(doc.paths[ep.path]?.[ep.method]?.operationId).toBe(name);
    }
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/([A-Za-z]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(doc.components.schemas).toHaveProperty(ref as string);
  });
});
