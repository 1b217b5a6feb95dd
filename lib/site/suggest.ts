import { type Lookalike, lookalikeOf } from './lookalike';
import { siteOf } from './match';
import { accountFitsSite } from './names';

interface Candidate {
  id: string;
  issuer: string;
  label: string;
  sites: readonly { host: string }[];
}

/** What Tessera may offer when a site asks for a code and no account fills there yet. */
export interface BindAdvice {
  /** Accounts that name this site exactly, offered first; empty for a look-alike site. */
  suggested: string[];
  /** Set when the site resembles a site some account already fills on: warn, suggest nothing. */
  lookalike: Lookalike | null;
}

/**
 * Binding is where phishing would strike, so a suggestion needs an exact name match (lib/site/names) and a
 * site that does not imitate any site already bound: a look-alike gets no suggestion, only a warning.
 */
export function bindAdvice(accounts: readonly Candidate[], site: string): BindAdvice {
  const bound = accounts.flatMap((account) => account.sites.map((rule) => siteOf(rule.host) ?? rule.host));
  const lookalike = lookalikeOf(site, bound);
  if (lookalike) return { suggested: [], lookalike };
  return { suggested: accounts.filter((a) => accountFitsSite(a, site)).map((a) => a.id), lookalike: null };
}
