/**
 * SHA-256 (lower-case hex) of clipboard text: how the background remembers what Tessera copied without keeping
 * it. Line endings are normalised first, since the system clipboard and a textarea read-back may change them.
 */
export async function clipboardFingerprint(text: string): Promise<string> {
  const normalised = text.replace(/\r\n?/g, '\n');
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(normalised));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Reading and writing the system clipboard, however the context at hand can do it. */
export interface ClipboardAccess {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export type ClearOutcome = 'cleared' | 'changed' | 'unreadable';

/**
 * Empties the clipboard only if it still holds the text whose hash is `expectedSha256`: whatever the user
 * copied since (a password, a link) is theirs and stays.
 */
export async function clearIfUnchanged(
  clipboard: ClipboardAccess,
  expectedSha256: string,
): Promise<ClearOutcome> {
  let current: string;
  try {
    current = await clipboard.readText();
  } catch {
    return 'unreadable';
  }
  if ((await clipboardFingerprint(current)) !== expectedSha256) return 'changed';
  await clipboard.writeText('');
  return 'cleared';
}
