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

/** Adds up raw and gzip sizes of the given files. */
function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

/** Rows of { entry, raw, gzip, budgetGzip? } for the content script, background, popup and options page. */
export function bundleSizes(dir = '.output/chrome-mv3') {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  return [
    {
      entry: 'content script (every page)',
      files: manifest.content_scripts.flatMap((c) => c.js.map((f) => join(dir, f))),
      budgetRaw: 12 * 1024,
    },
    {
      entry: 'background service worker',
      files: [join(dir, manifest.background.service_worker)],
      budgetRaw: 250 * 1024,
    },
    {
      entry: 'popup (first paint)',
      files: scriptsOfPage(dir, manifest.action.default_popup),
      budgetGzip: 40 * 1024,
    },
    { entry: 'options page', files: scriptsOfPage(dir, manifest.options_ui?.page ?? manifest.options_page) },
  ].map(({ entry, files, ...budget }) => ({ entry, ...measure(files), ...budget }));
}
