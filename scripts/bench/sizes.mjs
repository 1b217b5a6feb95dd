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

/** Adds up raw and gzip sizes of the given files and the chunks they import. */
function measure(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of withStaticImports(files)) {
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
