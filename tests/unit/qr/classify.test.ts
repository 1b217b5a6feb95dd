import { describe, expect, it } from 'vitest';
import { classifyQrText } from '../../../lib/qr/classify';

describe('classifyQrText', () => {
  it.each([
    'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    'OTPAUTH://TOTP/Example?secret=JBSWY3DPEHPK3PXP',
    'otpauth://hotp/Example?secret=JBSWY3DPEHPK3PXP&counter=3',
  ])('recognises otpauth URI %s', (uri) => {
    expect(classifyQrText(uri)).toEqual({ kind: 'otpauth', uri });
  });

  it.each([
    'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU',
    'OTPAuth-Migration://offline?data=CjEKCkhlbGxv',
  ])('recognises a Google Authenticator export %s', (uri) => {
    expect(classifyQrText(uri)).toEqual({ kind: 'migration', uri });
  });

  it('trims whitespace around a URI', () => {
    expect(classifyQrText('  otpauth://totp/X?secret=AB\n')).toEqual({
      kind: 'otpauth',
      uri: 'otpauth://totp/X?secret=AB',
    });
  });

  it.each([
    'https://github.com/settings/security',
    'otpauth:/totp/missing-slash',
    'otpauth-migrationx://offline',
    'see otpauth://totp/X in the app',
    'WIFI:S:home;T:WPA;P:secret;;',
    '',
  ])('treats %j as other text, unchanged', (text) => {
    expect(classifyQrText(text)).toEqual({ kind: 'other', text });
  });
});
