import type { Store } from '../store/types';
import type { PasswordCost } from './passwords';
import type { Limit, RateLimiter } from './rate-limit';
import type { Transport } from './transport';

/** Tunable limits; tests shrink or widen them. */
export interface Limits {
  /** Codes sent to one account for one purpose (login codes: from one IP), so one purpose cannot starve another. */
  sendsPerAccount: Limit;
  /** Login codes sent to one account from every IP together. */
  loginSendsPerAccount: Limit;
  sendsPerIp: Limit;
  /** Password sign-ins from one IP, right or wrong. */
  signInsPerIp: Limit;
  /** Wrong passwords for one account (any IP) before sign-in waits for the window to end. */
  signInFailuresPerAccount: Limit;
  /** Pairing codes typed on /device. */
  deviceEntriesPerAccount: Limit;
  deviceEntriesPerIp: Limit;
  /** Consecutive failures before the account's second factor is locked (NIST 800-63B: at most 100). */
  maxFailures: number;
  lockMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  sendsPerAccount: { max: 5, windowMs: 15 * 60_000 },
  loginSendsPerAccount: { max: 20, windowMs: 15 * 60_000 },
  sendsPerIp: { max: 30, windowMs: 15 * 60_000 },
  signInsPerIp: { max: 30, windowMs: 15 * 60_000 },
  signInFailuresPerAccount: { max: 10, windowMs: 15 * 60_000 },
  deviceEntriesPerAccount: { max: 10, windowMs: 15 * 60_000 },
  deviceEntriesPerIp: { max: 30, windowMs: 15 * 60_000 },
  maxFailures: 100,
  lockMs: 15 * 60_000,
};

/** Everything a flow may touch: storage, time, delivery, limits. */
export interface Deps {
  store: Store;
  now: () => number;
  transport: Transport;
  limiter: RateLimiter;
  limits: Limits;
  /** scrypt cost of new hashes; weaker stored hashes are upgraded at the next sign-in. */
  passwordCost: PasswordCost;
  /** Name shown in authenticator apps, messages and the discovery document. */
  issuer: string;
  log: { warn(obj: object, msg: string): void };
}

/** Who asks, from where (the IP feeds rate limits, risk checks and the audit log). */
export interface Caller {
  ip: string;
}

export const CODE_TTL_MS = 10 * 60_000;
export const CODE_MAX_TRIES = 5;
export const PENDING_TTL_MS = 15 * 60_000;
