// Portal under load on loopback: sign-in (password) + code verification, on SQLite and on a throw-away
// PostgreSQL server, with autocannon. Bounded (a fixed number of requests) and checked: every answer must be
// the expected one, and every sign-in's code must have been written (no lost writes).
// Imports TypeScript, so run under tsx: node --import tsx scripts/bench/portal.mjs
import autocannon from 'autocannon';
import { buildApp } from '../../portal/app.ts';
import { hashPassword } from '../../portal/flows/passwords.ts';
import { outboxTransport } from '../../portal/flows/transport.ts';
import { openPostgresStore } from '../../portal/store/postgres.ts';
import { openSqliteStore } from '../../portal/store/sqlite.ts';
import { startThrowawayPostgres } from '../lib/postgres.mjs';

const CONNECTIONS = 8;
// Four requests per sign-in (form, password, code prompt, code); each sign-in costs one scrypt hash.
const SIGN_INS = 32;
const PASSWORD = 'bench password';
const WIDE = { max: 1_000_000, windowMs: 3600_000 };
const LIMITS = {
  sendsPerAccount: WIDE,
  loginSendsPerAccount: WIDE,
  sendsPerIp: WIDE,
  signInsPerIp: WIDE,
  signInFailuresPerAccount: WIDE,
};

const csrfOf = (body) => body.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? '';
const sessionOf = (headers) => {
  const raw = headers['set-cookie'] ?? headers['Set-Cookie'];
  const line = (Array.isArray(raw) ? raw : [raw]).find((l) => l?.startsWith('tessera_session='));
  return line ? line.split(';')[0] : undefined;
};

/** One store under load; returns { requestsPerSecond, p99Ms, signIns }. */
async function loadOne(store) {
  const now = Date.now;
  const codes = new Map();
  const outbox = outboxTransport(store, now);
  const transport = {
    async deliver(message) {
      await outbox.deliver(message);
      codes.set(message.to, message.body.match(/\b(\d{6})\b/)?.[1]);
    },
  };
  const org = { id: 'bench-org', name: 'Bench', requireTwoFactor: false, challengePolicy: 'always' };
  await store.createOrg(org);
  const passwordHash = await hashPassword(PASSWORD);
  // Every sign-in its own account, so concurrent ones never replace each other's code.
  const emails = Array.from({ length: SIGN_INS + CONNECTIONS }, (_x, i) => `user${i}@bench.test`);
  for (const [i, email] of emails.entries()) {
    await store.createUser({
      ...{ id: `u${i}`, orgId: org.id, email, emailVerified: true, name: `User ${i}`, role: 'user' },
      ...{ passwordHash, method: 'email', totpSecret: null, totpLastStep: null, totpDrift: 0, phone: null },
      ...{ recoveryHash: null, failedAttempts: 0, lastFailureAt: null, createdAt: now() },
    });
  }
  const app = buildApp({ store, transport, limits: LIMITS, logger: { level: 'error' } });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  let nextUser = 0;
  const unexpected = [];
  const expect = (step, wanted) => (status, body, context, headers) => {
    if (status !== wanted) unexpected.push(`${step}: ${status} ${body.slice(0, 120)}`);
    context.cookie = sessionOf(headers) ?? context.cookie;
    if (status === 200) context.csrf = csrfOf(body);
  };
  const form = (fields) => new URLSearchParams(fields).toString();
  let signIns = 0;
  try {
    const result = await autocannon({
      url,
      connections: CONNECTIONS,
      amount: SIGN_INS * 4,
      requests: [
        {
          method: 'GET',
          path: '/login',
          setupRequest: (req, context) => {
            context.email = emails[nextUser++];
            context.cookie = undefined;
            return { ...req, headers: {} };
          },
          onResponse: expect('form', 200),
        },
        {
          method: 'POST',
          path: '/login',
          setupRequest: (req, context) => ({
            ...req,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: context.cookie },
            body: form({ _csrf: context.csrf, email: context.email, password: PASSWORD }),
          }),
          onResponse: (status, body, context, headers) => {
            if (status === 302) signIns++;
            expect('password', 302)(status, body, context, headers);
          },
        },
        {
          method: 'GET',
          path: '/login/code',
          setupRequest: (req, context) => ({ ...req, headers: { cookie: context.cookie } }),
          onResponse: expect('code prompt', 200),
        },
        {
          method: 'POST',
          path: '/login/code',
          setupRequest: (req, context) => ({
            ...req,
            headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: context.cookie },
            body: form({ _csrf: context.csrf, code: codes.get(context.email) ?? '' }),
          }),
          onResponse: expect('code', 302),
        },
      ],
    });
    if (result.errors || result.timeouts)
      unexpected.push(`${result.errors} errors, ${result.timeouts} timeouts`);
    if (unexpected.length) throw new Error(`unexpected answers: ${unexpected.slice(0, 3).join('; ')}`);
    const written = (await store.listOutbox(SIGN_INS * 10)).length;
    if (written !== signIns)
      throw new Error(`lost writes: ${signIns} sign-ins but ${written} codes in the outbox`);
    return { requestsPerSecond: result.requests.average, p99Ms: result.latency.p99, signIns };
  } finally {
    await app.close();
    await store.close();
  }
}

/** Rows for bench.mjs: requests per second and p99 latency on each store. */
export async function benchPortal() {
  const rows = [];
  const add = (name, figures) =>
    rows.push(
      {
        name: `${name}: requests/s (${figures.signIns} sign-ins + codes)`,
        value: figures.requestsPerSecond,
        unit: '/s',
      },
      { name: `${name}: p99 latency`, value: figures.p99Ms, unit: 'ms' },
    );
  add('SQLite', await loadOne(openSqliteStore(':memory:')));
  const server = await startThrowawayPostgres();
  try {
    add('PostgreSQL', await loadOne(await openPostgresStore(server.url)));
  } finally {
    server.stop();
  }
  return rows;
}
