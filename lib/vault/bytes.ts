import { base64 } from '@scure/base';

/** `n` bytes from the platform CSPRNG. */
export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(n));
}

/** UTF-8 encoding of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Standard base64 with padding. */
export function bytesToBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/** Inverse of bytesToBase64; a copy backed by its own ArrayBuffer, as WebCrypto wants. */
export function base64ToBytes(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array(base64.decode(text));
}
