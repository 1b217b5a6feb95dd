import type { Account, Algorithm } from './account';
import { OtpauthError } from './errors';
import { isSteamIssuer, MAX_NAME_LENGTH, splitLabel } from './label';
import { normalizeSecret } from './secret';
import { STEAM_DIGITS, STEAM_PERIOD } from './steam';
import { MAX_URI_LENGTH, parseQuery, percentDecode } from './uri-text';

const DEFAULT_PERIOD = 30;
const MAX_PERIOD = 3600;

/** Parses a Key URI (`otpauth://totp|hotp/LABEL?secret=…`) as real QR codes write it; throws OtpauthError. */
export function parseOtpauth(uri: string): Account {
  const text = uri.trim();
  if (text.length > MAX_URI_LENGTH) {
    throw new OtpauthError(
      'too-long',
      'This link is far longer than any authenticator QR code. Scan the QR code itself.',
    );
  }
  // Bitwarden and others store a bare Steam secret as `steam://SECRET`.
  const bareSteam = /^steam:\/\/(.*)$/is.exec(text);
  if (bareSteam) return steamAccount('Steam', '', normalizeSecret(percentDecode(bareSteam[1] ?? '')));

  const match = /^otpauth:\/\/([^/?]*)\/*([^?]*)(?:\?(.*))?$/is.exec(text);
  if (!match) {
    throw new OtpauthError(
      'not-otpauth',
      'This is not an authenticator QR code (it should start with “otpauth://”). Scan the QR code the site shows when you turn on two-factor authentication.',
    );
  }
  const [, rawType = '', rawLabel = '', query = ''] = match;
  const params = parseQuery(query, true);
  const type = rawType.toLowerCase();
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') {
    throw new OtpauthError(
      'unknown-type',
      `This code is of type “${rawType}”, but only TOTP, HOTP and Steam codes are supported. Ask the site for a standard authenticator app setup.`,
    );
  }
  // The label is a URI path, where `+` is literal (alice+tag@example.com); only the query is form-encoded.
  const name = splitLabel(percentDecode(rawLabel.replace(/\/+$/, '')), params.get('issuer') ?? '');
  checkNameLength(name.issuer, 'issuer');
  checkNameLength(name.label, 'account name');

  const rawSecret = params.get('secret') ?? '';
  const steamSecret = /^steam:\/\//i.test(rawSecret);
  const secret = normalizeSecret(steamSecret ? rawSecret.slice('steam://'.length) : rawSecret);
  const steam =
    type === 'steam' ||
    (type === 'totp' &&
      (steamSecret || params.get('encoder')?.toLowerCase() === 'steam' || isSteamIssuer(name.issuer)));
  if (steam) return steamAccount(name.issuer, name.label, secret);

  const algorithm = parseAlgorithm(params.get('algorithm'));
  const digits = parseDigits(params.get('digits'));
  if (type === 'hotp') {
    return {
      type,
      ...name,
      secret,
      algorithm,
      digits,
      period: DEFAULT_PERIOD,
      counter: parseCounter(params.get('counter')),
    };
  }
  return { type, ...name, secret, algorithm, digits, period: parsePeriod(params.get('period')), counter: 0 };
}

function steamAccount(issuer: string, label: string, secret: string): Account {
  return {
    type: 'steam',
    issuer,
    label,
    secret,
    algorithm: 'SHA1',
    digits: STEAM_DIGITS,
    period: STEAM_PERIOD,
    counter: 0,
  };
}

function checkNameLength(value: string, what: string): void {
  if (value.length > MAX_NAME_LENGTH) {
    throw new OtpauthError(
      'too-long',
      `The ${what} is over ${MAX_NAME_LENGTH} characters. Scan the site's QR code again; this one looks damaged.`,
    );
  }
}

/** Accepts `SHA1`, `sha256`, `SHA-512`, `HmacSHA1` and similar spellings seen in the wild. */
function parseAlgorithm(value: string | undefined): Algorithm {
  const key = (value ?? '')
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .replace(/^HMAC/, '');
  if (key === '' || key === 'SHA1') return 'SHA1';
  if (key === 'SHA256' || key === 'SHA512') return key;
  throw new OtpauthError(
    'unknown-algorithm',
    `The code uses the “${value}” algorithm; only SHA1, SHA256 and SHA512 are supported. Ask the site for a standard authenticator setup.`,
  );
}

function parseDigits(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return 6;
  const digits = /^\s*\d{1,2}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (digits >= 6 && digits <= 8) return digits;
  throw new OtpauthError(
    'digits-out-of-range',
    `The code asks for “${value}” digits; authenticator codes have 6 to 8. Scan the site's QR code again.`,
  );
}

function parsePeriod(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_PERIOD;
  const period = /^\s*\d{1,4}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (period >= 1 && period <= MAX_PERIOD) return period;
  throw new OtpauthError(
    'bad-period',
    `The code changes every “${value}” seconds, which is not a valid period (1 to ${MAX_PERIOD} s). Scan the site's QR code again.`,
  );
}

function parseCounter(value: string | undefined): number {
  if (value === undefined || value.trim() === '') {
    throw new OtpauthError(
      'missing-counter',
      'This counter-based (HOTP) code has no starting counter. Scan the QR code again, or add the account by hand with counter 0 if the site says so.',
    );
  }
  const counter = /^\s*\d{1,16}\s*$/.test(value) ? Number(value) : Number.NaN;
  if (Number.isSafeInteger(counter)) return counter;
  throw new OtpauthError(
    'bad-counter',
    `The starting counter “${value}” is not a whole number. Scan the site's QR code again.`,
  );
}

/** Writes an account as a Key URI that parseOtpauth (and other authenticator apps) read back identically. */
export function formatOtpauth(account: Account): string {
  const { issuer, label } = account;
  // A leading colon keeps a colon inside an issuer-less account name from being read as an issuer prefix.
  const prefix = issuer !== '' ? `${encodeURIComponent(issuer)}:` : label.includes(':') ? ':' : '';
  const params = [`secret=${account.secret}`];
  if (issuer !== '') params.push(`issuer=${encodeURIComponent(issuer)}`);
  if (account.type === 'steam') {
    params.push(`digits=${STEAM_DIGITS}`, `period=${STEAM_PERIOD}`, 'encoder=steam');
    return `otpauth://totp/${prefix}${encodeURIComponent(label)}?${params.join('&')}`;
  }
  params.push(`algorithm=${account.algorithm}`, `digits=${account.digits}`);
  params.push(account.type === 'hotp' ? `counter=${account.counter}` : `period=${account.period}`);
  return `otpauth://${account.type}/${prefix}${encodeURIComponent(label)}?${params.join('&')}`;
}
