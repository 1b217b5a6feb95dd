import { defineConfig } from 'vitest/config';

// Firefox end-to-end tests: one real Firefox ESR per file, driven over WebDriver BiDi; run one file at a time.
export default defineConfig({
  test: {
    include: ['tests/firefox/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
