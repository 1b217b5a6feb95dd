import { existsSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';

// `npm run zip` (run by `npm test` before the unit tests) writes what the stores and AMO's review receive.
const { name, version } = JSON.parse(readFileSync('package.json', 'utf8')) as {
  name: string;
  version: string;
};

async function openZip(file: string): Promise<JSZip> {
  const path = `.output/${file}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run zip\` first.`);
  return JSZip.loadAsync(readFileSync(path));
}

async function manifestOf(zip: JSZip): Promise<{ version: string; browser_specific_settings?: unknown }> {
  const entry = zip.file('manifest.json');
  if (!entry) throw new Error('the package has no manifest.json at its root');
  return JSON.parse(await entry.async('string'));
}

describe('store packages', () => {
  it('the Chrome Web Store zip holds a manifest with the package.json version and no Gecko settings', async () => {
    const manifest = await manifestOf(await openZip(`${name}-${version}-chrome.zip`));
    expect(manifest.version).toBe(version);
    expect(manifest.browser_specific_settings).toBeUndefined();
  });

  it('the Firefox zip holds a manifest with the package.json version and the add-on id', async () => {
    const manifest = await manifestOf(await openZip(`${name}-${version}-firefox.zip`));
    expect(manifest.version).toBe(version);
    expect(manifest.browser_specific_settings).toMatchObject({ gecko: { id: 'tessera@tessera-2fa.org' } });
  });

  it('the AMO sources zip has what a reviewer rebuilds from, and no dependencies, builds or tests', async () => {
    const files = Object.keys((await openZip(`${name}-${version}-sources.zip`)).files);
    for (const needed of [
      'BUILDING.md',
      'package.json',
      'package-lock.json',
      '.npmrc',
      'wxt.config.ts',
      'entrypoints/background/index.ts',
      'public/_locales/en/messages.json',
    ]) {
      expect(files).toContain(needed);
    }
    const unwanted = /^(node_modules|\.output|\.wxt|tests|portal|test-results|playwright-report|\.tmp)\//;
    expect(files.filter((file) => unwanted.test(file))).toEqual([]);
  });
});
