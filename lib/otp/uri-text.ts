/** Longest link we read: a QR code holds at most 2953 bytes, so longer text is not from a QR code. */
export const MAX_URI_LENGTH = 4096;

/**
 * Percent-decodes what can be decoded and keeps malformed sequences (`100%`) as typed, since
 * QR generators are sloppy and one bad escape should not lose the account.
 */
export function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Query parameters with lower-cased names (upper-case QR codes exist); the first occurrence wins. */
export function parseQuery(query: string, plusIsSpace: boolean): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const name = percentDecode(eq < 0 ? pair : pair.slice(0, eq)).toLowerCase();
    const raw = eq < 0 ? '' : pair.slice(eq + 1);
    if (name !== '' && !params.has(name))
      params.set(name, percentDecode(plusIsSpace ? raw.replace(/\+/g, ' ') : raw));
  }
  return params;
}
