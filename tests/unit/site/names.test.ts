import { describe, expect, it } from 'vitest';
import { accountFitsSite, nameFitsSite, normaliseName, siteLabel } from '../../../lib/site/names';

describe('normaliseName', () => {
  it.each([
    ['GitHub', 'github'],
    ['GitHub, Inc.', 'github'],
    ['Société Générale', 'societegenerale'],
    ['Amazon Web Services', 'amazonwebservices'],
  ])('%s → %s', (name, normal) => expect(normaliseName(name)).toBe(normal));
});

describe('siteLabel', () => {
  it('drops the public suffix, however many labels it has', () => {
    expect(siteLabel('github.com')).toBe('github');
    expect(siteLabel('amazon.co.uk')).toBe('amazon');
  });
});

describe('nameFitsSite: exact names only', () => {
  it.each([
    ['GitHub', 'github.com'],
    ['github', 'github.com'],
    ['Google', 'google.com'],
    ['Microsoft', 'live.com'],
    ['Microsoft', 'microsoft.com'],
    ['Twitter', 'x.com'],
    ['AWS', 'amazon.com'],
    ['github.com', 'github.com'],
    ['gist.github.com', 'github.com'],
  ])('%s fits %s', (name, site) => expect(nameFitsSite(name, site)).toBe(true));

  it.each([
    ['GitHub', 'github-login.com'],
    ['GitHub', 'mygithub.com'],
    ['GitHub', 'github.io.evil.com'],
    ['Google', 'live.com'],
    ['Microsoft', 'microsoft-support.com'],
    ['Git', 'github.com'],
    ['', 'github.com'],
    ['github.com', 'github-login.com'],
  ])('%s does not fit %s', (name, site) => expect(nameFitsSite(name, site)).toBe(false));
});

describe('accountFitsSite', () => {
  it('matches on the issuer or, without one, on the name', () => {
    expect(accountFitsSite({ issuer: 'GitHub', label: 'octocat' }, 'github.com')).toBe(true);
    expect(accountFitsSite({ issuer: '', label: 'GitLab' }, 'gitlab.com')).toBe(true);
    expect(accountFitsSite({ issuer: 'Example', label: 'octocat@github.com' }, 'github.com')).toBe(false);
  });
});
