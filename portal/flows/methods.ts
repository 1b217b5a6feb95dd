import { generateSecret, generateURI } from 'otplib';
import type { Enrollment, Method, Status, StepUp, StepUpPurpose } from '../../lib/portal/schemas';
import type { PendingChange, Store, User } from '../store/types';
import { runChange } from './changes';
import { destinationOf, issueCode } from './codes';
import { type Caller, type Deps, PENDING_TTL_MS } from './context';
import { PortalError } from './errors';
import { parseSmsNumber } from './phone';
import { hashRecoveryKey, newRecoveryKey } from './recovery';
import { newId } from './secure-random';
import { METHOD_NAMES, reload, statusOf } from './status';
import {
  assertCodeShape,
  checkStepUp,
  guarded,
  matchTotp,
  verifyAccountPassword,
  verifyOobCode,
  verifySecondFactor,
} from './verify';

export interface EnrollRequest {
  method: Method;
  phone?: string;
  stepUp?: StepUp;
  /** The web page checked a login from the last few minutes; then turning 2FA on needs no password. */
  recentLogin?: boolean;
}

/** 403 when enabling or replacing a method comes without the password. */
const passwordRequired = () =>
  new PortalError(
    403,
    'step_up_required',
    'Enter your account password to confirm it is you before setting up a new method.',
  );

/** The authenticator details of a pending TOTP setup (for the QR code), or undefined for SMS/e-mail. */
export function otpauthOf(deps: Deps, user: User, pending: PendingChange): string | undefined {
  if (pending.method !== 'totp' || !pending.secret) return undefined;
  return generateURI({ issuer: deps.issuer, label: user.email, secret: pending.secret });
}

/**
 * Starts setting up a method. With 2FA off this enables it; with 2FA on it is a switch. Either needs the
 * password (enabling from a freshly signed-in page needs none), so a stolen token or session cannot put an
 * attacker's authenticator on the account. Nothing changes until the new method is confirmed with a code.
 */
export async function startEnrollment(
  deps: Deps,
  caller: Caller,
  userId: string,
  req: EnrollRequest,
): Promise<Enrollment> {
  const before = await reload(deps.store, userId);
  if (before.method !== null || !req.recentLogin) {
    if (req.stepUp?.password === undefined) throw passwordRequired();
    await verifyAccountPassword(deps, caller, before, req.stepUp.password);
  }
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    const kind = user.method === null ? 'enable' : 'switch';
    if ((before.method === null) !== (kind === 'enable')) throw stateChanged();
    if (kind === 'switch') {
      // A new authenticator (new phone) replaces the old one; SMS and e-mail have nothing to replace.
      if (req.method === user.method && req.method !== 'totp') {
        const hint =
          req.method === 'sms'
            ? 'To use another number, change the phone number instead.'
            : 'Pick another method.';
        throw new PortalError(409, 'same_method', `That is already your method. ${hint}`);
      }
    }
    let phone: string | null = null;
    if (req.method === 'sms') {
      if (!req.phone)
        throw new PortalError(
          400,
          'phone_required',
          'Enter the mobile number that should receive the codes.',
        );
      phone = parseSmsNumber(req.phone);
    }
    const now = deps.now();
    const pending: PendingChange = {
      id: newId(),
      userId,
      kind,
      method: req.method,
      secret: req.method === 'totp' ? generateSecret({ length: 20 }) : null,
      phone,
      stage: 'confirm',
      expiresAt: now + PENDING_TTL_MS,
      createdAt: now,
    };
    await tx.createPending(pending);
    const result: Enrollment = {
      enrollmentId: pending.id,
      method: req.method,
      expiresAt: new Date(pending.expiresAt).toISOString(),
    };
    if (req.method === 'totp') {
      result.secret = pending.secret ?? undefined;
      result.otpauthUri = otpauthOf(deps, user, pending);
    } else {
      const to = phone
        ? { channel: 'sms' as const, to: phone }
        : { channel: 'email' as const, to: user.email };
      result.sentTo = (await issueCode(tx, deps, fx, caller, user, `enroll:${pending.id}`, to)).sentTo;
    }
    return result;
  });
}

const stateChanged = () =>
  new PortalError(
    409,
    'state_changed',
    'Your 2FA settings changed meanwhile. Reload the page and start again.',
  );

/** A pending change of this user that is still valid, or a refusal saying to start again. */
export async function livePending(
  tx: Store,
  deps: Deps,
  userId: string,
  id: string,
  kinds: PendingChange['kind'][],
): Promise<PendingChange> {
  const pending = await tx.getPending(id);
  if (!pending || pending.userId !== userId || !kinds.includes(pending.kind)) {
    throw new PortalError(404, 'unknown_change', 'That setup no longer exists. Start again.');
  }
  if (deps.now() > pending.expiresAt)
    throw new PortalError(400, 'change_expired', 'That setup took too long and expired. Start again.');
  return pending;
}

export interface EnrollResult {
  status: Status;
  /** Only when 2FA was just turned on: shown once. */
  recoveryKey?: string;
}

