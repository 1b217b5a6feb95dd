import { browser } from 'wxt/browser';
import type { PortalRequest, Replies } from '../../lib/messages';
import { disconnect, listConnections } from '../../lib/portal/connection';
import type { PortalDeps } from '../../lib/portal/deps';
import { DiscoveryCache } from '../../lib/portal/discovery';
import { archiveLocal } from '../../lib/portal/local-account';
import { confirmSwitch, disable, sendStepUpCode, startSwitch } from '../../lib/portal/methods';
import { moveToTessera } from '../../lib/portal/move';
import { type Pairing, Pairings } from '../../lib/portal/pairing';
import { confirmNewPhone, confirmOldPhone, resendCode, startPhoneChange } from '../../lib/portal/phone';
import { renewRecoveryKey } from '../../lib/portal/recovery-keys';
import { readStatus } from '../../lib/portal/status';
import { isFillableOrigin } from '../../lib/site/match';
import type { Vault } from '../../lib/vault/vault';
import { currentPolicy } from './policy';
import { urlsOfTab } from './tab-prompts';

/**
 * Portal sync (lib/portal) wired to the browser: discovery, RFC 8628 pairing and every call to a portal's
 * bearer API happen in the background, which holds the token; the popup only ever sees masked status and the
 * outcome of each step. The router has already validated each request and checked its sender.
 */

const PAIRING_KEY = 'portal.pairings';

/** Pairings in progress, mirrored in storage.session (memory only) so a restarted worker resumes polling. */
const pairings = new Pairings({
  store: {
    async load() {
      const stored = (await browser.storage.session.get(PAIRING_KEY))[PAIRING_KEY];
      return Array.isArray(stored) ? (stored as Pairing[]) : [];
    },
    async save(list) {
      await browser.storage.session.set({ [PAIRING_KEY]: list });
    },
  },
  discoveries: new DiscoveryCache(),
  openPage: async (url) => {
    await browser.tabs.create({ url });
  },
});

const depsOf = (vault: Vault): PortalDeps => ({
  vault,
  fetch: (input, init) => fetch(input, init),
  now: Date.now,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  policy: currentPolicy,
});

/** The origin of a tab when Tessera may talk to it as a portal (https, or http on loopback). */
async function originOfTab(tabId: number): Promise<string | null> {
  const [url] = await urlsOfTab(tabId);
  if (!url || !isFillableOrigin(url)) return null;
  return new URL(url).origin;
}

/** The popup's portal-sync requests (all types start with 'portal/'). */
export async function handlePortalRequest(
  vault: Vault,
  req: PortalRequest,
): Promise<Replies[PortalRequest['type']]> {
  const deps = depsOf(vault);
  switch (req.type) {
    case 'portal/list':
      return listConnections(deps);
    case 'portal/tab':
      return pairings.tabState(deps, await originOfTab(req.tabId));
    case 'portal/connect':
      return pairings.connect(deps, await originOfTab(req.tabId));
    case 'portal/status':
      return readStatus(deps, req.connectionId);
    case 'portal/move':
      return moveToTessera(deps, req.connectionId, req.password);
    case 'portal/switch/start':
      return startSwitch(deps, req.connectionId, req.method, req.password, req.phone);
    case 'portal/switch/confirm':
      return confirmSwitch(deps, req.connectionId, req.changeId, req.code);
    case 'portal/phone/start':
      return startPhoneChange(deps, req.connectionId, req.phone, req.password);
    case 'portal/phone/confirm-old':
      return confirmOldPhone(deps, req.connectionId, req.changeId, req.code);
    case 'portal/phone/confirm-new':
      return confirmNewPhone(deps, req.connectionId, req.changeId, req.code);
    case 'portal/resend':
      return resendCode(deps, req.connectionId, req.changeId);
    case 'portal/step-up/send':
      return sendStepUpCode(deps, req.connectionId, req.purpose);
    case 'portal/recovery/renew':
      return renewRecoveryKey(deps, req.connectionId, req.code);
    case 'portal/disable':
      return disable(deps, req.connectionId, req.password, req.code);
    case 'portal/archive-local':
      return archiveLocal(deps, req.connectionId);
    case 'portal/disconnect':
      return disconnect(deps, req.connectionId);
  }
}
