import { browser } from 'wxt/browser';
import type { PageRequest, Reply } from '../lib/messages';

/** Sends a request to the background and returns its typed reply (never throws for a refused request). */
export async function send<R extends PageRequest>(request: R): Promise<Reply<R['type']>> {
  try {
    return (await browser.runtime.sendMessage(request)) as Reply<R['type']>;
  } catch {
    return {
      ok: false,
      error: {
        code: 'unreachable',
        message: 'Tessera’s background did not answer. Close this window and open it again.',
      },
    };
  }
}
