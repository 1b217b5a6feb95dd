/** What a scanned QR code holds, as far as Tessera cares. */
export type QrContent =
  | { kind: 'otpauth'; uri: string }
  | { kind: 'migration'; uri: string }
  | { kind: 'other'; text: string };

/** Sorts QR text into an otpauth:// URI, a Google Authenticator export (otpauth-migration://), or anything else. */
export function classifyQrText(text: string): QrContent {
  const uri = text.trim();
  // Schemes are case-insensitive (RFC 3986 §3.1); parsing is lib/otp's job.
  if (/^otpauth:\/\//i.test(uri)) return { kind: 'otpauth', uri };
  if (/^otpauth-migration:\/\//i.test(uri)) return { kind: 'migration', uri };
  return { kind: 'other', text };
}

/** Percent-decodes part of a URI, keeping it as it is when it is not valid percent-encoding. */
export function decodeUriPart(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
