import type { Method } from '../../lib/portal/schemas';

/** When an organisation asks for the second factor at login. */
export type ChallengePolicy = 'always' | 'risk';

export interface Org {
  id: string;
  name: string;
  requireTwoFactor: boolean;
  challengePolicy: ChallengePolicy;
}

export interface User {
  id: string;
  orgId: string;
  email: string;
  emailVerified: boolean;
  name: string;
  role: 'user' | 'admin';
  passwordHash: string;
  method: Method | null;
  totpSecret: string | null;
  /** RFC 6238 time step of the last accepted TOTP code; a code must be newer (replay guard). */
  totpLastStep: number | null;
  /** Steps between the server's clock and the authenticator's at the last success (RFC 6238 §6). */
  totpDrift: number;
  phone: string | null;
  recoveryHash: string | null;
  failedAttempts: number;
  lastFailureAt: number | null;
  createdAt: number;
}

export interface Session {
  idHash: string;
  userId: string | null;
  /** anonymous → password accepted, waiting for the second factor → full. */
  stage: 'anonymous' | 'second-factor' | 'full';
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** A one-time code sent by SMS or e-mail, bound to the request that created it. */
export interface OobCode {
  id: string;
  userId: string;
  purpose: string;
  channel: 'sms' | 'email';
  destination: string;
  codeHash: string;
  tries: number;
  expiresAt: number;
  consumedAt: number | null;
  createdAt: number;
}

/** A change waiting for a code: a new method (enable/switch) or a new phone number. */
export interface PendingChange {
  id: string;
  userId: string;
  kind: 'enable' | 'switch' | 'phone-change';
  method: Method;
  secret: string | null;
  phone: string | null;
  /** For phone changes: confirm the old number first, then the new one. */
  stage: 'old' | 'new' | 'confirm';
  expiresAt: number;
  createdAt: number;
}

export interface KnownDevice {
  userId: string;
  deviceHash: string;
  ip: string;
  lastSeenAt: number;
}

export interface DeviceGrant {
  id: string;
  deviceCodeHash: string;
  userCode: string;
  clientId: string;
  scope: string;
  status: 'pending' | 'approved' | 'denied' | 'consumed';
  userId: string | null;
  /** Who asked for the code: shown on the approval page so the user can tell it is not their own request. */
  requestIp: string;
  requestAgent: string;
  interval: number;
  lastPollAt: number | null;
  expiresAt: number;
  createdAt: number;
}

export interface ApiToken {
  id: string;
  tokenHash: string;
  userId: string;
  clientId: string;
  scope: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
}

export interface AuditEntry {
  id: string;
  userId: string;
  orgId: string;
  actorId: string | null;
  type: string;
  summary: string;
  ip: string | null;
  at: number;
}

export interface OutboxMessage {
  id: string;
  channel: 'sms' | 'email';
  to: string;
  subject: string;
  body: string;
  at: number;
}

type Patch<T, K extends keyof T> = Partial<Omit<T, K>>;

/** At most `max` hits per fixed window of `windowMs`. */
export interface Limit {
  max: number;
  windowMs: number;
}

/**
 * Everything the flows need from storage; the flows never see SQL. `transaction` runs `fn` atomically: if
 * it throws, none of its writes remain (PostgreSQL may run `fn` again after a serialization conflict, so
 * `fn` must have no side effect outside `tx`). The counters that must hold across several portal
 * processes (attempts, code tries, TOTP steps, rate limits) change in one conditional statement each,
 * so concurrent requests cannot both pass a check that only one of them should.
 */
export interface Store {
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  createOrg(org: Org): Promise<void>;
  getOrg(id: string): Promise<Org | undefined>;
  updateOrg(id: string, patch: Patch<Org, 'id'>): Promise<void>;
  countOrgs(): Promise<number>;

