import type { Method } from '../../lib/portal/schemas';
import type { ChallengePolicy, Store, User } from '../store/types';
import { runChange } from './changes';
import type { Caller, Deps } from './context';
import { PortalError } from './errors';
import { maskPhone, parseSmsNumber } from './phone';
import { reload } from './status';

/** What an administrator sees about a user: never secrets, only masked numbers. */
export interface AdminUserView {
  id: string;
  email: string;
  name: string;
  role: User['role'];
  method: Method | null;
  phone: string | null;
  recoveryKeyPresent: boolean;
}

async function adminOf(tx: Store, adminId: string): Promise<User> {
  const admin = await reload(tx, adminId);
  if (admin.role !== 'admin') throw new PortalError(403, 'not_admin', 'Only administrators can do this.');
  return admin;
}

/**
 * Another user of the administrator's organisation. Never the administrator: their own second factor changes
 * on their account page, with their password and a code, like everyone's.
 */
async function memberOf(tx: Store, admin: User, userId: string): Promise<User> {
  if (userId === admin.id)
    throw new PortalError(
      403,
      'own_account',
      'Administrators change their own two-factor settings on their account page, with their password and a code.',
    );
  const user = await tx.getUser(userId);
  if (!user || user.orgId !== admin.orgId)
    throw new PortalError(403, 'other_org', 'That user is not in your organisation.');
  return user;
}

/** Lists the users of the administrator's organisation. */
export async function listOrgUsers(deps: Deps, adminId: string): Promise<AdminUserView[]> {
  const admin = await adminOf(deps.store, adminId);
  return (await deps.store.listUsersByOrg(admin.orgId)).map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    method: u.method,
    phone: u.phone ? maskPhone(u.phone) : null,
    recoveryKeyPresent: u.recoveryHash !== null,
  }));
}

/** Sets another user's 2FA phone (the user lost the old one); the user's e-mail and old phone are told. */
export function adminSetPhone(
  deps: Deps,
  caller: Caller,
  adminId: string,
  userId: string,
  phone: string,
): Promise<void> {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const admin = await adminOf(tx, adminId);
    const user = await memberOf(tx, admin, userId);
    if (user.method !== 'sms' || !user.phone)
      throw new PortalError(
        409,
        'no_phone',
        'This user does not receive codes by SMS, so there is no number to change.',
      );
    const next = parseSmsNumber(phone);
    await tx.updateUser(user.id, { phone: next });
    await fx.record(
      user,
      'admin.phone_changed',
      `An administrator (${admin.email}) changed your 2FA phone number from ${maskPhone(user.phone)} to ${maskPhone(next)}.`,
      admin.id,
    );
    fx.send(
      {
        channel: 'sms',
        to: user.phone,
        subject: '',
        body: `${deps.issuer}: an administrator moved your sign-in codes to another number.`,
      },
      false,
    );
  });
}

/** Turns 2FA off for another user (e.g. lost phone). */
export function adminDisable(deps: Deps, caller: Caller, adminId: string, userId: string): Promise<void> {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const admin = await adminOf(tx, adminId);
    const user = await memberOf(tx, admin, userId);
    if (user.method === null)
      throw new PortalError(409, 'already_off', 'Two-factor authentication is already off for this user.');
    await tx.updateUser(user.id, {
      method: null,
      totpSecret: null,
      totpLastStep: null,
      phone: null,
      recoveryHash: null,
    });
    await fx.record(
      user,
      'admin.2fa_disabled',
      `An administrator (${admin.email}) turned off two-factor authentication on your account.`,
      admin.id,
    );
  });
}

export interface OrgPolicy {
  requireTwoFactor: boolean;
  challengePolicy: ChallengePolicy;
}

/** Sets the organisation's 2FA policy; recorded in the administrator's own log. */
export function adminSetPolicy(
  deps: Deps,
  caller: Caller,
  adminId: string,
  policy: OrgPolicy,
): Promise<void> {
  return runChange(deps, caller.ip, async (tx, fx) => {
    const admin = await adminOf(tx, adminId);
    await tx.updateOrg(admin.orgId, policy);
    const required = policy.requireTwoFactor ? 'required for everyone' : 'optional';
    const when = policy.challengePolicy === 'always' ? 'at every sign-in' : 'on new devices or networks';
    await fx.record(
      admin,
      'admin.policy_changed',
      `Organisation policy changed: 2FA ${required}; codes asked ${when}.`,
    );
  });
}
