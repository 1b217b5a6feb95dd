// QR decode time (our decodeQrCodes against jsqr and zxing-wasm, same captures, same run) and the smallest
// module size each reads.
// Imports TypeScript, so run under tsx: node --import tsx scripts/bench/qr.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import jsQR from 'jsqr';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodeQrCodes } from '../../lib/qr/decode.ts';
import {
  blankPage,
  drawQrSmooth,
  INK,
  lightPageWithCode,
  paintText,
  TOTP_URI,
} from '../../tests/unit/qr/page-fixtures.ts';

/** Per-capture budgets for our decoder (docs/design performance §3). */
export const QR_BUDGETS_MS = { '1280x800': 20, '1920x1080': 35 };

const RUNS = 21;
const WARMUP = 3;

const OURS = 'decodeQrCodes';
const RIVAL = 'zxing-wasm';
// Every decoder reads every code on the capture (jsQR can only return one). zxing-wasm with its defaults
// reads what ours reads, dark-mode codes included, but gets there differently: it always adds a pass on
// the negative and one at half size, where ours tries its negative and enlargements only when the plain
// pass found nothing. So the single-pass figure is printed too, for the cost of one pass alone.
const decoders = {
  [OURS]: async (img) => (await decodeQrCodes(img)).includes(TOTP_URI),
  jsqr: async (img) => jsQR(img.data, img.width, img.height)?.data === TOTP_URI,
  [RIVAL]: async (img) =>
    (await readBarcodes(img, { formats: ['QRCode'], tryHarder: true })).some((r) => r.text === TOTP_URI),
  [`${RIVAL} (one pass: no negative, no half size)`]: async (img) =>
    (
      await readBarcodes(img, { formats: ['QRCode'], tryHarder: true, tryInvert: false, tryDownscale: false })
    ).some((r) => r.text === TOTP_URI),
};

function loadZxingWasm() {
  // In Node the wasm comes from node_modules rather than the default CDN.
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('zxing-wasm/reader/zxing_reader.wasm');
  const bytes = readFileSync(wasmPath);
  prepareZXingModule({
    overrides: { wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
  });
}

/** Times every decoder on one capture, interleaved run by run so a busy machine slows all alike. */
async function medians(img) {
  const entries = Object.entries(decoders);
  const times = entries.map(() => []);
  const decoded = entries.map(() => true);
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (let k = 0; k < entries.length; k++) {
      const d = (run + k) % entries.length;
      const start = performance.now();
      const ok = await entries[d][1](img);
      const ms = performance.now() - start;
      decoded[d] &&= ok;
      if (run >= WARMUP) times[d].push(ms);
    }
  }
  return entries.map(([decoder], d) => {
    const sorted = times[d].sort((a, b) => a - b);
    return { decoder, ms: sorted[Math.floor(sorted.length / 2)], decoded: decoded[d] };
  });
}

/**
 * Median decode time per decoder and capture: { name, ms, ratio } with ratio to the fastest decoder
 * that read the code. Rows also carry { value, unit, budget?, reference? } as scripts/bench.mjs prints
 * them: our rows have the budget and zxing-wasm (its defaults) as reference. Then the smallest module
 * size each reads (benchSmallestModule).
 */
export async function benchQr() {
  loadZxingWasm();
  const captures = {
    '1280x800': lightPageWithCode(TOTP_URI, { width: 1280, height: 800 }),
    '1920x1080': lightPageWithCode(TOTP_URI, { width: 1920, height: 1080 }),
  };
  const rows = [];
  for (const [size, img] of Object.entries(captures)) {
    const measured = await medians(img);
    const readers = measured.filter((m) => m.decoded);
    const fastest = Math.min(...readers.map((m) => m.ms));
    const rival = readers.find((m) => m.decoder === RIVAL);
    for (const m of measured) {
      const ms = Number(m.ms.toFixed(2));
      const name = `qr ${size} ${m.decoder}${m.decoded ? '' : ' (did not read the code)'}`;
      rows.push({
        name,
        ms,
        ratio: Number((m.ms / fastest).toFixed(2)),
        value: ms,
        unit: 'ms',
        ...(m.decoder === OURS && { budget: QR_BUDGETS_MS[size] }),
        ...(m.decoder === OURS && rival && { reference: { name: rival.decoder, value: rival.ms } }),
      });
    }
  }
  return [...rows, ...(await benchSmallestModule())];
}

/** Module sizes tried, largest first; each is drawn at several sub-pixel offsets. */
const MODULE_SIZES = [2, 1.8, 1.6, 1.5, 1.4, 1.3, 1.25, 1.2, 1.15, 1.1, 1.05, 1];
const OFFSETS = [0, 0.3, 0.55, 0.8];

/** A 640×400 page of text with the code shrunk smoothly (as a browser shows a large image) to `moduleSize`. */
function smallCodePage(moduleSize, offset) {
  const img = blankPage(640, 400);
  const x = 300 + Math.round(offset * 10);
  paintText(img, { x: 20, y: 20, w: 600, h: 360 }, INK, [{ x, y: 150, w: 80, h: 80 }]);
  // The fractional part shifts module edges against the pixel grid.
  const box = drawQrSmooth(img, TOTP_URI, x, 150, moduleSize + offset * 0.01);
  return { img, box };
}

/**
 * The smallest module size (px) from which every larger size on the list read at every offset: ours on the
 * capture alone, ours with the picture's box (what the popup passes for pictures the page could not hand
 * over), and zxing-wasm with try-harder on the capture.
 */
async function benchSmallestModule() {
  const readers = {
    [`${OURS} (capture)`]: async ({ img }) => (await decodeQrCodes(img)).includes(TOTP_URI),
    [`${OURS} (capture + picture box)`]: async ({ img, box }) =>
      (await decodeQrCodes(img, [box])).includes(TOTP_URI),
    [`${RIVAL} (capture)`]: async ({ img }) => decoders[RIVAL](img),
  };
  const rows = [];
  for (const [name, read] of Object.entries(readers)) {
    let smallest = null;
    for (const size of MODULE_SIZES) {
      const all = await Promise.all(OFFSETS.map((o) => read(smallCodePage(size, o))));
      if (!all.every(Boolean)) break;
      smallest = size;
    }
    rows.push({ name: `qr smallest module read, ${name}`, value: smallest ?? Number.NaN, unit: 'px' });
  }
  const wasm = rows.at(-1);
  for (const row of rows.slice(0, -1))
    if (wasm && Number.isFinite(wasm.value)) row.reference = { name: 'zxing-wasm', value: wasm.value };
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const r of await benchQr()) {
    const budget =
      r.budget === undefined ? '' : `  budget ${r.budget} ${r.unit} ${r.value <= r.budget ? 'ok' : 'OVER'}`;
    const reference = r.reference
      ? `  ×${(r.value / r.reference.value).toFixed(2)} of ${r.reference.name}`
      : '';
    console.log(`${r.name.padEnd(64)} ${r.value.toFixed(2).padStart(7)} ${r.unit}${reference}${budget}`);
  }
}
