import type { PasswordCost } from '../../portal/flows/passwords';

/**
 * scrypt at the production cost (N=2^17) takes about a second per sign-in on a busy CI machine; tests that are
 * not about hashing use N=2^14. tests/portal/security-review.test.ts checks the production cost itself.
 * Apart from helpers.ts because the Playwright specs import it and must not load vitest.
 */
export const TEST_PASSWORD_COST: PasswordCost = { N: 2 ** 14, r: 8, p: 1 };
