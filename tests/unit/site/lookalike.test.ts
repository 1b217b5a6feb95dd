import { describe, expect, it } from 'vitest';
import { lookalikeOf, readableSite, skeleton } from '../../../lib/site/lookalike';
import { bindAdvice } from '../../../lib/site/suggest';

describe('skeleton', () => {
  it('folds Unicode and ASCII look-alikes to the same letters', () => {
    // Cyrillic і (U+0456) and а (U+0430) in place of Latin i and a.
    expect(skeleton('g\u0456thub.com')).toBe(skeleton('github.com'));
    expect(skeleton('p\u0430ypal.com')).toBe(skeleton('paypal.com'));
    expect(skeleton('paypa1.com')).toBe(skeleton('paypal.com'));
    expect(skeleton('rnicrosoft.com')).toBe(skeleton('microsoft.com'));
    expect(skeleton('g00gle.com')).toBe(skeleton('google.com'));
  });

  it('reads punycode addresses as people see them', () => {
    expect(readableSite('xn--bcher-kva.example')).toBe('bücher.example');
  });
});

describe('lookalikeOf', () => {
  const bound = ['github.com', 'paypal.com', 'microsoftonline.com'];

  it.each([
    ['g1thub.com', 'confusable', 'github.com'],
    // The punycode form of gіthub.com with a Cyrillic і.
    ['xn--gthub-n4a.com', 'confusable', 'github.com'],
    ['githuub.com', 'spelling', 'github.com'],
    ['github.co', 'spelling', 'github.com'],
    ['gthub.com', 'spelling', 'github.com'],
    ['rnicrosoftonline.com', 'confusable', 'microsoftonline.com'],
    ['micros0ftonlinee.com', 'spelling', 'microsoftonline.com'],
    ['github-login.com', 'contains', 'github.com'],
    ['paypal-secure.net', 'contains', 'paypal.com'],
  ])('%s looks like a bound site (%s)', (site, reason, of) => {
    expect(lookalikeOf(site, bound)).toMatchObject({ reason, of });
  });

  it.each(['gitlab.com', 'google.com', 'bitbucket.org', 'example.com'])(
    '%s is not a look-alike of github.com, paypal.com or microsoftonline.com',
    (site) => expect(lookalikeOf(site, bound)).toBeNull(),
  );

  it('is never a look-alike of itself', () => {
    expect(lookalikeOf('github.com', bound)).toBeNull();
  });

  it('flags any punycode address, even one that resembles no bound site', () => {
    expect(lookalikeOf('xn--bcher-kva.example', [])).toEqual({
      reason: 'punycode',
      of: null,
      shownAs: 'bücher.example',
    });
  });
});

describe('bindAdvice', () => {
  const accounts = [
    { id: 'gh', issuer: 'GitHub', label: 'octocat', sites: [] },
    { id: 'gh-work', issuer: 'GitHub', label: 'octo-work', sites: [{ host: 'github.com', exact: false }] },
    { id: 'ms', issuer: 'Microsoft', label: 'alice@outlook.com', sites: [] },
    { id: 'other', issuer: 'Example', label: 'me', sites: [] },
  ];

  it('suggests the accounts that name the site exactly', () => {
    expect(bindAdvice(accounts, 'live.com')).toEqual({ suggested: ['ms'], lookalike: null });
  });

  it('suggests nothing on a site that imitates a bound one, and says which', () => {
    const advice = bindAdvice(accounts, 'github.co');
    expect(advice.suggested).toEqual([]);
    expect(advice.lookalike).toMatchObject({ reason: 'spelling', of: 'github.com' });
  });

  it('suggests nothing on a site whose name merely contains the issuer', () => {
    expect(bindAdvice(accounts, 'github-login.com').suggested).toEqual([]);
  });

  it('compares against the registrable domain of host-only bindings', () => {
    const exact = [{ id: 'a', issuer: 'Bank', label: '', sites: [{ host: 'login.bank.com', exact: true }] }];
    expect(bindAdvice(exact, 'banc.com').lookalike).toMatchObject({ of: 'bank.com' });
  });
});
