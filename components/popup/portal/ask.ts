import type { PageRequest, PortalFailure, Replies, Reply } from '../../../lib/messages';
import { send } from '../../messaging';

/** What a portal request answers when it worked. */
export type Success<T extends PageRequest['type']> = Exclude<Replies[T], { failure: PortalFailure }>;

/** A portal step's result, or one failure to show, whether the background or the portal refused. */
export type Asked<T extends PageRequest['type']> =
  | { ok: true; value: Success<T> }
  | { ok: false; failure: PortalFailure };

/** Sends a portal request and folds the router's error and the portal's refusal into one shape. */
export async function ask<R extends PageRequest>(request: R): Promise<Asked<R['type']>> {
  const reply = (await send(request)) as Reply<R['type']>;
  if (!reply.ok) return { ok: false, failure: { code: reply.error.code, message: reply.error.message } };
  const { ok: _ok, ...rest } = reply as { ok: true } & Record<string, unknown>;
  if (rest.failure) return { ok: false, failure: rest.failure as PortalFailure };
  return { ok: true, value: rest as Success<R['type']> };
}
