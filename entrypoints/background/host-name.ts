import { browser } from 'wxt/browser';

const KEY = 'fillButtonHost';
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Random lower-case letters: a valid custom-element name needs a letter first and a hyphen inside. */
function letters(n: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => LETTERS[b % 26]).join('');
}

/**
 * This install's element name for the fill button's host, made once and kept: a fixed tag would let any page
 * learn from one selector that Tessera holds an account for it.
 */
export async function fillButtonHostName(): Promise<string> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  if (typeof stored === 'string' && /^[a-z]{3,8}-[a-z]{3,8}$/.test(stored)) return stored;
  const name = `${letters(3 + ((crypto.getRandomValues(new Uint8Array(1))[0] ?? 0) % 6))}-${letters(6)}`;
  await browser.storage.local.set({ [KEY]: name });
  return name;
}
