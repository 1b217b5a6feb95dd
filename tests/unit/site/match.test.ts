import { describe, expect, it } from 'vitest';
import { isFillableOrigin, normalizeRules, ruleFor, ruleMatches, siteOf } from '../../../lib/site/match';

describe('siteOf', () => {
  it.each([
    ['https://github.com/login', 'github.com'],
    ['https://gist.github.com/', 'github.com'],
    ['https://alice.github.io/app', 'alice.github.io'],
    ['https://login.example.co.uk/', 'example.co.uk'],
    ['http://127.0.0.1:8787/login', '127.0.0.1'],
    ['http://localhost:3000/', 'localhost'],
    ['http://github.localhost:3000/', 'github.localhost'],
    ['https://xn--bcher-kva.example/', 'xn--bcher-kva.example'],
    ['about:blank', null],
    ['data:text/html,hi', null],
  ])('%s → %s', (url, site) => {
    expect(siteOf(url)).toBe(site);
  });
});

describe('isFillableOrigin', () => {
  it.each([
    ['https://github.com/session', true],
    ['http://github.com/session', false],
    ['http://127.0.0.1:5000/', true],
    ['http://localhost/', true],
    ['http://github.localhost:5000/', true],
    ['http://localhost.evil.com/', false],
    ['file:///tmp/x.html', false],
    ['blob:https://github.com/123', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (url, ok) => {
    expect(isFillableOrigin(url)).toBe(ok);
  });
});

describe('ruleMatches', () => {
  const github = [ruleFor('https://github.com/settings/two_factor')!];

  it('matches the registrable domain and its subdomains', () => {
    expect(ruleMatches(github, 'https://github.com/sessions/two-factor')).toBe(true);
    expect(ruleMatches(github, 'https://enterprise.github.com/x')).toBe(true);
  });

  it('refuses look-alikes, other sites and plain http', () => {
    for (const url of [
      'https://github.com.evil.example/',
      'https://githuh.com/',
      'https://github.io/',
      'https://evil-github.com/',
      'http://github.com/',
    ]) {
      expect(ruleMatches(github, url), url).toBe(false);
    }
  });

  it('keeps private suffixes apart (a.github.io is not b.github.io)', () => {
    const pages = [ruleFor('alice.github.io')!];
    expect(ruleMatches(pages, 'https://alice.github.io/')).toBe(true);
    expect(ruleMatches(pages, 'https://mallory.github.io/')).toBe(false);
  });

  it('exact rules match one host only', () => {
    const rules = [ruleFor('login.example.com', true)!];
    expect(ruleMatches(rules, 'https://login.example.com/')).toBe(true);
    expect(ruleMatches(rules, 'https://example.com/')).toBe(false);
    expect(ruleMatches(rules, 'https://evil.example.com/')).toBe(false);
  });

  it('treats loopback hosts as separate sites', () => {
    const local = [ruleFor('http://127.0.0.1:8787/setup')!];
    expect(ruleMatches(local, 'http://127.0.0.1:9999/login')).toBe(true);
    expect(ruleMatches(local, 'http://localhost:8787/login')).toBe(false);
  });

  it('matches nothing without rules', () => {
    expect(ruleMatches([], 'https://github.com/')).toBe(false);
  });
});

describe('normalizeRules', () => {
  it('keeps site rules as registrable domains and exact rules as hosts, without duplicates', () => {
    expect(
      normalizeRules([
        { host: 'login.example.co.uk', exact: false },
        { host: 'www.example.co.uk', exact: false },
        { host: 'Login.Example.com', exact: true },
        { host: 'https://app.example.org/x', exact: false },
      ]),
    ).toEqual([
      { host: 'example.co.uk', exact: false },
      { host: 'login.example.com', exact: true },
      { host: 'example.org', exact: false },
    ]);
  });
});
