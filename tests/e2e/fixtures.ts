import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from 'playwright/test';
import type { browser } from 'wxt/browser';
import { chromiumPath } from '../../scripts/lib/browsers.mjs';
import { startStaticServer } from './static-server';

/** The build users load, and the test build that holds the host access a toolbar click would grant (activeTab). */
export const EXTENSION_DIRS = {
  product: resolve('.output/chrome-mv3'),
  e2e: resolve('.output/chrome-mv3-e2e'),
};

interface Fixtures {
  /** Which build to load; tests that need activeTab's powers (scan, capture) use 'e2e'. */
  build: keyof typeof EXTENSION_DIRS;
  /** The browser's UI language, e.g. 'de'; unset, Chromium's default (English). */
  uiLanguage: string | undefined;
  context: BrowserContext;
  background: Worker;
  extensionId: string;
  /** URL of a page under tests/e2e/pages, on 127.0.0.1 unless another loopback host name is given. */
  pageUrl: (path: string, host?: '127.0.0.1' | 'localhost') => string;
  /** Opens the popup as a tab, pointed at `forTab` as if the toolbar button had been clicked there. */
  openPopup: (forTab?: Page) => Promise<Page>;
  /**
   * Clicks the toolbar button on `forTab` (which grants activeTab in the real build), then opens the popup in
   * a window of its own over the page, the page's tab still active in its window: what a user has, so
   * captureVisibleTab captures the page rather than the popup.
   */
  openPopupWindow: (forTab: Page) => Promise<Page>;
}

export const test = base.extend<Fixtures, { port: number }>({
  port: [
    async ({}, use) => {
      const { server, port } = await startStaticServer(resolve('tests/e2e/pages'));
      await use(port);
      server.close();
    },
    { scope: 'worker' },
  ],
  build: ['product', { option: true }],
  uiLanguage: [undefined, { option: true }],
  context: async ({ build, uiLanguage }, use) => {
    const { context, close } = await launchWithExtension(EXTENSION_DIRS[build], uiLanguage);
    await use(context);
    await close();
  },
  background: async ({ context, extensionId }, use) => {
    await use(await serviceWorkerOf(context, extensionId));
  },
  extensionId: async ({ build }, use) => {
    await use(unpackedExtensionId(EXTENSION_DIRS[build]));
  },
  pageUrl: async ({ port }, use) => {
    await use((path, host = '127.0.0.1') => `http://${host}:${port}/${path}`);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async (forTab) => {
      const tabId = forTab ? await tabIdOf(context, extensionId, forTab) : undefined;
      const popup = await context.newPage();
      await popup.goto(
        `chrome-extension://${extensionId}/popup.html${tabId === undefined ? '' : `?tab=${tabId}`}`,
      );
      return popup;
    });
  },
  openPopupWindow: async ({ context, extensionId }, use) => {
    await use(async (forTab) => {
      await clickToolbarButton(context, extensionId, forTab);
      const tabId = await tabIdOf(context, extensionId, forTab);
      const opened = context.waitForEvent('page', { predicate: (p) => p.url().includes('/popup.html') });
      const worker = await serviceWorkerOf(context, extensionId);
      await worker.evaluate(async (url) => {
        const { chrome } = globalThis as unknown as { chrome: typeof browser };
        await chrome.windows.create({ url, type: 'popup', width: 380, height: 600 });
      }, `chrome-extension://${extensionId}/popup.html?tab=${tabId}`);
      return opened;
    });
  },
});

/**
 * Runs the extension's toolbar action on a page's tab, as a click on the button does: Chromium grants
 * activeTab for the tab. CDP's Extensions.triggerAction needs the browser-level session, the tab's
 * target (not its page's) and --enable-unsafe-extension-debugging. The popup it opens is not a
 * Playwright page; the test opens its own in a window.
 */
async function clickToolbarButton(context: BrowserContext, extensionId: string, page: Page): Promise<void> {
  const browserSession = await context.browser()?.newBrowserCDPSession();
  if (!browserSession) throw new Error('no browser-level CDP session to click the toolbar button');
  const { targetInfos } = await browserSession.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tabs = targetInfos.filter((t) => t.type === 'tab' && t.url === page.url());
  const [tab] = tabs;
  if (!tab || tabs.length > 1)
    throw new Error(`expected one tab showing ${page.url()}, found ${tabs.length}`);
  await browserSession.send('Extensions.triggerAction', { id: extensionId, targetId: tab.targetId });
  await browserSession.detach();
}

/**
 * Headless Chromium with the unpacked extension in a new profile; `close` also deletes the profile.
 * A UI language needs both switches: `--lang` picks the extension's `_locales` folder, while headless pages
 * report their language (`i18n.getUILanguage()`, which picks plural rules and date formats) from `locale`.
 */
export async function launchWithExtension(
  dir: string,
  uiLanguage?: string,
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // The last flag lets the tests click the toolbar button through CDP (Extensions.triggerAction).
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      ...(uiLanguage ? [`--lang=${uiLanguage}`] : []),
      '--enable-unsafe-extension-debugging',
    ],
    ...(uiLanguage ? { locale: uiLanguage } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium's id for an unpacked extension: the SHA-256 of its absolute path, first 32 hex digits written with
 * the letters a–p. Computing it avoids racing the service worker's first start.
 */
function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The extension's service worker, woken by opening one of its pages if Chromium had stopped it. */
export async function serviceWorkerOf(context: BrowserContext, extensionId: string): Promise<Worker> {
  const running = () =>
    context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
  const found = running();
  if (found) return found;
  const waiting = context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(extensionId) });
  const page = await context.newPage();
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  const worker = running() ?? (await waiting);
  await page.close();
  return worker;
}

/** The extension-side id of a page's tab: bring it to the front and ask for the active tab (no `tabs` permission needed). */
async function tabIdOf(context: BrowserContext, extensionId: string, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = await serviceWorkerOf(context, extensionId);
  const id = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof browser };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error(`no active tab for ${page.url()}`);
  return id;
}

export const expect = test.expect;
