import type { PortalOutcome, PortalPairingView, Replies } from '../messages';
import { VaultError } from '../vault/errors';
import { PortalApiError, pollDeviceToken, portalApi, requestDeviceCode } from './client';
import { connectionFor, storeToken } from './connection';
import type { PortalDeps } from './deps';
import type { DiscoveryCache } from './discovery';
import { attempt, policyFailure } from './failures';
import type { Discovery } from './schemas';
import { timedFetch, transient } from './transport';
import { connectionView } from './views';

/**
 * RFC 8628 pairing with the portal of the open tab: Tessera asks for a code, shows it, opens the portal's
 * approval page (where the user types it) and polls for the token, which goes into the vault.
 */

/** The client id Tessera announces; the portal shows it on its approval page and under "Connected apps". */
export const CLIENT_ID = 'tessera';
const MAX_POLL_INTERVAL_S = 60;
const SLOW_DOWN_S = 5;

export interface Pairing {
  origin: string;
  discovery: Discovery;
  deviceCode: string;
  userCode: string;
  /** The portal's approval page, where the user types the code Tessera shows (never a link carrying it). */
  verificationUri: string;
  intervalS: number;
  expiresAt: number;
  state: PortalPairingView['state'];
  message?: string;
}

/** Keeps pairings in progress across a restart of the background (the extension: storage.session). */
export interface PairingStore {
  load(): Promise<Pairing[]>;
  save(pairings: Pairing[]): Promise<void>;
}

export interface PairingEnv {
  store: PairingStore;
  discoveries: DiscoveryCache;
  /** Opens the portal's approval page for the user. */
  openPage(url: string): Promise<void>;
}

function pairingView(pairing: Pairing): PortalPairingView {
  return { state: pairing.state, userCode: pairing.userCode, message: pairing.message };
}

const NO_PORTAL = {
  code: 'no_portal',
  message: 'This site does not offer a Tessera connection. Open the site’s own page and try again.',
};

/** Pairings by origin, one at a time per origin, each polled by one loop. */
export class Pairings {
  readonly #pairings = new Map<string, Pairing>();
  readonly #polling = new Set<string>();

  constructor(private readonly env: PairingEnv) {}

  /** What the popup shows for a tab: whether the site has a portal, its connection, a pairing under way. */
  async tabState(deps: PortalDeps, origin: string | null): Promise<Replies['portal/tab']> {
    if (!origin) return { origin: null, portal: false, connection: null, pairing: null };
    const connection = await connectionFor(deps, origin);
    let pairing = await this.#load(origin);
    // A background restarted mid-pairing resumes polling where it stopped.
    if (pairing?.state === 'waiting') void this.#poll(deps, pairing);
    // How a finished pairing ended stays on show until its code would have expired anyway.
    else if (pairing && pairing.expiresAt < deps.now()) {
      this.#pairings.delete(origin);
      await this.#save();
      pairing = undefined;
    }
    const portal = connection !== null || (await this.env.discoveries.find(deps, origin)) !== null;
    return {
      origin,
      portal,
      connection: connection && connectionView(connection),
      pairing: pairing ? pairingView(pairing) : null,
    };
  }

  /** Starts pairing with the portal of `origin` (or shows the approval page again for one under way). */
  async connect(deps: PortalDeps, origin: string | null): Promise<Replies['portal/connect']> {
    const refused = origin ? await policyFailure(deps, origin) : null;
    if (refused) return { failure: refused };
    const discovery = origin ? await this.env.discoveries.find(deps, origin) : null;
    if (!origin || !discovery) return { failure: NO_PORTAL };
    const current = await this.#load(origin);
    if (current?.state === 'waiting' && current.expiresAt > deps.now()) {
      // Still waiting for approval: show the approval page again (its tab may have been closed).
      await this.env.openPage(current.verificationUri);
      void this.#poll(deps, current);
      return { pairing: pairingView(current) };
    }
    const outcome: PortalOutcome<{ pairing: Pairing }> = await attempt(deps, origin, async (fetchFn) => {
      const grant = await requestDeviceCode(discovery, CLIENT_ID, fetchFn);
      if (!URL.canParse(grant.verification_uri) || new URL(grant.verification_uri).origin !== origin) {
        throw new PortalApiError(
          0,
          'foreign_endpoint',
          'The site asked Tessera to approve the connection on another site, so Tessera stopped.',
        );
      }
      const pairing: Pairing = {
        origin,
        discovery,
        deviceCode: grant.device_code,
        userCode: grant.user_code,
        verificationUri: grant.verification_uri,
        intervalS: grant.interval,
        expiresAt: deps.now() + grant.expires_in * 1000,
        state: 'waiting',
      };
      this.#pairings.set(origin, pairing);
      await this.#save();
      await this.env.openPage(grant.verification_uri);
      return { pairing };
    });
    if (outcome.failure) return { failure: outcome.failure };
    void this.#poll(deps, outcome.pairing);
    return { pairing: pairingView(outcome.pairing) };
  }

