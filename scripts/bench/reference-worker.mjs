// The reference for the service worker's cold start: a minimal extension whose module worker is about
// 150 KB of real code (zod classic, idb and otplib, bundled and minified as ours is) and answers one
// validated message. Built at bench time into .tmp/bench, so it always uses the installed versions.
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BENCH_TMP } from './chromium.mjs';

/** A worker as small as one can honestly be: validate the request, answer `vault/status` at once. */
const WORKER_SOURCE = `import { openDB } from 'idb';
import { generate } from 'otplib';
import { z } from 'zod';
z.config({ jitless: true });
const Request = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vault/status') }),
  z.object({ type: z.literal('codes/get'), ids: z.array(z.string().uuid()).max(1000) }),
]);
let db;
async function codes(ids) {
  db ??= await openDB('reference', 1, { upgrade: (d) => d.createObjectStore('secrets') });
  return Promise.all(
    ids.map(async (id) => ({ id, code: await generate({ secret: (await db.get('secrets', id)) ?? 'JBSWY3DPEHPK3PXP' }) })),
  );
}
chrome.runtime.onMessage.addListener((message, sender, reply) => {
  const req = Request.safeParse(message);
  if (!req.success) return reply({ ok: false, error: z.prettifyError(req.error) });
  if (req.data.type === 'vault/status') return reply({ ok: true, state: 'locked' });
  codes(req.data.ids).then((list) => reply({ ok: true, codes: list }));
  return true;
});
`;

/** Writes and builds the reference extension; returns its folder and its worker's minified size in bytes. */
export async function writeReferenceWorker() {
  const dir = join(BENCH_TMP, 'reference-worker');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // The entry sits in the project so its bare imports resolve from node_modules.
  const entry = join(BENCH_TMP, 'reference-worker-entry.js');
  writeFileSync(entry, WORKER_SOURCE);
  await build({
    configFile: false,
    logLevel: 'silent',
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: () => 'background.js' },
    },
  });
  rmSync(entry);
  const manifest = {
    manifest_version: 3,
    name: 'Reference worker',
    version: '1.0.0',
    background: { service_worker: 'background.js', type: 'module' },
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  // An extension page to send from, as the popup does.
  writeFileSync(join(dir, 'page.html'), '<!doctype html><title>Reference</title>');
  return { dir, workerBytes: statSync(join(dir, 'background.js')).size };
}
