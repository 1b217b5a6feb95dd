import { describe, expect, it } from 'vitest';
import { matchesFilter, pageOf } from '../../../lib/options/account-table';

const github = { issuer: 'GitHub', label: 'alice@example.com', sites: [{ host: 'github.com' }] };
const bank = { issuer: 'Bank of Tessera', label: 'Alice Main', sites: [{ host: 'login.bank.test' }] };
const bare = { issuer: '', label: 'bob', sites: [] };

describe('sites table filter', () => {
  it('finds accounts by issuer, account name or bound site, ignoring case', () => {
    expect(matchesFilter(github, 'github')).toBe(true);
    expect(matchesFilter(github, 'ALICE@')).toBe(true);
    expect(matchesFilter(bank, 'bank.test')).toBe(true);
    expect(matchesFilter(github, 'github.com')).toBe(true);
    expect(matchesFilter(bank, 'github')).toBe(false);
  });

  it('needs every typed word, each anywhere in the account', () => {
    expect(matchesFilter(github, 'git alice')).toBe(true);
    expect(matchesFilter(bank, 'tessera login')).toBe(true);
    expect(matchesFilter(github, 'git bob')).toBe(false);
  });

  it('keeps every account for an empty or blank filter', () => {
    expect(matchesFilter(bare, '')).toBe(true);
    expect(matchesFilter(bare, '   ')).toBe(true);
  });

  it('does not match across the boundary of two fields', () => {
    // "hub alice" as one word must not be found in "GitHub" + "alice@…" run together.
    expect(matchesFilter(github, 'hubalice')).toBe(false);
  });
});

describe('sites table paging', () => {
  const accounts = Array.from({ length: 209 }, (_, i) => i);

  it('shows 25 at a time with the positions of the first and last', () => {
    expect(pageOf(accounts, 0, 25)).toMatchObject({ index: 0, pages: 9, first: 1, last: 25, total: 209 });
    const second = pageOf(accounts, 1, 25);
    expect(second).toMatchObject({ first: 26, last: 50 });
    expect(second.items).toEqual(accounts.slice(25, 50));
  });

  it('ends with a short last page', () => {
    const last = pageOf(accounts, 8, 25);
    expect(last).toMatchObject({ index: 8, first: 201, last: 209 });
    expect(last.items).toHaveLength(9);
  });

  it('falls back to the last page there is when the filter leaves fewer', () => {
    expect(pageOf(accounts.slice(0, 30), 8, 25)).toMatchObject({ index: 1, first: 26, last: 30, pages: 2 });
    expect(pageOf(accounts, -3, 25).index).toBe(0);
  });

  it('has one empty page for no accounts', () => {
    expect(pageOf([], 2, 25)).toEqual({ items: [], index: 0, pages: 1, first: 0, last: 0, total: 0 });
  });
});
