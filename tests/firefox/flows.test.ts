import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENROLL_SECRET } from '../e2e/global-setup';
import { codesAround, MASTER_PASSWORD } from '../e2e/helpers';
import {
  createVault,
  findExtensionPage,
  launchFirefoxOnTestPages,
  launchFirefoxWithTessera,
} from './firefox';

declare const browser: {
  runtime: { sendMessage: (m: unknown) => Promise<unknown>; openOptionsPage: () => Promise<void> };
  tabs: { query: (q: object) => Promise<{ id: number; url?: string }[]> };
};

const text = (page: Page, testId: string) =>
  page.$eval(`[data-testid="${testId}"]`, (element) => element.textContent ?? '');

describe('Firefox ESR: scanning and import', () => {
  let firefox: Browser;
  let popup: Page;
  let port: number;
  let close: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    ({ browser: firefox, popup, port, close } = await launchFirefoxOnTestPages());
    await createVault(popup);
    await popup.waitForSelector('[data-testid="add-uri"]');
  });
  afterAll(async () => close?.());

  /** Points the popup at the tab showing `path`, as a click on the toolbar button there would. */
  async function popupFor(path: string): Promise<void> {
    const site = await firefox.newPage();
    await site.goto(`http://127.0.0.1:${port}/${path}`);
    const url = `http://127.0.0.1:${port}/${path}`;
    const tabId = await popup.evaluate(
      async (wanted) => (await browser.tabs.query({})).find((tab) => tab.url === wanted)?.id,
      url,
    );
    if (tabId === undefined) throw new Error(`no tab shows ${url}`);
    await popup.evaluate((id) => {
      location.href = `/popup.html?tab=${id}`;
    }, tabId);
    await popup.waitForSelector('[data-testid="scan"]');
  }

  for (const [path, how] of [
    ['enroll.html', 'an <img>'],
    ['enroll-canvas.html', 'a <canvas>'],
  ] as const) {
    it(`"Scan this page" reads the setup code from ${how} and offers it for the page's site`, async () => {
      await popupFor(path);
      await popup.click('[data-testid="scan"]');
      await popup.waitForSelector('[data-testid="enroll-card"]', { timeout: 20_000 });
      expect(await text(popup, 'enroll-issuer')).toBe('Acme Corp');
      expect(await text(popup, 'enroll-label')).toBe('dana@acme.test');
      expect(await popup.$eval('[data-testid="enroll-site"]', (i) => (i as HTMLInputElement).value)).toBe(
        '127.0.0.1',
      );
      expect(await codesAround(ENROLL_SECRET)).toContain(await text(popup, 'enroll-code'));
    });
  }

  it('imports pasted otpauth links after a preview that marks duplicates', async () => {
    await popup.evaluate(() => browser.runtime.openOptionsPage());
    const options = await findExtensionPage(firefox, '/options.html');
    await options.waitForSelector('[data-testid="import-text"]');
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const list = [
      `otpauth://totp/Example:alice@example.com?secret=${secret}&issuer=Example`,
      `otpauth://totp/Example:alice@example.com?secret=${secret}&issuer=Example`,
      'otpauth://totp/Other:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Other',
      'not a link',
    ].join('\n');
    await options.type('[data-testid="import-text"]', list);
    await options.click('[data-testid="import-preview-text"]');
    await options.waitForSelector('[data-testid="import-entry"]');
    expect(await options.$$eval('[data-testid="import-entry"]', (rows) => rows.length)).toBe(3);
    expect(await options.$$('[data-testid="import-entry"][data-duplicate="file"]')).toHaveLength(1);
    expect(await options.$$('[data-testid="import-failure"]')).toHaveLength(1);
    await options.click('[data-testid="import-confirm"]');
    await options.waitForSelector('[data-testid="import-done"]');
    expect(await text(options, 'import-done')).toContain('Imported accounts: 2.');
  });

  // Backs up the two accounts the import above added (tests in a file run in order, in one Firefox).
  it('restores an encrypted backup on a fresh profile with the same codes', async () => {
    const backupPassword = 'a different backup password';
    // The request the options page's Download button sends; its reply is the file's content.
    const reply = (await popup.evaluate(
      (password, backup) =>
        browser.runtime.sendMessage({
          type: 'options/export',
          kind: 'backup',
          password,
          backupPassword: backup,
          includeRecoveryKeys: true,
        }),
      MASTER_PASSWORD,
      backupPassword,
    )) as { ok: boolean; fileName: string; content: string };
    expect(reply.ok).toBe(true);
    expect(reply.content).not.toContain('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    const dir = mkdtempSync(join(tmpdir(), 'tessera-ff-backup-'));
    const file = join(dir, reply.fileName);
    writeFileSync(file, reply.content);

    // A second Firefox with a new profile, as on another machine: only the file and its password carry over.
    const fresh = await launchFirefoxWithTessera();
    try {
      await fresh.popup.evaluate(() => browser.runtime.openOptionsPage());
      const restore = await findExtensionPage(fresh.browser, '/options.html');
      await createVault(restore);
      const input = await restore.waitForSelector('[data-testid="import-file"]');
      await (input as ElementHandle<HTMLInputElement>).uploadFile(file);
      await restore.waitForSelector('[data-testid="import-password"]');
      await restore.type('[data-testid="import-password"]', backupPassword);
      await restore.click('[data-testid="import-unlock"]');
      await restore.waitForSelector('[data-testid="import-entry"]', { timeout: 30_000 });
      expect(await restore.$$('[data-testid="import-entry"]')).toHaveLength(2);
      await restore.click('[data-testid="import-confirm"]');
      await restore.waitForSelector('[data-testid="import-done"]');
      expect(await text(restore, 'import-done')).toContain('Imported accounts: 2.');
      const restored = (await fresh.popup.evaluate(() =>
        browser.runtime.sendMessage({ type: 'accounts/list' }),
      )) as { accounts: { id: string; issuer: string }[]; codes: Record<string, { code: string }> };
      const example = restored.accounts.find((a) => a.issuer === 'Example');
      const code = example && restored.codes[example.id]?.code;
      expect(await codesAround('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')).toContain(code);
    } finally {
      await fresh.browser.close();
      rmSync(dir, { recursive: true, force: true });
    }
    // Export, setup and opening the backup each run Argon2id (64 MiB), and a second Firefox starts.
  }, 180_000);
});
