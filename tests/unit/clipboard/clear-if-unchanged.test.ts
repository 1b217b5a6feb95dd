import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  type ClipboardAccess,
  clearIfUnchanged,
  clipboardFingerprint,
} from '../../../lib/clipboard/clear-if-unchanged';

/** A clipboard that remembers what is on it, as the system clipboard does. */
function clipboardHolding(text: string): ClipboardAccess & { text: string } {
  return {
    text,
    async readText() {
      return this.text;
    },
    async writeText(next: string) {
      this.text = next;
    },
  };
}

describe('clipboardFingerprint', () => {
  it('is the standard SHA-256 of the UTF-8 text', async () => {
    for (const text of ['', '123456', 'ABCD-EFGH\nIJKL-MNOP', 'Café ✓']) {
      expect(await clipboardFingerprint(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
    }
  });

  it('does not tell Windows and Unix line endings apart (the clipboard may convert them)', async () => {
    expect(await clipboardFingerprint('ABCD-EFGH\r\nIJKL-MNOP')).toBe(
      await clipboardFingerprint('ABCD-EFGH\nIJKL-MNOP'),
    );
  });
});

describe('clearIfUnchanged', () => {
  it('empties a clipboard that still holds the copied code', async () => {
    const clipboard = clipboardHolding('287082');
    expect(await clearIfUnchanged(clipboard, await clipboardFingerprint('287082'))).toBe('cleared');
    expect(clipboard.text).toBe('');
  });

  it('leaves alone what the user copied since', async () => {
    const clipboard = clipboardHolding('my next paste');
    expect(await clearIfUnchanged(clipboard, await clipboardFingerprint('287082'))).toBe('changed');
    expect(clipboard.text).toBe('my next paste');
  });

  it('treats a code plus a stray newline as something else', async () => {
    const clipboard = clipboardHolding('287082\n');
    expect(await clearIfUnchanged(clipboard, await clipboardFingerprint('287082'))).toBe('changed');
    expect(clipboard.text).toBe('287082\n');
  });

  it('writes nothing when the clipboard cannot be read', async () => {
    let written = false;
    const clipboard: ClipboardAccess = {
      readText: () => Promise.reject(new Error('Document is not focused.')),
      writeText: async () => {
        written = true;
      },
    };
    expect(await clearIfUnchanged(clipboard, await clipboardFingerprint('287082'))).toBe('unreadable');
    expect(written).toBe(false);
  });
});
