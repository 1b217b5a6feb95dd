// Per-page cost of our content script in real Chromium, against a minimal reference detector measured in the
// same run, and the cost of one findOtpPrompt pass against a bare querySelectorAll('input') pass.
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { BENCH_TMP, launchWithExtension, servePages, snapshotExtension } from './chromium.mjs';
import { articlePage, manyInputsPage, totpLoginPage } from './pages/fixtures.mjs';
import { median, p90 } from './stats.mjs';

const LOADS = 15;
const WARMUP_LOADS = 2;
const FORM_LOADS = 5;
const DETECT_RUNS = 25;
const DETECT_WARMUP = 3;
const FIRST_CALL_LOADS = 5;

// The floor any detecting content script pays: one selector pass and one message.
const REFERENCE_SCRIPT = `const inputs = document.querySelectorAll('input');
const otp = [...inputs].filter((i) => i.autocomplete === 'one-time-code' || /otp|code|token/i.test(i.name + i.id));
chrome.runtime.sendMessage({ type: 'prompt/found', count: otp.length }).catch(() => {});
`;

/** Writes the reference extension (manifest, 0.3 KB content script, a worker that answers) into .tmp/bench. */
function writeReferenceExtension() {
  const dir = join(BENCH_TMP, 'reference-ext');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Reference OTP detector',
    version: '1.0.0',
    background: { service_worker: 'background.js' },
    content_scripts: [
      { matches: ['<all_urls>'], all_frames: true, run_at: 'document_idle', js: ['content.js'] },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'content.js'), REFERENCE_SCRIPT);
  writeFileSync(
    join(dir, 'background.js'),
    'chrome.runtime.onMessage.addListener((message, sender, reply) => reply({ ok: true }));\n',
  );
  return { dir, script: 'content.js' };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** Starts a devtools.timeline trace on a fresh page; `stop` returns the content script's EvaluateScript times. */
async function traceContentScript(browser, scriptPath) {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  return {
    page,
    start: () =>
      cdp.send('Tracing.start', {
        traceConfig: { includedCategories: ['devtools.timeline'], excludedCategories: ['*'] },
        transferMode: 'ReportEvents',
      }),
    stop: async () => {
      const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
      await cdp.send('Tracing.end');
      await complete;
      await page.close();
      const url = `chrome-extension://${browser.extensionId}/${scriptPath}`;
      return events
        .filter((e) => e.name === 'EvaluateScript' && e.ph === 'X' && e.args?.data?.url === url)
        .map((e) => e.dur / 1000);
    },
  };
}

async function load(page, url) {
  await page.goto(url, { waitUntil: 'load' });
  // document_idle scripts run by the load event at the latest; leave them time to finish before moving on.
  await page.waitForTimeout(100);
}

/**
 * (a) EvaluateScript of each extension's content script on `loads` loads of `path`, loads interleaved
 * between the two browsers; the median row, and the p90 row when `tail` is set.
 */
async function benchContentScript(ours, reference, server, { path, page, loads, tail }) {
  const manifest = JSON.parse(readFileSync(join(ours.dir, 'manifest.json'), 'utf8'));
  const ourPath = manifest.content_scripts?.[0]?.js?.[0];
  if (!ourPath) throw new Error('The built manifest declares no content script, so there is none to time.');
  const ourSize = statSync(join(ours.dir, ourPath)).size;
  const refSize = statSync(join(reference.dir, reference.script)).size;
  const traces = [
    await traceContentScript(ours.browser, ourPath),
    await traceContentScript(reference.browser, reference.script),
  ];
  const url = (i) => server.url(`${path}?load=${i}`);
  for (let i = 0; i < WARMUP_LOADS; i++) for (const t of traces) await load(t.page, url(`warmup-${i}`));
  for (const t of traces) await t.start();
  for (let i = 0; i < loads; i++) for (const t of traces) await load(t.page, url(i));
  const [ourMs, refMs] = [await traces[0].stop(), await traces[1].stop()];
  for (const [who, times] of [
    ['our', ourMs],
    ['the reference', refMs],
  ]) {
    if (times.length !== loads) {
      throw new Error(
        `The trace holds ${times.length} runs of ${who} content script for ${loads} page loads.`,
      );
    }
  }
  const what = `content script evaluation per load, ${page}, ours ${kb(ourSize)}`;
  const refName = `reference detector ${kb(refSize)}`;
  const rows = [
    {
      name: `${what} (median of ${loads})`,
      value: median(ourMs),
      unit: 'ms',
      budget: 1.5 * median(refMs),
      reference: { name: refName, value: median(refMs) },
    },
  ];
  if (tail) {
    rows.push({
      name: `${what} (p90 of ${loads})`,
      value: p90(ourMs),
      unit: 'ms',
      budget: 1.5 * p90(refMs),
      reference: { name: `${refName} p90`, value: p90(refMs) },
    });
  }
  return rows;
}

/** Bundles lib/detect/find-otp-prompt.ts into a minified IIFE exposing `TesseraDetect.findOtpPrompt` (and `classifyKind`). */
async function bundleDetector() {
  const outDir = join(BENCH_TMP, 'detect');
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir,
      emptyOutDir: true,
      minify: true,
      lib: {
        entry: resolve('lib/detect/find-otp-prompt.ts'),
        name: 'TesseraDetect',
        formats: ['iife'],
        fileName: () => 'detect.js',
      },
    },
  });
  return join(outDir, 'detect.js');
}

/**
 * Times findOtpPrompt(document) and a bare querySelectorAll('input') pass in the page. Each sample runs a
 * batch sized so the bare pass takes ≥ 1 ms, which keeps the timer's 5 µs resolution out of the figures.
 */
