import type { z } from 'zod';

/** Why a vault operation failed; callers branch on this, users read `message`. */
export type VaultErrorCode =
  | 'locked'
  | 'wrong-password'
  | 'kdf-too-weak'
  | 'tampered'
  | 'exists'
  | 'not-found'
  | 'throttled'
  | 'invalid';

/** Extra facts a caller may need to react (e.g. show a countdown, point at the damaged entry). */
export interface VaultErrorDetails {
  /** For 'throttled': how long to wait before the next unlock attempt. */
  retryAfterMs?: number;
  /** For 'tampered' / 'not-found': the record concerned. */
  recordId?: string;
  /** The underlying failure, for logs. */
  cause?: unknown;
}

/** A vault failure whose message tells the user what happened and what to do next. */
export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly retryAfterMs: number | undefined;
  readonly recordId: string | undefined;

  constructor(
    readonly code: VaultErrorCode,
    message: string,
    details: VaultErrorDetails = {},
  ) {
    super(message, { cause: details.cause });
    this.retryAfterMs = details.retryAfterMs;
    this.recordId = details.recordId;
  }
}

/** Shorthand for the error every key-needing method throws while the vault is locked. */
export function lockedError(): VaultError {
  return new VaultError('locked', 'The vault is locked. Unlock it with your password, then try again.');
}

/** Validates what a caller sent; the first problem becomes an 'invalid' error: `refusal: problem (field).` */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, refusal: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const problem = (issue?.message ?? 'it is not valid').replace(/\.$/, '');
  const field = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
  throw new VaultError('invalid', `${refusal}: ${problem}${field}. Correct it and try again.`);
}
