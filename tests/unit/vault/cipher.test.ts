import { describe, expect, it } from 'vitest';
import {
  generateDataKey,
  importDataKey,
  makeKeyCheck,
  openRecord,
  RECORD_VERSION,
  sealRecord,
  verifyKeyCheck,
} from '../../../lib/vault/cipher';

async function freshKey(): Promise<CryptoKey> {
  return importDataKey(generateDataKey());
}

describe('record encryption', () => {
  it('round-trips a record and never reuses an IV', async () => {
    const key = await freshKey();
    const value = { id: 'a', secret: 'JBSWY3DPEHPK3PXP', n: [1, 2] };
    const one = await sealRecord(key, 'accounts', 'a', value);
    const two = await sealRecord(key, 'accounts', 'a', value);
    expect(one.v).toBe(RECORD_VERSION);
    expect(one.iv).toHaveLength(12);
    expect(one.iv).not.toEqual(two.iv);
    expect(new TextDecoder().decode(one.ct)).not.toContain('JBSWY3DP');
    expect(await openRecord(key, 'accounts', one)).toEqual(value);
  });

  it('detects a flipped ciphertext byte and names the record', async () => {
    const key = await freshKey();
    const sealed = await sealRecord(key, 'accounts', 'rec-1', { id: 'rec-1' });
    sealed.ct[3] = (sealed.ct[3] ?? 0) ^ 1;
    await expect(openRecord(key, 'accounts', sealed)).rejects.toMatchObject({
      code: 'tampered',
      recordId: 'rec-1',
    });
  });

  it('refuses a record moved to another id, store or version', async () => {
    const key = await freshKey();
    const sealed = await sealRecord(key, 'accounts', 'A', { id: 'A' });
    await expect(openRecord(key, 'accounts', { ...sealed, id: 'B' })).rejects.toMatchObject({
      code: 'tampered',
    });
    await expect(openRecord(key, 'recoveryKeys', sealed)).rejects.toMatchObject({ code: 'tampered' });
    await expect(openRecord(key, 'accounts', { ...sealed, v: 2 })).rejects.toMatchObject({
      code: 'tampered',
    });
  });

  it('refuses a record sealed under another key and a malformed record', async () => {
    const sealed = await sealRecord(await freshKey(), 'accounts', 'A', { id: 'A' });
    await expect(openRecord(await freshKey(), 'accounts', sealed)).rejects.toMatchObject({
      code: 'tampered',
    });
    await expect(openRecord(await freshKey(), 'accounts', { id: 'A', v: 1 })).rejects.toMatchObject({
      code: 'tampered',
      recordId: 'A',
    });
  });

  it('imports data keys non-extractable and only at 256 bits', async () => {
    expect((await freshKey()).extractable).toBe(false);
    await expect(importDataKey(new Uint8Array(16))).rejects.toMatchObject({ code: 'invalid' });
  });

  it('key check tells the right data key from another', async () => {
    const key = await freshKey();
    const check = await makeKeyCheck(key);
    expect(await verifyKeyCheck(key, check)).toBe(true);
    expect(await verifyKeyCheck(await freshKey(), check)).toBe(false);
  });
});
