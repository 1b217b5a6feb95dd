/** A refusal with an HTTP status, a stable code and a message telling the user what to do next. */
export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly options: { retryAfterSeconds?: number } = {},
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
