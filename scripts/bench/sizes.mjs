// Bundle sizes per entrypoint of the Chrome build: what each context has to load and parse.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** JS files an HTML page loads eagerly (its module script and modulepreloads), resolved in the build folder. */
function scriptsOfPage(dir, page) {
  const html = readFileSync(join(dir, page), 'utf8');
  const refs = [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="([^"]+\.js)"/g)].map((m) => m[1]);
  return [...new Set(refs)].map((ref) =>
    join(dir, ref.startsWith('/') ? ref.slice(1) : join(dirname(page), ref)),
  );
}

/** The files plus every chunk they import statically, transitively: what the browser loads before running them. */
function withStaticImports(files) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const [, ref] of code.matchAll(/(?:^|[;}\s])import\s*(?:[^'"()]*?from\s*)?["']([^"']+\.js)["']/g)) {
      visit(join(dirname(file), ref));
    }
  };
  files.forEach(visit);
  return [...seen];
}

/** Chunks the files load on demand (`import("./x.js")`), with their static imports, minus what is already loaded. */
function lazyImports(files) {
  const loaded = new Set(files);
  const lazy = new Set();
  for (const file of files) {
    for (const [, ref] of readFileSync(file, 'utf8').matchAll(/\bimport\(\s*["']([^"']+\.js)["']\s*\)/g)) {
      lazy.add(join(dirname(file), ref));
    }
  }
  return withStaticImports([...lazy]).filter((file) => !loaded.has(file));
}

/** Adds up raw and gzip sizes of the given files (already including what they import). */
function total(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

const measure = (files) => total(withStaticImports(files));

/**
 * The service worker's code in two rows: what Chromium fetches, parses and runs before the worker can answer
 * its first message (the entry and every chunk it imports statically, shared chunks included), which the
 * budget applies to, and what it loads later through import(). Chromium forbids import() in service workers
 * (https://github.com/w3c/ServiceWorker/issues/1356), so in the Chrome build that second row stays empty unless
 * code is moved out of the worker.
 */
function workerRows(dir, manifest) {
  const start = withStaticImports([join(dir, manifest.background.service_worker)]);
  return [
    { entry: 'background worker, at start', ...total(start), budgetRaw: 250 * 1024 },
    { entry: 'background worker, lazily', ...total(lazyImports(start)) },
  ];
}

/** Rows of { entry, raw, gzip, budgetGzip? } for the content script, background, popup and options page. */
export function bundleSizes(dir = '.output/chrome-mv3') {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  const rows = [
    {
      entry: 'content script (every page)',
      files: manifest.content_scripts.flatMap((c) => c.js.map((f) => join(dir, f))),
      budgetRaw: 12 * 1024,
    },
    {
      entry: 'popup (first paint)',
      files: scriptsOfPage(dir, manifest.action.default_popup),
      budgetGzip: 40 * 1024,
    },
    { entry: 'options page', files: scriptsOfPage(dir, manifest.options_ui?.page ?? manifest.options_page) },
  ].map(({ entry, files, ...budget }) => ({ entry, ...measure(files), ...budget }));
  return [rows[0], ...workerRows(dir, manifest), ...rows.slice(1)];
}
