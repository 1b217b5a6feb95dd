import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { firefoxPath } from '../../scripts/lib/browsers.mjs';
import { MASTER_PASSWORD } from '../e2e/helpers';
import { startStaticServer } from '../e2e/static-server';

/** The Firefox test build: it opens its popup in a tab on install, since BiDi cannot navigate to moz-extension://. */
export const FIREFOX_EXTENSION_DIR = resolve('.output/firefox-mv3-e2e');

/**
 * Tessera's fill button: its host's tag is random per install, so it is found as the custom element (a name
 * with a hyphen) that Tessera appends to <html>.
 */
export const FILL_BUTTON_HOST = '::-p-xpath(/html/*[contains(local-name(), "-")])';

/** Clicks the fill button once it has been visible and unmoved long enough (500 ms) for a click to count. */
export async function clickFillButton(page: Page): Promise<void> {
  const host = await page.waitForSelector(FILL_BUTTON_HOST, { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 700));
  const box = await host?.boundingBox();
  if (!box) throw new Error('the fill button has no box');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** Launches Debian's Firefox ESR headless over WebDriver BiDi with Tessera installed as a temporary add-on. */
export async function launchFirefoxWithTessera(): Promise<{ browser: Browser; popup: Page }> {
  const executablePath = firefoxPath();
  if (!executablePath) throw new Error('Firefox ESR not found: install firefox-esr or set FIREFOX_PATH.');
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath, headless: true });
  await browser.installExtension(FIREFOX_EXTENSION_DIR);
  return { browser, popup: await findExtensionPage(browser, '/popup.html') };
}

/** The tab showing one of our extension pages (puppeteer reports its url as about:blank, so ask the page). */
export async function findExtensionPage(browser: Browser, path: string): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await browser.pages()) {
      const href = await page.evaluate(() => location.href).catch(() => '');
      if (href.startsWith('moz-extension://') && href.includes(path)) return page;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Tessera's ${path} did not open in Firefox within 15 s.`);
}

/** Firefox with Tessera, and the e2e test pages served on 127.0.0.1 and localhost; `close` ends both. */
export async function launchFirefoxOnTestPages(): Promise<{
  browser: Browser;
  popup: Page;
  port: number;
  close: () => Promise<void>;
}> {
  const { server, port } = await startStaticServer(resolve('tests/e2e/pages'));
  const { browser, popup } = await launchFirefoxWithTessera().catch((error) => {
    server.close();
    throw error;
  });
  const close = async () => {
    await browser.close();
    server.close();
  };
  return { browser, popup, port, close };
}

/** Creates the vault with the test master password on a popup or options page showing the first-run form. */
export async function createVault(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="setup-password"]');
  await page.type('[data-testid="setup-password"]', MASTER_PASSWORD);
  await page.type('[data-testid="setup-confirm"]', MASTER_PASSWORD);
  await page.click('[data-testid="setup-submit"]');
}
