/**
 * Plural messages. `chrome.i18n` has no plurals, so a sentence with a count has one message per CLDR plural
 * category of the language: `minutes_one`, `minutes_other` in English, only `minutes_other` in Japanese.
 */

/** The CLDR plural categories, in CLDR order; they are the suffixes of plural message keys. */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

const SUFFIX = new RegExp(`^(.+)_(${PLURAL_CATEGORIES.join('|')})$`);

/** `{ base: 'minutes', category: 'one' }` for `minutes_one`; null for a key that is not a plural form. */
export function pluralForm(key: string): { base: string; category: PluralCategory } | null {
  const match = SUFFIX.exec(key);
  return match?.[1] && match[2] ? { base: match[1], category: match[2] as PluralCategory } : null;
}

/** Counts shown in the UI stay far below this; French, Spanish, Italian and Portuguese `many` starts at a million. */
const LARGEST_COUNT = 10_000;

/**
 * The categories a count shown in the UI (a whole number from 0) can take in `locale`, each needing its own
 * message, plus `other`, the fallback (Polish uses it only for fractions). Categories only reached beyond
 * that (French `many`: "1 000 000 de comptes") read correctly with the `other` message, since counts are
 * written in digits.
 */
export function countCategories(locale: string): PluralCategory[] {
  const rules = new Intl.PluralRules(locale);
  const seen = new Set<string>(['other']);
  for (let n = 0; n <= LARGEST_COUNT && seen.size < rules.resolvedOptions().pluralCategories.length; n++) {
    seen.add(rules.select(n));
  }
  return PLURAL_CATEGORIES.filter((category) => seen.has(category));
}

/**
 * The message for `count` in `locale`: `key_<category>`, else `key_other` (a browser language without a
 * Tessera locale shows English, whose file may lack that language's categories), else ''.
 * `lookup` returns '' for a missing key, as `i18n.getMessage` does; `count` is passed as its first substitution.
 */
export function pluralMessage(
  lookup: (key: string, substitutions: string[]) => string,
  locale: string,
  key: string,
  count: number,
  rest: string[] = [],
): string {
  const substitutions = [new Intl.NumberFormat(locale).format(count), ...rest];
  const category = new Intl.PluralRules(locale).select(count);
  return lookup(`${key}_${category}`, substitutions) || lookup(`${key}_other`, substitutions);
}
