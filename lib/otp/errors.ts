/** Why an otpauth / migration link was refused; stable for callers and tests, unlike the message. */
export type OtpauthErrorCode =
  | 'not-otpauth'
  | 'not-migration'
  | 'bad-migration-data'
  | 'no-accounts'
  | 'missing-secret'
  | 'not-base32'
  | 'secret-too-short'
  | 'too-long'
  | 'digits-out-of-range'
  | 'unknown-type'
  | 'unknown-algorithm'
  | 'bad-period'
  | 'missing-counter'
  | 'bad-counter'
  | 'not-exportable';

/** A QR code or link that cannot become an account; `message` tells the user what to do. */
export class OtpauthError extends Error {
  override readonly name = 'OtpauthError';

  constructor(
    readonly code: OtpauthErrorCode,
    message: string,
  ) {
    super(message);
  }
}
