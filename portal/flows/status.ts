import type { Status } from '../../lib/portal/schemas';
import type { Store, User } from '../store/types';
import { maskEmail, maskPhone } from './phone';

/** The 2FA status of an account as the API and the pages show it, without secrets. */
export async function statusOf(store: Store, user: User): Promise<Status> {
  const org = await store.getOrg(user.orgId);
  return {
    email: maskEmail(user.email),
    emailVerified: user.emailVerified,
    twoFactorEnabled: user.method !== null,
    method: user.method,
    methods: user.method ? [user.method] : [],
    phone: user.phone ? maskPhone(user.phone) : null,
    recoveryKeyPresent: user.recoveryHash !== null,
    organisation: { name: org?.name ?? '', twoFactorRequired: org?.requireTwoFactor ?? false },
  };
}

/** Reads a user again inside a transaction, so checks and writes see the same row. */
export async function reload(tx: Store, userId: string): Promise<User> {
  const user = await tx.getUser(userId);
  if (!user) throw new Error(`user ${userId} vanished`);
  return user;
}

export const METHOD_NAMES = { totp: 'authenticator app', sms: 'SMS', email: 'e-mail' } as const;
