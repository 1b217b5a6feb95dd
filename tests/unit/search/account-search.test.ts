import { describe, expect, it } from 'vitest';
import { matchesQuery, ordered } from '../../../lib/search/account-search';

const account = (issuer: string, label: string, hosts: string[] = [], extra = {}) => ({
  issuer,
  label,
  sites: hosts.map((host) => ({ host, exact: false })),
  matchesTab: false,
  pinned: null as number | null,
  ...extra,
});

describe('matchesQuery', () => {
  const github = account('GitHub', 'octocat@example.com', ['github.com']);
  const bank = account('Société Générale', 'me', ['particuliers.sg.fr']);

  it('finds by issuer, name or a bound site, whatever the case', () => {
    expect(matchesQuery(github, 'GITHUB')).toBe(true);
    expect(matchesQuery(github, 'octocat')).toBe(true);
    expect(matchesQuery(bank, 'sg.fr')).toBe(true);
    expect(matchesQuery(github, 'gitlab')).toBe(false);
  });

  it('finds an unbound account when the user types the address of its site', () => {
    const unbound = account('GitHub', 'octocat');
    expect(matchesQuery(unbound, 'github.com')).toBe(true);
    expect(matchesQuery(unbound, 'https://www.github.com/login')).toBe(true);
    expect(matchesQuery(unbound, 'gitlab.com')).toBe(false);
  });

  it('ignores accents and needs every word', () => {
    expect(matchesQuery(bank, 'societe')).toBe(true);
    expect(matchesQuery(bank, 'generale me')).toBe(true);
    expect(matchesQuery(bank, 'generale you')).toBe(false);
  });

  it('matches everything for an empty or blank query', () => {
    expect(matchesQuery(github, '  ')).toBe(true);
  });
});

describe('ordered', () => {
  it('puts the current site first, then pinned in rank order, then the rest by name', () => {
    const list = [
      account('Zeta', 'z'),
      account('Alpha', 'a'),
      account('Pinned two', 'p', [], { pinned: 1 }),
      account('Pinned one', 'p', [], { pinned: 0 }),
      account('Here', 'h', [], { matchesTab: true }),
    ];
    expect(ordered(list).map((a) => a.issuer)).toEqual(['Here', 'Pinned one', 'Pinned two', 'Alpha', 'Zeta']);
  });
});
