/** What to record after a refused attempt once the refused request's transaction has been rolled back. */
export interface FailureRecord {
  userId: string;
  /** The OOB code that was tried, with its new number of tries. */
  code?: { id: string; tries: number };
  replay?: boolean;
}

/** A refusal with an HTTP status, a stable code and a message telling the user what to do next. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { retryAfterSeconds?: number; failure?: FailureRecord } = {},
  ) {
    super(message);
    this.name = 'PortalError';
  }
}

/** 403 for a missing or failed re-authentication on a sensitive change. */
export const stepUpRequired = () =>
  new PortalError(
    403,
    'step_up_required',
    'Confirm it is you: enter your password or a current code, then try again.',
  );
