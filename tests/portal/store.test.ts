import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../portal/flows/passwords';
import { DEMO, seedDemo } from '../../portal/seed';
import { MIGRATIONS } from '../../portal/store/migrations';
import { PG_MIGRATIONS } from '../../portal/store/migrations-postgres';
import { openPostgresStore } from '../../portal/store/postgres';
import { openSqliteStore } from '../../portal/store/sqlite';
import type { Store } from '../../portal/store/types';
import { databaseUrl, openTestStore, storeName, TEST_PASSWORD_COST } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const tempDb = () => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-store-'));
  dirs.push(dir);
  return join(dir, 'portal.db');
};

const org = (id: string) => ({ id, name: id, requireTwoFactor: false, challengePolicy: 'risk' as const });

async function seededBob(store: Store): Promise<string> {
  await seedDemo(store, 0, TEST_PASSWORD_COST);
  return (await store.getUserByEmail(DEMO.bob.email))?.id ?? '';
}

async function expectSeededOnce(open: () => Promise<Store>): Promise<void> {
  const store = await open();
  expect(await seedDemo(store, Date.now(), TEST_PASSWORD_COST)).toBe(true);
  await store.close();
  const again = await open();
  expect(await seedDemo(again, Date.now(), TEST_PASSWORD_COST)).toBe(false);
  const bob = await again.getUserByEmail('BOB@acme.test');
  expect(bob).toMatchObject({ method: 'sms', phone: DEMO.bob.phone, emailVerified: true });
  expect(await verifyPassword(DEMO.bob.password, bob?.passwordHash)).toBe(true);
  expect(await verifyPassword('wrong', bob?.passwordHash)).toBe(false);
  await again.close();
}

