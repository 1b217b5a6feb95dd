import { describe, expect, it } from 'vitest';
import { hasSetupCode, mergeDecoded } from '../../../lib/qr/merge';

const ACME = 'otpauth://totp/Acme%20Corp:dana%40acme.test?secret=KRSXG5CTMVRXEZLU&issuer=Acme%20Corp';
const EXPORT = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU';
const APP_LINK = 'https://apps.example.com/acme';

describe('hasSetupCode', () => {
  it('is true once an otpauth or otpauth-migration code was read', () => {
    expect(hasSetupCode([APP_LINK, ACME])).toBe(true);
    expect(hasSetupCode([EXPORT])).toBe(true);
  });

  it('is false for other QR codes only, or none: the screenshot must still be read', () => {
    expect(hasSetupCode([APP_LINK])).toBe(false);
    expect(hasSetupCode([])).toBe(false);
  });
});

describe('mergeDecoded', () => {
  it('keeps page pictures first, then what only the screenshot read', () => {
    expect(mergeDecoded([APP_LINK], [ACME, APP_LINK])).toEqual([APP_LINK, ACME]);
  });

  it('counts one account once when two readings differ only in form', () => {
    const variants = [
      ` ${ACME}\n`,
      'OTPAUTH://TOTP/Acme%20Corp:dana%40acme.test?issuer=Acme%20Corp&secret=krsxg5ctmvrxezlu',
      'otpauth://totp/Acme Corp:dana@acme.test?secret=KRSX G5CT MVRX EZLU&issuer=Acme%20Corp',
      'otpauth://totp/Acme%20Corp:dana%40acme.test?secret=KRSXG5CTMVRXEZLU%3D%3D%3D%3D&issuer=Acme%20Corp',
    ];
    expect(mergeDecoded([ACME], variants)).toEqual([ACME]);
  });

  it('keeps codes that differ in what they set up', () => {
    const otherUser = ACME.replace('dana', 'erin');
    const otherSecret = ACME.replace('KRSX', 'MFRG');
    const sixtySeconds = `${ACME}&period=60`;
    expect(mergeDecoded([ACME, otherUser], [otherSecret, sixtySeconds])).toEqual([
      ACME,
      otherUser,
      otherSecret,
      sixtySeconds,
    ]);
  });

  it('de-duplicates exports and other texts exactly, trimmed', () => {
    expect(mergeDecoded([EXPORT, APP_LINK], [` ${EXPORT}`, APP_LINK, `${APP_LINK}/`])).toEqual([
      EXPORT,
      APP_LINK,
      `${APP_LINK}/`,
    ]);
  });
});
