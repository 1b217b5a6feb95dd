// A throw-away PostgreSQL server for the portal's tests and bench: Debian's `postgresql` binaries, a fresh
// data directory in a temporary folder, a free loopback port and a socket in the same folder; dropped after.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder ($POSTGRES_BIN wins), or undefined. */
export function postgresBin() {
  if (process.env.POSTGRES_BIN) return process.env.POSTGRES_BIN;
  if (!existsSync(ROOT)) return undefined;
  const versions = readdirSync(ROOT)
    .filter((v) => existsSync(join(ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(ROOT, versions[0], 'bin') : undefined;
}

const isRoot = () => process.getuid?.() === 0;

/**
 * Makes sure PostgreSQL's server binaries exist, installing Debian's `postgresql` as root; otherwise says
 * what to install. Returns the bin folder, or undefined when it is still missing.
 */
export function ensurePostgres() {
  const found = postgresBin();
  if (found) return found;
  if (isRoot() && existsSync('/usr/bin/apt-get')) {
    console.log('Installing PostgreSQL for the portal tests (apt-get install postgresql)…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'postgresql'], {
      stdio: 'inherit',
      env,
    });
    // The package starts a cluster of its own; the tests never use it.
    spawnSync('service', ['postgresql', 'stop'], { stdio: 'ignore' });
    return postgresBin();
  }
  console.error(
    'PostgreSQL server binaries are missing: install them (Debian/Ubuntu: `sudo apt-get install postgresql`) or set POSTGRES_BIN to the folder holding initdb and pg_ctl.',
  );
  return undefined;
}

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a throw-away server; resolves to { url, stop }. As root the server runs as Debian's `postgres`
 * user (PostgreSQL refuses to run as root); otherwise as the current user.
 */
export async function startThrowawayPostgres() {
  const bin = ensurePostgres();
  if (!bin) throw new Error('PostgreSQL is not installed (see above).');
  const dir = mkdtempSync(join(tmpdir(), 'tessera-pg-'));
  const data = join(dir, 'data');
  const port = await freePort();
  const asServer = (command, args) => {
    const full = [join(bin, command), ...args];
    const [file, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', ...full]] : [full[0], full.slice(1)];
    const result = spawnSync(file, argv, { encoding: 'utf8', cwd: dir });
    if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr || result.stdout}`);
  };
  if (isRoot()) {
    chmodSync(dir, 0o777);
    spawnSync('chown', ['postgres', dir]);
  }
  asServer('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  const options = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    '-c max_connections=400',
    // Throw-away data: no need to wait for the disk.
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  asServer('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  const stop = () => {
    try {
      asServer('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, stop };
}
