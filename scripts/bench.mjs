// `npm run bench`: builds the extension and prints every budgeted figure side by side, with ratios to the
// budget or to the reference measured in the same run. Figures, not pass/fail: budgets are read by people.
// Timings import TypeScript from lib/, so run it as `node --import tsx scripts/bench.mjs` (`npm run bench`).
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { benchContent } from './bench/content.mjs';
import { benchPortal } from './bench/portal.mjs';
import { benchQr } from './bench/qr.mjs';
import { bundleSizes } from './bench/sizes.mjs';
import { benchWorker } from './bench/worker.mjs';
import { browserVersion, chromiumPath } from './lib/browsers.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (value, budget) => (budget ? `${(value / budget).toFixed(2)}× of budget ${kb(budget)}` : '');

if (spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' }).status !== 0) {
  console.error('The build failed; run `npm run build` to see why.');
  process.exit(1);
}

console.log(
  'Bundle sizes (Chrome MV3 build, minified; gzip -9). The worker budget counts what loads before its first reply: the entry and every chunk it imports statically.',
);
for (const row of bundleSizes()) {
  const budget = row.budgetRaw ? ratio(row.raw, row.budgetRaw) : ratio(row.gzip, row.budgetGzip);
  console.log(
    `  ${row.entry.padEnd(30)} ${kb(row.raw).padStart(10)} min  ${kb(row.gzip).padStart(9)} gzip  ${budget}`,
  );
}

/** A timing or size in its unit, with enough digits for sub-millisecond figures. */
const figure = (value, unit) =>
  `${value < 1 ? value.toFixed(3) : value < 100 ? value.toFixed(1) : value.toFixed(0)} ${unit}`;

/** Prints rows of { name, value, unit, budget?, reference? }, each with its ratio to budget and reference. */
function printRows(rows) {
  const width = Math.max(...rows.map((r) => r.name.length));
  for (const { name, value, unit, budget, reference } of rows) {
    const ratios = [
      budget ? `${(value / budget).toFixed(2)}× of budget ${figure(budget, unit)}` : '',
      reference
        ? `${(value / reference.value).toFixed(2)}× of ${reference.name} (${figure(reference.value, unit)})`
        : '',
    ].filter(Boolean);
    console.log(`  ${name.padEnd(width)} ${figure(value, unit).padStart(10)}  ${ratios.join('; ')}`);
  }
}

const load = `load average ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores`;
const sections = [
  [`Service worker, popup and unlock (${browserVersion(chromiumPath())}, headless; ${load})`, benchWorker],
  ['Content script and detection (same Chromium, pages on 127.0.0.1)', benchContent],
  ['QR decoding (Node 20; ours vs jsQR and zxing-wasm in the same run)', benchQr],
  [
    `Portal under load: sign-in + code on loopback, autocannon, no error, no lost write (SQLite, then PostgreSQL; ${load})`,
    benchPortal,
  ],
];
for (const [title, bench] of sections) {
  console.log(`\n${title}`);
  try {
    printRows(await bench());
  } catch (error) {
    console.log(`  Could not measure: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
