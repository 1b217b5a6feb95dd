import { base32nopad, base64, hex } from '@scure/base';

/** Thrown by the decoders below; callers turn it into a corrupt-file or per-entry error. */
export class EncodingError extends Error {
  override readonly name = 'EncodingError';
}

/** Decodes hex (either case); throws EncodingError when it is not hex. */
export function fromHex(text: string): Uint8Array<ArrayBuffer> {
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(text)) throw new EncodingError('not hexadecimal');
  return new Uint8Array(hex.decode(text.toLowerCase()));
}

/** Encodes bytes as lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  return hex.encode(bytes);
}

/** Decodes padded standard base64, ignoring line breaks; throws EncodingError otherwise. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  try {
    return new Uint8Array(base64.decode(text.replace(/\s+/g, '')));
  } catch {
    throw new EncodingError('not base64');
  }
}

/** Encodes bytes as canonical base32 (upper case, no padding). */
export function toBase32(bytes: Uint8Array): string {
  return base32nopad.encode(bytes);
}

/** Decodes strict UTF-8; returns null on invalid byte sequences. */
export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Encodes text as UTF-8. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(text);
}

/** Joins byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
