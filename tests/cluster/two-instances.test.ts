import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { generateSync } from 'otplib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO } from '../../portal/seed';
import { freePort } from '../../scripts/lib/postgres.mjs';
import { HttpBrowser, type Reply } from './http';

// Two real portal processes (`portal/main.ts`) share one PostgreSQL database; every attack below sends its
// requests at the same time, alternating between the two instances, and must gain nothing.

const CLUSTER_KEY = randomBytes(32).toString('base64');

async function startInstance(databaseUrl: string): Promise<{ origin: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'portal/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEV: '1',
      DATABASE_URL: databaseUrl,
      // Every instance must open the TOTP secrets the others sealed.
      PORTAL_SECRET_KEY: CLUSTER_KEY,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`portal exited with ${child.exitCode}`);
    const up = await fetch(`${origin}/login`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) return { origin, child };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('portal did not start');
}

let db: pg.Client;
let origins: string[] = [];
const children: ChildProcess[] = [];
/** Instance of the i-th concurrent request: alternates between the two. */
const at = (i: number): string => origins[i % 2] ?? '';

beforeAll(async () => {
  const server = inject('databaseUrl');
  const name = `cluster_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client(server);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = server.replace(/\/[^/]*$/, `/${name}`);
  // The first instance migrates and seeds the demo accounts; the second finds them.
  const first = await startInstance(url);
  const second = await startInstance(url);
  children.push(first.child, second.child);
  origins = [first.origin, second.origin];
  db = new pg.Client(url);
  await db.connect();
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill();
  await db?.end();
});

const userRow = async (email: string) =>
  (await db.query('SELECT * FROM users WHERE email = $1', [email])).rows[0] as {
    id: string;
    failed_attempts: number;
  };

/** The newest code texted or mailed to `to`, read from the shared outbox. */
async function lastCode(to: string): Promise<string> {
  const { rows } = await db.query('SELECT body FROM outbox WHERE "to" = $1 ORDER BY seq DESC LIMIT 1', [to]);
  const code = String(rows[0]?.body ?? '').match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

/** Signs in with the password on one instance; the browser then waits at the code prompt. */
async function atCodePrompt(browser: HttpBrowser, email: string, password: string, origin: string) {
  await browser.open(origin);
  const res = await browser.post(origin, '/login', { email, password });
  expect(res.location).toContain('/login/code');
  await browser.refresh(origin, '/login/code');
}

const count = (replies: Reply[], status: number) => replies.filter((r) => r.status === status).length;

describe('two portal instances on one PostgreSQL', () => {
  it('accepts a TOTP code once, however many sign-ins race with it on both instances', async () => {
    const browsers = Array.from({ length: 8 }, () => new HttpBrowser('127.0.0.2'));
    await Promise.all(browsers.map((b, i) => atCodePrompt(b, DEMO.admin.email, DEMO.admin.password, at(i))));
    const code = generateSync({ secret: DEMO.admin.totpSecret });
    const replies = await Promise.all(browsers.map((b, i) => b.post(at(i + 1), '/login/code', { code })));
    expect(count(replies, 302)).toBe(1);
    expect(replies.filter((r) => r.body.includes('already used'))).toHaveLength(7);
    const { rows } = await db.query("SELECT count(*)::int AS n FROM audit WHERE type = 'totp.replay'");
    expect(rows[0]?.n).toBe(7);
  });

  it('gives an SMS code exactly 5 tries against 30 concurrent wrong codes; the real one is then dead', async () => {
    const browser = new HttpBrowser('127.0.0.3');
    await atCodePrompt(browser, DEMO.bob.email, DEMO.bob.password, at(0));
    const real = await lastCode(DEMO.bob.phone);
    const wrong = (i: number) => String((Number(real) + 1 + i) % 1_000_000).padStart(6, '0');
    const replies = await Promise.all(
      Array.from({ length: 30 }, (_x, i) => browser.post(at(i), '/login/code', { code: wrong(i) })),
    );
    expect(count(replies, 401)).toBe(5);
    expect(count(replies, 429)).toBe(25);
    const { rows } = await db.query(
      "SELECT tries FROM codes WHERE purpose = 'login' AND user_id = $1 ORDER BY seq DESC LIMIT 1",
      [(await userRow(DEMO.bob.email)).id],
    );
    expect(rows[0]?.tries).toBe(5);
    const late = await browser.post(at(1), '/login/code', { code: real });
    expect(late.status).toBe(429);
    expect(late.body).toContain('Ask for a new code');
  });

  it('checks exactly 3 of 40 concurrent wrong step-up passwords after 97 failures, then locks', async () => {
    const browser = new HttpBrowser('127.0.0.4');
    await atCodePrompt(browser, DEMO.bob.email, DEMO.bob.password, at(0));
    const signedIn = await browser.post(at(1), '/login/code', { code: await lastCode(DEMO.bob.phone) });
    expect(signedIn.status).toBe(302);
    await browser.refresh(at(0), '/security/setup?method=totp');
    const bob = await userRow(DEMO.bob.email);
    await db.query('UPDATE users SET failed_attempts = 97, last_failure_at = $2 WHERE id = $1', [
      bob.id,
      Date.now(),
    ]);
    const replies = await Promise.all(
      Array.from({ length: 40 }, (_x, i) =>
        browser.post(at(i), '/security/setup', { method: 'totp', password: `guess-${i}` }),
      ),
    );
    expect(replies.filter((r) => r.body.includes('password is not right'))).toHaveLength(3);
    expect(count(replies, 429)).toBe(37);
    expect((await userRow(DEMO.bob.email)).failed_attempts).toBe(100);
    // Locked now, even with the right password.
    const right = await browser.post(at(1), '/security/setup', {
      method: 'totp',
      password: DEMO.bob.password,
    });
    expect(right.status).toBe(429);
  });

  it('holds the sign-in backoff per account and per IP across both instances', async () => {
    // 30 wrong passwords for alice from 6 addresses at once: exactly 10 are checked.
    const guesses = Array.from({ length: 30 }, (_x, i) => new HttpBrowser(`127.0.1.${1 + (i % 6)}`));
    await Promise.all(guesses.map((b, i) => b.open(at(i))));
    const replies = await Promise.all(
      guesses.map((b, i) => b.post(at(i + 1), '/login', { email: DEMO.alice.email, password: `guess-${i}` })),
    );
    expect(count(replies, 401)).toBe(10);
    expect(count(replies, 429)).toBe(20);
    const owner = new HttpBrowser('127.0.1.50');
    await owner.open(at(0));
    expect(
      (await owner.post(at(0), '/login', { email: DEMO.alice.email, password: DEMO.alice.password })).status,
    ).toBe(429);

    // 36 sign-ins from one address, to accounts that do not even exist: exactly 30 are checked.
    const one = Array.from({ length: 36 }, () => new HttpBrowser('127.0.2.1'));
    await Promise.all(one.map((b, i) => b.open(at(i))));
    const fromOneIp = await Promise.all(
      one.map((b, i) => b.post(at(i), '/login', { email: `nobody${i}@acme.test`, password: 'x' })),
    );
    expect(count(fromOneIp, 401)).toBe(30);
    expect(count(fromOneIp, 429)).toBe(6);
  });
});
