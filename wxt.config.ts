import { defineConfig } from 'wxt';

// Firefox needs a stable add-on id for MV3 and for storage to survive reinstalls.
const GECKO_ID = 'tessera@tessera-2fa.org';

// The test build (TESSERA_E2E=1) goes to its own folder so it never replaces the build a user loads.
const E2E = process.env.TESSERA_E2E === '1';

export default defineConfig({
  imports: false,
  ...(E2E ? { outDirTemplate: '{{browser}}-mv{{manifestVersion}}-e2e' } : {}),
  manifestVersion: 3,
  // `npm run zip`: the store packages and the sources archive addons.mozilla.org reviews (see BUILDING.md).
  zip: {
    artifactTemplate: '{{name}}-{{version}}-{{browser}}.zip',
    sourcesTemplate: '{{name}}-{{version}}-sources.zip',
    // What a reviewer needs to rebuild the add-on byte for byte, and nothing else: the portal server, the
    // tests, the dev scripts and CI are not part of the extension.
    includeSources: ['.npmrc'],
    excludeSources: [
      'portal/**',
      'tests/**',
      'scripts/**',
      '.ci/**',
      '.tmp/**',
      'test-results/**',
      'playwright-report/**',
      'playwright.config.ts',
      'vitest.config.ts',
      'vitest.firefox.config.ts',
    ],
  },
  vite: () => ({
    // The test build's stand-in for managed storage (entrypoints/background/policy.ts); absent from real builds.
    define: { 'import.meta.env.VITE_TESSERA_E2E': JSON.stringify(E2E ? '1' : '') },
    resolve: {
      // tldts's own minified build packs the public-suffix trie far tighter than bundling its sources (132 KB vs 312 KB).
      alias: [{ find: /^tldts$/, replacement: 'tldts/dist/index.esm.min.js' }],
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    short_name: 'Tessera',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'activeTab',
      'scripting',
      'alarms',
      'contextMenus',
      // Clearing a copied code after the user's delay, only if the clipboard still holds it: reading is the check.
      'clipboardRead',
      'clipboardWrite',
      // Chromium's service worker has no clipboard; Firefox's background page does.
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Tests cannot click the toolbar button that grants activeTab, so the test build holds what it would grant.
    ...(E2E ? { host_permissions: ['<all_urls>'] } : {}),
    // The detector is an unlisted script (see entrypoints/detector.ts) declared here by hand.
    content_scripts: [
      { matches: ['<all_urls>'], all_frames: true, run_at: 'document_idle', js: ['detector.js'] },
    ],
    // Only the lazily loaded fill button is reachable from pages, under a per-session URL where supported.
    web_accessible_resources: [
      {
        resources: ['filler.js'],
        matches: ['<all_urls>'],
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    commands: {
      'fill-code': { suggested_key: { default: 'Alt+Shift+Y' }, description: '__MSG_commandFill__' },
    },
    // The action's title comes from entrypoints/popup/index.html (WXT puts it there).
    action: {
      ...(browser === 'firefox'
        ? {
            theme_icons: [16, 32].map((size) => ({
              light: `icon-light/${size}.png`,
              dark: `icon/${size}.png`,
              size,
            })),
          }
        : {}),
    },
    // Organisation policies (lib/policy.ts). Firefox takes no schema: its policies arrive as they are written.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    // Argon2id runs as WebAssembly; nothing else is relaxed.
    content_security_policy: {
      extension_pages: "script-src 'self' 'wasm-unsafe-eval'; object-src 'self';",
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: GECKO_ID,
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
