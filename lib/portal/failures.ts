import { ZodError } from 'zod';
import type { PortalFailure, PortalOutcome } from '../messages';
import { portalRefusal } from '../policy';
import { VaultError } from '../vault/errors';
import type { PortalConnection } from '../vault/records';
import { PortalApiError } from './client';
import type { PortalDeps } from './deps';
import { type CallContext, timedFetch, unanswered } from './transport';

/** Turns what went wrong in a portal step into what the user reads and can act on. */

/** A failure the user can act on. Vault errors are left to the router, which already explains them. */
export function failureOf(error: unknown, origin: string, context: CallContext = {}): PortalFailure {
  if (error instanceof VaultError) throw error;
  if (error instanceof PortalApiError) {
    if (error.status === 401 && error.code === 'invalid_token')
      return { code: error.code, message: error.message, reconnect: true };
    if (error.status === 429) {
      const wait = context.retryAfterMs;
      const hint = wait ? ` Tessera can try again in ${Math.ceil(wait / 1000)} seconds.` : '';
      return { code: error.code, message: `${error.message}${hint}`, retryAfterMs: wait };
    }
    return { code: error.code, message: error.message };
  }
  if (error instanceof ZodError) {
    return {
      code: 'unexpected_response',
      message: `${origin} answered in a way Tessera does not understand. Tessera kept everything it had; try again later.`,
    };
  }
  if (unanswered(error)) {
    // After a lost answer a change may or may not have happened; Tessera keeps what it has either way.
    return {
      code: 'unreachable',
      message: `Tessera got no answer from ${origin}. Check your connection and try again; Tessera kept everything it had, and Security shows the site's state once it answers.`,
    };
  }
  throw error;
}

/** Runs one portal step and turns a refusal or a network failure into a PortalFailure. */
export async function attempt<T extends object>(
  deps: Pick<PortalDeps, 'fetch'>,
  origin: string,
  step: (fetchFn: typeof fetch) => Promise<T>,
): Promise<PortalOutcome<T>> {
  const context: CallContext = {};
  try {
    const value: T = await step(timedFetch(deps.fetch, context));
    return value as PortalOutcome<T>;
  } catch (error) {
    return { failure: failureOf(error, origin, context) };
  }
}

/** A portal the organisation does not allow is neither paired nor used (disconnecting stays possible). */
export async function policyFailure(
  deps: Pick<PortalDeps, 'policy'>,
  origin: string,
): Promise<PortalFailure | null> {
  const message = portalRefusal(origin, await deps.policy());
  return message === null ? null : { code: 'not_allowed', message };
}

export function reconnectFailure(connection: PortalConnection): PortalFailure {
  return {
    code: 'expired_token',
    message: `The connection to ${connection.site} has expired. Press “Connect this account” to pair Tessera again.`,
    reconnect: true,
  };
}
