import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchFirefoxWithTessera } from './firefox';

declare const browser: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } };

/** Copies text from the popup as its Copy buttons do: write, then hand the fingerprint to the background. */
async function copyFromPopup(popup: Page, text: string): Promise<unknown> {
  return popup.evaluate(async (copied) => {
    await navigator.clipboard.writeText(copied);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(copied));
    const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    return browser.runtime.sendMessage({ type: 'clipboard/copied', sha256 });
  }, text);
}

const clipboardText = (page: Page) => page.evaluate(() => navigator.clipboard.readText());

describe('Firefox ESR: clipboard clearing from the background page', () => {
  let firefox: Browser;
  let popup: Page;

  beforeAll(async () => {
    ({ browser: firefox, popup } = await launchFirefoxWithTessera());
    await popup.evaluate(() =>
      browser.runtime.sendMessage({ type: 'options/settings/set', settings: { clipboardClearSeconds: 1 } }),
    );
  });
  afterAll(async () => {
    await firefox?.close();
  });

  it('empties the clipboard after the delay when it still holds the copy', async () => {
    expect(await copyFromPopup(popup, '287082')).toEqual({ ok: true, clearInSeconds: 1 });
    expect(await clipboardText(popup)).toBe('287082');
    await expect.poll(() => clipboardText(popup), { timeout: 6000, interval: 250 }).toBe('');
  });

  it('leaves what was copied since', async () => {
    await copyFromPopup(popup, '359152');
    await popup.evaluate(() => navigator.clipboard.writeText('my shopping list'));
    await new Promise((r) => setTimeout(r, 2500));
    expect(await clipboardText(popup)).toBe('my shopping list');
  });
});
