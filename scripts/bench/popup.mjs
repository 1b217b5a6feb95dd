// Popup open → 200 accounts with codes, in real Chromium, against a minimal preact popup that renders 200
// static rows (scripts/bench/reference-popup), built into the same copy of the extension and opened the same
// way. Both are timed to the same milestone: every row on screen shows its code and the list knows all 200
// accounts (so search covers them); the popup may draw rows below the fold afterwards, timed separately.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { base32nopad } from '@scure/base';
import { build } from 'vite';
import { median } from './stats.mjs';

export const POPUP_ACCOUNTS = 200;
const POPUP_RUNS = 10;
const REFERENCE_DIR = 'bench-reference';

/** Builds the reference popup into the extension copy at `extensionDir`, as `bench-reference/index.html`. */
export async function addReferencePopup(extensionDir) {
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    root: resolve('scripts/bench/reference-popup'),
    base: './',
    build: {
      outDir: join(extensionDir, REFERENCE_DIR),
      emptyOutDir: true,
      minify: true,
      modulePreload: false,
    },
  });
}

/** otpauth URIs with distinct random 160-bit secrets. */
function otpauthUris(count) {
  return Array.from({ length: count }, (_, i) => {
    const issuer = `Service ${String(i).padStart(3, '0')}`;
    const secret = base32nopad.encode(randomBytes(20));
    return `otpauth://totp/${encodeURIComponent(issuer)}:user${i}%40example.com?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
  });
}

async function seedAccounts(page, count) {
  const failures = await page.evaluate(async (uris) => {
    const failed = [];
    for (const [i, text] of uris.entries()) {
      const reply = await chrome.runtime.sendMessage({
        type: 'enroll/add',
        text,
        sites: [{ host: `site${i}.example`, exact: false }],
        onDuplicate: 'keep-both',
      });
      if (!reply?.ok || reply.added.length !== 1) failed.push(reply?.error?.message ?? 'not added');
    }
    return failed;
  }, otpauthUris(count));
  if (failures.length) throw new Error(`Seeding accounts failed ${failures.length} times: ${failures[0]}.`);
}

/**
 * Records, in the page itself, ms from navigation start until the page is usable (`__benchReadyMs`): rows
 * are drawn down past the bottom of the window (or all of them are), each drawn row shows a real code rather
 * than the placeholder, and the rows say (aria-setsize) the list holds all `total` accounts. Then until all
 * `total` rows are in the DOM (`__benchAllRowsMs`).
 */
function recordReady(total) {
  new MutationObserver((_, observer) => {
    const rows = document.querySelectorAll('[data-testid=account-row]');
    const last = rows[rows.length - 1];
    if (!last || Number(last.getAttribute('aria-setsize')) !== total) return;
    for (const code of document.querySelectorAll('[data-testid=account-row] [data-testid=code]')) {
      if (code.textContent.includes('•')) return;
    }
    if (globalThis.__benchReadyMs === undefined) {
      if (rows.length < total && last.getBoundingClientRect().top < innerHeight) return;
      globalThis.__benchReadyMs = performance.now();
    }
    if (rows.length !== total) return;
    globalThis.__benchAllRowsMs = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
}

/** Opens `url` in a new tab; returns { ready, allRows }: ms from navigation start to each milestone. */
async function openTimed(context, url) {
  const popup = await context.newPage();
  try {
    await popup.addInitScript(recordReady, POPUP_ACCOUNTS);
    await popup.goto(url);
    await popup.waitForFunction(() => globalThis.__benchAllRowsMs !== undefined, null, { timeout: 10_000 });
    return await popup.evaluate(() => ({
      ready: globalThis.__benchReadyMs,
      allRows: globalThis.__benchAllRowsMs,
    }));
  } finally {
    await popup.close();
  }
}

/**
 * Opening popup.html until the first screenful of its 200 rows shows codes, with the worker running and right
 * after a stop, and the reference popup in between each pair. `send` and `worker` come from worker.mjs.
 */
export async function benchPopup({ context, page, worker, extensionId, send, sendTimed }) {
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  const referenceUrl = `chrome-extension://${extensionId}/${REFERENCE_DIR}/index.html?rows=${POPUP_ACCOUNTS}`;
  await seedAccounts(page, POPUP_ACCOUNTS);
  // First loads compile and cache each page's scripts.
  await openTimed(context, popupUrl);
  await openTimed(context, referenceUrl);
  const warm = [];
  const cold = [];
  const reference = [];
  for (let i = 0; i < POPUP_RUNS; i++) {
    reference.push(await openTimed(context, referenceUrl));
    await send(page, { type: 'vault/status' });
    warm.push(await openTimed(context, popupUrl));
    await worker.stop();
    const starts = worker.starts;
    cold.push(await openTimed(context, popupUrl));
    await worker.restartedSince(starts);
  }
  // The one request the popup waits on, timed alone, to show where the open time goes.
  const openMs = [];
  for (let i = 0; i < POPUP_RUNS; i++) openMs.push((await sendTimed(page, { type: 'popup/open' })).ms);
  const at = (runs, milestone) => median(runs.map((r) => r[milestone]));
  const ref = {
    name: `reference preact popup, ${POPUP_ACCOUNTS} static rows (median of ${POPUP_RUNS})`,
    value: at(reference, 'ready'),
  };
  const what = `popup open → rows on screen with codes, all ${POPUP_ACCOUNTS} searchable`;
  return [
    {
      name: `${what}, warm worker (median of ${POPUP_RUNS})`,
      value: at(warm, 'ready'),
      unit: 'ms',
      budget: 80,
      reference: ref,
    },
    {
      name: `${what}, stopped worker (median of ${POPUP_RUNS})`,
      value: at(cold, 'ready'),
      unit: 'ms',
      budget: 120,
      reference: ref,
    },
    { name: `  reference alone: ${ref.name}`, value: ref.value, unit: 'ms' },
    {
      name: `  popup until all ${POPUP_ACCOUNTS} rows are in the DOM, warm (median of ${POPUP_RUNS})`,
      value: at(warm, 'allRows'),
      unit: 'ms',
      reference: { name: 'reference', value: at(reference, 'allRows') },
    },
    {
      name: `  of which popup/open (accounts, codes, tab state), alone, warm (median of ${POPUP_RUNS})`,
      value: median(openMs),
      unit: 'ms',
    },
  ];
}
