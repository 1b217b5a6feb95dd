import type { Replies } from '../lib/messages';

/** Applies the chosen theme to this page; 'system' follows the browser's light or dark preference. */
export function applyTheme(theme: Replies['options/settings/get']['settings']['theme']): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
