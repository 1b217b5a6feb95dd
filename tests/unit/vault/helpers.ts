import 'fake-indexeddb/auto';
import type { KdfMinimums, KdfParams } from '../../../lib/vault/kdf';
import type { AccountInput } from '../../../lib/vault/records';
import { Vault, type VaultOptions } from '../../../lib/vault/vault';

/** Cheap floor for tests only; production code never lowers it. */
export const TEST_MINIMUMS: KdfMinimums = {
  argon2idMemoryKiB: 8,
  argon2idIterations: 1,
  pbkdf2Iterations: 1_000,
};

/** Fast KDF params, valid only under TEST_MINIMUMS. */
export function testKdf(): KdfParams {
  return {
    algo: 'pbkdf2-sha256',
    iterations: 1_000,
    salt: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))),
  };
}

let counter = 0;
/** A database name no other test uses. */
export function freshDbName(): string {
  counter += 1;
  return `vault-test-${counter}-${crypto.randomUUID()}`;
}

export const PASSWORD = 'correct horse battery';

/** Opens a fresh vault with test-only KDF floor; `setup` creates it with PASSWORD. */
export async function openTestVault(
  options: VaultOptions & { dbName?: string; setup?: boolean } = {},
): Promise<{ vault: Vault; dbName: string }> {
  const dbName = options.dbName ?? freshDbName();
  const vault = await Vault.open(dbName, { kdfMinimums: TEST_MINIMUMS, ...options });
  if (options.setup ?? true) await vault.setup(PASSWORD, testKdf());
  return { vault, dbName };
}

/** A valid TOTP account input; fields can be overridden. */
export function sampleAccount(overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    type: 'totp',
    issuer: 'Example',
    label: 'alice@example.com',
    secret: 'JBSWY3DPEHPK3PXP',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    ...overrides,
  };
}