/** Confirms a pending method with a first code from it; applies it, removing the old method only now. */
export async function confirmEnrollment(
  deps: Deps,
  caller: Caller,
  userId: string,
  enrollmentId: string,
  code: string,
): Promise<EnrollResult> {
  const checked = await reload(deps.store, userId);
  const waiting = await livePending(deps.store, deps, userId, enrollmentId, ['enable', 'switch']);
  if ((waiting.kind === 'enable') !== (checked.method === null)) throw stateChanged();
  let step: { step: number; drift: number } | undefined;
  if (waiting.method === 'totp') {
    assertCodeShape(code);
    await guarded(deps, caller, checked, async () => {
      step = matchTotp(waiting.secret ?? '', code, deps.now());
      if (step) return undefined;
      const message = 'That code is not right. Enter the code your authenticator app shows now.';
      return { error: new PortalError(401, 'wrong_code', message) };
    });
  } else {
    await verifyOobCode(deps, caller, checked, `enroll:${waiting.id}`, code);
  }
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    // A concurrent confirmation of the same setup finds it gone.
    const pending = await livePending(tx, deps, userId, enrollmentId, ['enable', 'switch']);
    if ((pending.kind === 'enable') !== (user.method === null)) throw stateChanged();
    const recoveryKey = pending.kind === 'enable' ? newRecoveryKey() : undefined;
    await tx.updateUser(userId, {
      method: pending.method,
      totpSecret: pending.method === 'totp' ? pending.secret : null,
      totpLastStep: step?.step ?? null,
      totpDrift: step?.drift ?? 0,
      phone: pending.method === 'sms' ? pending.phone : null,
      emailVerified: pending.method === 'email' ? true : user.emailVerified,
      ...(recoveryKey ? { recoveryHash: hashRecoveryKey(recoveryKey) } : {}),
    });
    await tx.deletePending(pending.id);
    const name = METHOD_NAMES[pending.method];
    if (pending.kind === 'enable') {
      await fx.record(user, '2fa.enabled', `Two-factor authentication was turned on with the ${name}.`);
    } else {
      await fx.record(
        user,
        '2fa.method_switched',
        user.method === pending.method
          ? 'Your authenticator app was replaced by a new one; codes from the old one no longer work.'
          : `Your two-factor method changed from ${METHOD_NAMES[user.method ?? 'totp']} to ${name}.`,
      );
    }
    if (user.phone && user.phone !== pending.phone) {
      fx.send(
        {
          channel: 'sms',
          to: user.phone,
          subject: '',
          body: `${deps.issuer}: this number no longer receives your sign-in codes.`,
        },
        false,
      );
    }
    return { status: await statusOf(tx, await reload(tx, userId)), recoveryKey };
  });
}

/** Sends a step-up code by SMS or e-mail, usable only for `purpose`. */
export function sendStepUpCode(deps: Deps, caller: Caller, userId: string, purpose: StepUpPurpose) {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    const to = destinationOf(user);
    if (!to) {
      const why =
        user.method === 'totp'
          ? 'Use the code your authenticator app shows.'
          : 'Two-factor authentication is off.';
      throw new PortalError(400, 'no_code_needed', `No code can be sent: ${why}`);
    }
    return issueCode(tx, deps, fx, caller, user, `step-up:${purpose}`, to);
  });
}

/** Turns 2FA off after the password and a current code, on every channel (page and API alike). */
export async function disableTwoFactor(
  deps: Deps,
  caller: Caller,
  userId: string,
  stepUp: StepUp | undefined,
): Promise<Status> {
  const alreadyOff = () => new PortalError(409, 'already_off', 'Two-factor authentication is already off.');
  const checked = await reload(deps.store, userId);
  if (checked.method === null) throw alreadyOff();
  await checkStepUp(deps, caller, checked, stepUp, 'disable', true);
  return runChange(deps, caller.ip, async (tx, fx) => {
    const user = await reload(tx, userId);
    if (user.method === null) throw alreadyOff();
    const org = await tx.getOrg(user.orgId);
    if (org?.requireTwoFactor) {
      throw new PortalError(
        409,
        'required_by_org',
        'Your organisation requires two-factor authentication. Switch to another method instead, or ask your administrator.',
      );
    }
    await tx.updateUser(userId, {
      method: null,
      totpSecret: null,
      totpLastStep: null,
      phone: null,
      recoveryHash: null,
    });
    await fx.record(user, '2fa.disabled', 'Two-factor authentication was turned off.');
    if (user.phone)
      fx.send(
        {
          channel: 'sms',
          to: user.phone,
          subject: '',
          body: `${deps.issuer}: two-factor authentication was turned off.`,
        },
        false,
      );
    return statusOf(tx, await reload(tx, userId));
  });
}

/** Creates a new recovery key after a current code; the old key stops working. */
export async function renewRecoveryKey(
  deps: Deps,
  caller: Caller,
  userId: string,
  code: string,
): Promise<string> {
  const user = await reload(deps.store, userId);
  if (user.method === null)
    throw new PortalError(
      409,
      'no_method',
      'Turn on two-factor authentication first; it comes with a recovery key.',
    );
  await verifySecondFactor(deps, caller, user, code, 'step-up:recovery-renew');
  return runChange(deps, caller.ip, async (tx, fx) => {
    const key = newRecoveryKey();
    await tx.updateUser(userId, { recoveryHash: hashRecoveryKey(key) });
    await fx.record(
      user,
      'recovery.renewed',
      'A new recovery key was created; the previous one no longer works.',
    );
    return key;
  });
}
