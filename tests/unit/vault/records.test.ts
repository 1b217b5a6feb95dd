import { describe, expect, it } from 'vitest';
import {
  AccountInputSchema,
  AccountPatchSchema,
  RecoveryKeyInputSchema,
  RecoveryKeySchema,
  SiteRuleSchema,
} from '../../../lib/vault/records';
import { sampleAccount } from './helpers';

describe('vault record schemas', () => {
  it('fills safe defaults for an account input', () => {
    const parsed = AccountInputSchema.parse(sampleAccount());
    expect(parsed).toMatchObject({
      sites: [],
      pinned: null,
      autoFill: false,
      autoSubmit: false,
      archived: false,
    });
  });

  it('normalises site hosts and rejects URLs', () => {
    expect(SiteRuleSchema.parse({ host: ' Login.Example.COM ', exact: true }).host).toBe('login.example.com');
    expect(SiteRuleSchema.safeParse({ host: 'https://example.com/login', exact: false }).success).toBe(false);
  });

  it('refuses callers setting id or createdAt on input or patch', () => {
    expect(AccountInputSchema.safeParse({ ...sampleAccount(), id: crypto.randomUUID() }).success).toBe(false);
    expect(AccountPatchSchema.safeParse({ createdAt: 1 }).success).toBe(false);
    expect(AccountPatchSchema.parse({ label: 'bob' })).toEqual({ label: 'bob' });
  });

  it('accepts recovery codes as strings or with their used state', () => {
    const parsed = RecoveryKeyInputSchema.parse({
      kind: 'codes',
      codes: ['aaaa-bbbb', { value: 'cccc', usedAt: 5 }],
    });
    expect(parsed).toEqual({ kind: 'codes', codes: [{ value: 'aaaa-bbbb' }, { value: 'cccc', usedAt: 5 }] });
  });

  it('keeps the kinds apart: a file needs a name and base64 body', () => {
    expect(RecoveryKeyInputSchema.safeParse({ kind: 'file', body: 'aGVsbG8=' }).success).toBe(false);
    expect(
      RecoveryKeyInputSchema.safeParse({ kind: 'file', fileName: 'x.txt', body: 'not base64!' }).success,
    ).toBe(false);
    expect(
      RecoveryKeyInputSchema.safeParse({ kind: 'file', fileName: 'x.txt', body: 'aGVsbG8=' }).success,
    ).toBe(true);
    expect(
      RecoveryKeySchema.safeParse({
        id: crypto.randomUUID(),
        createdAt: 1,
        kind: 'text',
        codes: [{ value: 'a' }],
      }).success,
    ).toBe(false);
  });
});
