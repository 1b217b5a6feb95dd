// The README's test command (`npm test`): installs what is missing, builds both extensions, then runs the
// unit tests (vitest, the portal's on SQLite), the portal's again on a throw-away PostgreSQL server with the
// several-instance tests, the Chromium end-to-end tests (Playwright) and the Firefox ones (puppeteer-core),
// and ends with one line "N passed, N failed" adding up every suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { browserVersion, chromiumPath, ensureBrowsers, firefoxPath } from './lib/browsers.mjs';
import { ensureDependencies, run } from './lib/deps.mjs';
import { ensurePostgres } from './lib/postgres.mjs';

const step = (title) => console.log(`\n━━ ${title}`);
const fail = (message) => {
  console.error(`\n${message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

ensureDependencies();
if (!ensureBrowsers()) fail('The browsers the end-to-end tests need are missing (see above).');
if (!ensurePostgres()) fail('PostgreSQL, which the portal tests need, is missing (see above).');
console.log(`Chromium: ${chromiumPath()} (${browserVersion(chromiumPath())})`);
console.log(`Firefox:  ${firefoxPath()} (${browserVersion(firefoxPath())})`);

mkdirSync('.tmp', { recursive: true });
const VITEST_REPORTS = ['.tmp/vitest.json', '.tmp/vitest-postgres.json', '.tmp/vitest-firefox.json'];
for (const report of [...VITEST_REPORTS, '.tmp/playwright.json']) rmSync(report, { force: true });

step('Lint and type check');
if (run('npm', ['run', '-s', 'lint']) !== 0)
  fail('Lint or type check failed: run `npm run lint` and fix what it reports.');

step('Build (Chrome and Firefox MV3 with their store zips, and the test builds)');
// `wxt zip` builds before it packs, so the store packages come from the same builds the tests load.
// The test builds (README, "Testing the unpacked extension") go to *-e2e folders beside the real ones.
const testEnv = { ...process.env, TESSERA_E2E: '1' };
const builds = [
  [['wxt', 'zip'], process.env],
  [['wxt', 'zip', '-b', 'firefox', '--mv3'], process.env],
  [['wxt', 'build'], testEnv],
  [['wxt', 'build', '-b', 'firefox', '--mv3'], { ...testEnv, VITE_E2E_OPEN_POPUP: '1' }],
];
for (const [args, env] of builds) {
  if (run('npx', args, { env }) !== 0) fail(`The build \`${args.join(' ')}\` failed.`);
}

step('Firefox add-on lint (web-ext lint, errors fail)');
const firefoxLint = spawnSync('npx', ['web-ext', 'lint', '-s', '.output/firefox-mv3', '--output', 'json'], {
  encoding: 'utf8',
});
const lintErrors = JSON.parse(firefoxLint.stdout || '{"errors":[{}]}').errors ?? [{}];
for (const error of lintErrors) console.error(`  ${error.code}: ${error.message} (${error.file ?? ''})`);
console.log(lintErrors.length === 0 ? '  0 errors' : `  ${lintErrors.length} error(s)`);

// Exit statuses of the four suites: a runner that fails without counting a failed test (a file that cannot
// load, a crashed worker) still fails the run.
const suiteStatuses = [];
const suite = (args) => suiteStatuses.push(run('npx', args));

step('Unit tests (vitest)');
suite(['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json']);

step('Portal API tests on PostgreSQL, and two portal instances sharing it (vitest)');
suite([
  'vitest',
  'run',
  '--config',
  'vitest.postgres.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest-postgres.json',
]);

step('End-to-end tests in Chromium (Playwright)');
suite(['playwright', 'test']);

step('End-to-end tests in Firefox ESR (puppeteer-core)');
suite([
  'vitest',
  'run',
  '--config',
  'vitest.firefox.config.ts',
  '--reporter=default',
  '--reporter=json',
  '--outputFile.json=.tmp/vitest-firefox.json',
]);

let passed = lintErrors.length === 0 ? 1 : 0;
let failed = lintErrors.length === 0 ? 0 : 1;
const missing = [];
const read = (file) => {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  missing.push(file);
  return null;
};
for (const file of VITEST_REPORTS) {
  const report = read(file);
  if (report) {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
}
const pw = read('.tmp/playwright.json');
if (pw) {
  passed += pw.stats.expected + pw.stats.flaky;
  // A spec that cannot even load (errors outside any test) runs none of its tests: count each as a failure.
  failed += pw.stats.unexpected + (pw.errors?.length ?? 0);
}
// A suite that crashed before writing its report counts as a failure.
failed += missing.length;
if (failed === 0) failed += suiteStatuses.filter((status) => status !== 0).length;
if (missing.length) console.error(`No report from: ${missing.join(', ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
