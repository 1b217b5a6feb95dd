// QR decode time: our decodeQrCodes against jsqr and zxing-wasm, same captures, same run.
// Imports TypeScript, so run under tsx: node --import tsx scripts/bench/qr.mjs
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import jsQR from 'jsqr';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { decodeQrCodes } from '../../lib/qr/decode.ts';
import { lightPageWithCode, TOTP_URI } from '../../tests/unit/qr/page-fixtures.ts';

/** Per-capture budgets for our decoder (docs/design performance §3). */
export const QR_BUDGETS_MS = { '1280x800': 20, '1920x1080': 35 };

const RUNS = 21;
const WARMUP = 3;

const decoders = {
  decodeQrCodes: async (img) => (await decodeQrCodes(img)).includes(TOTP_URI),
  jsqr: async (img) => jsQR(img.data, img.width, img.height)?.data === TOTP_URI,
  'zxing-wasm': async (img) =>
    (await readBarcodes(img, { formats: ['QRCode'], tryHarder: true })).some((r) => r.text === TOTP_URI),
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

async function medianMs(decode, img) {
  let decoded = true;
  const times = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    decoded = (await decode(img)) && decoded;
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], decoded };
}

/** Median decode time per decoder and capture; ratio is to the fastest decoder that read the code. */
export async function benchQr() {
  loadZxingWasm();
  const captures = {
    '1280x800': lightPageWithCode(TOTP_URI, { width: 1280, height: 800 }),
    '1920x1080': lightPageWithCode(TOTP_URI, { width: 1920, height: 1080 }),
  };
  const rows = [];
  for (const [size, img] of Object.entries(captures)) {
    const measured = [];
    for (const [decoder, decode] of Object.entries(decoders)) {
      measured.push({ decoder, ...(await medianMs(decode, img)) });
    }
    const fastest = Math.min(...measured.filter((m) => m.decoded).map((m) => m.ms));
    for (const m of measured) {
      rows.push({
        name: `qr ${size} ${m.decoder}${m.decoded ? '' : ' (did not read the code)'}`,
        ms: Number(m.ms.toFixed(2)),
        ratio: Number((m.ms / fastest).toFixed(2)),
        budgetMs: m.decoder === 'decodeQrCodes' ? QR_BUDGETS_MS[size] : undefined,
      });
    }
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = await benchQr();
  for (const r of rows) {
    const budget =
      r.budgetMs === undefined ? '' : `  budget ${r.budgetMs} ms ${r.ms <= r.budgetMs ? 'ok' : 'OVER'}`;
    console.log(`${r.name.padEnd(48)} ${r.ms.toFixed(2).padStart(7)} ms  ×${r.ratio.toFixed(2)}${budget}`);
  }
}
