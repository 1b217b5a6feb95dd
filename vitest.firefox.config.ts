import { defineConfig } from 'vitest/config';

// Firefox end-to-end tests: one real Firefox ESR per file, driven over WebDriver BiDi; run one file at a time.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    // As Playwright does in CI (playwright.config.ts): one more try for a test that timed out on a busy machine;
    // the summary still reports it, and a test that fails twice fails the run.
    retry: process.env.CI ? 1 : 0,
  },
});
