/** Which channel delivered the code the page asks for, as far as the page's wording tells. */
export type OtpKind = 'totp' | 'sms' | 'email' | 'recovery' | 'unknown';

/** What the scoring read, kept for deciding the kind of code (lib/detect/classify-kind, in the filler). */
export interface Evidence {
  attrs: string;
  own: string;
  context: string[];
  /** One box of 8–10 characters that takes letters too: the shape of an e-mailed code, never an authenticator's. */
  letters: boolean;
}

/**
 * A one-time-code prompt: one box for the whole code, or each box of a split code in fill order, with the
 * words that name it. Its kind is told apart later, by the lazily loaded filler, to keep the detector small.
 */
export interface OtpPrompt {
  evidence: Evidence;
  inputs: HTMLInputElement[];
}
