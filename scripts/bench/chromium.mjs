// Real-Chromium plumbing shared by the browser benchmarks: a frozen copy of the build, a headless
// persistent context with extensions loaded, and a loopback server for generated pages.
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright';
import { chromiumPath } from '../lib/browsers.mjs';

/** Scratch folder for everything the benchmarks generate (gitignored). */
export const BENCH_TMP = resolve('.tmp/bench');

/**
 * Copies the built extension into .tmp/bench/<name>, so a rebuild elsewhere during the run cannot change
 * the files Chromium is loading. Returns the copy's absolute path.
 */
export function snapshotExtension(name, from = '.output/chrome-mv3') {
  const dir = join(BENCH_TMP, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(BENCH_TMP, { recursive: true });
  cpSync(resolve(from), dir, { recursive: true });
  return dir;
}

/**
 * Chromium's id for an unpacked extension: the first 32 hex digits of the SHA-256 of its absolute path,
 * written with the letters a–p. Computing it avoids racing the service worker's first start.
 */
export function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(dir).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/**
 * Headless Chromium with the given unpacked extension loaded (and `alongside`, e.g. a reference extension
 * measured in the same browser), launched as tests/e2e/fixtures.ts does. Returns the context, the
 * extension id and `close`.
 */
export async function launchWithExtension(extensionDir, alongside = []) {
  const dirs = [extensionDir, ...alongside].map((dir) => resolve(dir)).join(',');
  const path = chromiumPath();
  if (!path) {
    throw new Error('Chromium was not found. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
  const profile = mkdtempSync(join(tmpdir(), 'tessera-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: path,
    headless: true,
    args: [`--disable-extensions-except=${dirs}`, `--load-extension=${dirs}`],
  });
  return {
    context,
    extensionId: unpackedExtensionId(resolve(extensionDir)),
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Serves `pages` ({ '/path.html': html }) on 127.0.0.1. Pages are cross-origin isolated (COOP + COEP) so
 * `performance.now()` has 5 µs resolution instead of 100 µs.
 */
export async function servePages(pages) {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url ?? '/', 'http://x').pathname];
    if (body === undefined) return res.writeHead(404).end('not found');
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cache-control': 'no-store',
    });
    res.end(body);
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: (path) => `http://127.0.0.1:${server.address().port}${path}`,
    close: () => new Promise((done) => server.close(done)),
  };
}
