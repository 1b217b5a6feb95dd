import { remove as removeConfusables } from 'confusables';
import { distance } from 'fastest-levenshtein';
import { toUnicode } from 'punycode/punycode.es6.js';
import { siteLabel } from './names';

/**
 * Why a site that asks for a code may be imitating a site an account already fills on:
 * - `confusable`: it reads the same once look-alike characters are folded (gіthub.com with a Cyrillic і, g1thub.com);
 * - `spelling`: one or two letters apart (githuub.com, github.co);
 * - `contains`: it wraps the other's name (github-login.com);
 * - `punycode`: it is written with international characters that can pass for Latin ones, whatever it resembles.
 */
export type LookalikeReason = 'confusable' | 'spelling' | 'contains' | 'punycode';

export interface Lookalike {
  reason: LookalikeReason;
  /** The bound site it resembles; null for a punycode address that resembles none. */
  of: string | null;
  /** How the address reads to a person (international characters decoded). */
  shownAs: string;
}

/**
 * Latin look-alikes that the Unicode tables leave alone because they are ASCII: the pairs phishing domains
 * use most (paypa1, g00gle, rnicrosoft, vvhatsapp). Folded in this order, after Unicode confusables.
 */
const ASCII_FOLDS: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/[1i|]/g, 'l'],
  [/0/g, 'o'],
  [/5/g, 's'],
];

/** An address as it reads to a person: international labels decoded from punycode. */
export function readableSite(site: string): string {
  try {
    return toUnicode(site);
  } catch {
    return site;
  }
}

/** What an address looks like, with every look-alike character folded to one Latin letter. */
export function skeleton(site: string): string {
  let text = removeConfusables(readableSite(site)).normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  for (const [pattern, letter] of ASCII_FOLDS) text = text.replace(pattern, letter);
  return text;
}

/** Names shorter than this tolerate one typo before they look alike, longer ones two (gitlab ≠ github). */
const LONG_NAME = 8;
/** Shorter names are too common inside other names to count as "wrapped" (x, hp, ibm). */
const MIN_WRAPPED_NAME = 4;

/**
 * Whether `site` resembles one of `boundSites` (sites accounts already fill on) closely enough that binding
 * it should come with a warning and never be suggested. Both are registrable domains; `site` itself is not
 * a look-alike of itself.
 */
export function lookalikeOf(site: string, boundSites: readonly string[]): Lookalike | null {
  const shownAs = readableSite(site);
  const others = [...new Set(boundSites)].filter((bound) => bound !== site);
  const mine = skeleton(site);
  const label = skeleton(siteLabel(site));
  for (const bound of others) {
    if (skeleton(bound) === mine) return { reason: 'confusable', of: bound, shownAs };
  }
  for (const bound of others) {
    const boundLabel = skeleton(siteLabel(bound));
    const allowed = boundLabel.length >= LONG_NAME ? 2 : 1;
    if (distance(mine, skeleton(bound)) <= allowed) return { reason: 'spelling', of: bound, shownAs };
    if (boundLabel.length >= MIN_WRAPPED_NAME && label !== boundLabel && label.includes(boundLabel))
      return { reason: 'contains', of: bound, shownAs };
  }
  return site.split('.').some((part) => part.startsWith('xn--'))
    ? { reason: 'punycode', of: null, shownAs }
    : null;
}
