import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCategories, PLURAL_CATEGORIES, pluralForm } from '../../../lib/i18n/plural';

interface Entry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

const LOCALES_DIR = resolve('public/_locales');
const LOCALES = readdirSync(LOCALES_DIR).sort();

function read(locale: string): Record<string, Entry> {
  return JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, 'messages.json'), 'utf8'));
}

/** `pt_BR` → `pt-BR`, the tag Intl and `i18n.getUILanguage()` use. */
const tagOf = (locale: string) => locale.replace('_', '-');

/** `$1`…`$9` substitutions, ignoring `$$` (a literal dollar sign for Chrome). */
function positional(message: string): string[] {
  return [...message.replaceAll('$$', '').matchAll(/\$([1-9])(?!\d)/g)].map((m) => m[0]).sort();
}

/** `$name$` references to the entry's named placeholders. */
function named(message: string): string[] {
  return [...message.replaceAll('$$', '').matchAll(/\$([A-Za-z0-9_@]+)\$/g)]
    .map((m) => m[1]!.toLowerCase())
    .sort();
}

const en = read('en');
const enPluralBases = new Set(Object.keys(en).flatMap((key) => pluralForm(key)?.base ?? []));
const enSingleKeys = Object.keys(en).filter((key) => !pluralForm(key));

/** The keys a locale must have: en's plain keys, and each plural message in every category its counts take. */
function requiredKeys(locale: string): string[] {
  const categories = countCategories(tagOf(locale));
  return [...enSingleKeys, ...[...enPluralBases].flatMap((base) => categories.map((c) => `${base}_${c}`))];
}

/** The en entry a key's placeholders are compared with: for plural forms, en's `other` form. */
function reference(key: string): Entry {
  const plural = pluralForm(key);
  return en[plural ? `${plural.base}_other` : key]!;
}

describe('locales', () => {
  it('ships en and the eight translations, with en as the default locale', () => {
    expect(LOCALES).toEqual(['de', 'en', 'es', 'fr', 'it', 'ja', 'nl', 'pt_BR', 'zh_CN']);
    expect(readFileSync('wxt.config.ts', 'utf8')).toContain("default_locale: 'en'");
  });

  it('plural messages in en have an `other` form (the fallback for every language)', () => {
    for (const base of enPluralBases) expect(en, base).toHaveProperty(`${base}_other`);
  });

  describe.each(LOCALES)('%s', (locale) => {
    const messages = read(locale);
    const categories = new Set(new Intl.PluralRules(tagOf(locale)).resolvedOptions().pluralCategories);

    it('has every message of en, and every plural category its counts take', () => {
      const missing = requiredKeys(locale).filter((key) => !(key in messages));
      expect(missing, `missing in ${locale}`).toEqual([]);
    });

    it('has no message en lacks, and no plural category its language does not have', () => {
      const stale = Object.keys(messages).filter((key) => {
        const plural = pluralForm(key);
        if (!plural) return !(key in en);
        return !enPluralBases.has(plural.base) || !categories.has(plural.category);
      });
      expect(stale, `not in en or not a ${locale} plural category`).toEqual([]);
    });

    it('has no empty message and only the fields Chrome reads', () => {
      for (const [key, entry] of Object.entries(messages)) {
        expect(typeof entry.message === 'string' && entry.message.trim().length > 0, `${locale}.${key}`).toBe(
          true,
        );
        expect(
          Object.keys(entry).filter((field) => !['message', 'description', 'placeholders'].includes(field)),
        ).toEqual([]);
      }
    });

    it('uses the same placeholders as en', () => {
      for (const [key, entry] of Object.entries(messages)) {
        const plural = pluralForm(key);
        const wanted = positional(reference(key).message);
        const found = positional(entry.message);
        // A singular form may spell the count out ("Il en reste un"); every other form must show it.
        if (plural && plural.category !== 'other') {
          expect(wanted, `${locale}.${key}: ${entry.message}`).toEqual(expect.arrayContaining(found));
        } else {
          expect(found, `${locale}.${key}: ${entry.message}`).toEqual(wanted);
        }
        expect(entry.placeholders ?? {}, `${locale}.${key} named placeholders`).toEqual(
          reference(key).placeholders ?? {},
        );
        const defined = Object.keys(entry.placeholders ?? {}).map((name) => name.toLowerCase());
        for (const name of named(entry.message)) {
          expect(defined, `${locale}.${key} uses $${name}$`).toContain(name);
        }
      }
    });
  });
});

describe('countCategories', () => {
  it('asks for one and other in German, only other in Japanese and Chinese', () => {
    expect(countCategories('de')).toEqual(['one', 'other']);
    expect(countCategories('ja')).toEqual(['other']);
    expect(countCategories('zh-CN')).toEqual(['other']);
  });

  it('leaves out French `many`, reached only at a million, where digits read fine with `other`', () => {
    expect(new Intl.PluralRules('fr').resolvedOptions().pluralCategories).toContain('many');
    expect(countCategories('fr')).toEqual(['one', 'other']);
  });

  it('asks for few and many in languages that have them for small counts', () => {
    expect(countCategories('pl')).toEqual(['one', 'few', 'many', 'other']);
    expect(countCategories('ar')).toEqual([...PLURAL_CATEGORIES]);
  });
});
