import { describe, expect, it } from 'vitest';
import { type Account, AccountSchema } from '../../../lib/otp/account';
import { OtpauthError, type OtpauthErrorCode } from '../../../lib/otp/errors';
import { formatOtpauth, parseOtpauth } from '../../../lib/otp/parse-otpauth';

const KEY = 'JBSWY3DPEHPK3PXP'; // 80 bits
const KEY160 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const totp = { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;
const steam = { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 } as const;

describe('parseOtpauth: real-world QR codes', () => {
  const cases: [string, string, Account][] = [
    [
      'GitHub',
      `otpauth://totp/GitHub:octocat?secret=${KEY}&issuer=GitHub`,
      { ...totp, issuer: 'GitHub', label: 'octocat', secret: KEY },
    ],
    [
      'Google (encoded colon and @, lower-case secret)',
      `otpauth://totp/Google%3Aalice%40gmail.com?secret=${KEY160.toLowerCase()}&issuer=Google`,
      { ...totp, issuer: 'Google', label: 'alice@gmail.com', secret: KEY160 },
    ],
    [
      'Microsoft work account (label prefix differs from issuer: parameter wins)',
      `otpauth://totp/Contoso:alice@contoso.com?secret=${KEY}&issuer=Microsoft`,
      { ...totp, issuer: 'Microsoft', label: 'alice@contoso.com', secret: KEY },
    ],
    [
      'Microsoft personal account (issuer only as parameter)',
      `otpauth://totp/alice%40outlook.com?secret=${KEY}&issuer=Microsoft`,
      { ...totp, issuer: 'Microsoft', label: 'alice@outlook.com', secret: KEY },
    ],
    [
      'AWS (issuer with %20 spaces, 320-bit secret)',
      `otpauth://totp/Amazon%20Web%20Services:alice@123456789012?secret=${KEY160.repeat(2)}&issuer=Amazon%20Web%20Services`,
      { ...totp, issuer: 'Amazon Web Services', label: 'alice@123456789012', secret: KEY160.repeat(2) },
    ],
    [
      'Dropbox (26 random characters: trailing bits are dropped like other apps do)',
      'otpauth://totp/Dropbox:alice@example.com?secret=abcdefghijklmnopqrstuvwxyz&issuer=Dropbox',
      { ...totp, issuer: 'Dropbox', label: 'alice@example.com', secret: 'ABCDEFGHIJKLMNOPQRSTUVWXYY' },
    ],
    [
      'issuer only in the label, space after colon',
      `otpauth://totp/ACME%20Co:%20%20john.doe@example.com?secret=${KEY}`,
      { ...totp, issuer: 'ACME Co', label: 'john.doe@example.com', secret: KEY },
    ],
    [
      'no issuer at all',
      `otpauth://totp/alice?secret=${KEY}`,
      { ...totp, issuer: '', label: 'alice', secret: KEY },
    ],
    [
      'empty issuer parameter, empty label',
      `otpauth://totp/?secret=${KEY}&issuer=`,
      { ...totp, issuer: '', label: '', secret: KEY },
    ],
    [
      'no label and no slash',
      `otpauth://totp?secret=${KEY}&issuer=Example`,
      { ...totp, issuer: 'Example', label: '', secret: KEY },
    ],
    [
      'upper-case type and trailing slash',
      `otpauth://TOTP/Example:alice/?secret=${KEY}`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY },
    ],
    [
      'whole URI upper case (QR alphanumeric mode)',
      `OTPAUTH://TOTP/EXAMPLE:ALICE?SECRET=${KEY}&ISSUER=EXAMPLE&DIGITS=8`,
      { ...totp, issuer: 'EXAMPLE', label: 'ALICE', secret: KEY, digits: 8 },
    ],
    [
      'form-encoded spaces (+) in label and issuer, %2B stays a plus',
      `otpauth://totp/ACME+Co:alice%2Btag@example.com?secret=${KEY}&issuer=ACME+Co`,
      { ...totp, issuer: 'ACME Co', label: 'alice+tag@example.com', secret: KEY },
    ],
    [
      'secret with spaces, hyphens, padding (as printed for manual entry)',
      'otpauth://totp/Example:alice?secret=jbsw%20y3dp-ehpk+3pxp%3D%3D%3D%3D%3D%3D',
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY },
    ],
    [
      'unknown extra parameters (image, color, icon)',
      `otpauth://totp/Example:alice?secret=${KEY}&issuer=Example&image=https%3A%2F%2Fexample.com%2Flogo.png&color=%23ff0000&icon=x`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY },
    ],
    [
      'algorithm spellings and a custom period',
      `otpauth://totp/Example:alice?secret=${KEY}&algorithm=sha-256&digits=7&period=60`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY, algorithm: 'SHA256', digits: 7, period: 60 },
    ],
    [
      'SHA512 lower case',
      `otpauth://totp/Example:alice?secret=${KEY}&algorithm=sha512`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY, algorithm: 'SHA512' },
    ],
    [
      'Authy export of an Authy-native token (7 digits, 10 s)',
      `otpauth://totp/Authy:alice?secret=${KEY160}&digits=7&period=10&issuer=Authy`,
      { ...totp, issuer: 'Authy', label: 'alice', secret: KEY160, digits: 7, period: 10 },
    ],
    [
      'Authy export of a third-party token (issuer only in the label)',
      `otpauth://totp/Twitch:alice?secret=${KEY160}&digits=6&period=30`,
      { ...totp, issuer: 'Twitch', label: 'alice', secret: KEY160 },
    ],
    [
      'empty optional parameters fall back to defaults',
      `otpauth://totp/Example:alice?secret=${KEY}&algorithm=&digits=&period=`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY },
    ],
    [
      'duplicate parameter: first wins',
      `otpauth://totp/alice?secret=${KEY}&issuer=First&issuer=Second`,
      { ...totp, issuer: 'First', label: 'alice', secret: KEY },
    ],
    [
      'malformed percent escape kept as typed',
      `otpauth://totp/100%25%20sure:alice%?secret=${KEY}`,
      { ...totp, issuer: '100% sure', label: 'alice%', secret: KEY },
    ],
    [
      'issuer containing a colon',
      `otpauth://totp/A%3AB:alice?secret=${KEY}&issuer=A%3AB`,
      { ...totp, issuer: 'A:B', label: 'alice', secret: KEY },
    ],
    [
      'unicode names',
      `otpauth://totp/%C3%9Cber%20Bank:j%C3%BCrgen?secret=${KEY}`,
      { ...totp, issuer: 'Über Bank', label: 'jürgen', secret: KEY },
    ],
    [
      'surrounding whitespace from a scanner',
      `  otpauth://totp/Example:alice?secret=${KEY}\n`,
      { ...totp, issuer: 'Example', label: 'alice', secret: KEY },
    ],
    [
      'HOTP with counter',
      `otpauth://hotp/Example:alice?secret=${KEY}&counter=42&digits=8&algorithm=SHA1`,
      {
        type: 'hotp',
        issuer: 'Example',
        label: 'alice',
        secret: KEY,
        algorithm: 'SHA1',
        digits: 8,
        period: 30,
        counter: 42,
      },
    ],
    [
      'HOTP with counter 0',
      `otpauth://hotp/alice?secret=${KEY}&counter=0`,
      {
        type: 'hotp',
        issuer: '',
        label: 'alice',
        secret: KEY,
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ],
    [
      'Steam: issuer Steam (Steam Desktop Authenticator / WinAuth exports)',
      `otpauth://totp/Steam:gaben?secret=${KEY160}&issuer=Steam`,
      { ...steam, issuer: 'Steam', label: 'gaben', secret: KEY160 },
    ],
    [
      'Steam: encoder=steam (KeePassXC) overrides digits',
      `otpauth://totp/My%20Steam:gaben?secret=${KEY160}&digits=6&encoder=steam`,
      { ...steam, issuer: 'My Steam', label: 'gaben', secret: KEY160 },
    ],
    [
      'Steam: otpauth://steam/ (Aegis)',
      `otpauth://steam/Steam:gaben?secret=${KEY160}&issuer=Steam&digits=5`,
      { ...steam, issuer: 'Steam', label: 'gaben', secret: KEY160 },
    ],
    [
      'Steam: steam:// secret inside otpauth',
      `otpauth://totp/gaben?secret=steam://${KEY160}`,
      { ...steam, issuer: '', label: 'gaben', secret: KEY160 },
    ],
    [
      'Steam: bare steam:// secret (Bitwarden)',
      `steam://${KEY160}`,
      { ...steam, issuer: 'Steam', label: '', secret: KEY160 },
    ],
  ];

  it.each(cases)('%s', (_name, uri, expected) => {
    const parsed = parseOtpauth(uri);
    expect(parsed).toEqual(expected);
    expect(AccountSchema.parse(parsed)).toEqual(parsed);
  });

  it('accepts a secret of exactly 1024 characters', () => {
    expect(parseOtpauth(`otpauth://totp/a?secret=${'GEZDGNBV'.repeat(128)}`).secret).toHaveLength(1024);
  });

  it("reads Google's published key-URI example", () => {
    expect(
      parseOtpauth('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example'),
    ).toEqual({ ...totp, issuer: 'Example', label: 'alice@google.com', secret: KEY });
  });

  it.each([
    ['48-bit', 'JBSWY3DPEE'],
    ['72-bit', 'GEZDGNBVGY3TQOI'],
    ['40-bit', 'JBSWY3DP'],
    ['8-bit (one byte)', 'AE'],
  ])('accepts a %s secret, as other authenticators do', (_name, secret) => {
    const parsed = parseOtpauth(`otpauth://totp/Example:alice?secret=${secret}&issuer=Example`);
    expect(parsed.secret).toBe(secret);
    expect(AccountSchema.parse(parsed)).toEqual(parsed);
  });

  it('keeps + in the label literal: it is a path, not a form field', () => {
    const parsed = parseOtpauth(`otpauth://totp/Example:alice+tag@example.com?secret=${KEY}&issuer=Example`);
    expect(parsed.label).toBe('alice+tag@example.com');
    const encoded = parseOtpauth(`otpauth://totp/Example%3Aalice%2Btag%40example.com?secret=${KEY}`);
    expect(encoded).toMatchObject({ issuer: 'Example', label: 'alice+tag@example.com' });
    // A space is written %20 in a path; the query's form encoding still reads + as a space.
    expect(parseOtpauth(`otpauth://totp/ACME%20Co:bob?secret=${KEY}&issuer=ACME+Co`)).toMatchObject({
      issuer: 'ACME Co',
      label: 'bob',
    });
  });

  it('reads back a + label it wrote', () => {
    const account = { ...totp, issuer: 'Example', label: 'alice+tag@example.com', secret: KEY };
    expect(parseOtpauth(formatOtpauth(account))).toEqual(account);
  });

  it('keeps HOTP an HOTP even with issuer Steam', () => {
    expect(parseOtpauth(`otpauth://hotp/Steam:x?secret=${KEY}&counter=1`).type).toBe('hotp');
  });
});