  createUser(user: User): Promise<void>;
  getUser(id: string): Promise<User | undefined>;
  getUserByEmail(email: string): Promise<User | undefined>;
  listUsersByOrg(orgId: string): Promise<User[]>;
  updateUser(id: string, patch: Patch<User, 'id' | 'orgId' | 'createdAt'>): Promise<void>;
  /** Compare-and-set: stores `step` only if it is newer than the stored one; false means replay. */
  advanceTotpStep(userId: string, step: number, drift: number): Promise<boolean>;
  /**
   * Counts one attempt at a password, code or recovery key before it is checked, unless the account is
   * locked (`max` consecutive failures, the last one less than `lockMs` ago). Returns the new count of
   * consecutive failures, or undefined when locked. A success then calls `clearFailures`.
   */
  takeAttempt(userId: string, at: number, max: number, lockMs: number): Promise<number | undefined>;
  clearFailures(userId: string): Promise<void>;

  createSession(session: Session): Promise<void>;
  getSession(idHash: string): Promise<Session | undefined>;
  /** False when the session was already gone (another request rotated or ended it first). */
  deleteSession(idHash: string): Promise<boolean>;

  createCode(code: OobCode): Promise<void>;
  /** The newest unconsumed code of a user for a purpose. */
  getActiveCode(userId: string, purpose: string): Promise<OobCode | undefined>;
  /** Counts one try of an unconsumed code that has fewer than `max`; returns the new count, or undefined. */
  takeCodeTry(id: string, max: number): Promise<number | undefined>;
  /** Marks a code used; false when it already was (a concurrent request used it first). */
  consumeCode(id: string, at: number): Promise<boolean>;
  /** Voids every unconsumed code of a user for a purpose (a new one replaces them). */
  voidCodes(userId: string, purpose: string, at: number): Promise<void>;

  createPending(change: PendingChange): Promise<void>;
  getPending(id: string): Promise<PendingChange | undefined>;
  updatePending(id: string, patch: Pick<Partial<PendingChange>, 'stage'>): Promise<void>;
  deletePending(id: string): Promise<void>;

  rememberDevice(device: KnownDevice): Promise<void>;
  getDevice(userId: string, deviceHash: string): Promise<KnownDevice | undefined>;

  createDeviceGrant(grant: DeviceGrant): Promise<void>;
  getDeviceGrantByDeviceCode(deviceCodeHash: string): Promise<DeviceGrant | undefined>;
  getDeviceGrantByUserCode(userCode: string): Promise<DeviceGrant | undefined>;
  updateDeviceGrant(
    id: string,
    patch: Pick<Partial<DeviceGrant>, 'status' | 'userId' | 'interval' | 'lastPollAt'>,
  ): Promise<void>;
  /** Moves a grant from status `from` to `patch.status`; false when it was no longer in `from`. */
  moveDeviceGrant(
    id: string,
    from: DeviceGrant['status'],
    patch: Pick<DeviceGrant, 'status'> & Pick<Partial<DeviceGrant>, 'userId'>,
  ): Promise<boolean>;

  createToken(token: ApiToken): Promise<void>;
  getTokenByHash(tokenHash: string): Promise<ApiToken | undefined>;
  listTokens(userId: string): Promise<ApiToken[]>;
  updateToken(id: string, patch: Pick<Partial<ApiToken>, 'revokedAt' | 'lastUsedAt'>): Promise<void>;

  appendAudit(entry: AuditEntry): Promise<void>;
  listAudit(userId: string, limit: number): Promise<AuditEntry[]>;

  /**
   * Counts one hit on `key` (e.g. "login:ip:203.0.113.7") unless its current window already has `max`;
   * returns 0 when counted, else the milliseconds until the window ends. On PostgreSQL a hit commits at
   * once, even when called inside a transaction (a send that then fails still counts).
   */
  hit(key: string, limit: Limit, at: number): Promise<number>;
  /** Gives one hit back (a sign-in that succeeded does not count towards the account's backoff). */
  unhit(key: string): Promise<void>;

  /** Deletes expired sessions, codes, pending changes, device grants and rate windows; returns how many rows went. */
  purgeExpired(now: number): Promise<number>;

  addOutbox(message: OutboxMessage): Promise<void>;
  listOutbox(limit: number): Promise<OutboxMessage[]>;
  clearOutbox(): Promise<void>;

  close(): Promise<void>;
}
