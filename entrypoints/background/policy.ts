import { browser } from 'wxt/browser';
import { type Policy, readPolicy } from '../../lib/policy';
import { VaultError } from '../../lib/vault/errors';

/**
 * The organisation policy in force, read from `storage.managed` once per worker life and again whenever the
 * administrator changes it. Every check in the background asks here, so the pages cannot get around it.
 */

/**
 * Test build only: Chromium reads managed storage from root-owned /etc/chromium/policies, for every Chromium on
 * the machine, which tests cannot use. The e2e build also reads this `storage.local` key, through the same
 * parsing and enforcement; the real build has no such key (the branch is removed at build time).
 */
export const E2E_POLICY_KEY = 'e2e.managedPolicy';
const E2E = import.meta.env.VITE_TESSERA_E2E === '1';

let policyPromise: Promise<Policy> | undefined;

export function currentPolicy(): Promise<Policy> {
  policyPromise ??= loadPolicy();
  return policyPromise;
}

async function loadPolicy(): Promise<Policy> {
  // Firefox rejects when no managed storage manifest or enterprise policy exists: that means no policy.
  const managed = await browser.storage.managed.get().catch(() => ({}));
  if (E2E) {
    const injected = (await browser.storage.local.get(E2E_POLICY_KEY))[E2E_POLICY_KEY];
    return readPolicy({ ...managed, ...(typeof injected === 'object' ? injected : {}) });
  }
  return readPolicy(managed);
}

/** Call from the worker's main(): re-reads the policy as soon as it changes. */
export function watchPolicy(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || (E2E && area === 'local' && E2E_POLICY_KEY in changes))
      policyPromise = undefined;
  });
}

/** Turns a policy refusal (lib/policy.ts) into the error reply the pages show. */
export function refuseWith(refusal: string | null): void {
  if (refusal !== null) throw new VaultError('invalid', refusal);
}
