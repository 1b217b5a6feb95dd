import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../flows/context';
import { PortalError } from '../flows/errors';
import { newSecretToken, sha256 } from '../flows/secure-random';
import type { Session, User } from '../store/types';

export const SESSION_COOKIE = 'tessera_session';
export const DEVICE_COOKIE = 'tessera_device';
const SESSION_TTL_MS = 12 * 3600_000;
// Longer than a code lives, so an expired code gets its own message before the login restarts.
const SECOND_FACTOR_TTL_MS = 15 * 60_000;
const DEVICE_TTL_S = 365 * 24 * 3600;

/** The browser session of a page request, plus its signed-in user once the login is complete. */
export interface PageState {
  session: Session;
  user: User | null;
}

export interface SessionConfig {
  secureCookies: boolean;
}

const cookieOptions = (config: SessionConfig, maxAge: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: config.secureCookies,
  maxAge,
});

/** Loads the session behind the cookie, if it exists and has not expired. */
export async function loadSession(deps: Deps, req: FastifyRequest): Promise<PageState | null> {
  const id = req.cookies[SESSION_COOKIE];
  if (!id) return null;
  const session = await deps.store.getSession(sha256(id));
  const now = deps.now();
  const ttl = session?.stage === 'second-factor' ? SECOND_FACTOR_TTL_MS : SESSION_TTL_MS;
  if (!session || now > session.expiresAt || now > session.createdAt + ttl) return null;
  const user =
    session.userId && session.stage === 'full' ? ((await deps.store.getUser(session.userId)) ?? null) : null;
  return { session, user };
}

/** Starts a fresh session (new id on every stage change, so a planted id never gains rights). */
export async function startSession(
  deps: Deps,
  config: SessionConfig,
  reply: FastifyReply,
  previous: Session | null,
  userId: string | null,
  stage: Session['stage'],
): Promise<Session> {
  // A session moves to its next stage once: a concurrent request that already rotated it wins.
  if (previous && !(await deps.store.deleteSession(previous.idHash)))
    throw new PortalError(
      409,
      'session_moved',
      'This sign-in went on in another tab or window. Reload the page.',
    );
  const id = newSecretToken();
  const now = deps.now();
  const session: Session = {
    idHash: sha256(id),
    userId,
    stage,
    csrf: newSecretToken(),
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
  };
  await deps.store.createSession(session);
  reply.setCookie(SESSION_COOKIE, id, cookieOptions(config, SESSION_TTL_MS / 1000));
  return session;
}

/** Ends the session and clears its cookie. */
export async function endSession(deps: Deps, reply: FastifyReply, session: Session): Promise<void> {
  await deps.store.deleteSession(session.idHash);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** The long-lived random device id used by risk-based login; set on first visit. */
export function deviceIdOf(config: SessionConfig, req: FastifyRequest, reply: FastifyReply): string {
  const existing = req.cookies[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const id = newSecretToken();
  reply.setCookie(DEVICE_COOKIE, id, cookieOptions(config, DEVICE_TTL_S));
  return id;
}

/** Refuses a form post whose CSRF token does not match the session (synchronizer-token pattern). */
export function checkCsrf(session: Session | null, sent: unknown): void {
  if (
    !session ||
    typeof sent !== 'string' ||
    sent.length !== session.csrf.length ||
    sha256(sent) !== sha256(session.csrf)
  ) {
    throw new PortalError(403, 'csrf', 'This form has expired. Go back, reload the page and try again.');
  }
}
