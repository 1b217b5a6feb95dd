import { classifyQrText, decodeUriPart } from './classify';

/** True once any text is a setup code (otpauth:// or otpauth-migration://): the scan may stop looking. */
export function hasSetupCode(texts: readonly string[]): boolean {
  return texts.some((text) => classifyQrText(text).kind !== 'other');
}

/**
 * One list from what each source read (page pictures first, then the screenshot), in that order, with
 * each code once. The same code read twice can differ in ways that do not change the account: spaces
 * around it, the scheme's case, the order of its parameters, the secret's case, spaces or padding.
 */
export function mergeDecoded(...sources: readonly (readonly string[])[]): string[] {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const text of sources.flat()) {
    const key = sameCodeKey(text);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(text.trim());
  }
  return merged;
}

function sameCodeKey(text: string): string {
  const content = classifyQrText(text);
  if (content.kind !== 'otpauth') return content.kind === 'migration' ? content.uri : text.trim();
  const match = /^otpauth:\/\/([^/?#]*)\/([^?#]*)\??([^#]*)/i.exec(content.uri);
  if (!match) return content.uri;
  const [, type = '', label = '', query = ''] = match;
  const params = [...new URLSearchParams(query)]
    .map(([name, value]) => {
      const key = name.toLowerCase();
      // Base32 is case-insensitive; authenticators also accept it grouped with spaces and unpadded.
      return [key, key === 'secret' ? value.toUpperCase().replace(/[\s=]/g, '') : value] as const;
    })
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `otpauth://${type.toLowerCase()}/${decodeUriPart(label)}?${params.map((p) => p.join('=')).join('&')}`;
}
