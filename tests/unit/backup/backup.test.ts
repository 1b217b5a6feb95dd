import { describe, expect, it } from 'vitest';
import {
  BACKUP_VERSION,
  type BackupContents,
  looksLikeBackup,
  openBackup,
  sealBackup,
} from '../../../lib/backup';
import { bytesToBase64, randomBytes } from '../../../lib/vault/bytes';
import type { KdfParams } from '../../../lib/vault/kdf';

// Cheap parameters keep the tests fast; production backups use defaultKdfParams() (Argon2id 64 MiB).
const cheapKdf = (): KdfParams => ({
  algo: 'argon2id',
  memoryKiB: 256,
  iterations: 1,
  parallelism: 1,
  salt: bytesToBase64(randomBytes(16)),
});

const CONTENTS: BackupContents = {
  accounts: [
    {
      id: '0b6f3c52-5a1e-4a55-9d3c-3f1d2a1b9c01',
      type: 'totp',
      issuer: 'Example',
      label: 'alice@example.com',
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      sites: [{ host: 'example.com', exact: false }],
      pinned: 0,
      autoFill: false,
      autoSubmit: true,
      archived: false,
      createdAt: 1_700_000_000_000,
    },
  ],
  recoveryKeys: [
    {
      id: '0b6f3c52-5a1e-4a55-9d3c-3f1d2a1b9c02',
      kind: 'codes',
      accountId: '0b6f3c52-5a1e-4a55-9d3c-3f1d2a1b9c01',
      codes: [{ value: 'aaaa-bbbb' }, { value: 'cccc-dddd', usedAt: 1_700_000_100_000 }],
      createdAt: 1_700_000_000_001,
    },
  ],
};

describe('Tessera backup file', () => {
  it('round-trips accounts with their settings and recovery keys', async () => {
    const text = await sealBackup(CONTENTS, 'backup password', { kdf: cheapKdf() });
    expect(looksLikeBackup(text)).toBe(true);
    expect(text).not.toContain('JBSWY3DP');
    expect(text).not.toContain('aaaa-bbbb');
    const file = JSON.parse(text);
    expect(file).toMatchObject({
      format: 'tessera-backup',
      version: BACKUP_VERSION,
      kdf: { algo: 'argon2id' },
    });
    expect(await openBackup(text, 'backup password')).toEqual(CONTENTS);
  });

  it('uses Argon2id with the vault defaults when no parameters are given', async () => {
    const text = await sealBackup({ accounts: [], recoveryKeys: [] }, 'pw');
    expect(JSON.parse(text).kdf).toMatchObject({ algo: 'argon2id', memoryKiB: 64 * 1024, iterations: 3 });
  });

  it('says the password is wrong, not that the file is damaged', async () => {
    const text = await sealBackup(CONTENTS, 'backup password', { kdf: cheapKdf() });
    await expect(openBackup(text, 'another password')).rejects.toMatchObject({
      code: 'wrong-password',
      message: expect.stringContaining('password is not correct'),
    });
  });

  it('refuses an altered ciphertext', async () => {
    const file = JSON.parse(await sealBackup(CONTENTS, 'pw-pw-pw', { kdf: cheapKdf() }));
    const bytes = Buffer.from(file.ciphertext, 'base64');
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    file.ciphertext = bytes.toString('base64');
    await expect(openBackup(JSON.stringify(file), 'pw-pw-pw')).rejects.toMatchObject({ code: 'tampered' });
  });

  it('refuses a ciphertext moved into a file claiming another version', async () => {
    const file = JSON.parse(await sealBackup(CONTENTS, 'pw-pw-pw', { kdf: cheapKdf() }));
    file.version = 0;
    await expect(openBackup(JSON.stringify(file), 'pw-pw-pw')).rejects.toMatchObject({ code: 'corrupt' });
  });

  it('tells to update Tessera for a newer version', async () => {
    const file = JSON.parse(await sealBackup(CONTENTS, 'pw-pw-pw', { kdf: cheapKdf() }));
    file.version = BACKUP_VERSION + 1;
    await expect(openBackup(JSON.stringify(file), 'pw-pw-pw')).rejects.toMatchObject({
      code: 'newer-version',
      message: expect.stringContaining('Update Tessera'),
    });
  });

  it('calls a cut-short file damaged and another JSON file not a backup', async () => {
    const text = await sealBackup(CONTENTS, 'pw-pw-pw', { kdf: cheapKdf() });
    await expect(openBackup(text.slice(0, text.length / 2), 'pw-pw-pw')).rejects.toMatchObject({
      code: 'corrupt',
    });
    await expect(openBackup('{"db":{}}', 'pw-pw-pw')).rejects.toMatchObject({ code: 'not-a-backup' });
    expect(looksLikeBackup('{"db":{}}')).toBe(false);
    expect(looksLikeBackup('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP')).toBe(false);
  });

  it('restores on another machine with only the password (nothing outside the file is needed)', async () => {
    const text = await sealBackup(CONTENTS, 'pw-pw-pw', {
      kdf: { algo: 'pbkdf2-sha256', iterations: 1000, salt: bytesToBase64(randomBytes(16)) },
    });
    expect(await openBackup(JSON.parse(JSON.stringify(text)), 'pw-pw-pw')).toEqual(CONTENTS);
  });
});
