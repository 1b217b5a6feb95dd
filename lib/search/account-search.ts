import type { AccountView } from '../messages';

/** What a typed search is matched against: the account's names and the hosts it fills on. */
export interface Searchable {
  issuer: string;
  label: string;
  sites: readonly { host: string }[];
}
type Sortable = Pick<AccountView, 'issuer' | 'label' | 'matchesTab' | 'pinned'>;

/** Lower case without accents, so "Societe" finds "Société" and "GITHUB" finds "GitHub". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Whether an account answers the query: every word of it must occur in the issuer, the name or a site the
 * account fills on. A word that looks like a host ("github.com") also finds an unbound account by the host's
 * first label ("GitHub"), since people type the address of the site they are on.
 */
export function matchesQuery(account: Searchable, query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = fold(`${account.issuer} ${account.label} ${account.sites.map((s) => s.host).join(' ')}`);
  return words.every((word) => {
    if (haystack.includes(word)) return true;
    const name = word.replace(/^(?:https?:\/\/)?(?:www\.)?/, '').split(/[./:]/)[0] ?? '';
    return word.includes('.') && name.length >= 2 && haystack.includes(name);
  });
}

/** Accounts for the current site first, then pinned ones in their order, then the rest by name. */
export function ordered<A extends Sortable>(accounts: readonly A[]): A[] {
  const name = (a: A) => `${a.issuer} ${a.label}`.toLowerCase();
  return [...accounts].sort(
    (a, b) =>
      Number(b.matchesTab) - Number(a.matchesTab) ||
      (a.pinned ?? Number.POSITIVE_INFINITY) - (b.pinned ?? Number.POSITIVE_INFINITY) ||
      name(a).localeCompare(name(b)),
  );
}
