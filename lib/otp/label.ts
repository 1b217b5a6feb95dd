/** Longest issuer or account name we keep (AccountSchema's limit). */
export const MAX_NAME_LENGTH = 256;

/**
 * Splits a Key URI label or migration name `Issuer:account` (spaces after the colon allowed). An explicit
 * issuer wins over the label prefix, and the label keeps only the account name.
 */
export function splitLabel(label: string, explicitIssuer: string): { issuer: string; label: string } {
  const issuer = explicitIssuer.trim();
  // Checked first so an issuer that itself contains a colon is stripped whole.
  if (issuer !== '' && label.startsWith(`${issuer}:`)) {
    return { issuer, label: label.slice(issuer.length + 1).trim() };
  }
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer, label: label.trim() };
  return { issuer: issuer || label.slice(0, colon).trim(), label: label.slice(colon + 1).trim() };
}

/** Steam Guard is only ever TOTP under the issuer "Steam"; no site issues otpauth links for it. */
export function isSteamIssuer(issuer: string): boolean {
  return issuer.trim().toLowerCase() === 'steam';
}
