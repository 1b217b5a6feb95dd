/** Filtering and paging of a long account list (the options page's sites table). */

/** What a typed filter is matched against: the account's names and the hosts it fills on. */
export interface FilterableAccount {
  issuer: string;
  label: string;
  sites: readonly { host: string }[];
}

/**
 * Whether an account matches what the user typed: every word of it appears in the issuer, the account name or
 * one of its sites, ignoring case ("git alice" finds GitHub's alice@…; "github.com" finds what fills there).
 */
export function matchesFilter(account: FilterableAccount, filter: string): boolean {
  const words = filter.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = [account.issuer, account.label, ...account.sites.map((site) => site.host)]
    .join('\n')
    .toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}

export interface Page<T> {
  items: T[];
  /** 0-based, clamped to the pages there are (a filter can leave fewer pages than the one that was open). */
  index: number;
  pages: number;
  /** 1-based positions of the first and last item shown, 0 and 0 when there is none. */
  first: number;
  last: number;
  total: number;
}

/** The `index`th page of `size` items (the last page when `index` is past it). */
export function pageOf<T>(items: readonly T[], index: number, size: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const clamped = Math.min(Math.max(0, Math.floor(index)), pages - 1);
  const start = clamped * size;
  const shown = items.slice(start, start + size);
  return {
    items: shown,
    index: clamped,
    pages,
    first: shown.length > 0 ? start + 1 : 0,
    last: start + shown.length,
    total: items.length,
  };
}
