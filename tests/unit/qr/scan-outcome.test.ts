import { describe, expect, it } from 'vitest';
import { scanOutcome } from '../../../lib/qr/scan-outcome';

const GITHUB = 'otpauth://totp/GitHub:octocat?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const GOOGLE = 'otpauth://totp/Google%3Aalice%40gmail.com?secret=JBSWY3DPEHPK3PXQ&issuer=Google';
const EXPORT = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU';

describe('scanOutcome', () => {
  it('one setup code among other QR codes is the one to confirm', () => {
    expect(scanOutcome(['https://example.com/app', GITHUB], 'Export')).toEqual({ kind: 'one', text: GITHUB });
  });

  it('several setup codes become a pick list with readable names', () => {
    expect(scanOutcome([GITHUB, GOOGLE, EXPORT], 'Google Authenticator export')).toEqual({
      kind: 'several',
      codes: [
        { text: GITHUB, label: 'GitHub:octocat' },
        { text: GOOGLE, label: 'Google:alice@gmail.com' },
        { text: EXPORT, label: 'Google Authenticator export' },
      ],
    });
  });

  it('a QR code that is not a setup code says what it holds', () => {
    expect(scanOutcome(['https://example.com/download'], 'Export')).toEqual({
      kind: 'not-setup',
      text: 'https://example.com/download',
    });
  });

  it('no QR code at all is "none"', () => {
    expect(scanOutcome([], 'Export')).toEqual({ kind: 'none' });
  });

  it('accepts upper-case schemes as real QR generators write them', () => {
    expect(scanOutcome(['OTPAUTH://TOTP/X?SECRET=JBSWY3DPEHPK3PXP'], 'Export').kind).toBe('one');
  });

  it('a picture left unread outside the visible area asks to scroll it into view, even past another QR', () => {
    expect(scanOutcome([], 'Export', true)).toEqual({ kind: 'out-of-view' });
    expect(scanOutcome(['https://apps.example.com/acme'], 'Export', true)).toEqual({ kind: 'out-of-view' });
  });

  it('a setup code found needs no scrolling, whatever else the page holds', () => {
    expect(scanOutcome([GITHUB], 'Export', true)).toEqual({ kind: 'one', text: GITHUB });
  });
});
