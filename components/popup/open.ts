import type { Reply } from '../../lib/messages';
import { send } from '../messaging';
import { type CurrentTab, currentTab } from './current-tab';

export interface Opened {
  tab: CurrentTab | null;
  reply: Reply<'popup/open'>;
}

/**
 * Asks for everything the popup's first screen shows in one round trip. Called as the page's script starts,
 * before preact renders, so the request runs while the page is being drawn.
 */
export async function openPopup(tab?: CurrentTab | null): Promise<Opened> {
  const forTab = tab === undefined ? await currentTab() : tab;
  return { tab: forTab, reply: await send({ type: 'popup/open', tabId: forTab?.id }) };
}
