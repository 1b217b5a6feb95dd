// Finds the system browsers the tests and `npm start` drive, and installs Debian's packages when it can.
// Browser downloads (`npx playwright install`) are not used: Debian's chromium and firefox-esr are.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// The binary itself rather than Debian's /usr/bin/chromium wrapper, whose dev-shm check prints a shell error.
const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const FIREFOX_CANDIDATES = ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr', '/usr/bin/firefox'];

const firstExisting = (paths) => paths.find((p) => p && existsSync(p));

/** Path of a Chromium binary: $CHROMIUM_PATH, else Debian's. */
export function chromiumPath() {
  return firstExisting([process.env.CHROMIUM_PATH, ...CHROMIUM_CANDIDATES]);
}

/** Path of a Firefox (ESR) binary: $FIREFOX_PATH, else Debian's. */
export function firefoxPath() {
  return firstExisting([process.env.FIREFOX_PATH, ...FIREFOX_CANDIDATES]);
}

const canApt = () =>
  process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');

/**
 * Makes sure both browsers exist. As root on Debian it installs the missing ones with apt-get;
 * otherwise it says exactly what to do and returns false.
 */
export function ensureBrowsers({ firefox = true } = {}) {
  const missing = [];
  if (!chromiumPath()) missing.push('chromium');
  if (firefox && !firefoxPath()) missing.push('firefox-esr');
  if (missing.length === 0) return true;
  if (!canApt()) {
    console.error(
      `Missing browser(s): ${missing.join(', ')}.\n` +
        `Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}) or point ` +
        'CHROMIUM_PATH / FIREFOX_PATH at existing binaries, then run the command again.',
    );
    return false;
  }
  console.log(`Installing ${missing.join(' ')} with apt-get (once per machine)…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env,
  });
  if (update.status !== 0 || install.status !== 0) {
    console.error(`apt-get could not install ${missing.join(' ')}; install them by hand and retry.`);
    return false;
  }
  return Boolean(chromiumPath() && (!firefox || firefoxPath()));
}

/** Version line of a browser binary, for logs. */
export function browserVersion(path) {
  try {
    return execFileSync(path, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return 'unknown version';
  }
}
