import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickFillButton, FILL_BUTTON_HOST, launchFirefoxOnTestPages } from './firefox';

declare const browser: {
  runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean; prompt?: string | null }> };
  tabs: { query: (q: object) => Promise<{ id: number }[]> };
};

describe('Firefox ESR', () => {
  let firefox: Browser;
  let popup: Page;
  let port: number;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ browser: firefox, popup, port, close } = await launchFirefoxOnTestPages());
  });
  afterAll(async () => close?.());

  it('renders the popup and reaches the background', async () => {
    await popup.waitForSelector('[data-testid="setup-password"]');
    const heading = await popup.$eval('h1', (h) => h.textContent);
    expect(heading).toBe('Create your Tessera vault');
    const status = await popup.evaluate(() => browser.runtime.sendMessage({ type: 'vault/status' }));
    expect(status).toEqual({ ok: true, state: 'uninitialized' });
  });

  it('hears from the content script on a page with a code prompt', async () => {
    const page = await firefox.newPage();
    await page.goto(`http://127.0.0.1:${port}/totp-login.html`);
    const kinds = await popup.evaluate(async () => {
      for (let attempt = 0; attempt < 50; attempt++) {
        const found: (string | null | undefined)[] = [];
        for (const tab of await browser.tabs.query({})) {
          found.push((await browser.runtime.sendMessage({ type: 'tab/state', tabId: tab.id })).prompt);
        }
        if (found.some(Boolean)) return found.filter(Boolean);
        await new Promise((r) => setTimeout(r, 200));
      }
      return [];
    });
    expect(kinds).toEqual(['totp']);
  });

  it('fills a code through the button drawn next to the field, on the account’s site only', async () => {
    const added = await popup.evaluate(async () => {
      await browser.runtime.sendMessage({ type: 'vault/setup', password: 'correct horse battery staple' });
      return browser.runtime.sendMessage({
        type: 'enroll/add',
        text: 'otpauth://totp/Local:fox?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U&issuer=Local',
        sites: [{ host: '127.0.0.1', exact: false }],
        onDuplicate: 'keep-both',
      });
    });
    expect(added).toMatchObject({ ok: true });

    const page = await firefox.newPage();
    await page.goto(`http://127.0.0.1:${port}/totp-login.html`);
    await clickFillButton(page);
    await page.waitForFunction(() =>
      /^\d{6}$/.test((document.getElementById('otp') as HTMLInputElement).value),
    );

    const elsewhere = await firefox.newPage();
    await elsewhere.goto(`http://localhost:${port}/totp-login.html`);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await elsewhere.$(FILL_BUTTON_HOST)).toBeNull();
  });

  it('refuses malformed messages with a clear error', async () => {
    const reply = await popup.evaluate(() =>
      browser.runtime.sendMessage({ type: 'vault/unlock', password: 42 }),
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });
});
