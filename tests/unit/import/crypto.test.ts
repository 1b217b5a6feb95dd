import { describe, expect, it } from 'vitest';
import { aesGcmDecrypt, openSslPassphraseDecrypt, pbkdf2, scryptKey } from '../../../lib/import/crypto';
import { toHex, utf8 } from '../../../lib/import/encoding';

describe('openSslPassphraseDecrypt (CryptoJS.AES passphrase mode)', () => {
  // `printf JBSWY3DPEHPK3PXP | openssl enc -aes-256-cbc -md md5 -S 0102030405060708 -pass pass:'correct horse' -base64`
  // (OpenSSL 3 omits the "Salted__" header when -S is given, so the test adds it as CryptoJS writes it.)
  const sealed = Buffer.concat([
    Buffer.from('Salted__'),
    Buffer.from('0102030405060708', 'hex'),
    Buffer.from('uk/9R6OPBkUmKjeLor/35W78Dch/zIuRHKlm9GQSUzo=', 'base64'),
  ]).toString('base64');

  it('decrypts what OpenSSL encrypts with EVP_BytesToKey(MD5)', async () => {
    const plain = await openSslPassphraseDecrypt(sealed, 'correct horse');
    expect(plain && new TextDecoder().decode(plain)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('returns null for a wrong passphrase or missing framing', async () => {
    expect(await openSslPassphraseDecrypt(sealed, 'wrong horse')).toBeNull();
    expect(
      await openSslPassphraseDecrypt('uk/9R6OPBkUmKjeLor/35W78Dch/zIuRHKlm9GQSUzo=', 'correct horse'),
    ).toBeNull();
    expect(await openSslPassphraseDecrypt('not base64!', 'correct horse')).toBeNull();
  });
});

describe('key derivation matches published test vectors', () => {
  it('scrypt: RFC 7914 §12 ("password", "NaCl", N=1024, r=8, p=16)', async () => {
    const key = await scryptKey('password', utf8('NaCl'), { n: 1024, r: 8, p: 16 });
    expect(toHex(key)).toBe('fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162');
  });

  it('PBKDF2-HMAC-SHA1: RFC 6070 ("password", "salt", 2 iterations)', async () => {
    expect(toHex(await pbkdf2('SHA-1', 'password', utf8('salt'), 2, 20))).toBe(
      'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957',
    );
  });
});

describe('aesGcmDecrypt', () => {
  it('returns null instead of throwing when the tag does not verify', async () => {
    const key = new Uint8Array(32).fill(7);
    const iv = new Uint8Array(12).fill(1);
    const cryptoKey = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
    const sealed = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, cryptoKey, utf8('hello')),
    );
    expect(new TextDecoder().decode((await aesGcmDecrypt(key, iv, sealed)) ?? new Uint8Array())).toBe(
      'hello',
    );
    expect(await aesGcmDecrypt(new Uint8Array(32), iv, sealed)).toBeNull();
  });
});
