import { verifySync } from 'otplib';
import type { StepUp } from '../../lib/portal/schemas';
import type { Store, User } from '../store/types';
import { consumeCode } from './codes';
import type { Deps } from './context';
import { PortalError, stepUpRequired } from './errors';
import { verifyPassword } from './passwords';

const PERIOD = 30;

/** Refuses while the account has had too many consecutive failures recently (429 with Retry-After). */
export function assertNotLocked(deps: Deps, user: User): void {
  if (user.failedAttempts < deps.limits.maxFailures || user.lastFailureAt === null) return;
  const waitMs = user.lastFailureAt + deps.limits.lockMs - deps.now();
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new PortalError(
      429,
      'locked',
      `Too many wrong codes. Wait ${Math.ceil(seconds / 60)} min and try again.`,
      {
        retryAfterSeconds: seconds,
      },
    );
  }
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

/** Verifies the user's current TOTP code; a code at or before the last accepted step is a replay. */
async function verifyTotp(tx: Store, deps: Deps, user: User, code: string): Promise<void> {
  const match = user.totpSecret ? matchTotp(user.totpSecret, code, deps.now()) : undefined;
  if (!match) {
    throw new PortalError(
      401,
      'wrong_code',
      'That code is not right. Enter the current code from your authenticator app.',
      {
        failure: { userId: user.id },
      },
    );
  }
  const fresh = await tx.advanceTotpStep(user.id, match.step, match.drift);
  if (!fresh) {
    throw new PortalError(
      401,
      'code_used',
      'That code was already used. Wait for the next code in your app and enter it.',
      {
        failure: { userId: user.id, replay: true },
      },
    );
  }
}

/** Refuses input that cannot be a code at all (not counted as a failed attempt). */
export function assertCodeShape(code: string): void {
  if (!/^[0-9]{6}$/.test(code))
    throw new PortalError(400, 'invalid_code', 'Enter the 6 digits of the code, without spaces or letters.');
}

/** Verifies a code from the user's active method; SMS/e-mail codes must have been issued for `purpose`. */
export async function verifySecondFactor(
  tx: Store,
  deps: Deps,
  user: User,
  code: string,
  purpose: string,
): Promise<void> {
  assertNotLocked(deps, user);
  assertCodeShape(code);
  if (user.method === 'totp') await verifyTotp(tx, deps, user, code);
  else if (user.method === 'sms' || user.method === 'email') await consumeCode(tx, deps, user, purpose, code);
  else
    throw new PortalError(
      400,
      'no_method',
      'Two-factor authentication is off, so there is no code to check.',
    );
  if (user.failedAttempts > 0) await tx.updateUser(user.id, { failedAttempts: 0 });
}

/** Checks the account password; a wrong one counts as a failure. */
export async function verifyAccountPassword(deps: Deps, user: User, password: string): Promise<void> {
  assertNotLocked(deps, user);
  if (!(await verifyPassword(password, user.passwordHash, deps.passwordCost))) {
    throw new PortalError(401, 'wrong_password', 'That password is not right. Enter your account password.', {
      failure: { userId: user.id },
    });
  }
}

/**
 * Re-authentication for downgrades and removals: the password or a current code (`requireBoth`: both).
 * SMS/e-mail codes must come from a step-up code sent for this purpose.
 */
export async function checkStepUp(
  tx: Store,
  deps: Deps,
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
  if (stepUp.password !== undefined) await verifyAccountPassword(deps, user, stepUp.password);
  if (stepUp.code !== undefined) await verifySecondFactor(tx, deps, user, stepUp.code, `step-up:${purpose}`);
}
