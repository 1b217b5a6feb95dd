// `npm run bench`: builds the extension and prints every budgeted figure side by side, with ratios to the
// budget or to the reference measured in the same run. Figures, not pass/fail: budgets are read by people.
import { spawnSync } from 'node:child_process';
import { bundleSizes } from './bench/sizes.mjs';

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ratio = (value, budget) => (budget ? `${(value / budget).toFixed(2)}× of budget ${kb(budget)}` : '');

if (spawnSync('npx', ['wxt', 'build'], { stdio: 'ignore' }).status !== 0) {
  console.error('The build failed; run `npm run build` to see why.');
  process.exit(1);
}

console.log('Bundle sizes (Chrome MV3 build, minified; gzip -9)');
for (const row of bundleSizes()) {
  const budget = row.budgetRaw ? ratio(row.raw, row.budgetRaw) : ratio(row.gzip, row.budgetGzip);
  console.log(
    `  ${row.entry.padEnd(30)} ${kb(row.raw).padStart(10)} min  ${kb(row.gzip).padStart(9)} gzip  ${budget}`,
  );
}
