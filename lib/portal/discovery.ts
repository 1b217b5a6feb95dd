import { discover } from './client';
import type { PortalDeps } from './deps';
import type { Discovery } from './schemas';
import { timedFetch } from './transport';

const DISCOVERY_TIMEOUT_MS = 3_000;
const DISCOVERY_CACHE_MS = 5 * 60_000;

/**
 * Finds a site's portal from its discovery document, remembered for a few minutes (the popup asks on every
 * opening). Every URL in it must stay on the site's own origin: a page must not be able to send Tessera (and
 * the token) to a portal elsewhere.
 */
export class DiscoveryCache {
  readonly #found = new Map<string, { discovery: Discovery | null; at: number }>();

  /** The site's discovery document, or null when it serves none (or a foreign or unreadable one). */
  async find(deps: Pick<PortalDeps, 'fetch' | 'now'>, origin: string): Promise<Discovery | null> {
    const cached = this.#found.get(origin);
    if (cached && deps.now() - cached.at < DISCOVERY_CACHE_MS) return cached.discovery;
    const found = await discover(origin, timedFetch(deps.fetch, {}, DISCOVERY_TIMEOUT_MS)).catch(() => null);
    const sameOrigin =
      found &&
      [found.api_base, found.device_authorization_endpoint, found.token_endpoint].every(
        (url) => URL.canParse(url) && new URL(url).origin === origin,
      );
    const discovery = sameOrigin ? found : null;
    this.#found.set(origin, { discovery, at: deps.now() });
    return discovery;
  }
}
