/** Why a whole file could not be imported; callers branch on this, users read `message`. */
export type ImportErrorCode = 'wrong-password' | 'corrupt' | 'unsupported' | 'needs-password';

/** A failure that stops the whole file; its message says what happened and what to do next. */
export class ImportError extends Error {
  override readonly name = 'ImportError';

  constructor(
    readonly code: ImportErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The error for an encrypted backup opened without a password. */
export function needsPasswordError(app: string): ImportError {
  return new ImportError(
    'needs-password',
    `This ${app} backup is encrypted. Enter the password you chose when you exported it.`,
  );
}

/** The error for a file whose structure is not what its app writes. */
export function corruptError(app: string, detail: string): ImportError {
  return new ImportError(
    'corrupt',
    `This ${app} file is damaged or incomplete (${detail}). Export it again from ${app} and import the new file.`,
  );
}
