import { browser } from 'wxt/browser';
import { pluralMessage } from '../lib/i18n/plural';

const getMessage = browser.i18n.getMessage as (key: string, substitutions?: string[]) => string;

/** A user-facing string from `_locales`; missing keys show up as the key so they are easy to spot. */
export function t(key: string, ...substitutions: string[]): string {
  return getMessage(key, substitutions) || key;
}

/** The browser's UI language, which also picks the `_locales` folder Tessera's strings come from. */
export function uiLanguage(): string {
  return browser.i18n.getUILanguage();
}

/** A sentence with a count ("1 minute", "2 minutes"): `key_one`, `key_other`… by the UI language's plural rules. */
export function tn(key: string, count: number, ...substitutions: string[]): string {
  return pluralMessage(getMessage, uiLanguage(), key, count, substitutions) || key;
}

/** A date as the UI language writes it ("4 déc. 2026", "04.12.2026"). */
export function formatDate(value: string | number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium' }).format(new Date(value));
}

/** A date and time as the UI language writes it. */
export function formatDateTime(value: string | number): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

/** Gives an extension page the UI language and a title in it (HTML pages get no `__MSG_…__` substitution). */
export function localizePage(titleKey: string): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}

/**
 * The background's answer to a request carrying the master password (create, unlock, change, confirm), in the
 * UI language for the failures users meet there; any other failure keeps the background's own words.
 */
export function masterPasswordErrorText(error: {
  code: string;
  message: string;
  retryAfterMs?: number;
}): string {
  if (error.code === 'wrong-password') return t('wrongMasterPassword');
  if (error.code === 'throttled' && error.retryAfterMs !== undefined) {
    return tn('tooManyWrongPasswords', Math.ceil(error.retryAfterMs / 1000));
  }
  if (error.code === 'internal') return t('internalError');
  return error.message;
}
