import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type BrowserContext, test as base, chromium, type Page, type Worker } from 'playwright/test';
import type { browser as extensionApi } from 'wxt/browser';
import { chromiumPath } from '../../scripts/lib/browsers.mjs';
import { startStaticServer } from './static-server';

export const EXTENSION_DIR = resolve('.output/chrome-mv3');

interface Fixtures {
  context: BrowserContext;
  background: Worker;
  extensionId: string;
  /** URL of a page under tests/e2e/pages, on 127.0.0.1 unless another loopback host name is given. */
  pageUrl: (path: string, host?: '127.0.0.1' | 'localhost') => string;
  /** Opens the popup as a tab, pointed at `forTab` as if the toolbar button had been clicked there. */
  openPopup: (forTab?: Page) => Promise<Page>;
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
  context: async ({}, use) => {
    const profile = mkdtempSync(join(tmpdir(), 'tessera-e2e-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: [`--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`],
    });
    await use(context);
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  },
  background: async ({ context }, use) => {
    await use(context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')));
  },
  extensionId: async ({ background }, use) => {
    await use(new URL(background.url()).host);
  },
  pageUrl: async ({ port }, use) => {
    await use((path, host = '127.0.0.1') => `http://${host}:${port}/${path}`);
  },
  openPopup: async ({ context, extensionId }, use) => {
    await use(async (forTab) => {
      const tabId = forTab ? await tabIdOf(context, forTab) : undefined;
      const popup = await context.newPage();
      await popup.goto(
        `chrome-extension://${extensionId}/popup.html${tabId === undefined ? '' : `?tab=${tabId}`}`,
      );
      return popup;
    });
  },
});

/** The extension-side id of a page's tab: bring it to the front and ask for the active tab (no `tabs` permission needed). */
async function tabIdOf(context: BrowserContext, page: Page): Promise<number> {
  await page.bringToFront();
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const id = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: typeof extensionApi };
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id;
  });
  if (id === undefined) throw new Error(`no active tab for ${page.url()}`);
  return id;
}

export const expect = test.expect;
