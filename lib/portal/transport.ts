import { PortalApiError } from './client';

/**
 * How Tessera talks to a portal over the network: every request has a deadline, a refusal's Retry-After is
 * kept for the user, and only reads are tried again.
 */

const CALL_TIMEOUT_MS = 10_000;
/** Waits between retries of a read (status, events). */
const READ_BACKOFF_MS = [500, 1_500];

type Fetch = typeof fetch;

/** What one request to a portal learned besides its body: the Retry-After of a refusal. */
export interface CallContext {
  retryAfterMs?: number;
}

/** fetch with a deadline (a hung portal must not hang the popup) that notes Retry-After for refusals. */
export function timedFetch(fetchFn: Fetch, context: CallContext = {}, timeoutMs = CALL_TIMEOUT_MS): Fetch {
  return async (input, init) => {
    const res = await fetchFn(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const retryAfter = Number(res.headers.get('retry-after'));
    if (!res.ok && Number.isFinite(retryAfter) && retryAfter > 0) context.retryAfterMs = retryAfter * 1000;
    return res;
  };
}

/** fetch rejects with a TypeError when the network fails and with a DOMException when our deadline hits. */
export function unanswered(error: unknown): boolean {
  return (
    error instanceof TypeError ||
    (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError'))
  );
}

/** True for failures worth retrying: no answer at all, or the portal's own 5xx. */
export function transient(error: unknown): boolean {
  if (error instanceof PortalApiError) return error.status >= 500;
  return unanswered(error);
}

/** Runs a read again after a short wait when the network or the portal stumbles; writes are never retried. */
export async function withRetries<T>(
  sleep: (ms: number) => Promise<void>,
  read: () => Promise<T>,
): Promise<T> {
  for (const wait of READ_BACKOFF_MS) {
    try {
      return await read();
    } catch (error) {
      if (!transient(error)) throw error;
      await sleep(wait);
    }
  }
  return read();
}
