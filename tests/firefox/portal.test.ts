import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../portal/seed';
import type { RunningPortal } from '../../portal/server';
import type { OutboxMessage } from '../../portal/store/types';
import { startDevPortal } from '../portal/dev-portal';
import { createVault, launchFirefoxWithTessera } from './firefox';

declare const browser: {
  tabs: { query: (q: object) => Promise<{ id: number; url?: string }[]> };
};

const bob = DEMO.bob;

/** The newest 6-digit code the portal sent to `to` since `since` (ms), read from the DEV outbox. */
async function codeSentTo(origin: string, to: string, since: number): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const { messages } = (await (await fetch(`${origin}/dev/api/outbox`)).json()) as {
      messages: OutboxMessage[];
    };
    const code = messages.find((m) => m.to === to && m.at >= since)?.body.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the portal sent no code to ${to}`);
}

/** The open tab whose address starts with `prefix` (the portal's approval page opens in a new tab). */
async function pageAt(firefox: Browser, prefix: string): Promise<Page> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const page of await firefox.pages()) if (page.url().startsWith(prefix)) return page;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no tab opened ${prefix} within 15 s`);
}

describe('Firefox ESR: portal pairing', () => {
  let firefox: Browser;
  let popup: Page;
  let portal: RunningPortal;

  beforeAll(async () => {
    // DEV keeps the SMS sign-in codes readable on the outbox; the demo data gives Bob, an SMS user.
    portal = await startDevPortal();
    ({ browser: firefox, popup } = await launchFirefoxWithTessera());
  });
  afterAll(async () => {
    await firefox?.close();
    await portal?.close();
  });

  it('connects the signed-in portal account with the code typed on /device; Security shows the portal’s method', async () => {
    // Bob signs in on the portal with his password and the SMS code (a fresh profile is a new device).
    const site = await firefox.newPage();
    const since = Date.now() - 1000;
    await site.goto(`${portal.url}/login`);
    await site.type('#email', bob.email);
    await site.type('#password', bob.password);
    await Promise.all([site.waitForNavigation(), site.click('main button[type="submit"]')]);
    await site.waitForSelector('#code');
    await site.type('#code', await codeSentTo(portal.url, bob.phone, since));
    await Promise.all([site.waitForNavigation(), site.click('main button[type="submit"]')]);
    expect(new URL(site.url()).pathname).toBe('/account');

    await createVault(popup);
    await popup.waitForSelector('[data-testid="add-uri"]');

    // The popup as a toolbar click on the portal's tab opens it.
    const tabId = await popup.evaluate(
      async (wanted) => (await browser.tabs.query({})).find((tab) => tab.url === wanted)?.id,
      `${portal.url}/account`,
    );
    if (tabId === undefined) throw new Error('no tab shows the portal');
    await popup.evaluate((id) => {
      location.href = `/popup.html?tab=${id}`;
    }, tabId);
    await popup.waitForSelector('[data-testid="portal-connect"]');
    await popup.click('[data-testid="portal-connect"]');
    const codeShown = await popup.waitForSelector('[data-testid="portal-user-code"]');
    const userCode = (await codeShown?.evaluate((c) => c.textContent)) ?? '';
    expect(userCode).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);

    // The approval page does not carry the code: Bob types what Tessera shows, reviews, allows with his password.
    const device = await pageAt(firefox, `${portal.url}/device`);
    await device.waitForSelector('#user_code');
    expect(await device.$eval('#user_code', (i) => (i as HTMLInputElement).value)).toBe('');
    await device.type('#user_code', userCode);
    await Promise.all([device.waitForNavigation(), device.click('main button[type="submit"]')]);
    const review = await device.$eval('main', (m) => m.textContent ?? '');
    expect(review).toContain('asks to manage your two-factor settings');
    expect(review).toContain('(the address you are using now)');
    await device.type('#password', bob.password);
    await Promise.all([device.waitForNavigation(), device.click('main button[value="approve"]')]);
    expect(await device.$eval('main', (m) => m.textContent ?? '')).toContain('Tessera is connected');

    // Tessera picks up the grant on its next poll and offers the Security view.
    await popup.bringToFront();
    await popup.waitForSelector('[data-testid="portal-open-security"]', { timeout: 20_000 });
    await popup.click('[data-testid="portal-open-security"]');
    const status = await popup.waitForSelector('[data-testid="security-status"]', { timeout: 20_000 });
    const shown = await status?.evaluate((s) => ({
      method: s.getAttribute('data-method'),
      enabled: s.getAttribute('data-enabled'),
      text: s.textContent ?? '',
    }));
    const onPortal = await portal.store.getUserByEmail(bob.email);
    expect(onPortal?.method).toBe('sms');
    expect(shown).toMatchObject({ method: onPortal?.method, enabled: 'true' });
    expect(shown?.text).toContain('42');
    // SMS on the portal and no authenticator account in the vault: nothing to reconcile.
    expect(await popup.$('[data-testid="security-sync"]')).toBeNull();
  }, 120_000);
});
