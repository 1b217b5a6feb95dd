import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { addEnrollment, previewEnrollment } from '../../../entrypoints/background/enroll';
import { openTestVault, sampleAccount } from '../vault/helpers';

// Enrollment in the background, where secrets are compared: the popup only learns what kind of repeat it is.

const OLD_KEY = 'JBSWY3DPEHPK3PXP';
const NEW_KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const NO_TAB = { urls: [], prompts: [], scanned: false };
const uri = (label: string, secret: string) =>
  `otpauth://totp/GitHub:${label}?secret=${secret}&issuer=GitHub`;

async function vaultWithOctocat() {
  const { vault } = await openTestVault();
  const held = await vault.addAccount(
    sampleAccount({
      issuer: 'GitHub',
      label: 'octocat',
      secret: OLD_KEY,
      sites: [{ host: 'github.com', exact: false }],
      autoFill: true,
    }),
  );
  return { vault, held };
}

describe('enrollment: copies, re-enrollments and namesakes', () => {
  it('the preview says which kind of repeat it is, without the secret', async () => {
    const { vault, held } = await vaultWithOctocat();
    const copy = await previewEnrollment(vault, uri('renamed', OLD_KEY), NO_TAB);
    expect(copy.accounts[0]?.duplicate).toMatchObject({ kind: 'same', of: { id: held.id } });
    const renewed = await previewEnrollment(vault, uri('octocat', NEW_KEY), NO_TAB);
    expect(renewed.accounts[0]?.duplicate).toMatchObject({ kind: 'reenrollment', of: { id: held.id } });
    expect(JSON.stringify([copy, renewed])).not.toContain(OLD_KEY);
    expect((await previewEnrollment(vault, uri('hubot', NEW_KEY), NO_TAB)).accounts[0]?.duplicate).toBeNull();
  });

  it('never adds a true copy twice', async () => {
    const { vault } = await vaultWithOctocat();
    for (const choice of ['ask', 'keep-both', 'replace'] as const) {
      expect(await addEnrollment(vault, uri('octocat', OLD_KEY), undefined, [], choice)).toEqual({
        added: [],
        duplicates: [],
        alreadyHeld: [0],
      });
    }
    expect((await vault.listAccounts()).items).toHaveLength(1);
  });

  it('asks about a re-enrollment before writing anything', async () => {
    const { vault } = await vaultWithOctocat();
    expect(await addEnrollment(vault, uri('octocat', NEW_KEY), undefined, [], 'ask')).toEqual({
      added: [],
      duplicates: [0],
      alreadyHeld: [],
    });
    expect((await vault.listAccounts()).items.map((a) => a.secret)).toEqual([OLD_KEY]);
  });

  it('Replace gives the held account the new key and keeps its names, sites and settings', async () => {
    const { vault, held } = await vaultWithOctocat();
    const reply = await addEnrollment(
      vault,
      uri('OctoCat', NEW_KEY),
      undefined,
      [{ host: 'gist.github.com', exact: true }],
      'replace',
    );
    expect(reply).toEqual({ added: [held.id], duplicates: [0], alreadyHeld: [] });
    const [after, ...others] = (await vault.listAccounts()).items;
    expect(others).toEqual([]);
    expect(after).toMatchObject({
      id: held.id,
      issuer: 'GitHub',
      label: 'octocat',
      secret: NEW_KEY,
      autoFill: true,
      sites: [
        { host: 'github.com', exact: false },
        { host: 'gist.github.com', exact: true },
      ],
    });
  });

  it('Keep both adds the new one beside the old', async () => {
    const { vault, held } = await vaultWithOctocat();
    const reply = await addEnrollment(vault, uri('octocat', NEW_KEY), undefined, [], 'keep-both');
    expect(reply.added).toHaveLength(1);
    const secrets = (await vault.listAccounts()).items.map((a) => [a.id === held.id, a.secret]);
    expect(secrets).toHaveLength(2);
    expect(secrets).toEqual(
      expect.arrayContaining([
        [true, OLD_KEY],
        [false, NEW_KEY],
      ]),
    );
  });

  it('another account under the same issuer is added without a question', async () => {
    const { vault } = await vaultWithOctocat();
    const reply = await addEnrollment(vault, uri('hubot', NEW_KEY), undefined, [], 'ask');
    expect(reply).toMatchObject({ duplicates: [], alreadyHeld: [] });
    expect(reply.added).toHaveLength(1);
  });
});
