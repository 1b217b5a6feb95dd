import { parsePhoneNumberWithError } from 'libphonenumber-js/max';
import { PortalError } from './errors';

// Types the max metadata gives for numbers that can receive an SMS. FIXED_LINE_OR_MOBILE is what the
// metadata says when a country's plans overlap (US/CA), so those are accepted too.
const SMS_CAPABLE = new Set(['MOBILE', 'FIXED_LINE_OR_MOBILE', 'PERSONAL_NUMBER']);

/** Parses a number typed by a user and returns it in E.164, or refuses it with the reason. */
export function parseSmsNumber(input: string): string {
  let parsed: ReturnType<typeof parsePhoneNumberWithError>;
  try {
    parsed = parsePhoneNumberWithError(input.trim());
  } catch {
    throw new PortalError(
      400,
      'invalid_phone',
      'That is not a phone number. Enter it with the country code, e.g. +33 6 12 34 56 78.',
    );
  }
  if (!parsed.isValid()) {
    throw new PortalError(
      400,
      'invalid_phone',
      'That number does not exist in its country. Check the digits and the country code.',
    );
  }
  const type = parsed.getType();
  if (type === 'FIXED_LINE') {
    throw new PortalError(
      400,
      'landline',
      'That number is a landline, which cannot receive SMS. Enter a mobile number.',
    );
  }
  if (type !== undefined && !SMS_CAPABLE.has(type)) {
    throw new PortalError(
      400,
      'not_mobile',
      'That number cannot receive SMS (it is not a mobile number). Enter a mobile number.',
    );
  }
  return parsed.number;
}

/** "•••• 42": only the last two digits, as the SMS prompt shows it. */
export const maskPhone = (e164: string): string => `•••• ${e164.slice(-2)}`;

/** "a•••@acme.test": first letter and domain. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  return at <= 0 ? '•••' : `${email[0]}•••${email.slice(at)}`;
}
