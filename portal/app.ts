import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { DEFAULT_LIMITS, type Deps, type Limits } from './flows/context';
import { PortalError } from './flows/errors';
import { PASSWORD_COST, type PasswordCost } from './flows/passwords';
import { RateLimiter } from './flows/rate-limit';
import { type SecretKeys, sealingStore } from './flows/sealed-secrets';
import { noGatewayTransport, outboxTransport, type Transport } from './flows/transport';
import { registerApi } from './routes/api';
import { registerDevRoutes } from './routes/dev';
import { applyRetryAfter, describeError, isApiPath, isCorsPath, isOAuthPath } from './routes/http';
import { registerOAuth } from './routes/oauth';
import { installPageHooks, type PageEnv } from './routes/pages';
import { registerAccountPages } from './routes/pages-account';
import { registerAdminPages } from './routes/pages-admin';
import { registerAppPages } from './routes/pages-apps';
import { registerAuthPages } from './routes/pages-auth';
import { registerPhonePages } from './routes/pages-phone';
import { registerSecurityPages } from './routes/pages-security';
import type { Store } from './store/types';
import { messageView } from './views/auth';
import { layout } from './views/html';
import { SCRIPT, STYLESHEET } from './views/style';

export interface AppOptions {
  /** The database; the app seals TOTP secrets before they reach it. */
  store: Store;
  /** AES-256-GCM keys for TOTP secrets at rest (portal/README.md, "Secrets at rest"). */
  secretKeys: SecretKeys;
  /** Clock in milliseconds; tests inject one to expire codes and step TOTP time. */
  now?: () => number;
  /** Where SMS and e-mail go; default: the outbox table with `dev`, otherwise nowhere (sends fail). */
  transport?: Transport;
  /** Enables /dev/outbox and the dev outbox API (loopback only). */
  dev?: boolean;
  issuer?: string;
  limits?: Partial<Limits>;
  /** scrypt cost of new password hashes (default: OWASP's N=2^17). */
  passwordCost?: PasswordCost;
  logger?: FastifyServerOptions['logger'];
  /** Origin handed out in URLs (discovery, verification_uri); default: from the request's Host. */
  publicUrl?: string;
  /** Default: on whenever `publicUrl` is https. */
  secureCookies?: boolean;
}

const BODY_LIMIT = 16 * 1024;
const PAGE_HEADERS = {
  'Content-Security-Policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
  'Access-Control-Max-Age': '600',
};

/** Builds the portal: pages, API, OAuth device grant and (in dev mode) the outbox. Not listening yet. */
export function buildApp(options: AppOptions): FastifyInstance {
  const now = options.now ?? Date.now;
  const dev = options.dev ?? false;
  const deps: Deps = {
    store: sealingStore(options.store, options.secretKeys),
    now,
    transport: options.transport ?? (dev ? outboxTransport(options.store, now) : noGatewayTransport()),
    limiter: new RateLimiter(options.store, now),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    passwordCost: options.passwordCost ?? PASSWORD_COST,
    issuer: options.issuer ?? 'Acme',
    log: { warn: () => undefined },
  };
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: BODY_LIMIT });
  deps.log = app.log;
  const env: PageEnv = {
    deps,
    config: {
      secureCookies: options.secureCookies ?? options.publicUrl?.startsWith('https:') === true,
      dev,
    },
  };

  app.register(cookie);
  app.register(formbody, { bodyLimit: BODY_LIMIT });

  app.setErrorHandler((error, req, reply) => {
    const refusal = describeError(error);
    if (refusal.status >= 500) req.log.error({ err: error }, 'request failed');
    applyRetryAfter(reply, refusal);
    reply.status(refusal.status);
    if (isOAuthPath(req.url)) return reply.send({ error: refusal.code, error_description: refusal.message });
    if (isApiPath(req.url)) return reply.send({ error: { code: refusal.code, message: refusal.message } });
    const ctx = { csrf: '', dev: env.config.dev };
    return reply
      .type('text/html; charset=utf-8')
      .send(layout(ctx, 'Something went wrong', messageView(refusal.message)));
  });
  app.setNotFoundHandler((req) => {
    throw new PortalError(
      404,
      'not_found',
      `Nothing lives at ${req.method} ${req.url.split('?')[0]}. Check the address.`,
    );
  });

  app.addHook('onSend', async (req, reply) => {
    if (isCorsPath(req.url)) reply.headers(CORS_HEADERS);
    else reply.headers(PAGE_HEADERS);
  });
  for (const prefix of ['/api/*', '/oauth/*', '/.well-known/*'])
    app.options(prefix, async (_req, reply) => reply.status(204).send());

  app.get('/static/portal.css', async (_req, reply) =>
    reply.type('text/css').header('Cache-Control', 'max-age=3600').send(STYLESHEET),
  );
  app.get('/static/portal.js', async (_req, reply) =>
    reply.type('text/javascript').header('Cache-Control', 'max-age=3600').send(SCRIPT),
  );

  app.register(async (api) => {
    registerOAuth(api, deps, options.publicUrl);
    registerApi(api, deps);
  });
  app.register(async (pages) => {
    installPageHooks(pages, env);
    registerAuthPages(pages, env);
    registerAccountPages(pages, env);
    registerSecurityPages(pages, env);
    registerPhonePages(pages, env);
    registerAppPages(pages, env);
    registerAdminPages(pages, env);
  });
  if (env.config.dev) app.register(async (dev) => registerDevRoutes(dev, env));
  return app;
}
