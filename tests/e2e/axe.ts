import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import type { Page } from 'playwright/test';
import { expect } from './fixtures';

/**
 * axe-core's browser bundle. Extension pages allow only their own scripts (`script-src 'self'`), so a
 * `<script>` tag would be refused; Playwright's evaluate runs over the DevTools protocol, which the page's CSP
 * does not govern.
 */
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What stops a screen reader or keyboard user, or leaves text unreadable: axe's two top impact levels. */
const BLOCKING = new Set(['serious', 'critical']);

/** Targets listed per rule; the count says how many more there are (a list of 200 rows fails 200 times). */
const TARGETS_SHOWN = 4;

/** One line per failing rule: its id and impact, what is wrong, where, and where axe explains the fix. */
function describe(violations: AxeResults['violations']): string[] {
  return violations
    .filter((violation) => BLOCKING.has(violation.impact ?? ''))
    .map(({ id, impact, help, helpUrl, nodes }) => {
      const targets = nodes.slice(0, TARGETS_SHOWN).map((node) => node.target.join(' '));
      const more = nodes.length > TARGETS_SHOWN ? ` and ${nodes.length - TARGETS_SHOWN} more` : '';
      const why = nodes[0]?.failureSummary?.replace(/\s+/g, ' ') ?? '';
      return `${id} (${impact}): ${help}, at ${targets.join(' | ')}${more}. ${why} ${helpUrl}`;
    });
}

/** Runs axe on the page as it is now and returns its serious and critical findings. */
async function blockingViolations(page: Page): Promise<string[]> {
  const injected = await page.evaluate(() => 'axe' in globalThis);
  if (!injected) await page.evaluate(AXE_SOURCE);
  const results = await page.evaluate(() =>
    (globalThis as unknown as { axe: typeof import('axe-core') }).axe.run(document, {
      resultTypes: ['violations'],
    }),
  );
  return describe(results.violations);
}

/**
 * Checks the screen a page shows in the light and the dark theme (Tessera's default theme follows the
 * system's preference, which the page emulates here) and records a soft failure for each, so one run lists
 * every screen's problems. The caller waits first for what shows only once the screen has settled.
 */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const problems = await blockingViolations(page);
    expect.soft(problems, `axe: serious or critical problems on ${screen}, ${colorScheme} theme`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: null });
}
