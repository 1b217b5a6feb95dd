import type { FillCode, Reply } from '../../lib/messages';
import { t } from '../i18n';

/** Asks the background for this account's code again (the detector's messenger). */
type AskCode = (accountId: string | undefined) => Promise<Reply<'code/get'>>;

/**
 * Puts a code the background handed out into the page. When the site already had the current code (RFC 6238
 * §5.2), the answer says when the next one exists instead: the user is told, and it is filled the moment it
 * does. Returns the message to show, or null after a fill.
 */
export async function deliverCode(
  reply: Reply<'code/get'>,
  accountId: string | undefined,
  askCode: AskCode,
  fill: (code: FillCode) => Promise<boolean>,
): Promise<string | null> {
  if (!reply.ok) return reply.error.message;
  if (reply.readyAtMs === undefined) return (await fill(reply)) ? null : t('fillRefused');
  const wait = reply.readyAtMs - Date.now();
  setTimeout(async () => void deliverCode(await askCode(accountId), accountId, askCode, fill), wait + 50);
  return t('nextCodeIn', String(Math.ceil(wait / 1000)));
}
