import { describe, expect, it } from 'vitest';
import { discover } from '../../lib/portal/client';
import { DEMO } from '../../portal/seed';
import { startDevPortal } from './dev-portal';

describe('startPortal', () => {
  it('listens on a free port with the seeded demo data, then closes', async () => {
    const portal = await startDevPortal();
    try {
      expect(portal.seeded).toBe(true);
      expect((await discover(portal.url)).api_base).toBe(`${portal.url}/api/v1`);
      const login = await fetch(`${portal.url}/login`);
      expect(login.status).toBe(200);
      expect(await portal.store.getUserByEmail(DEMO.alice.email)).toMatchObject({ method: null });
      const outbox = await fetch(`${portal.url}/dev/api/outbox`);
      expect(await outbox.json()).toEqual({ messages: [] });
    } finally {
      await portal.close();
    }
    await expect(fetch(`${portal.url}/login`)).rejects.toThrow();
  });
});
