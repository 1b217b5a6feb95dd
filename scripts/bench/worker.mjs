// Extension-page and service-worker timings in real Chromium (unlock, cold start, popup with 200 accounts),
// plus code generation for 1,000 accounts in Node. Imports TypeScript: run under `node --import tsx`.
import { createHmac, randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { generateCode } from '../../lib/otp/generate.ts';
import { launchWithExtension, snapshotExtension, unpackedExtensionId } from './chromium.mjs';
import { writeReferenceWorker } from './reference-worker.mjs';
import { median, p90, timeRuns } from './stats.mjs';

const PASSWORD = 'correct horse battery staple';
const UNLOCK_RUNS = 7;
const COLD_RUNS = 15;
const POPUP_ACCOUNTS = 200;
const POPUP_RUNS = 10;
const CODEGEN_ACCOUNTS = 1000;
const CODEGEN_RUNS = 15;

/** Sends one request to the background from an extension page; returns the reply and its round-trip time. */
function sendTimed(page, request) {
  return page.evaluate(async (message) => {
    const start = performance.now();
    const reply = await chrome.runtime.sendMessage(message);
    return { ms: performance.now() - start, reply };
  }, request);
}

async function send(page, request) {
  const { reply } = await sendTimed(page, request);
  if (!reply?.ok) {
    throw new Error(`The background refused ${request.type}: ${reply?.error?.message ?? 'no reply'}.`);
  }
  return reply;
}

/**
 * Follows our service worker's running status through the CDP ServiceWorker domain, to stop it and to
 * prove a later message really started a fresh instance.
 */
async function watchWorker(cdp, extensionId) {
  const state = { status: 'unknown', starts: 0 };
  const waiters = new Set();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) {
      if (!v.scriptURL.startsWith(`chrome-extension://${extensionId}/`)) continue;
      if (v.runningStatus === 'starting' && state.status !== 'starting') state.starts++;
      state.status = v.runningStatus;
    }
    for (const check of waiters) check();
  });
  await cdp.send('ServiceWorker.enable');

  const until = (predicate, what) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`The service worker did not ${what} within 5 s (status: ${state.status}).`));
      }, 5000);
      waiters.add(check);
      check();
    });

  return {
    /** Stops every service worker and resolves once ours reports 'stopped'. */
    stop: async () => {
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until(() => state.status === 'stopped', 'stop');
    },
    /** Resolves once ours has started `after` + 1 times and is running. */
    restartedSince: (after) => until(() => state.starts > after && state.status === 'running', 'restart'),
    get starts() {
      return state.starts;
    },
  };
}

/** The vault's KDF settings as stored in its IndexedDB meta record (readable from any extension page). */
function storedKdf(page) {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('tessera-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('meta').objectStore('meta').get('vault');
          get.onsuccess = () => {
            resolve(get.result?.kdf ?? null);
            open.result.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
  );
}

function describeKdf(kdf) {
  if (kdf?.algo === 'argon2id') {
    return `Argon2id ${Math.round(kdf.memoryKiB / 1024)} MiB t=${kdf.iterations} p=${kdf.parallelism}`;
  }
  if (kdf?.algo === 'pbkdf2-sha256') return `PBKDF2-SHA256 ${kdf.iterations / 1000}k`;
  return 'default KDF';
}

/** (a) Unlock round-trips at the vault's default KDF, with WebCrypto PBKDF2-SHA256 600k in the same page. */
async function benchUnlock(page) {
  const unlockMs = [];
  for (let i = 0; i < UNLOCK_RUNS; i++) {
    await send(page, { type: 'vault/lock' });
    const { ms, reply } = await sendTimed(page, { type: 'vault/unlock', password: PASSWORD });
    if (!reply?.ok || reply.state !== 'unlocked') {
      throw new Error(`Unlock failed during the benchmark: ${reply?.error?.message ?? reply?.state}.`);
    }
    unlockMs.push(ms);
  }
  const pbkdf2Ms = await page.evaluate(
    async ({ password, runs }) => {
      const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, [
        'deriveBits',
      ]);
      const times = [];
      for (let i = 0; i < runs; i++) {
        const salt = crypto.getRandomValues(new Uint8Array(16));
        const start = performance.now();
        await crypto.subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-256', salt, iterations: 600_000 },
          key,
          256,
        );
        times.push(performance.now() - start);
      }
      return times;
    },
    { password: PASSWORD, runs: UNLOCK_RUNS },
  );
  const kdf = describeKdf(await storedKdf(page));
  return [
    {
      name: `unlock, ${kdf} (message round-trip, median of ${UNLOCK_RUNS})`,
      value: median(unlockMs),
      unit: 'ms',
      reference: {
        name: `PBKDF2-SHA256 600k WebCrypto, same page (median of ${UNLOCK_RUNS})`,
        value: median(pbkdf2Ms),
      },
    },
  ];
}

