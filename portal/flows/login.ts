import type { User } from '../store/types';
import { runChange } from './changes';
import { destinationOf, issueCode } from './codes';
import type { Caller, Deps } from './context';
import { PortalError } from './errors';
import { hashPassword, needsRehash, verifyPassword } from './passwords';
import { recoveryKeyMatches } from './recovery';
import { sha256 } from './secure-random';
import { reload } from './status';
import { guarded, verifySecondFactor } from './verify';

/** The browser's long-lived device cookie value plus the caller's IP: what the risk check looks at. */
export interface LoginCaller extends Caller {
  deviceId: string | undefined;
}

export type PasswordOutcome =
  | { user: User; next: 'done' }
  | { user: User; next: 'second-factor'; sentTo?: string };

/** Whether the org lets this known device on the same network skip the code. */
async function maySkipCode(deps: Deps, user: User, caller: LoginCaller): Promise<boolean> {
  const org = await deps.store.getOrg(user.orgId);
  if (org?.challengePolicy !== 'risk' || !caller.deviceId) return false;
  const device = await deps.store.getDevice(user.id, sha256(caller.deviceId));
  return device?.ip === caller.ip;
}

/**
 * First login step: the password; then says whether a second factor is needed (and sends its code).
 * Before the hash is checked, one sign-in is counted for the IP and one for the typed e-mail address
 * (known or not, so the answer tells nothing); a right password gives the account's back, so only wrong
 * ones add up to its backoff. Both counts live in the database: every instance and restart sees them.
 */
export async function passwordStep(
  deps: Deps,
  caller: LoginCaller,
  email: string,
  password: string,
): Promise<PasswordOutcome> {
  const accountKey = `signin:account:${email.trim().toLowerCase()}`;
  await deps.limiter.take(
    [
      [`signin:ip:${caller.ip}`, deps.limits.signInsPerIp],
      [accountKey, deps.limits.signInFailuresPerAccount],
    ],
    'sign-in attempts',
  );
  const found = await deps.store.getUserByEmail(email);
  const ok = await verifyPassword(password, found?.passwordHash, deps.passwordCost);
  if (!found || !ok)
    throw new PortalError(
      401,
      'bad_credentials',
      'The e-mail or password is not right. Check both and try again.',
    );
  await deps.limiter.give(accountKey);
  // Only now is the password known: re-hash it at today's cost.
  if (needsRehash(found.passwordHash, deps.passwordCost))
    await deps.store.updateUser(found.id, { passwordHash: await hashPassword(password, deps.passwordCost) });
  if (found.method === null || (await maySkipCode(deps, found, caller))) return { user: found, next: 'done' };
  return { user: found, next: 'second-factor', sentTo: await sendLoginCode(deps, caller, found.id) };
}

/** Sends (or re-sends) the login code for SMS and e-mail methods; returns the masked destination. */
export function sendLoginCode(deps: Deps, caller: Caller, userId: string): Promise<string | undefined> {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    const to = destinationOf(user);
    return to ? (await issueCode(tx, deps, fx, caller, user, 'login', to)).sentTo : undefined;
  });
}

async function remember(deps: Deps, userId: string, caller: LoginCaller): Promise<void> {
  if (caller.deviceId)
    await deps.store.rememberDevice({
      userId,
      deviceHash: sha256(caller.deviceId),
      ip: caller.ip,
      lastSeenAt: deps.now(),
    });
}

/** Second login step with a code; the device and network are remembered for risk-based logins. */
export async function codeStep(deps: Deps, caller: LoginCaller, userId: string, code: string): Promise<void> {
  await verifySecondFactor(deps, caller, await reload(deps.store, userId), code, 'login');
  await remember(deps, userId, caller);
}

/** Second login step with the recovery key instead of a code; the key works once. */
export async function recoveryStep(
  deps: Deps,
  caller: LoginCaller,
  userId: string,
  key: string,
): Promise<void> {
  const wrongKey = () =>
    new PortalError(
      401,
      'wrong_recovery_key',
      'That recovery code is not right (or was already used). Check it and try again.',
    );
  const checked = await reload(deps.store, userId);
  await guarded(deps, caller, checked, async () =>
    recoveryKeyMatches(key, checked.recoveryHash) ? undefined : { error: wrongKey() },
  );
  await runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    // The key works once: a concurrent sign-in with the same key finds it gone.
    if (user.recoveryHash === null || user.recoveryHash !== checked.recoveryHash) throw wrongKey();
    await tx.updateUser(userId, { recoveryHash: null });
    await fx.record(
      user,
      'recovery.used',
      'Your recovery key was used to sign in. It no longer works: create a new one.',
    );
  });
  await remember(deps, userId, caller);
}
