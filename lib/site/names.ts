import { getDomainWithoutSuffix } from 'tldts';
import { siteOf } from './match';

const TLD_OPTIONS = { allowPrivateDomains: true } as const;

/**
 * Issuers whose sign-in lives on a registrable domain that is not their own name. Only brands whose login
 * domain differs are listed: "GitHub" already matches github.com by its label. Keys are normalised issuers.
 */
const ALIASES: Readonly<Record<string, readonly string[]>> = {
  microsoft: ['live.com', 'microsoft.com', 'microsoftonline.com'],
  outlook: ['live.com'],
  hotmail: ['live.com'],
  xbox: ['live.com', 'xbox.com'],
  gmail: ['google.com'],
  youtube: ['google.com'],
  aws: ['amazon.com'],
  amazonwebservices: ['amazon.com'],
  twitter: ['x.com', 'twitter.com'],
  x: ['x.com', 'twitter.com'],
  meta: ['facebook.com', 'meta.com'],
  icloud: ['apple.com', 'icloud.com'],
  appleid: ['apple.com'],
  proton: ['proton.me'],
  protonmail: ['proton.me', 'protonmail.com'],
  steam: ['steampowered.com', 'steamcommunity.com'],
  playstation: ['sony.com', 'playstation.com'],
  bitbucket: ['bitbucket.org', 'atlassian.com'],
};

/** Company-form suffixes an issuer may carry ("GitHub, Inc.") that are not part of the brand. */
const COMPANY_SUFFIX = /(inc|llc|ltd|gmbh|corp|corporation|limited)$/;

/** An issuer or account name reduced to lower-case ASCII letters and digits: "GitHub, Inc." → "github". */
export function normaliseName(name: string): string {
  const plain = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
  const bare = plain.replace(COMPANY_SUFFIX, '');
  return bare || plain;
}

/** The registrable domain without its public suffix: github.com → github, amazon.co.uk → amazon. */
export function siteLabel(site: string): string {
  return getDomainWithoutSuffix(site, TLD_OPTIONS) ?? site;
}

/**
 * Whether an issuer or account name names this site exactly: the site's label equals the normalised name,
 * the name is a known alias of the site, or the name is itself an address on the site. Never a partial
 * match: "GitHub" fits github.com, not github-login.com.
 */
export function nameFitsSite(name: string, site: string): boolean {
  const normal = normaliseName(name);
  if (!normal) return false;
  if (normal === normaliseName(siteLabel(site))) return true;
  if (ALIASES[normal]?.includes(site)) return true;
  const text = name.trim().toLowerCase();
  return /^[a-z0-9.-]+\.[a-z0-9-]+$/.test(text) && siteOf(text) === site;
}

/** Whether an account's issuer, or its name, names the site (see nameFitsSite). */
export function accountFitsSite(account: { issuer: string; label: string }, site: string): boolean {
  return [account.issuer, account.label].some((name) => name !== '' && nameFitsSite(name, site));
}