/** Round-trip of `vault/status` sent right after every worker was stopped: one fresh start of `worker`. */
async function coldReply(page, worker) {
  await worker.stop();
  const starts = worker.starts;
  const { ms, reply } = await sendTimed(page, { type: 'vault/status' });
  if (!reply?.ok) throw new Error(`vault/status failed after a worker restart: ${reply?.error?.message}.`);
  await worker.restartedSince(starts);
  // Let the fresh worker finish its start-up work before it is stopped again.
  await page.waitForTimeout(100);
  return ms;
}

/**
 * (b) `vault/status` round-trip right after the worker was stopped, against the reference worker's (see
 * reference-worker.mjs) in the same browser, runs alternating so both see the same machine load.
 */
async function benchColdStart(page, worker, reference) {
  await send(page, { type: 'vault/status' });
  const warm = [];
  for (let i = 0; i < COLD_RUNS; i++) warm.push((await sendTimed(page, { type: 'vault/status' })).ms);
  const cold = [];
  const referenceCold = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    cold.push(await coldReply(page, worker));
    referenceCold.push(await coldReply(reference.page, reference.worker));
  }
  const name = `minimal worker (${(reference.workerBytes / 1024).toFixed(0)} KB: zod, idb, otplib), same browser`;
  return [
    {
      name: `service worker cold start → vault/status reply (median of ${COLD_RUNS})`,
      value: median(cold),
      unit: 'ms',
      budget: 1.3 * median(referenceCold),
      reference: { name: `${name}, median`, value: median(referenceCold) },
    },
    {
      name: `service worker cold start → vault/status reply (p90 of ${COLD_RUNS})`,
      value: p90(cold),
      unit: 'ms',
      reference: { name: `${name}, p90`, value: p90(referenceCold) },
    },
    {
      name: `  warm vault/status round-trip (median of ${COLD_RUNS})`,
      value: median(warm),
      unit: 'ms',
    },
  ];
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
 * Records, in the popup page itself, the time from navigation start until `rows` rows are in the DOM
 * (`__benchRowsMs`) and until all of them show real codes rather than the placeholder (`__benchCodesMs`).
 */
