import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../flows/context';
import { PortalError } from '../flows/errors';
import type { User } from '../store/types';
import { html, layout, type PageContext, type SafeHtml } from '../views/html';
import { applyRetryAfter } from './http';
import { checkCsrf, loadSession, type PageState, type SessionConfig, startSession } from './session';

declare module 'fastify' {
  interface FastifyRequest {
    page: PageState;
  }
}

/** What every page route needs. */
export interface PageEnv {
  deps: Deps;
  config: SessionConfig & { dev: boolean };
}

// Paths a user who must set up 2FA may still open; pairing is one, so Tessera can do the setup.
const SETUP_PATHS = /^\/(setup|security\/setup|device|logout|static|dev)(\/|\?|$)/;

/** Header context of a page. */
export function contextOf(env: PageEnv, req: FastifyRequest): PageContext {
  const user = req.page.user;
  return {
    csrf: req.page.session.csrf,
    dev: env.config.dev,
    who: user ? { id: user.id, email: user.email, admin: user.role === 'admin' } : undefined,
  };
}

/** Sends a full HTML page. */
export function sendPage(
  env: PageEnv,
  req: FastifyRequest,
  reply: FastifyReply,
  title: string,
  body: SafeHtml | string,
  status = 200,
) {
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .send(layout(contextOf(env, req), title, typeof body === 'string' ? html`${body}` : body));
}

/** The signed-in user, or undefined after redirecting to the login page. */
export function signedIn(req: FastifyRequest, reply: FastifyReply): User | undefined {
  if (req.page.user) return req.page.user;
  void reply.redirect('/login');
  return undefined;
}

/** How recent the login must be for pairing an app or turning 2FA on (ASVS V7.5.1 re-authentication). */
export const RECENT_LOGIN_MS = 15 * 60_000;

/**
 * The signed-in user if the login happened within RECENT_LOGIN_MS; otherwise undefined after redirecting
 * to the login page, which brings the user back to `next` (a login starts a new session, so it is recent).
 */
export function recentlySignedIn(
  env: PageEnv,
  req: FastifyRequest,
  reply: FastifyReply,
  next: string,
): User | undefined {
  const { user, session } = req.page;
  if (user && env.deps.now() - session.createdAt <= RECENT_LOGIN_MS) return user;
  void reply.redirect(`/login?next=${encodeURIComponent(next)}${user ? '&reauth=1' : ''}`);
  return undefined;
}

/**
 * Runs a form action; a refusal re-renders the form with its message (and the refusal's status) instead
 * of an error page.
 */
export async function attempt(
  reply: FastifyReply,
  action: () => Promise<unknown>,
  rerender: (message: string, status: number) => unknown,
): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof PortalError) || error.status >= 500) throw error;
    applyRetryAfter(reply, error);
    return rerender(error.message, error.status);
  }
}

/** A form field as a string ('' when missing or not text). */
export const field = (body: unknown, name: string): string => {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
};

/** Session loading, CSRF on every POST, and the "2FA required" redirect, for all page routes. */
export function installPageHooks(app: FastifyInstance, env: PageEnv): void {
  app.decorateRequest('page', null as unknown as PageState);
  app.addHook('preHandler', async (req, reply) => {
    let state = await loadSession(env.deps, req);
    if (req.method === 'POST')
      checkCsrf(state?.session ?? null, (req.body as Record<string, unknown> | undefined)?._csrf);
    if (!state)
      state = {
        session: await startSession(env.deps, env.config, reply, null, null, 'anonymous'),
        user: null,
      };
    req.page = state;
    reply.header('Cache-Control', 'no-store');
    if (state.user && state.user.method === null && !SETUP_PATHS.test(req.url)) {
      const org = await env.deps.store.getOrg(state.user.orgId);
      if (org?.requireTwoFactor) return reply.redirect('/setup');
    }
  });
}
