/** Why a Tessera backup could not be opened; callers branch on this, users read `message`. */
export type BackupErrorCode = 'not-a-backup' | 'corrupt' | 'newer-version' | 'wrong-password' | 'tampered';

/** A backup failure whose message says what happened and what to do next. */
export class BackupError extends Error {
  override readonly name = 'BackupError';

  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
  }
}
