import { browser } from 'wxt/browser';

/** The visible text of a tab's top frame (where setup pages show recovery codes), or null when unreadable. */
export async function readPageText(tabId: number): Promise<string | null> {
  const [result] = await browser.scripting
    // innerText, not textContent: only what the page shows, with the line breaks that separate listed codes.
    // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point here
    .executeScript({ target: { tabId }, func: () => document.body?.innerText ?? '' })
    .catch(() => []);
  return typeof result?.result === 'string' && result.result ? result.result : null;
}
