// Installs npm dependencies when they are missing or older than package-lock.json, so both README commands
// work on a fresh clone without a separate install step.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const STAMP = 'node_modules/.tessera-lock-hash';

/**
 * Installs exactly the locked versions (`npm ci`) unless node_modules already matches the lockfile. The
 * lockfile records every platform's optional binaries (Biome's), so `npm ci` accepts it on any machine.
 * Exits the process on failure.
 */
export function ensureDependencies() {
  const lockHash = () => createHash('sha256').update(readFileSync('package-lock.json')).digest('hex');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === lockHash()) return;
  console.log('Installing npm dependencies (npm ci, locked versions)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed: check the network access to the npm registry and the messages above.');
    process.exit(result.status ?? 1);
  }
  writeFileSync(STAMP, lockHash());
}

/** Runs a command with inherited output; returns its exit status. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  return result.status ?? 1;
}
