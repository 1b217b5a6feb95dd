import { createHmac } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { describe, expect, it } from 'vitest';
import type { Account } from '../../../lib/otp/account';
import { generateCode, secretStrength } from '../../../lib/otp/generate';

const ascii = (text: string) => base32nopad.encode(new TextEncoder().encode(text));

function account(overrides: Partial<Account>): Account {
  return {
    type: 'totp',
    issuer: 'Example',
    label: 'alice',
    secret: ascii('12345678901234567890'),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}

describe('HOTP: RFC 4226 Appendix D', () => {
  const expected = [
    '755224',
    '287082',
    '359152',
    '969429',
    '338314',
    '254676',
    '287922',
    '162583',
    '399871',
    '520489',
  ];
  it.each(expected.map((code, counter) => [counter, code] as const))(
    'counter %i → %s',
    async (counter, code) => {
      expect(await generateCode(account({ type: 'hotp', counter }), 0)).toEqual({ code, expiresAtMs: null });
    },
  );

  it('does not depend on the clock', async () => {
    const hotp = account({ type: 'hotp', counter: 3 });
    expect((await generateCode(hotp, 1_700_000_000_000)).code).toBe('969429');
  });
});

describe('TOTP: RFC 6238 Appendix B', () => {
  const seeds = {
    SHA1: '12345678901234567890',
    SHA256: '12345678901234567890123456789012',
    SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
  } as const;
  const vectors: [number, string, keyof typeof seeds][] = [
    [59, '94287082', 'SHA1'],
    [59, '46119246', 'SHA256'],
    [59, '90693936', 'SHA512'],
    [1111111109, '07081804', 'SHA1'],
    [1111111109, '68084774', 'SHA256'],
    [1111111109, '25091201', 'SHA512'],
    [1111111111, '14050471', 'SHA1'],
    [1111111111, '67062674', 'SHA256'],
    [1111111111, '99943326', 'SHA512'],
    [1234567890, '89005924', 'SHA1'],
    [1234567890, '91819424', 'SHA256'],
    [1234567890, '93441116', 'SHA512'],
    [2000000000, '69279037', 'SHA1'],
    [2000000000, '90698825', 'SHA256'],
    [2000000000, '38618901', 'SHA512'],
    [20000000000, '65353130', 'SHA1'],
    [20000000000, '77737706', 'SHA256'],
    [20000000000, '47863826', 'SHA512'],
  ];
  it.each(vectors)('T=%i → %s (%s)', async (seconds, code, algorithm) => {
    const totp = account({ algorithm, secret: ascii(seeds[algorithm]), digits: 8 });
    const result = await generateCode(totp, seconds * 1000);
    expect(result.code).toBe(code);
    expect(result.expiresAtMs).toBe((Math.floor(seconds / 30) + 1) * 30_000);
  });

  it('ignores milliseconds within a step and changes at the step boundary', async () => {
    const totp = account({ digits: 8 });
    expect(await generateCode(totp, 59_999)).toEqual({ code: '94287082', expiresAtMs: 60_000 });
    expect((await generateCode(totp, 60_000)).expiresAtMs).toBe(90_000);
    expect((await generateCode(totp, 60_000)).code).not.toBe('94287082');
  });

  it('uses the account period', async () => {
    const totp = account({ period: 60 });
    const first = await generateCode(totp, 0);
    expect(first.expiresAtMs).toBe(60_000);
    expect((await generateCode(totp, 59_000)).code).toBe(first.code);
    // Same step counter as the RFC's T=59 with a 30 s period: step 1.
    expect((await generateCode(account({ period: 60, digits: 8 }), 60_000)).code).toBe('94287082');
  });

  it('accepts the longest secret the parser accepts (1024 characters, 640 bytes)', async () => {
    const code = await generateCode(account({ secret: 'GEZDGNBV'.repeat(128) }), 0);
    expect(code.code).toMatch(/^\d{6}$/);
  });

  it('accepts 80-bit secrets (otplib alone refuses under 128 bits)', async () => {
    const code = await generateCode(account({ secret: 'JBSWY3DPEHPK3PXP' }), 0);
    expect(code.code).toMatch(/^\d{6}$/);
  });
});

/** Steam Guard written out from the public algorithm, on node:crypto, independent of otplib. */
function steamReference(secret: Uint8Array, seconds: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(seconds / 30)));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[19] ?? 0) & 0x0f;
  let value = mac.readUInt32BE(offset) & 0x7fffffff;
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += '23456789BCDFGHJKMNPQRTVWXY'[value % 26];
    value = Math.floor(value / 26);
  }
  return code;
}

describe('Steam Guard', () => {
  const steam = account({ type: 'steam', issuer: 'Steam', secret: 'JBSWY3DPEHPK3PXP', digits: 5 });

  // Pinned: computed with Python's hmac module from the public algorithm, and equal to the values another
  // project published after checking them against a live Steam authenticator.
  it.each([
    [59, '2YXGV'],
    [1111111109, 'CWDGV'],
    [1700000000, '2KM2P'],
  ])('T=%i → %s', async (seconds, code) => {
    expect(await generateCode(steam, seconds * 1000)).toEqual({
      code,
      expiresAtMs: (Math.floor(seconds / 30) + 1) * 30_000,
    });
  });

  it('matches an independent implementation across many steps', async () => {
    const secretBytes = base32nopad.decode(steam.secret);
    for (let seconds = 1_600_000_000; seconds < 1_600_000_000 + 200 * 30; seconds += 30) {
      expect((await generateCode(steam, seconds * 1000)).code).toBe(steamReference(secretBytes, seconds));
    }
  });

  it('is always SHA1, 30 s and 5 symbols whatever the stored fields say', async () => {
    const odd = { ...steam, algorithm: 'SHA512', period: 60, digits: 8 } as const;
    expect(await generateCode(odd, 59_000)).toEqual({ code: '2YXGV', expiresAtMs: 60_000 });
  });
});

describe('short secrets: codes as other authenticators compute them', () => {
  // Pinned with Python's hmac module (RFC 6238 reference algorithm) at the RFC's own test times.
  it.each([
    ['48-bit "Hello!"', 'JBSWY3DPEE', ['945916', '229219', '240862']],
    ['72-bit "123456789"', 'GEZDGNBVGY3TQOI', ['053248', '746837', '242167']],
    ["80-bit, Google's key-URI example", 'JBSWY3DPEHPK3PXP', ['996554', '071271', '890699']],
  ] as const)('%s', async (_name, secret, codes) => {
    const times = [59, 1_111_111_109, 2_000_000_000];
    for (const [i, seconds] of times.entries()) {
      expect((await generateCode(account({ secret }), seconds * 1000)).code).toBe(codes[i]);
    }
  });

  it('generates from a one-byte secret and flags it', async () => {
    expect((await generateCode(account({ secret: 'AE' }), 59_000)).code).toMatch(/^\d{6}$/);
    expect(secretStrength('AE')).toBe('weak');
  });
});

describe('secretStrength', () => {
  it.each([
    ['JBSWY3DPEE', 'weak'], // 48 bits
    ['GEZDGNBVGY3TQOI', 'weak'], // 72 bits: one byte short of what sites issue
    ['JBSWY3DPEHPK3PXP', 'ok'], // 80 bits: what most sites issue, no badge
    ['JBSWY3DPEHPK3PXPJBSWY3DPE', 'ok'], // 125 bits
    [ascii('12345678901234567890'), 'ok'], // 160 bits
  ] as const)('%s → %s', (secret, strength) => {
    expect(secretStrength(secret)).toBe(strength);
  });
});
