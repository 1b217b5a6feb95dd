import type { StepUp } from '../../lib/portal/schemas';
import type { Store, User } from '../store/types';
import { runChange } from './changes';
import { issueCode } from './codes';
import { type Caller, type Deps, PENDING_TTL_MS } from './context';
import { PortalError } from './errors';
import { livePending } from './methods';
import { maskPhone, parseSmsNumber } from './phone';
import { newId } from './secure-random';
import { reload } from './status';
import { checkStepUp, verifyOobCode } from './verify';

export interface PhoneChangeStep {
  changeId: string;
  sentTo: string;
  expiresAt: string;
}

/** Refusal for users who lost the old phone: only an administrator can move the number. */
export const askAdministrator = () =>
  new PortalError(
    409,
    'ask_admin',
    'Without the current phone the number cannot be changed here. Ask your administrator to change it for you.',
  );

// An administrator may have turned 2FA off (or the user switched) while the change was waiting.
function assertStillSms(user: User): void {
  if (user.method !== 'sms' || !user.phone) {
    throw new PortalError(
      409,
      'state_changed',
      'Your two-factor method changed meanwhile, so this phone change no longer applies.',
    );
  }
}

const WRONG_STEP = {
  old: 'The current number is already confirmed. Enter the code sent to the new number.',
  new: 'Confirm the code sent to your current number first.',
} as const;

/** The user and the phone change, if it still waits for the code of `stage`'s number. */
async function awaiting(store: Store, deps: Deps, userId: string, changeId: string, stage: 'old' | 'new') {
  const user = await reload(store, userId);
  const pending = await livePending(store, deps, userId, changeId, ['phone-change']);
  assertStillSms(user);
  if (pending.stage !== stage) throw new PortalError(409, 'wrong_step', WRONG_STEP[stage]);
  return { user, pending };
}

/** Checks the code sent to the old or new number (before the change's transaction; tries count at once). */
async function verifyPhoneCode(
  deps: Deps,
  caller: Caller,
  userId: string,
  changeId: string,
  stage: 'old' | 'new',
  code: string,
): Promise<void> {
  const { user } = await awaiting(deps.store, deps, userId, changeId, stage);
  await verifyOobCode(deps, caller, user, `phone-${stage}:${changeId}`, code);
}

/** Starts a phone change after a step-up: a code goes to the current number first. */
export async function startPhoneChange(
  deps: Deps,
  caller: Caller,
  userId: string,
  phone: string,
  stepUp: StepUp | undefined,
): Promise<PhoneChangeStep> {
  const noPhone = () =>
    new PortalError(
      409,
      'no_phone',
      'Your two-factor method is not SMS, so there is no phone number to change.',
    );
  const checked = await reload(deps.store, userId);
  if (checked.method !== 'sms' || !checked.phone) throw noPhone();
  await checkStepUp(deps, caller, checked, stepUp, 'phone-change');
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    if (user.method !== 'sms' || !user.phone) throw noPhone();
    const next = parseSmsNumber(phone);
    if (next === user.phone)
      throw new PortalError(400, 'same_phone', 'That is already your number. Enter the new number.');
    const now = deps.now();
    const id = newId();
    await tx.createPending({
      id,
      userId,
      kind: 'phone-change',
      method: 'sms',
      secret: null,
      phone: next,
      stage: 'old',
      expiresAt: now + PENDING_TTL_MS,
      createdAt: now,
    });
    const sent = await issueCode(tx, deps, fx, caller, user, `phone-old:${id}`, {
      channel: 'sms',
      to: user.phone,
    });
    return { changeId: id, sentTo: sent.sentTo, expiresAt: new Date(sent.expiresAt).toISOString() };
  });
}

/** Confirms the code from the current number; a code then goes to the new number. */
export async function confirmOldPhone(
  deps: Deps,
  caller: Caller,
  userId: string,
  changeId: string,
  code: string,
): Promise<PhoneChangeStep> {
  await verifyPhoneCode(deps, caller, userId, changeId, 'old', code);
  return runChange(deps, caller.ip, async (tx, fx) => {
    const { user, pending } = await awaiting(tx, deps, userId, changeId, 'old');
    await tx.updatePending(changeId, { stage: 'new' });
    const sent = await issueCode(tx, deps, fx, caller, user, `phone-new:${changeId}`, {
      channel: 'sms',
      to: pending.phone ?? '',
    });
    return { changeId, sentTo: sent.sentTo, expiresAt: new Date(sent.expiresAt).toISOString() };
  });
}

/** Confirms the code from the new number and moves 2FA to it; both numbers and the e-mail are told. */
export async function confirmNewPhone(
  deps: Deps,
  caller: Caller,
  userId: string,
  changeId: string,
  code: string,
): Promise<void> {
  await verifyPhoneCode(deps, caller, userId, changeId, 'new', code);
  return runChange(deps, caller.ip, async (tx, fx) => {
    const { user, pending } = await awaiting(tx, deps, userId, changeId, 'new');
    const old = user.phone ?? '';
    await tx.updateUser(userId, { phone: pending.phone });
    await tx.deletePending(changeId);
    await fx.record(
      user,
      'phone.changed',
      `The phone number for two-factor codes changed from ${maskPhone(old)} to ${maskPhone(pending.phone ?? '')}.`,
    );
    fx.send(
      {
        channel: 'sms',
        to: old,
        subject: '',
        body: `${deps.issuer}: your sign-in codes now go to another number. If this was not you, contact your administrator.`,
      },
      false,
    );
  });
}
