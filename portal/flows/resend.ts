import type { PendingChange, User } from '../store/types';
import { runChange } from './changes';
import { type Destination, issueCode } from './codes';
import type { Caller, Deps } from './context';
import { PortalError } from './errors';
import { livePending } from './methods';
import { reload } from './status';

/** The purpose and destination of the code a pending change is waiting for. */
function awaitedCode(user: User, pending: PendingChange): { purpose: string; to: Destination } {
  if (pending.kind === 'phone-change') {
    const old = pending.stage === 'old';
    return {
      purpose: `${old ? 'phone-old' : 'phone-new'}:${pending.id}`,
      to: { channel: 'sms', to: (old ? user.phone : pending.phone) ?? '' },
    };
  }
  if (pending.method === 'totp') {
    throw new PortalError(
      400,
      'no_code_needed',
      'No code is sent for an authenticator app: enter the code the app shows.',
    );
  }
  const to: Destination = pending.phone
    ? { channel: 'sms', to: pending.phone }
    : { channel: 'email', to: user.email };
  return { purpose: `enroll:${pending.id}`, to };
}

/** Sends a new code for a pending setup or phone change (the old code stops working). */
export function resendPendingCode(deps: Deps, caller: Caller, userId: string, changeId: string) {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    const pending = await livePending(tx, deps, userId, changeId, ['enable', 'switch', 'phone-change']);
    const { purpose, to } = awaitedCode(user, pending);
    return issueCode(tx, deps, fx, caller, user, purpose, to);
  });
}
