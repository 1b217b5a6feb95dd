import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickFillButton, launchFirefoxOnTestPages } from './firefox';

declare const browser: {
  runtime: { sendMessage: (m: unknown) => Promise<{ ok: boolean }> };
  tabs: { query: (q: object) => Promise<{ id: number; url?: string }[]> };
};

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Waits for a visible element by data-testid in the popup and clicks it. */
async function click(popup: Page, testId: string, text?: string): Promise<void> {
  const selector = `[data-testid="${testId}"]`;
  await popup.waitForSelector(selector, { visible: true });
  if (!text) return void (await popup.click(selector));
  await popup.waitForFunction(
    (s, t) => [...document.querySelectorAll(s)].some((e) => e.textContent === t),
    {},
    selector,
    text,
  );
  await popup.evaluate(
    (s, t) => ([...document.querySelectorAll(s)].find((e) => e.textContent === t) as HTMLElement).click(),
    selector,
    text,
  );
}

describe('Firefox ESR: bind on first use, then fill', () => {
  let firefox: Browser;
  let popup: Page;
  let port: number;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ browser: firefox, popup, port, close } = await launchFirefoxOnTestPages());
  });
  afterAll(async () => close?.());

  it('offers the account that names the site, binds it only after the question, and fills', {
    timeout: 120_000,
  }, async () => {
    await popup.evaluate(async (secret) => {
      await browser.runtime.sendMessage({ type: 'vault/setup', password: 'correct horse battery staple' });
      await browser.runtime.sendMessage({
        type: 'enroll/add',
        text: `otpauth://totp/GitHub:octocat?secret=${secret}&issuer=GitHub`,
        sites: [],
        onDuplicate: 'keep-both',
      });
    }, SECRET);

    const page = await firefox.newPage();
    const url = `http://github.localhost:${port}/totp-login.html`;
    await page.goto(url);
    // The popup, pointed at that tab as a toolbar click would (README: popup.html?tab=ID).
    const tabId = await popup.evaluate(
      async (href) => (await browser.tabs.query({})).find((tab) => tab.url === href)?.id,
      url,
    );
    expect(tabId).toBeTypeOf('number');
    await popup.evaluate((id) => {
      location.search = `?tab=${id}`;
    }, tabId);
    await popup.waitForSelector('[data-testid="bind-offer"]', { timeout: 15_000 });

    await click(popup, 'bind-choice', 'GitHub (octocat)');
    const question = await popup.$eval('[data-testid="bind-question"]', (e) => e.textContent);
    expect(question).toBe('Fill GitHub (octocat) codes on github.localhost from now on?');
    await click(popup, 'bind-cancel');
    expect(await page.$eval('#otp', (e) => (e as HTMLInputElement).value)).toBe('');

    await click(popup, 'bind-choice', 'GitHub (octocat)');
    await click(popup, 'bind-confirm');
    await page.waitForFunction(() =>
      /^\d{6}$/.test((document.getElementById('otp') as HTMLInputElement).value),
    );
    await popup.waitForFunction(
      () =>
        document.querySelector('[data-testid="account-sites"]')?.textContent === 'Fills on github.localhost',
    );

    // From now on the page's own fill button fills this account's codes there, in a tab the user looks at.
    // The popup's code was used in this time step, so the button may wait for the next one (at most 30 s).
    const again = await firefox.newPage();
    await again.goto(page.url());
    await clickFillButton(again);
    await again.waitForFunction(
      () => /^\d{6}$/.test((document.getElementById('otp') as HTMLInputElement).value),
      { timeout: 40_000 },
    );
  });
});
