import { clipboardFingerprint } from '../lib/clipboard/clear-if-unchanged';
import { send } from './messaging';

/**
 * Puts text on the clipboard and hands its fingerprint to the background, which clears it after the user's
 * delay even once this page has closed. Resolves to the seconds until then (0: never), null if the copy failed.
 */
export async function copySecretText(text: string): Promise<number | null> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    return null;
  }
  const reply = await send({ type: 'clipboard/copied', sha256: await clipboardFingerprint(text) });
  return reply.ok ? reply.clearInSeconds : 0;
}