describe.runIf(!databaseUrl())('SQLite store', () => {
  it('migrates once, keeps data across reopen and seeds the demo only once', async () => {
    const path = tempDb();
    await expectSeededOnce(async () => openSqliteStore(path));
    const raw = new Database(path);
    expect(raw.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    raw.close();
  });

  it('serialises a transaction against outside writes on the same connection', async () => {
    const store = openSqliteStore(':memory:');
    const order: string[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow = store.transaction(async (tx) => {
      await tx.createOrg(org('a'));
      await gate;
      order.push('tx done');
      throw new Error('abort');
    });
    const outside = store.createOrg(org('b')).then(() => order.push('outside'));
    release();
    await expect(slow).rejects.toThrow('abort');
    await outside;
    expect(order).toEqual(['tx done', 'outside']);
    expect(await store.getOrg('a')).toBeUndefined();
    expect(await store.getOrg('b')).toMatchObject({ name: 'b' });
  });
});

describe.runIf(databaseUrl())('PostgreSQL store', () => {
  it('migrates once (versioned), keeps data across reopen and seeds the demo only once', async () => {
    const url = databaseUrl() ?? '';
    const schema = `reopen_${Date.now()}`;
    await expectSeededOnce(() => openPostgresStore(url, { schema, maxConnections: 2 }));
    const store = await openPostgresStore(url, { schema, maxConnections: 2 });
    const probe = store as unknown as { db: { query(sql: string): Promise<{ rows: { v: number }[] }> } };
    const { rows } = await probe.db.query('SELECT max(version) AS v FROM schema_migrations');
    expect(rows[0]?.v).toBe(PG_MIGRATIONS.length);
    await store.close();
  });

  it("keeps a transaction's writes invisible to other connections until it commits", async () => {
    const store = await openTestStore();
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let written: () => void = () => undefined;
    const inserted = new Promise<void>((resolve) => {
      written = resolve;
    });
    const slow = store.transaction(async (tx) => {
      await tx.createOrg(org('a'));
      written();
      await gate;
    });
    await inserted;
    expect(await store.getOrg('a')).toBeUndefined();
    release();
    await slow;
    expect(await store.getOrg('a')).toMatchObject({ name: 'a' });
  });

  it('seeds once when two instances start at the same time', async () => {
    const url = databaseUrl() ?? '';
    const schema = `twins_${Date.now()}`;
    const [a, b] = await Promise.all([
      openPostgresStore(url, { schema, maxConnections: 2 }),
      openPostgresStore(url, { schema, maxConnections: 2 }),
    ]);
    const seeded = await Promise.all([
      seedDemo(a, Date.now(), TEST_PASSWORD_COST),
      seedDemo(b, Date.now(), TEST_PASSWORD_COST),
    ]);
    expect(seeded.sort()).toEqual([false, true]);
    expect(await a.countOrgs()).toBe(2);
    await Promise.all([a.close(), b.close()]);
  });
});

describe(`${storeName} store`, () => {
  it('rolls back every write of a failed transaction', async () => {
    const store = await openTestStore();
    await expect(
      store.transaction(async (tx) => {
        await tx.createOrg(org('o1'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.getOrg('o1')).toBeUndefined();
    expect(await store.countOrgs()).toBe(0);
  });

  it('advances the TOTP step only forward (compare-and-set), even for concurrent callers', async () => {
    const store = await openTestStore();
    await seedDemo(store, 0, TEST_PASSWORD_COST);
    const id = (await store.getUserByEmail(DEMO.admin.email))?.id ?? '';
    const results = await Promise.all(Array.from({ length: 8 }, () => store.advanceTotpStep(id, 100, 0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await store.advanceTotpStep(id, 99, 0)).toBe(false);
    expect(await store.advanceTotpStep(id, 101, -1)).toBe(true);
    expect(await store.getUser(id)).toMatchObject({ totpLastStep: 101, totpDrift: -1 });
  });

  it('lets exactly the remaining attempts through a lockout, however many race for them', async () => {
    const store = await openTestStore();
    const bob = await seededBob(store);
    await store.updateUser(bob, { failedAttempts: 97, lastFailureAt: 1000 });
    const taken = await Promise.all(
      Array.from({ length: 40 }, () => store.takeAttempt(bob, 2000, 100, 60_000)),
    );
    expect(taken.filter((n) => n !== undefined).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual([98, 99, 100]);
    expect(await store.getUser(bob)).toMatchObject({ failedAttempts: 100, lastFailureAt: 2000 });
    // Once the lock has run out, one more attempt is let through (and locks again if it fails).
    expect(await store.takeAttempt(bob, 62_000, 100, 60_000)).toBe(101);
    expect(await store.takeAttempt(bob, 62_001, 100, 60_000)).toBeUndefined();
    await store.clearFailures(bob);
    expect(await store.takeAttempt(bob, 62_002, 100, 60_000)).toBe(1);
  });

  it('gives a code exactly 5 tries under concurrent guesses, and uses it once', async () => {
    const store = await openTestStore();
    const bob = await seededBob(store);
    const code = {
      id: 'c1',
      userId: bob,
      purpose: 'login',
      channel: 'sms' as const,
      destination: DEMO.bob.phone,
      codeHash: 'h',
      tries: 0,
      expiresAt: 10_000,
      consumedAt: null,
      createdAt: 0,
    };
    await store.createCode(code);
    const tries = await Promise.all(Array.from({ length: 30 }, () => store.takeCodeTry('c1', 5)));
    expect(tries.filter((n) => n !== undefined).sort()).toEqual([1, 2, 3, 4, 5]);
    expect((await store.getActiveCode(bob, 'login'))?.tries).toBe(5);
    await store.createCode({ ...code, id: 'c2' });
    const used = await Promise.all(Array.from({ length: 6 }, () => store.consumeCode('c2', 5)));
    expect(used.filter(Boolean)).toHaveLength(1);
    expect(await store.takeCodeTry('c2', 5)).toBeUndefined();
  });

  it('counts rate-limit hits exactly under concurrency, per window, and gives hits back', async () => {
    const store = await openTestStore();
    const limit = { max: 7, windowMs: 60_000 };
    const hits = await Promise.all(Array.from({ length: 20 }, () => store.hit('k', limit, 1000)));
    expect(hits.filter((ms) => ms === 0)).toHaveLength(7);
    expect(Math.max(...hits)).toBe(60_000);
    expect(await store.hit('other', limit, 1000)).toBe(0);
    await store.unhit('k');
    expect(await store.hit('k', limit, 2000)).toBe(0);
    expect(await store.hit('k', limit, 2000)).toBe(59_000);
    expect(await store.hit('k', limit, 61_000)).toBe(0);
  });

  it('moves a device grant and ends a session once, whoever races for it', async () => {
    const store = await openTestStore();
    const bob = await seededBob(store);
    await store.createDeviceGrant({
      id: 'g1',
      deviceCodeHash: 'd',
      userCode: 'BCDF-GHJK',
      clientId: 'tessera',
      scope: '2fa:manage',
      status: 'approved',
      userId: bob,
      requestIp: '192.0.2.1',
      requestAgent: 'Tessera',
      interval: 5,
      lastPollAt: null,
      expiresAt: 10_000,
      createdAt: 0,
    });
    const moved = await Promise.all(
      Array.from({ length: 6 }, () => store.moveDeviceGrant('g1', 'approved', { status: 'consumed' })),
    );
    expect(moved.filter(Boolean)).toHaveLength(1);
    expect(await store.getDeviceGrantByUserCode('BCDF-GHJK')).toMatchObject({
      status: 'consumed',
      interval: 5,
    });
    await store.createSession({
      idHash: 's',
      userId: bob,
      stage: 'second-factor',
      csrf: 'c',
      createdAt: 0,
      expiresAt: 9,
    });
    const ended = await Promise.all([store.deleteSession('s'), store.deleteSession('s')]);
    expect(ended.sort()).toEqual([false, true]);
  });

  it('purges expired sessions, codes, pending changes, device grants and old rate windows', async () => {
    const store = await openTestStore();
    const bob = await seededBob(store);
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
    await store.hit('stale', { max: 1, windowMs: 1000 }, 0);
    await store.hit('fresh', { max: 1, windowMs: 1000 }, 2000);
    expect(await store.purgeExpired(2000)).toBe(2);
    expect(await store.getSession('old')).toBeUndefined();
    expect(await store.getSession('live')).toBeDefined();
    expect((await store.getActiveCode(bob, 'login'))?.id).toBe('c2');
    // A day later: the live session and code have expired too, and so has the stale window, not the fresh one.
    expect(await store.purgeExpired(24 * 3600_000 + 500)).toBe(3);
    expect(await store.hit('fresh', { max: 1, windowMs: 1000 }, 2500)).toBe(500);
  });
});
