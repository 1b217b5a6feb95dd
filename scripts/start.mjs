// The README's run command (`npm start`): installs what is missing, builds the extension, starts the reference
// portal on 127.0.0.1 with demo data, and opens Chromium with the unpacked extension when there is a display.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromiumPath, ensureBrowsers } from './lib/browsers.mjs';
import { ensureDependencies, run } from './lib/deps.mjs';

const PORTAL_PORT = process.env.PORT ?? '8787';
const PORTAL_URL = `http://127.0.0.1:${PORTAL_PORT}/`;
const EXTENSION_DIR = resolve('.output/chrome-mv3');

ensureDependencies();
console.log('Building the extension…');
if (run('npx', ['wxt', 'build']) !== 0) process.exit(1);
if (run('npx', ['wxt', 'build', '-b', 'firefox', '--mv3']) !== 0) process.exit(1);

console.log(`Starting the reference portal on ${PORTAL_URL} …`);
const portal = spawn('npx', ['tsx', 'portal/main.ts'], {
  stdio: 'inherit',
  // DEV=1: a local demo reads its SMS and e-mail codes on /dev/outbox.
  env: { DEV: '1', ...process.env, PORT: PORTAL_PORT },
});
const children = [portal];
const stopAll = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);
portal.on('exit', (code) => {
  console.error(`The portal stopped (exit code ${code}).`);
  process.exit(code ?? 1);
});

const hasDisplay = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (hasDisplay && ensureBrowsers({ firefox: false })) {
  const profile = resolve('.tmp/chromium-profile');
  mkdirSync(profile, { recursive: true });
  console.log('Opening Chromium with Tessera loaded…');
  children.push(
    spawn(
      chromiumPath(),
      [
        `--user-data-dir=${profile}`,
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        '--no-first-run',
        '--disable-background-networking',
        PORTAL_URL,
      ],
      { stdio: 'ignore' },
    ),
  );
} else {
  console.log(`
No display found (DISPLAY/WAYLAND_DISPLAY unset), so no browser was opened. To try Tessera:
  Chrome/Chromium: open chrome://extensions, turn on "Developer mode", click "Load unpacked" and pick
                   ${EXTENSION_DIR}
  Firefox:         open about:debugging#/runtime/this-firefox, click "Load Temporary Add-on…" and pick
                   ${resolve('.output/firefox-mv3/manifest.json')}
Then visit the portal at ${PORTAL_URL} (demo accounts: portal/README.md). Ctrl-C stops the portal.`);
}
