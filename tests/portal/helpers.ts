import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { generateSync } from 'otplib';
import { afterAll, inject } from 'vitest';
import { type AppOptions, buildApp } from '../../portal/app';
import { hashPassword } from '../../portal/flows/passwords';
import { hashRecoveryKey } from '../../portal/flows/recovery';
import { randomSecretKeys, type SecretKeys, sealingStore } from '../../portal/flows/sealed-secrets';
import { newId } from '../../portal/flows/secure-random';
import { openPostgresStore } from '../../portal/store/postgres';
import { openSqliteStore } from '../../portal/store/sqlite';
import type { Org, Store, User } from '../../portal/store/types';
import { TEST_PASSWORD_COST } from './password-cost';

export const START = Date.UTC(2026, 10, 23, 12, 0, 0);
export const PASSWORD = 'correct horse battery';
export const TOTP_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const RECOVERY_KEY = 'TEST-RECO-VERY-KEYA-AAAA-AAAA-AAAA-AAAA';

/** The PostgreSQL server of this run (vitest.postgres.config.ts), or undefined on SQLite. */
export const databaseUrl = (): string | undefined => inject('databaseUrl');
export const storeName = databaseUrl() ? 'PostgreSQL' : 'SQLite';

const openStores: Store[] = [];
afterAll(async () => {
  await Promise.all(openStores.splice(0).map((store) => store.close()));
});

/**
 * An empty store of the kind under test: in-memory SQLite, or a fresh schema on the run's PostgreSQL
 * server (closed after the file's tests).
 */
export async function openTestStore(): Promise<Store> {
  const url = databaseUrl();
  if (!url) return openSqliteStore(':memory:');
  const store = await openPostgresStore(url, {
    schema: `t_${randomBytes(8).toString('hex')}`,
    maxConnections: 4,
  });
  openStores.push(store);
  return store;
}

