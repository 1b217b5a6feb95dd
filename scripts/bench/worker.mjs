// Extension-page and service-worker timings in real Chromium (unlock, cold start, popup with 200 accounts),
// plus code generation for 1,000 accounts in Node. Imports TypeScript: run under `node --import tsx`.
import { createHmac, randomBytes } from 'node:crypto';
import { base32nopad } from '@scure/base';
import { generateCode } from '../../lib/otp/generate.ts';
import { launchWithExtension, snapshotExtension, unpackedExtensionId } from './chromium.mjs';
import { addReferencePopup, benchPopup } from './popup.mjs';
import { writeReferenceWorker } from './reference-worker.mjs';
import { median, p90, timeRuns } from './stats.mjs';

const PASSWORD = 'correct horse battery staple';
const UNLOCK_RUNS = 7;
const COLD_RUNS = 15;
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
  const extension = snapshotExtension('tessera-worker');
  await addReferencePopup(extension);
  const browser = await launchWithExtension(extension, [referenceDir]);
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
    const { context, extensionId } = browser;
    rows.push(...(await benchPopup({ context, page, worker, extensionId, send, sendTimed })));
  } finally {
    await browser.close();
  }
  rows.push(...(await benchCodeGeneration()));
  return rows;
}
