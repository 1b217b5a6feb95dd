// Installs npm dependencies when they are missing or older than package-lock.json, so both README commands
// work on a fresh clone without a separate install step.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const STAMP = 'node_modules/.tessera-lock-hash';

/**
 * Installs the locked versions unless node_modules already matches the lockfile. `npm install` rather than
 * `npm ci`: npm records only this platform's optional binaries (Biome's) in the lockfile, and `npm ci` then
 * refuses the lockfile as out of sync (npm/cli#4828). Exits the process on failure.
 */
export function ensureDependencies() {
  const lockHash = () => createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lockHash()) return;
  console.log('Installing npm dependencies (npm install, locked versions)…');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm install failed: check the network access to the npm registry and the messages above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(STAMP, lockHash());
}

/** Runs a command with inherited output; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}