  async #save(): Promise<void> {
    await this.env.store.save([...this.#pairings.values()]);
  }

  async #load(origin: string): Promise<Pairing | undefined> {
    if (!this.#pairings.has(origin)) {
      for (const pairing of await this.env.store.load()) {
        if (!this.#pairings.has(pairing.origin)) this.#pairings.set(pairing.origin, pairing);
      }
    }
    return this.#pairings.get(origin);
  }

  async #finish(pairing: Pairing, state: Pairing['state'], message?: string): Promise<void> {
    pairing.state = state;
    pairing.message = message;
    await this.#save();
  }

  /**
   * Polls the token endpoint at the interval the portal asked for (+5 s on slow_down, doubled while the
   * network fails) until the user approves, denies, or the code expires. Each poll saves the pairings, which
   * in the extension also keeps the service worker alive while it waits.
   */
  async #poll(deps: PortalDeps, pairing: Pairing): Promise<void> {
    if (this.#polling.has(pairing.origin)) return;
    this.#polling.add(pairing.origin);
    let interval = pairing.intervalS;
    try {
      while (pairing.state === 'waiting') {
        if (deps.now() >= pairing.expiresAt) {
          return await this.#finish(
            pairing,
            'expired',
            'The code expired before it was approved. Press “Connect this account” to start again.',
          );
        }
        await deps.sleep(interval * 1000);
        const outcome = await pollDeviceToken(
          pairing.discovery,
          pairing.deviceCode,
          CLIENT_ID,
          timedFetch(deps.fetch),
        ).catch((error: unknown) => ({ kind: 'error' as const, error }));
        if (outcome.kind === 'error') {
          if (!transient(outcome.error)) {
            const message =
              outcome.error instanceof PortalApiError
                ? outcome.error.message
                : 'The site’s answer could not be read. Press “Connect this account” to try again.';
            return await this.#finish(pairing, 'failed', message);
          }
          interval = Math.min(interval * 2, MAX_POLL_INTERVAL_S);
          await this.#save();
        } else if (outcome.kind === 'pending') await this.#save();
        else if (outcome.kind === 'slow_down') interval += SLOW_DOWN_S;
        else if (outcome.kind === 'token')
          return await this.#keepToken(deps, pairing, outcome.accessToken, outcome.expiresIn);
        else return await this.#finish(pairing, outcome.kind, outcome.message);
      }
    } finally {
      this.#polling.delete(pairing.origin);
    }
  }

  /** Stores a granted token; if that fails, revokes it so no grant Tessera does not hold stays open. */
  async #keepToken(deps: PortalDeps, pairing: Pairing, token: string, expiresIn: number): Promise<void> {
    try {
      await storeToken(deps, pairing.origin, pairing.discovery.api_base, token, expiresIn);
      await this.#finish(pairing, 'connected');
    } catch (error) {
      await portalApi(pairing.discovery, token, timedFetch(deps.fetch))
        .revoke()
        .catch(() => undefined);
      const locked = error instanceof VaultError && error.code === 'locked';
      await this.#finish(
        pairing,
        'failed',
        locked
          ? 'Tessera was locked before the site approved the connection, so it was not kept. Unlock Tessera and connect again.'
          : 'Tessera could not save the connection. Press “Connect this account” to try again.',
      );
    }
  }
}