function timeDetection({ runs, warmup }) {
  const { findOtpPrompt } = globalThis.TesseraDetect;
  const bare = () => {
    let n = 0;
    for (const input of document.querySelectorAll('input')) n += input.type.length;
    return n;
  };
  const detect = () => findOtpPrompt(document);
  // Warm both up first, or a cold first call sizes the batch.
  for (let i = 0; i < 5; i++) {
    bare();
    detect();
  }
  let batch = 1;
  for (;;) {
    const start = performance.now();
    for (let i = 0; i < batch; i++) bare();
    if (performance.now() - start >= 1 || batch >= 1 << 16) break;
    batch *= 2;
  }
  const sample = (fn) => {
    const start = performance.now();
    for (let i = 0; i < batch; i++) fn();
    return (performance.now() - start) / batch;
  };
  const bareMs = [];
  const detectMs = [];
  for (let i = 0; i < warmup + runs; i++) {
    const b = sample(bare);
    const d = sample(detect);
    if (i >= warmup) {
      bareMs.push(b);
      detectMs.push(d);
    }
  }
  const prompt = findOtpPrompt(document);
  return {
    batch,
    bareMs,
    detectMs,
    found: prompt ? globalThis.TesseraDetect.classifyKind(prompt.evidence) : null,
    isolated: globalThis.crossOriginIsolated,
    // Not counting the injected detector's <script>.
    elements: document.getElementsByTagName('*').length - document.scripts.length,
    inputs: document.querySelectorAll('input').length,
  };
}

/**
 * The first findOtpPrompt call and the first bare pass, each on its own fresh load of `url`: what a content
 * script pays once per page, before any engine cache (label lists, JIT) is warm. Layout is flushed first.
 */
async function firstCallMs(page, url, detector) {
  const detect = [];
  const bare = [];
  for (let i = 0; i < FIRST_CALL_LOADS; i++) {
    for (const [fn, times] of [
      ['detect', detect],
      ['bare', bare],
    ]) {
      await page.goto(url);
      await page.addScriptTag({ path: detector });
      times.push(
        await page.evaluate((which) => {
          document.documentElement.getBoundingClientRect();
          const start = performance.now();
          if (which === 'detect') globalThis.TesseraDetect.findOtpPrompt(document);
          else for (const input of document.querySelectorAll('input')) void input.type;
          return performance.now() - start;
        }, fn),
      );
    }
  }
  return { detect: median(detect), bare: median(bare) };
}

/** (b) findOtpPrompt on a sign-in page and on a 10,000-element form, as a ratio to a bare input pass. */
async function benchDetection(browser, server) {
  const detector = await bundleDetector();
  const page = await browser.context.newPage();
  const rows = [];
  const cases = [
    { path: '/totp-login.html', what: 'sign-in page', expect: 'totp' },
    { path: '/inputs-10000.html', what: 'order form', expect: null },
  ];
  for (const { path, what, expect } of cases) {
    await page.goto(server.url(path));
    await page.addScriptTag({ path: detector });
    const r = await page.evaluate(timeDetection, { runs: DETECT_RUNS, warmup: DETECT_WARMUP });
    if (!r.isolated) {
      throw new Error('The benchmark page is not cross-origin isolated, so its timer is too coarse.');
    }
    const outcome =
      r.found === expect
        ? `found ${expect ?? 'nothing'}`
        : `WARNING: expected ${expect ?? 'nothing'}, found ${r.found ?? 'nothing'}`;
    const bare = median(r.bareMs);
    rows.push({
      name: `findOtpPrompt, ${what} (${r.elements.toLocaleString('en')} elements, ${r.inputs} inputs; ${outcome}; median of ${DETECT_RUNS} × ${r.batch})`,
      value: median(r.detectMs),
      unit: 'ms',
      budget: 3 * bare,
      reference: { name: "querySelectorAll('input') pass", value: bare },
    });
    const first = await firstCallMs(page, server.url(path), detector);
    rows.push({
      name: `  first call on a freshly loaded ${what} (median of ${FIRST_CALL_LOADS} loads each)`,
      value: first.detect,
      unit: 'ms',
      budget: 3 * first.bare,
      reference: { name: 'first bare pass', value: first.bare },
    });
  }
  await page.close();
  rows.push({
    name: 'detector bundle (find-otp-prompt.ts, minified IIFE)',
    value: statSync(detector).size / 1024,
    unit: 'KB',
  });
  return rows;
}

/** Content-script evaluation (ours vs a reference extension) and detection timings in headless Chromium. */
export async function benchContent() {
  const server = await servePages({
    '/article-3000.html': articlePage(3000),
    '/totp-login.html': totpLoginPage(300),
    '/inputs-10000.html': manyInputsPage(10000),
  });
  const closers = [server.close];
  try {
    const oursDir = snapshotExtension('tessera-content');
    const ours = { dir: oursDir, browser: await launchWithExtension(oursDir) };
    closers.push(ours.browser.close);
    const referenceExt = writeReferenceExtension();
    const reference = { ...referenceExt, browser: await launchWithExtension(referenceExt.dir) };
    closers.push(reference.browser.close);
    return [
      ...(await benchContentScript(ours, reference, server, {
        path: '/article-3000.html',
        page: '3,000-element article',
        loads: LOADS,
        tail: true,
      })),
      // Pages with many fields are where detection costs most: a shorter series on the 10,000-element form.
      ...(await benchContentScript(ours, reference, server, {
        path: '/inputs-10000.html',
        page: '10,000-element order form',
        loads: FORM_LOADS,
        tail: false,
      })),
      ...(await benchDetection(reference.browser, server)),
    ];
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
