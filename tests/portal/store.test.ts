import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../portal/flows/passwords';
import { DEMO, seedDemo } from '../../portal/seed';
import { MIGRATIONS } from '../../portal/store/migrations';
import { openSqliteStore } from '../../portal/store/sqlite';
import { TEST_PASSWORD_COST } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-store-'));
  dirs.push(dir);
  return join(dir, 'portal.db');
};

describe('SQLite store', () => {
  it('migrates once, keeps data across reopen and seeds the demo only once', async () => {
    const path = tempDb();
    const store = openSqliteStore(path);
    expect(await seedDemo(store, Date.now(), TEST_PASSWORD_COST)).toBe(true);
    await store.close();
    const again = openSqliteStore(path);
    expect(await seedDemo(again, Date.now(), TEST_PASSWORD_COST)).toBe(false);
    const bob = await again.getUserByEmail('BOB@acme.test');
    expect(bob).toMatchObject({ method: 'sms', phone: DEMO.bob.phone, emailVerified: true });
    expect(await verifyPassword(DEMO.bob.password, bob?.passwordHash)).toBe(true);
    expect(await verifyPassword('wrong', bob?.passwordHash)).toBe(false);
    await again.close();
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });

  it('rolls back every write of a failed transaction', async () => {
    const store = openSqliteStore(':memory:');
    await expect(
      store.transaction(async (tx) => {
        await tx.createOrg({ id: 'o1', name: 'Gone', requireTwoFactor: false, challengePolicy: 'risk' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.getOrg('o1')).toBeUndefined();
    expect(await store.countOrgs()).toBe(0);
  });

  it('advances the TOTP step only forward (compare-and-set), even for concurrent callers', async () => {
    const store = openSqliteStore(':memory:');
    await seedDemo(store, 0, TEST_PASSWORD_COST);
    const admin = await store.getUserByEmail(DEMO.admin.email);
    const id = admin?.id ?? '';
    const results = await Promise.all([store.advanceTotpStep(id, 100, 0), store.advanceTotpStep(id, 100, 0)]);
    expect(results.sort()).toEqual([false, true]);
    expect(await store.advanceTotpStep(id, 99, 0)).toBe(false);
    expect(await store.advanceTotpStep(id, 101, -1)).toBe(true);
    expect(await store.getUser(id)).toMatchObject({ totpLastStep: 101, totpDrift: -1 });
  });

  it('serialises a transaction against outside writes on the same connection', async () => {
    const store = openSqliteStore(':memory:');
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = store.transaction(async (tx) => {
      await tx.createOrg({ id: 'a', name: 'A', requireTwoFactor: false, challengePolicy: 'risk' });
      await gate;
      order.push('tx done');
      throw new Error('abort');
    });
    const outside = store
      .createOrg({ id: 'b', name: 'B', requireTwoFactor: false, challengePolicy: 'risk' })
      .then(() => order.push('outside'));
    release();
    await expect(slow).rejects.toThrow('abort');
    await outside;
    expect(order).toEqual(['tx done', 'outside']);
    expect(await store.getOrg('a')).toBeUndefined();
    expect(await store.getOrg('b')).toMatchObject({ name: 'B' });
  });

  it('purges expired sessions, codes, pending changes and device grants, keeping live ones', async () => {
    const store = openSqliteStore(':memory:');
    await seedDemo(store, 0, TEST_PASSWORD_COST);
    const bob = (await store.getUserByEmail(DEMO.bob.email))?.id ?? '';
    const session = (idHash: string, expiresAt: number) => ({
      idHash,
      userId: bob,
      stage: 'full' as const,
      csrf: 'c',
      createdAt: 0,
      expiresAt,
    });
    await store.createSession(session('old', 1000));
    await store.createSession(session('live', 5000));
    const code = {
      userId: bob,
      purpose: 'login',
      channel: 'sms' as const,
      destination: '+33612345642',
      codeHash: 'h',
      tries: 0,
      consumedAt: null,
      createdAt: 0,
    };
    await store.createCode({ ...code, id: 'c1', expiresAt: 1000 });
    await store.createCode({ ...code, id: 'c2', expiresAt: 5000 });
    expect(await store.purgeExpired(2000)).toBe(2);
    expect(await store.getSession('old')).toBeUndefined();
    expect(await store.getSession('live')).toBeDefined();
    expect((await store.getActiveCode(bob, 'login'))?.id).toBe('c2');
  });
});
