import { hashPassword, PASSWORD_COST, type PasswordCost } from './flows/passwords';
import { hashRecoveryKey } from './flows/recovery';
import { newId } from './flows/secure-random';
import type { Store, User } from './store/types';

/** Demo accounts (documented in portal/README.md). Public on purpose: never seed a real deployment. */
export const DEMO = {
  admin: {
    email: 'admin@acme.test',
    password: 'admin-demo-pass',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    recoveryKey: 'ADMN-DEMO-RECV-KEYA-AAAA-AAAA-AAAA-AAAA',
  },
  alice: { email: 'alice@acme.test', password: 'alice-demo-pass' },
  bob: {
    email: 'bob@acme.test',
    password: 'bob-demo-pass',
    phone: '+33612345642',
    recoveryKey: 'BOBB-DEMO-RECV-KEYA-AAAA-AAAA-AAAA-AAAA',
  },
  otherAdmin: { email: 'admin@globex.test', password: 'globex-demo-pass' },
} as const;

/** Seeds two organisations and their users, once (does nothing if any organisation exists). */
export async function seedDemo(
  store: Store,
  now: number = Date.now(),
  cost: PasswordCost = PASSWORD_COST,
): Promise<boolean> {
  if ((await store.countOrgs()) > 0) return false;
  const base = {
    emailVerified: true,
    totpSecret: null,
    totpLastStep: null,
    totpDrift: 0,
    phone: null,
    recoveryHash: null,
    failedAttempts: 0,
    lastFailureAt: null,
    createdAt: now,
  };
  const acme = { id: newId(), name: 'Acme Corp', requireTwoFactor: false, challengePolicy: 'risk' as const };
  const globex = { id: newId(), name: 'Globex', requireTwoFactor: false, challengePolicy: 'always' as const };
  const users: User[] = [
    {
      ...base,
      id: newId(),
      orgId: acme.id,
      email: DEMO.admin.email,
      name: 'Ada Admin',
      role: 'admin',
      passwordHash: await hashPassword(DEMO.admin.password, cost),
      method: 'totp',
      totpSecret: DEMO.admin.totpSecret,
      recoveryHash: hashRecoveryKey(DEMO.admin.recoveryKey),
    },
    {
      ...base,
      id: newId(),
      orgId: acme.id,
      email: DEMO.alice.email,
      name: 'Alice Example',
      role: 'user',
      passwordHash: await hashPassword(DEMO.alice.password, cost),
      method: null,
    },
    {
      ...base,
      id: newId(),
      orgId: acme.id,
      email: DEMO.bob.email,
      name: 'Bob Example',
      role: 'user',
      passwordHash: await hashPassword(DEMO.bob.password, cost),
      method: 'sms',
      phone: DEMO.bob.phone,
      recoveryHash: hashRecoveryKey(DEMO.bob.recoveryKey),
    },
    {
      ...base,
      id: newId(),
      orgId: globex.id,
      email: DEMO.otherAdmin.email,
      name: 'Gus Globex',
      role: 'admin',
      passwordHash: await hashPassword(DEMO.otherAdmin.password, cost),
      method: null,
    },
  ];
  // Another instance starting at the same time may have seeded meanwhile.
  return store.transaction(async (tx) => {
    if ((await tx.countOrgs()) > 0) return false;
    await tx.createOrg(acme);
    await tx.createOrg(globex);
    for (const user of users) await tx.createUser(user);
    return true;
  });
}
