import { verifySync } from 'otplib';
import type { StepUp } from '../../lib/portal/schemas';
import type { User } from '../store/types';
import { noteRefusal } from './changes';
import { activeCode, tryCode } from './codes';
import type { Caller, Deps } from './context';
import { PortalError, stepUpRequired } from './errors';
import { verifyPassword } from './passwords';

const PERIOD = 30;

/** What a check found wrong: the refusal to answer, and whether it was a replayed TOTP code. */
export interface Refused {
  error: PortalError;
  replay?: boolean;
}

/** 429 while the account's second factor is locked, with the time left from its last failure. */
async function lockedError(deps: Deps, userId: string): Promise<PortalError> {
  const lastFailureAt = (await deps.store.getUser(userId))?.lastFailureAt ?? deps.now();
  const seconds = Math.max(1, Math.ceil((lastFailureAt + deps.limits.lockMs - deps.now()) / 1000));
  return new PortalError(
    429,
    'locked',
    `Too many wrong codes. Wait ${Math.ceil(seconds / 60)} min and try again.`,
    { retryAfterSeconds: seconds },
  );
}

/**
 * Runs one check of a password, code or recovery key against the account's failure streak. The attempt
 * is counted in the database before the check, in the same conditional statement that refuses a locked
 * account, so concurrent requests from any number of instances get at most `maxFailures` checks between
 * them. Nothing here runs inside a transaction: a slow password hash never holds one open. A success
 * clears the streak; a refusal is logged (and the 5th in a row, or a replay, e-mailed) before it is thrown.
 */
export async function guarded(
  deps: Deps,
  caller: Caller,
  user: User,
  check: () => Promise<Refused | undefined>,
): Promise<void> {
  const failures = await deps.store.takeAttempt(
    user.id,
    deps.now(),
    deps.limits.maxFailures,
    deps.limits.lockMs,
  );
  if (failures === undefined) throw await lockedError(deps, user.id);
  const refused = await check();
  if (!refused) {
    await deps.store.clearFailures(user.id);
    return;
  }
  await noteRefusal(deps, caller.ip, user.id, failures, refused.replay === true);
  throw refused.error;
}

/** Matches a TOTP code within ±1 step of now; returns the matched time step and the drift, or undefined. */
export function matchTotp(
  secret: string,
  code: string,
  nowMs: number,
): { step: number; drift: number } | undefined {
  const result = verifySync({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    period: PERIOD,
    epochTolerance: PERIOD,
  });
  // The union also covers HOTP results, which have no time step.
  return result.valid && 'timeStep' in result ? { step: result.timeStep, drift: result.delta } : undefined;
}

/** Checks the user's current TOTP code; a code at or before the last accepted step is a replay. */
async function checkTotp(deps: Deps, user: User, code: string): Promise<Refused | undefined> {
  const match = user.totpSecret ? matchTotp(user.totpSecret, code, deps.now()) : undefined;
  if (!match) {
    return {
      error: new PortalError(
        401,
        'wrong_code',
        'That code is not right. Enter the current code from your authenticator app.',
      ),
    };
  }
  if (!(await deps.store.advanceTotpStep(user.id, match.step, match.drift))) {
    return {
      error: new PortalError(
        401,
        'code_used',
        'That code was already used. Wait for the next code in your app and enter it.',
      ),
      replay: true,
    };
  }
  return undefined;
}

/** Refuses input that cannot be a code at all (not counted as a failed attempt). */
export function assertCodeShape(code: string): void {
  if (!/^[0-9]{6}$/.test(code))
    throw new PortalError(400, 'invalid_code', 'Enter the 6 digits of the code, without spaces or letters.');
}

/** Checks and uses up the SMS/e-mail code sent for `purpose` (its tries and the account's streak both count). */
export async function verifyOobCode(
  deps: Deps,
  caller: Caller,
  user: User,
  purpose: string,
  input: string,
): Promise<void> {
  assertCodeShape(input);
  const code = await activeCode(deps, user, purpose);
  await guarded(deps, caller, user, async () => {
    const error = await tryCode(deps, code, input);
    return error ? { error } : undefined;
  });
}

/**
 * Verifies a code from the user's active method; SMS/e-mail codes must have been issued for `purpose`.
 * Call it before the change's transaction: its counters commit on their own.
 */
export async function verifySecondFactor(
  deps: Deps,
  caller: Caller,
  user: User,
  code: string,
  purpose: string,
): Promise<void> {
  assertCodeShape(code);
  if (user.method === 'totp') await guarded(deps, caller, user, () => checkTotp(deps, user, code));
  else if (user.method === 'sms' || user.method === 'email')
    await verifyOobCode(deps, caller, user, purpose, code);
  else
    throw new PortalError(
      400,
      'no_method',
      'Two-factor authentication is off, so there is no code to check.',
    );
}

/** Checks the account password (outside any transaction); a wrong one counts as a failure. */
export function verifyAccountPassword(
  deps: Deps,
  caller: Caller,
  user: User,
  password: string,
): Promise<void> {
  return guarded(deps, caller, user, async () =>
    (await verifyPassword(password, user.passwordHash, deps.passwordCost))
      ? undefined
      : {
          error: new PortalError(
            401,
            'wrong_password',
            'That password is not right. Enter your account password.',
          ),
        },
  );
}

/**
 * Re-authentication for downgrades and removals: the password or a current code (`requireBoth`: both).
 * SMS/e-mail codes must come from a step-up code sent for this purpose. Call it before the change's
 * transaction.
 */
export async function checkStepUp(
  deps: Deps,
  caller: Caller,
  user: User,
  stepUp: StepUp | undefined,
  purpose: string,
  requireBoth = false,
): Promise<void> {
  if (!stepUp || (stepUp.password === undefined && stepUp.code === undefined)) throw stepUpRequired();
  if (requireBoth && (stepUp.password === undefined || (user.method !== null && stepUp.code === undefined))) {
    throw new PortalError(
      403,
      'step_up_required',
      'Enter both your password and a current code to confirm it is you.',
    );
  }
  if (stepUp.password !== undefined) await verifyAccountPassword(deps, caller, user, stepUp.password);
  if (stepUp.code !== undefined)
    await verifySecondFactor(deps, caller, user, stepUp.code, `step-up:${purpose}`);
}