function recordRowsReady(rows) {
  new MutationObserver((_, observer) => {
    const codes = document.querySelectorAll('[data-testid=account-row] [data-testid=code]');
    if (codes.length !== rows) return;
    globalThis.__benchRowsMs ??= performance.now();
    for (const code of codes) if (code.textContent.includes('•')) return;
    globalThis.__benchCodesMs = performance.now();
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Opens popup.html in a new tab; returns { rows, codes }: ms from navigation start to each milestone. */
async function openPopup(context, popupUrl) {
  const popup = await context.newPage();
  try {
    await popup.addInitScript(recordRowsReady, POPUP_ACCOUNTS);
    await popup.goto(popupUrl);
    await popup.waitForFunction(() => globalThis.__benchCodesMs !== undefined, null, { timeout: 10_000 });
    return await popup.evaluate(() => ({ rows: globalThis.__benchRowsMs, codes: globalThis.__benchCodesMs }));
  } finally {
    await popup.close();
  }
}

/** (c) Opening popup.html until 200 rows show their codes, with the worker running and right after a stop. */
async function benchPopup(context, page, worker, popupUrl) {
  await seedAccounts(page, POPUP_ACCOUNTS);
  await openPopup(context, popupUrl); // first load compiles and caches the popup's scripts
  const warm = [];
  const cold = [];
  for (let i = 0; i < POPUP_RUNS; i++) {
    await send(page, { type: 'vault/status' });
    warm.push(await openPopup(context, popupUrl));
    await worker.stop();
    const starts = worker.starts;
    cold.push(await openPopup(context, popupUrl));
    await worker.restartedSince(starts);
  }
  // The two requests the popup waits on, timed alone, to show where the open time goes.
  const listMs = [];
  const codesMs = [];
  const { accounts } = await send(page, { type: 'accounts/list' });
  const ids = accounts.map((a) => a.id);
  for (let i = 0; i < POPUP_RUNS; i++) {
    listMs.push((await sendTimed(page, { type: 'accounts/list' })).ms);
    codesMs.push((await sendTimed(page, { type: 'codes/get', ids })).ms);
  }
  const codesAt = (runs) => median(runs.map((r) => r.codes));
  const rowsAt = (runs) => median(runs.map((r) => r.rows));
  const what = `popup open → ${POPUP_ACCOUNTS} rows with codes`;
  return [
    { name: `${what}, warm worker (median of ${POPUP_RUNS})`, value: codesAt(warm), unit: 'ms', budget: 80 },
    {
      name: `${what}, stopped worker (median of ${POPUP_RUNS})`,
      value: codesAt(cold),
      unit: 'ms',
      budget: 120,
      reference: { name: 'warm', value: codesAt(warm) },
    },
    {
      name: `  of which until the ${POPUP_ACCOUNTS} rows exist (codes pending), warm (median of ${POPUP_RUNS})`,
      value: rowsAt(warm),
      unit: 'ms',
    },
    {
      name: `  of which accounts/list, ${ids.length} accounts, alone, warm (median of ${POPUP_RUNS})`,
      value: median(listMs),
      unit: 'ms',
    },
    {
      name: `  of which codes/get, ${ids.length} ids, alone, warm (median of ${POPUP_RUNS})`,
      value: median(codesMs),
      unit: 'ms',
    },
  ];
}

/** (d) generateCode over 1,000 TOTP accounts in Node, against bare node:crypto HMAC-SHA1 + truncation. */
export async function benchCodeGeneration() {
  const accounts = Array.from({ length: CODEGEN_ACCOUNTS }, (_, i) => ({
    type: 'totp',
    issuer: `Service ${i}`,
    label: `user${i}@example.com`,
    secret: base32nopad.encode(randomBytes(20)),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
  }));
  const now = Date.now();
  const ours = await timeRuns(
    async () => {
      for (const account of accounts) await generateCode(account, now);
    },
    { runs: CODEGEN_RUNS, warmup: 3 },
  );
  const keys = accounts.map((a) => Buffer.from(base32nopad.decode(a.secret)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const bare = await timeRuns(
    () => {
      for (const key of keys) {
        const mac = createHmac('sha1', key).update(counter).digest();
        const offset = mac[19] & 0xf;
        void String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
      }
    },
    { runs: CODEGEN_RUNS, warmup: 3 },
  );
  return [
    {
      name: `generateCode × ${CODEGEN_ACCOUNTS.toLocaleString('en')} TOTP accounts, Node (median of ${CODEGEN_RUNS})`,
      value: median(ours),
      unit: 'ms',
      reference: { name: 'node:crypto HMAC-SHA1, same secrets', value: median(bare) },
    },
  ];
}

/** Unlock, service-worker cold start and popup timings in headless Chromium, then Node code generation. */
export async function benchWorker() {
  const { dir: referenceDir, workerBytes } = await writeReferenceWorker();
  const browser = await launchWithExtension(snapshotExtension('tessera-worker'), [referenceDir]);
  const rows = [];
  try {
    const popupUrl = `chrome-extension://${browser.extensionId}/popup.html`;
    const page = await browser.context.newPage();
    await page.goto(popupUrl);
    const worker = await watchWorker(await browser.context.newCDPSession(page), browser.extensionId);
    const referenceId = unpackedExtensionId(referenceDir);
    const referencePage = await browser.context.newPage();
    await referencePage.goto(`chrome-extension://${referenceId}/page.html`);
    const reference = {
      page: referencePage,
      worker: await watchWorker(await browser.context.newCDPSession(referencePage), referenceId),
      workerBytes,
    };
    await send(page, { type: 'vault/setup', password: PASSWORD });
    rows.push(...(await benchUnlock(page)));
    rows.push(...(await benchColdStart(page, worker, reference)));
    await referencePage.close();
    rows.push(...(await benchPopup(browser.context, page, worker, popupUrl)));
  } finally {
    await browser.close();
  }
  rows.push(...(await benchCodeGeneration()));
  return rows;
}
