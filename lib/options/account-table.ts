/** Filtering and paging of a long account list (the options page's sites table). */

// The options page filters its sites table exactly as the popup's search does.
export {
  matchesQuery as matchesFilter,
  type Searchable as FilterableAccount,
} from '../search/account-search';

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