/** A settable clock in milliseconds. */
export class Clock {
  constructor(public ms = START) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

export { TEST_PASSWORD_COST } from './password-cost';

// One hash for every test user: scrypt is deliberately slow.
let sharedHash: Promise<string> | undefined;
const passwordHash = () => {
  sharedHash ??= hashPassword(PASSWORD, TEST_PASSWORD_COST);
  return sharedHash;
};

export interface TestPortal {
  app: FastifyInstance;
  /** The store as the app sees it (secrets in clear); `database` is what is at rest. */
  store: Store;
  database: Store;
  secretKeys: SecretKeys;
  clock: Clock;
  org: Org;
  addUser(fields: Partial<User> & { email: string }): Promise<User>;
  addOrg(fields?: Partial<Org>): Promise<Org>;
}

/** A portal on an empty store of the kind under test with an injected clock and one organisation. */
export async function makePortal(
  options: Partial<AppOptions> = {},
  org: Partial<Org> = {},
): Promise<TestPortal> {
  const database = options.store ?? (await openTestStore());
  const secretKeys = options.secretKeys ?? randomSecretKeys();
  const store = sealingStore(database, secretKeys);
  const clock = new Clock();
  const app = buildApp({
    now: clock.now,
    dev: true,
    passwordCost: TEST_PASSWORD_COST,
    ...options,
    store: database,
    secretKeys,
  });
  const addOrg = async (fields: Partial<Org> = {}) => {
    const created: Org = {
      id: newId(),
      name: 'Test Org',
      requireTwoFactor: false,
      challengePolicy: 'always',
      ...fields,
    };
    await store.createOrg(created);
    return created;
  };
  const mainOrg = await addOrg(org);
  const addUser = async (fields: Partial<User> & { email: string }) => {
    const user: User = {
      id: newId(),
      orgId: mainOrg.id,
      emailVerified: true,
      name: fields.email.split('@')[0] ?? 'user',
      role: 'user',
      passwordHash: await passwordHash(),
      method: null,
      totpSecret: null,
      totpLastStep: null,
      totpDrift: 0,
      phone: null,
      recoveryHash: null,
      failedAttempts: 0,
      lastFailureAt: null,
      createdAt: clock.now(),
      ...fields,
    };
    await store.createUser(user);
    return user;
  };
  return { app, store, database, secretKeys, clock, org: mainOrg, addUser, addOrg };
}

/** Fields for a user whose 2FA is the authenticator app. */
export const totpUser = (email: string): Partial<User> & { email: string } => ({
  email,
  method: 'totp',
  totpSecret: TOTP_SECRET,
  recoveryHash: hashRecoveryKey(RECOVERY_KEY),
});

/** Fields for a user whose 2FA is SMS to a French mobile ending in 42. */
export const smsUser = (email: string, phone = '+33612345642'): Partial<User> & { email: string } => ({
  email,
  method: 'sms',
  phone,
  recoveryHash: hashRecoveryKey(RECOVERY_KEY),
});

/** The TOTP code for `secret` at the clock's time plus `steps` periods. */
export const totpAt = (clock: Clock, steps = 0, secret = TOTP_SECRET): string =>
  generateSync({ secret, epoch: Math.floor(clock.now() / 1000) + steps * 30 });

/** The newest 6-digit code sent to `to` (phone or e-mail), read from the outbox. */
export async function lastCode(store: Store, to: string): Promise<string> {
  const message = (await store.listOutbox(200)).find((m) => m.to === to && /\b\d{6}\b/.test(m.body));
  const code = message?.body.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code sent to ${to}`);
  return code;
}

/** Every message sent to `to`, newest first. */
export const messagesTo = async (store: Store, to: string) =>
  (await store.listOutbox(500)).filter((m) => m.to === to);

/** A cookie-keeping client for the HTML pages, submitting forms with their CSRF token. */
export class Browser {
  cookies = new Map<string, string>();
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '203.0.113.7',
  ) {}

  private keep(headers: Record<string, unknown>) {
    const raw = headers['set-cookie'];
    for (const line of Array.isArray(raw) ? raw : raw ? [raw] : []) {
      const [pair] = String(line).split(';');
      const [name, ...rest] = (pair ?? '').split('=');
      if (!name) continue;
      if (/Max-Age=0|Expires=Thu, 01 Jan 1970/.test(String(line))) this.cookies.delete(name);
      else this.cookies.set(name, rest.join('='));
    }
  }

  private cookieHeader = () => [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');

  async get(url: string) {
    const res = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader() },
      remoteAddress: this.ip,
    });
    this.keep(res.headers);
    return res;
  }

  /** The CSRF token of the current session (read from the login form, which every session can open). */
  async csrf(): Promise<string> {
    const page = await this.get('/login');
    const token = page.body.match(/name="_csrf" value="([^"]+)"/)?.[1];
    if (!token) throw new Error('no csrf token on /login');
    return token;
  }

  async post(url: string, fields: Record<string, string> = {}, csrf?: string) {
    const token = csrf ?? (await this.csrf());
    const res = await this.app.inject({
      method: 'POST',
      url,
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: token, ...fields }).toString(),
      remoteAddress: this.ip,
    });
    this.keep(res.headers);
    return res;
  }

  /** Password login; returns the redirect target. */
  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await this.post('/login', { email, password });
    return String(res.headers.location ?? `status ${res.statusCode}`);
  }
}

/** A bearer-token JSON client for the API. */
export function apiClient(app: FastifyInstance, token: string) {
  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    get: (url: string) => call('GET', url),
    post: (url: string, body: unknown = {}) => call('POST', url, body),
    delete: (url: string) => call('DELETE', url),
  };
}

/** Starts a pairing as Tessera; returns the device code and the user code Tessera would show. */
export async function startPairing(app: FastifyInstance, userAgent = 'Tessera test') {
  const start = await app.inject({
    method: 'POST',
    url: '/oauth/device_authorization',
    payload: { client_id: 'tessera' },
    headers: { 'user-agent': userAgent },
  });
  return start.json() as { device_code: string; user_code: string; verification_uri: string };
}

/** Allows a pairing on /device as a user does: the code typed, then the password. */
export const approve = (browser: Browser, user_code: string, password = PASSWORD) =>
  browser.post('/device/decision', { user_code, decision: 'approve', password });

/** Pairs through RFC 8628 with a browser already signed in, and returns the access token. */
export async function pair(portal: Pick<TestPortal, 'app'>, browser: Browser): Promise<string> {
  const { device_code, user_code } = await startPairing(portal.app);
  const approved = await approve(browser, user_code);
  if (approved.statusCode !== 200) throw new Error(`approval failed: ${approved.body}`);
  const token = await portal.app.inject({
    method: 'POST',
    url: '/oauth/token',
    payload: {
      grant_type: 'urn:ietf:params:oauth:grant-type:device_code',
      device_code,
      client_id: 'tessera',
    },
  });
  return (token.json() as { access_token: string }).access_token;
}
