import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pluralForm, pluralMessage } from '../../../lib/i18n/plural';

/** `i18n.getMessage` over a shipped locale file: '' for a missing key, `$1`… substituted. */
function lookupIn(locale: string) {
  const messages: Record<string, { message: string }> = JSON.parse(
    readFileSync(resolve('public/_locales', locale, 'messages.json'), 'utf8'),
  );
  return (key: string, substitutions: string[]) =>
    messages[key]?.message.replace(/\$([1-9])/g, (_, n: string) => substitutions[Number(n) - 1] ?? '') ?? '';
}

describe('pluralMessage', () => {
  it('says "1 minute" and "5 minutes" in English', () => {
    expect(pluralMessage(lookupIn('en'), 'en', 'minutes', 1)).toBe('1 minute');
    expect(pluralMessage(lookupIn('en'), 'en', 'minutes', 5)).toBe('5 minutes');
  });

  it('follows each language: French 0 is singular, German 0 plural, Japanese has one form', () => {
    expect(pluralMessage(lookupIn('fr'), 'fr', 'recoveryLeft', 0, ['10'])).toBe('0 code restant sur 10');
    expect(pluralMessage(lookupIn('de'), 'de', 'minutes', 0)).toBe('0 Minuten');
    expect(pluralMessage(lookupIn('de'), 'de', 'minutes', 1)).toBe('1 Minute');
    expect(pluralMessage(lookupIn('ja'), 'ja', 'minutes', 1)).toBe('1 分');
  });

  it('writes the count as the language writes numbers', () => {
    expect(pluralMessage(lookupIn('de'), 'de', 'seconds', 3600)).toBe('3.600 Sekunden');
  });

  it('passes further substitutions after the count', () => {
    expect(pluralMessage(lookupIn('es'), 'es', 'recoverySavedForSite', 1, ['example.com'])).toBe(
      '1 código de recuperación guardado para example.com.',
    );
  });

  it('falls back to `other` when the browser language has categories the shown locale lacks', () => {
    // A Polish browser gets the English strings (no pl locale) but Polish rules: 5 is `many`, 2 is `few`.
    expect(pluralMessage(lookupIn('en'), 'pl', 'minutes', 5)).toBe('5 minutes');
    expect(pluralMessage(lookupIn('en'), 'pl', 'minutes', 2)).toBe('2 minutes');
  });

  it('gives an empty string for a message that does not exist, like getMessage', () => {
    expect(pluralMessage(lookupIn('en'), 'en', 'noSuchMessage', 2)).toBe('');
  });
});

describe('pluralForm', () => {
  it('splits plural keys and leaves other keys alone', () => {
    expect(pluralForm('minutes_one')).toEqual({ base: 'minutes', category: 'one' });
    expect(pluralForm('strength_too_short')).toBeNull();
    expect(pluralForm('portalMethod_sms')).toBeNull();
  });
});
