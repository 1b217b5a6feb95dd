import 'fake-indexeddb/auto';
import { afterEach, expect, vi } from 'vitest';
import type { PortalOutcome } from '../../../lib/messages';
import type { Policy } from '../../../lib/policy';
import type { PortalDeps } from '../../../lib/portal/deps';
import { DiscoveryCache } from '../../../lib/portal/discovery';
import { type Pairing, Pairings } from '../../../lib/portal/pairing';
import type { PortalConnection } from '../../../lib/vault/records';
import type { Vault } from '../../../lib/vault/vault';
import type { User } from '../../../portal/store/types';
import { Browser, type Clock, makePortal, pair, type TestPortal } from '../../portal/helpers';
import { openTestVault } from '../vault/helpers';

/**
 * lib/portal driven end to end in Node: the reference portal listens on a loopback port with the clock the
 * module under test also reads, and the vault is a real one over fake-indexeddb. The module's waits move that
 * clock, so a 5-second poll interval costs no real time.
 */

export interface Sync {
  portal: TestPortal;
  origin: string;
  vault: Vault;
  deps: PortalDeps;
  /** Every wait the module asked for, in ms (poll intervals, read retries). */
  waits: number[];
  /** The requests the module sent, as `METHOD path`. */
  requests: string[];
  /**
   * From now on, requests to `path` get `answer` (a network failure, a refusal, a tampered copy of what the
   * portal said); other requests reach the portal.
   */
  intercept(path: string, answer: Answer): void;
}

const running: Array<{ portal: TestPortal; vault: Vault }> = [];
afterEach(async () => {
  for (const { portal, vault } of running.splice(0)) {
    vault.close();
    await portal.app.close();
  }
});

/** Waits that resolve at once, having moved the shared clock by what was asked. */
const advancingSleep = (clock: Clock, waits: number[]) => async (ms: number) => {
  waits.push(ms);
  clock.advance(ms);
};

type Answer = (portal: () => Promise<Response>) => Promise<Response>;

/** A listening portal, an unlocked vault and the deps lib/portal runs with. */
export async function startSync(options: { policy?: Policy } = {}): Promise<Sync> {
  const portal = await makePortal({}, { name: 'Unit Corp' });
  const origin = await portal.app.listen({ port: 0, host: '127.0.0.1' });
  const { vault } = await openTestVault();
  running.push({ portal, vault });
  const waits: number[] = [];
  const requests: string[] = [];
  const answers = new Map<string, Answer>();
  const portalFetch: typeof fetch = (input, init) => {
    const path = new URL(String(input)).pathname;
    requests.push(`${init?.method ?? 'GET'} ${path}`);
    const answer = answers.get(path);
    return answer ? answer(() => fetch(input, init)) : fetch(input, init);
  };
  const deps: PortalDeps = {
    vault,
    fetch: portalFetch,
    now: portal.clock.now,
    sleep: advancingSleep(portal.clock, waits),
    policy: async () => options.policy ?? {},
  };
  return {
    portal,
    origin,
    vault,
    deps,
    waits,
    requests,
    intercept: (path, answer) => answers.set(path, answer),
  };
}

/**
 * A portal user signed in on the portal's pages, with Tessera already paired (through the portal's own device
 * flow) and the connection in the vault. `method` fields are applied afterwards, as if set up on the portal.
 */
export async function connectedUser(
  sync: Sync,
  method: Partial<User> = {},
): Promise<{ user: User; connection: PortalConnection; browser: Browser }> {
  const user = await sync.portal.addUser({ email: `u${sync.requests.length}-${Date.now()}@unit.test` });
  const browser = new Browser(sync.portal.app);
  await browser.login(user.email);
  const token = await pair(sync.portal, browser);
  await sync.portal.store.updateUser(user.id, method);
  const connection = await sync.vault.addConnection({
    origin: sync.origin,
    site: '127.0.0.1',
    apiBase: `${sync.origin}/api/v1`,
    token,
    scope: '2fa:manage',
    expiresAt: sync.portal.clock.now() + 3600_000,
  });
  return { user, connection, browser };
}

/** The reply of a step that must succeed. */
export function ok<T extends object>(reply: PortalOutcome<T>): T {
  if (reply.failure) throw new Error(`${reply.failure.code}: ${reply.failure.message}`);
  return reply;
}

/** Everything the vault holds for portal sync, to compare before and after a failure. */
export async function vaultContents(vault: Vault) {
  return {
    accounts: (await vault.listAccounts({ includeArchived: true })).items,
    keys: (await vault.listRecoveryKeys({ includeVoided: true })).items,
    connections: (await vault.listConnections()).items,
  };
}

/**
 * Waits the test releases one at a time, moving the portal's clock by what the module asked for (or by `ms`,
 * to wake it early): pairing polls only when the test says so.
 */
export class Waits {
  readonly asked: number[] = [];
  readonly #sleepers: Array<{ ms: number; wake: () => void }> = [];
  constructor(private readonly clock: Clock) {}

  sleep = (ms: number) =>
    new Promise<void>((wake) => {
      this.asked.push(ms);
      this.#sleepers.push({ ms, wake });
    });

  /** Wakes the module's next wait once it is waiting. */
  async release(ms?: number): Promise<void> {
    await vi.waitFor(() => expect(this.#sleepers).toHaveLength(1));
    const sleeper = this.#sleepers.shift();
    this.clock.advance(ms ?? sleeper?.ms ?? 0);
    sleeper?.wake();
  }
}

/** Pairing as the background runs it, with the approval pages it opened and what it kept for a restart. */
export function pairingOf(sync: Sync) {
  const opened: string[] = [];
  let kept: Pairing[] = [];
  const waits = new Waits(sync.portal.clock);
  const pairings = new Pairings({
    store: {
      load: async () => kept,
      save: async (list) => {
        kept = structuredClone(list);
      },
    },
    discoveries: new DiscoveryCache(),
    openPage: async (url) => {
      opened.push(url);
    },
  });
  const deps = { ...sync.deps, sleep: waits.sleep };
  /** The pairing as the popup sees it once it reached `state`. */
  const settled = (state: string) =>
    vi.waitFor(async () => {
      const { pairing } = await pairings.tabState(deps, sync.origin);
      expect(pairing?.state).toBe(state);
      return pairing;
    });
  return { pairings, deps, waits, opened, settled, kept: () => kept };
}
