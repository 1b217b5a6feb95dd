import { type RunningPortal, startPortal } from '../../portal/server';
import { TEST_PASSWORD_COST } from './password-cost';

/**
 * The reference portal as the browser tests meet it: in memory with its demo data, on a free loopback port,
 * in dev mode (the outbox shows the codes it "sends"), hashing at the test cost, silent.
 * Apart from helpers.ts because the Playwright specs import it and must not load vitest.
 */
export function startDevPortal(): Promise<RunningPortal> {
  return startPortal({
    dataDir: ':memory:',
    port: 0,
    host: '127.0.0.1',
    dev: true,
    passwordCost: TEST_PASSWORD_COST,
    logger: false,
  });
}
