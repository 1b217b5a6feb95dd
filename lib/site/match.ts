import { getDomain, getHostname } from 'tldts';

/** A site an account may fill on: a registrable domain (`github.com`) or, when `exact`, one host only. */
export interface SiteRule {
  readonly host: string;
  readonly exact: boolean;
}

// Private suffixes on, so `alice.github.io` and `mallory.github.io` are different sites.
const TLD_OPTIONS = { allowPrivateDomains: true } as const;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Loopback hosts: the fixed names, and `*.localhost`, which browsers always resolve to loopback (RFC 6761 §6.3). */
const isLoopback = (host: string) => LOOPBACK.has(host) || host.endsWith('.localhost');

/** The host of a URL, lower-cased, or null when the URL has none (about:, data:, blob:, file:). */
export function hostOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  return parsed.hostname.toLowerCase() || null;
}

/**
 * Whether a frame at this URL may ever receive a code: https only, plain http for loopback hosts
 * (local development and the reference portal).
 */
export function isFillableOrigin(url: string): boolean {
  const host = hostOf(url);
  if (!host) return false;
  const protocol = new URL(url).protocol;
  return protocol === 'https:' || (protocol === 'http:' && isLoopback(host));
}

/** The registrable domain (eTLD+1) of a host or URL; IPs and `localhost` are their own site. */
export function siteOf(hostOrUrl: string): string | null {
  const host = hostOrUrl.includes('://') ? hostOf(hostOrUrl) : hostOrUrl.toLowerCase();
  if (!host) return null;
  if (LOOPBACK.has(host)) return host;
  return getDomain(host, TLD_OPTIONS) ?? getHostname(host, TLD_OPTIONS);
}

/**
 * Turns what a user or an enrollment page gives (a URL, or a host possibly with a port or path) into a rule for
 * that site; null when it names no host.
 */
export function ruleFor(hostOrUrl: string, exact = false): SiteRule | null {
  const text = hostOrUrl.trim();
  const host = hostOf(text.includes('://') ? text : `https://${text}`);
  if (!host) return null;
  if (exact) return { host, exact: true };
  const site = siteOf(host);
  return site ? { host: site, exact: false } : null;
}

/** Whether a frame URL is covered by one of the rules (same registrable domain, or the same host for exact rules). */
export function ruleMatches(rules: readonly SiteRule[], frameUrl: string): boolean {
  if (!isFillableOrigin(frameUrl)) return false;
  const host = hostOf(frameUrl);
  const site = host && siteOf(host);
  if (!host || !site) return false;
  return rules.some((rule) => (rule.exact ? rule.host === host : siteOf(rule.host) === site));
}

/** Stores rules the way they match: a site rule by its registrable domain, an exact rule by its host. */
export function normalizeRules(rules: readonly SiteRule[]): SiteRule[] {
  const out: SiteRule[] = [];
  for (const rule of rules) {
    const normal = ruleFor(rule.host, rule.exact);
    if (normal && !out.some((r) => r.host === normal.host && r.exact === normal.exact)) out.push(normal);
  }
  return out;
}
