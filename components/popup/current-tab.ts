import { browser } from 'wxt/browser';

/** The tab the popup is about. Testers may open popup.html?tab=ID in a tab of its own (README). */
export interface CurrentTab {
  id: number;
  url: string | null;
}

/** The tab the toolbar button was clicked on (activeTab grants its URL), or the one named in `?tab=`. */
export async function currentTab(): Promise<CurrentTab | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tab'));
  const tab =
    Number.isInteger(fromQuery) && fromQuery > 0
      ? await browser.tabs.get(fromQuery).catch(() => undefined)
      : (await browser.tabs.query({ active: true, currentWindow: true }))[0];
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url ?? null };
}
