/**
 * Turns what the user scanned or pasted into what the background enrolls: otpauth:// URIs, one per line.
 * A Google Authenticator export is decoded here, on demand, so its protobuf code is loaded only when needed
 * and never in the service worker.
 */
export async function enrollText(input: string): Promise<string> {
  const text = input.trim();
  if (!/^otpauth-migration:/i.test(text)) return text;
  const [{ parseMigration }, { formatOtpauth }] = await Promise.all([
    import('../../lib/otp/migration'),
    import('../../lib/otp/parse-otpauth'),
  ]);
  return parseMigration(text).map(formatOtpauth).join('\n');
}
