import { describe, expect, it } from 'vitest';
import { unwrapDataKey, wrapDataKey } from '../../../lib/vault/cipher';
import { VaultError } from '../../../lib/vault/errors';
import {
  assertKdfStrongEnough,
  defaultKdfParams,
  deriveKek,
  type KdfParams,
  KdfParamsSchema,
  PRODUCTION_KDF_MINIMUMS,
} from '../../../lib/vault/kdf';
import { testKdf } from './helpers';

const SALT = 'AAECAwQFBgcICQoLDA0ODw==';

function caught(fn: () => void): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('KDF parameters', () => {
  it('defaults to Argon2id 64 MiB / t=3 / p=4 and PBKDF2 600,000, each with a fresh 16-byte salt', () => {
    const argon = defaultKdfParams();
    expect(argon).toMatchObject({ algo: 'argon2id', memoryKiB: 65536, iterations: 3, parallelism: 4 });
    expect(defaultKdfParams('pbkdf2-sha256')).toMatchObject({ algo: 'pbkdf2-sha256', iterations: 600_000 });
    expect(atob(argon.salt)).toHaveLength(16);
    expect(defaultKdfParams().salt).not.toBe(argon.salt);
    expect(KdfParamsSchema.safeParse(argon).success).toBe(true);
  });

  it('accepts the defaults and the OWASP floor itself', () => {
    expect(() => assertKdfStrongEnough(defaultKdfParams())).not.toThrow();
    expect(() => assertKdfStrongEnough(defaultKdfParams('pbkdf2-sha256'))).not.toThrow();
    const floor: KdfParams = {
      algo: 'argon2id',
      memoryKiB: 19 * 1024,
      iterations: 2,
      parallelism: 1,
      salt: SALT,
    };
    expect(() => assertKdfStrongEnough(floor)).not.toThrow();
  });

  it.each<[string, KdfParams]>([
    ['PBKDF2 1,000', { algo: 'pbkdf2-sha256', iterations: 1_000, salt: SALT }],
    ['PBKDF2 599,999', { algo: 'pbkdf2-sha256', iterations: 599_999, salt: SALT }],
    [
      'Argon2id 16 MiB',
      { algo: 'argon2id', memoryKiB: 16 * 1024, iterations: 3, parallelism: 4, salt: SALT },
    ],
    ['Argon2id t=1', { algo: 'argon2id', memoryKiB: 64 * 1024, iterations: 1, parallelism: 4, salt: SALT }],
  ])('refuses %s below the production floor with an explanation', (_name, params) => {
    const error = caught(() => assertKdfStrongEnough(params, PRODUCTION_KDF_MINIMUMS));
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('kdf-too-weak');
    expect((error as VaultError).message).toMatch(/weaker than Tessera allows/);
  });

  it('rejects absurd stored params that would hang or exhaust memory', () => {
    const huge = { algo: 'argon2id', memoryKiB: 8 * 1024 * 1024, iterations: 3, parallelism: 4, salt: SALT };
    expect(KdfParamsSchema.safeParse(huge).success).toBe(false);
    expect(KdfParamsSchema.safeParse({ algo: 'pbkdf2-sha256', iterations: 1e9, salt: SALT }).success).toBe(
      false,
    );
    expect(KdfParamsSchema.safeParse({ algo: 'pbkdf2-sha256', iterations: 1e6, salt: 'AAAA' }).success).toBe(
      false,
    );
  });
});

describe('deriveKek', () => {
  it('derives a non-extractable key; same password opens, another does not (PBKDF2)', async () => {
    const params = testKdf();
    const kek = await deriveKek('hunter22hunter', params);
    expect(kek.extractable).toBe(false);
    const wrapped = await wrapDataKey(kek, new Uint8Array(32).fill(7));
    const again = await unwrapDataKey(await deriveKek('hunter22hunter', params), wrapped);
    expect(again).toEqual(new Uint8Array(32).fill(7));
    await expect(unwrapDataKey(await deriveKek('hunter22hunteR', params), wrapped)).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });

  it('treats composed and decomposed Unicode passwords alike (NFC)', async () => {
    const params = testKdf();
    const wrapped = await wrapDataKey(await deriveKek('caf\u00e9 au lait', params), new Uint8Array(32));
    await expect(unwrapDataKey(await deriveKek('cafe\u0301 au lait', params), wrapped)).resolves.toHaveLength(
      32,
    );
  });

  it('derives with Argon2id (small test params) and depends on the salt', async () => {
    const params: KdfParams = { algo: 'argon2id', memoryKiB: 64, iterations: 1, parallelism: 1, salt: SALT };
    const wrapped = await wrapDataKey(await deriveKek('pw', params), new Uint8Array(32).fill(1));
    await expect(unwrapDataKey(await deriveKek('pw', params), wrapped)).resolves.toEqual(
      new Uint8Array(32).fill(1),
    );
    const otherSalt = { ...params, salt: 'DwAAAAAAAAAAAAAAAAAAAA==' };
    await expect(unwrapDataKey(await deriveKek('pw', otherSalt), wrapped)).rejects.toBeInstanceOf(VaultError);
  });
});
