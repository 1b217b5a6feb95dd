import { md5 } from '@noble/hashes/legacy.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { concatBytes, fromBase64, utf8 } from './encoding';

// Everything here returns null when authentication or padding fails, because only the caller knows
// whether that means "wrong password" or "damaged file".

function buffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

/** AES-GCM decryption of `ciphertext || tag` (16-byte tag, no associated data); null if it does not verify. */
export async function aesGcmDecrypt(
  key: Uint8Array,
  nonce: Uint8Array,
  ciphertextAndTag: Uint8Array,
): Promise<Uint8Array | null> {
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', buffer(key), 'AES-GCM', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: buffer(nonce) },
      cryptoKey,
      buffer(ciphertextAndTag),
    );
    return new Uint8Array(plain);
  } catch {
    return null;
  }
}

/** PBKDF2 with WebCrypto, returning `length` bytes. */
export async function pbkdf2(
  hash: 'SHA-1' | 'SHA-256',
  password: string,
  salt: Uint8Array,
  iterations: number,
  length: number,
): Promise<Uint8Array> {
  const base = await crypto.subtle.importKey('raw', utf8(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash, salt: buffer(salt), iterations },
    base,
    length * 8,
  );
  return new Uint8Array(bits);
}

/** SHA-256 with WebCrypto. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', buffer(data)));
}

/** scrypt (pure JS, yields to the event loop so a page stays responsive), returning a 32-byte key. */
export async function scryptKey(
  password: string,
  salt: Uint8Array,
  params: { n: number; r: number; p: number },
): Promise<Uint8Array> {
  // Yielding every 25 ms instead of noble's default 10 ms roughly halves the overhead at Aegis' N = 2^15.
  return scryptAsync(utf8(password), salt, {
    N: params.n,
    r: params.r,
    p: params.p,
    dkLen: 32,
    asyncTick: 25,
  });
}

const SALTED_MAGIC = utf8('Salted__');

/** OpenSSL's EVP_BytesToKey with MD5 and one round: the KDF behind CryptoJS.AES passphrase mode. */
function evpBytesToKey(password: Uint8Array, salt: Uint8Array): { key: Uint8Array; iv: Uint8Array } {
  let derived: Uint8Array = new Uint8Array(0);
  let block: Uint8Array = new Uint8Array(0);
  while (derived.length < 48) {
    block = md5(concatBytes(block, password, salt));
    derived = concatBytes(derived, block);
  }
  return { key: derived.slice(0, 32), iv: derived.slice(32, 48) };
}

/**
 * Decrypts what `CryptoJS.AES.encrypt(text, passphrase).toString()` produces: base64 of
 * "Salted__" + 8-byte salt + AES-256-CBC ciphertext. Null if the framing or padding is wrong.
 */
export async function openSslPassphraseDecrypt(
  base64Text: string,
  passphrase: string,
): Promise<Uint8Array | null> {
  let raw: Uint8Array;
  try {
    raw = fromBase64(base64Text);
  } catch {
    return null;
  }
  if (raw.length < 32 || (raw.length - 16) % 16 !== 0) return null;
  if (!SALTED_MAGIC.every((byte, i) => raw[i] === byte)) return null;
  const { key, iv } = evpBytesToKey(utf8(passphrase), raw.slice(8, 16));
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', buffer(key), 'AES-CBC', false, ['decrypt']);
    return new Uint8Array(
      await crypto.subtle.decrypt({ name: 'AES-CBC', iv: buffer(iv) }, cryptoKey, buffer(raw.slice(16))),
    );
  } catch {
    return null;
  }
}
