import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// The portal API suite again, on a throw-away PostgreSQL server (tests/portal/postgres.global.ts), plus the
// tests that need PostgreSQL: several portal processes sharing one database.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['tests/portal/**/*.test.ts', 'tests/cluster/**/*.test.ts'],
    globalSetup: ['tests/portal/postgres.global.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
