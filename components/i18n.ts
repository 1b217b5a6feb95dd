import { browser } from 'wxt/browser';

/** A user-facing string from `_locales`; missing keys show up as the key so they are easy to spot. */
export function t(key: string, ...substitutions: string[]): string {
  return (browser.i18n.getMessage as (k: string, s?: string[]) => string)(key, substitutions) || key;
}