describe('parseOtpauth: refused input', () => {
  const long = 'A'.repeat(1100);
  const cases: [string, string, OtpauthErrorCode][] = [
    ['web link', 'https://github.com/settings/security', 'not-otpauth'],
    ['migration link', 'otpauth-migration://offline?data=CgA%3D', 'not-otpauth'],
    ['plain text', 'JBSWY3DPEHPK3PXP', 'not-otpauth'],
    ['empty', '', 'not-otpauth'],
    ['no secret', 'otpauth://totp/Example:alice?issuer=Example', 'missing-secret'],
    ['empty secret', 'otpauth://totp/Example:alice?secret=&issuer=Example', 'missing-secret'],
    ['digit 1 in secret', 'otpauth://totp/a?secret=JBSWY3DPEHPK3PX1', 'not-base32'],
    ['base64 secret', 'otpauth://totp/a?secret=SGVsbG8hIN6tvu8%2BPw%3D%3D', 'not-base32'],
    ['one-character secret (under a byte)', 'otpauth://totp/a?secret=J', 'secret-too-short'],
    ['secret over 1024 characters', `otpauth://totp/a?secret=${long}`, 'too-long'],
    ['URI over 4096 characters', `otpauth://totp/a?secret=${KEY}&image=${'x'.repeat(4100)}`, 'too-long'],
    ['issuer over 256 characters', `otpauth://totp/a?secret=${KEY}&issuer=${'x'.repeat(300)}`, 'too-long'],
    ['4 digits', `otpauth://totp/a?secret=${KEY}&digits=4`, 'digits-out-of-range'],
    ['9 digits', `otpauth://totp/a?secret=${KEY}&digits=9`, 'digits-out-of-range'],
    ['digits as word', `otpauth://totp/a?secret=${KEY}&digits=six`, 'digits-out-of-range'],
    ['5 digits outside Steam', `otpauth://totp/a?secret=${KEY}&digits=5`, 'digits-out-of-range'],
    ['mOTP type', `otpauth://motp/a?secret=${KEY}`, 'unknown-type'],
    ['no type', `otpauth:///a?secret=${KEY}`, 'unknown-type'],
    ['MD5', `otpauth://totp/a?secret=${KEY}&algorithm=MD5`, 'unknown-algorithm'],
    ['SHA3', `otpauth://totp/a?secret=${KEY}&algorithm=SHA3-256`, 'unknown-algorithm'],
    ['period 0', `otpauth://totp/a?secret=${KEY}&period=0`, 'bad-period'],
    ['negative period', `otpauth://totp/a?secret=${KEY}&period=-30`, 'bad-period'],
    ['period over an hour', `otpauth://totp/a?secret=${KEY}&period=3601`, 'bad-period'],
    ['fractional period', `otpauth://totp/a?secret=${KEY}&period=30.5`, 'bad-period'],
    ['HOTP without counter', `otpauth://hotp/a?secret=${KEY}`, 'missing-counter'],
    ['HOTP with empty counter', `otpauth://hotp/a?secret=${KEY}&counter=`, 'missing-counter'],
    ['negative counter', `otpauth://hotp/a?secret=${KEY}&counter=-1`, 'bad-counter'],
    ['counter beyond 2^53', `otpauth://hotp/a?secret=${KEY}&counter=9007199254740993`, 'bad-counter'],
  ];

  it.each(cases)('%s', (_name, uri, code) => {
    let thrown: unknown;
    try {
      parseOtpauth(uri);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OtpauthError);
    expect((thrown as OtpauthError).code).toBe(code);
    // The message is shown to the user: it must say what is wrong and what to do.
    expect((thrown as OtpauthError).message).toMatch(/\. .+\.$/s);
  });

  it('names the offending character', () => {
    expect(() => parseOtpauth('otpauth://totp/a?secret=JBSWY3DPEHPK3PX8')).toThrow(/“8”/);
  });
});

