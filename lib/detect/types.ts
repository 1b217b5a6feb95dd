/** Which channel delivered the code the page asks for, as far as the page's wording tells. */
export type OtpKind = 'totp' | 'sms' | 'email' | 'recovery' | 'unknown';

/** A one-time-code prompt: one box for the whole code, or each box of a split code in fill order. */
export interface OtpPrompt {
  kind: OtpKind;
  inputs: HTMLInputElement[];
}
