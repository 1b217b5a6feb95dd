import { describe, expect, it } from 'vitest';
import { ATTR_NEVER, ATTR_OTP, attrWords, TEXT_NEVER, TEXT_OTP } from '../../../lib/detect/words';

describe('attrWords', () => {
  it('splits camelCase, brackets and separators into words', () => {
    expect(attrWords('idvPin')).toBe('idv pin');
    expect(attrWords('user[otp_attempt]').trim()).toBe('user otp attempt');
    expect(attrWords('credentials.passcode')).toBe('credentials passcode');
    expect(attrWords('twoFactorCode')).toBe('two factor code');
  });
});

describe('attribute words', () => {
  it.each([
    'app otp',
    'otp attempt',
    'totp pin',
    'idv pin',
    'approvals code',
    'otc',
    'mfa code',
    'tfa code',
    'twofactor token',
    'verification code',
  ])('"%s" names a one-time code', (words) => expect(ATTR_OTP.test(words)).toBe(true));

  it.each(['footprint', 'code', 'pin', 'postal code', 'update'])('"%s" alone does not', (words) =>
    expect(ATTR_OTP.test(words)).toBe(false),
  );

  it.each(['cc csc', 'postal code', 'coupon code', 'gift card pin', 'q', 'dob day', 'promo code'])(
    '"%s" is never an OTP box',
    (words) => expect(ATTR_NEVER.test(words)).toBe(true),
  );

  it('does not mistake words that merely contain a never-word', () => {
    expect(ATTR_NEVER.test('update code')).toBe(false);
    expect(ATTR_NEVER.test('validate otp')).toBe(false);
  });
});

describe('label words', () => {
  it.each([
    'bestätigungscode',
    'code de vérification',
    'código de verificación',
    'codice di verifica',
    'código de verificação',
    'verificatiecode',
    '確認コード',
    '認証コード',
    '验证码',
    '動態密碼',
    '两步验证',
    'enter the 6-digit code',
  ])('"%s" names a one-time code', (text) => expect(TEXT_OTP.test(text)).toBe(true));

  it.each(['security code', 'enter the 3-digit code', 'code', 'sicherheitscode'])(
    '"%s" is ambiguous (a CVV too) and is not enough on its own',
    (text) => expect(TEXT_OTP.test(text)).toBe(false),
  );

  it.each(['promo code', 'code postal', 'gutscheincode eingeben', '图形验证码', 'card pin', 'quantité'])(
    '"%s" labels a field that is never an OTP box',
    (text) => expect(TEXT_NEVER.test(text)).toBe(true),
  );
});
