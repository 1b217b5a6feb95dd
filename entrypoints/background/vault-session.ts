import { browser } from 'wxt/browser';
import { enforceSettings } from '../../lib/policy';
import { readSettings } from '../../lib/settings';
import { Vault } from '../../lib/vault/vault';
import { PENDING_KEY } from './options-handlers';
import { currentPolicy } from './policy';

/**
 * Keeps the vault and its unlocked state across service-worker restarts. The data key lives only in memory and
 * in `storage.session` (memory-only, cleared when the browser quits, hidden from content scripts), never in
 * `storage.local`, so a worker restart keeps the vault open and a browser restart locks it.
 */

const SESSION_KEY = 'vault.dataKey';
const ACTIVITY_KEY = 'vault.lastActivity';
const AUTOLOCK_ALARM = 'autolock';

let vaultPromise: Promise<Vault> | undefined;

/** The vault, opened once per worker life and resumed from the session key when there is one. */
export function getVault(): Promise<Vault> {
  vaultPromise ??= (async () => {
    // A woken worker's first reply waits on this: every read that does not depend on another runs at once.
    const [vault, stored] = await Promise.all([
      Vault.open(),
      browser.storage.session.get([SESSION_KEY, ACTIVITY_KEY]),
    ]);
    const key = stored[SESSION_KEY];
    if (typeof key === 'string') {
      // The idle check (settings, policy) and the resume (the vault's key check) are independent reads;
      // a resume that turns out to be too late is locked again before anyone can use it.
      const [idle, resumed] = await Promise.all([
        idleTooLong(stored[ACTIVITY_KEY]),
        vault.unlockWithDataKey(Uint8Array.from(atob(key), (c) => c.charCodeAt(0))).then(
          () => true,
          () => false,
        ),
      ]);
      if (idle || !resumed) {
        vault.lock();
        await forget();
      }
    } else if (key) {
      await forget();
    }
    return vault;
  })();
  return vaultPromise;
}

async function autoLockMinutes(): Promise<number> {
  const [stored, policy] = await Promise.all([browser.storage.local.get('settings'), currentPolicy()]);
  return enforceSettings(readSettings(stored.settings), policy).autoLockMinutes;
}

async function idleTooLong(lastActivity: unknown): Promise<boolean> {
  if (typeof lastActivity !== 'number') return true;
  return Date.now() - lastActivity > (await autoLockMinutes()) * 60_000;
}

async function forget(): Promise<void> {
  await browser.storage.session.remove([SESSION_KEY, ACTIVITY_KEY]);
  await browser.alarms.clear(AUTOLOCK_ALARM);
}

/** Call after a successful unlock or setup: remember the key for this browser session and arm auto-lock. */
export async function rememberUnlocked(vault: Vault): Promise<void> {
  const raw = vault.exportDataKey();
  await browser.storage.session.set({
    [SESSION_KEY]: btoa(String.fromCharCode(...raw)),
    [ACTIVITY_KEY]: Date.now(),
  });
  // Alarms survive worker restarts; a one-minute period is the finest Chrome guarantees for packed builds.
  await browser.alarms.create(AUTOLOCK_ALARM, { periodInMinutes: 1 });
}

/** Records user activity (a popup or fill request) so auto-lock counts idle time, not unlock time. */
export async function touch(): Promise<void> {
  await browser.storage.session.set({ [ACTIVITY_KEY]: Date.now() });
}

/** Locks the vault now and forgets the session key, and any import still waiting with its parsed secrets. */
export async function lockNow(): Promise<void> {
  (await getVault()).lock();
  await forget();
  await browser.storage.session.remove(PENDING_KEY);
}

/** Alarm handler: locks once the user has been idle longer than the auto-lock time. */
export async function onAlarm(name: string): Promise<void> {
  if (name !== AUTOLOCK_ALARM) return;
  const { [ACTIVITY_KEY]: last } = await browser.storage.session.get(ACTIVITY_KEY);
  if (await idleTooLong(last)) await lockNow();
}