describe('formatOtpauth', () => {
  it('writes a standard Key URI', () => {
    const uri = formatOtpauth({ ...totp, issuer: 'ACME Co', label: 'john@example.com', secret: KEY });
    expect(uri).toBe(
      `otpauth://totp/ACME%20Co:john%40example.com?secret=${KEY}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('writes HOTP with its counter and Steam as TOTP with encoder=steam', () => {
    expect(formatOtpauth({ ...totp, type: 'hotp', issuer: '', label: 'a', secret: KEY, counter: 7 })).toBe(
      `otpauth://hotp/a?secret=${KEY}&algorithm=SHA1&digits=6&counter=7`,
    );
    expect(formatOtpauth({ ...steam, issuer: 'Steam', label: 'gaben', secret: KEY })).toBe(
      `otpauth://totp/Steam:gaben?secret=${KEY}&issuer=Steam&digits=5&period=30&encoder=steam`,
    );
  });

  const accounts: Account[] = [
    { ...totp, issuer: 'GitHub', label: 'octocat', secret: KEY },
    { ...totp, issuer: '', label: 'no issuer', secret: KEY160, algorithm: 'SHA512', digits: 8, period: 60 },
    { ...totp, issuer: '', label: 'colon:in:name', secret: KEY },
    { ...totp, issuer: 'A:B', label: 'c:d', secret: KEY },
    { ...totp, issuer: 'Tricky & Co = 100% ?#+/', label: 'a+b@x.org/?#&=', secret: KEY },
    { ...totp, issuer: 'Über', label: '日本語', secret: KEY, algorithm: 'SHA256', digits: 7, period: 15 },
    { ...totp, issuer: 'Example', label: '', secret: KEY },
    { ...totp, type: 'hotp', issuer: 'Bank', label: 'alice', secret: KEY160, counter: 123456 },
    { ...steam, issuer: 'Steam', label: 'gaben', secret: KEY160 },
    { ...steam, issuer: 'My other Steam', label: 'alt', secret: KEY160 },
  ];
  it.each(accounts.map((account) => [account.issuer, account.label, account] as const))(
    'round-trips %s / %s',
    (_issuer, _label, account) => {
      expect(parseOtpauth(formatOtpauth(account))).toEqual(account);
    },
  );
});
