import { browser } from 'wxt/browser';
import type { Code, FillCommand, PromptKind, Replies } from '../../lib/messages';
import { generateCode } from '../../lib/otp/generate';
import { ruleMatches, siteOf } from '../../lib/site/match';
import type { VaultAccount } from '../../lib/vault/records';
import { type FramePrompt, promptsIn } from './tab-prompts';
import { nextCodeAt, rememberUsed } from './used-steps';

/** Prompts that want something other than an authenticator code, and what to tell the user. */
const REFUSALS: Partial<Record<PromptKind, string>> = {
  sms: 'This page asks for the code sent to your phone by SMS, not an authenticator code.',
  email: 'This page asks for the code sent to you by e-mail, not an authenticator code.',
  recovery: 'This page asks for a recovery code; open the account in Tessera to use a saved recovery key.',
};

/** A code about to expire is not worth typing: wait for the next one. */
const MIN_REMAINING_MS = 3_000;

const sleepUntil = (atMs: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.max(0, atMs - Date.now()) + 50));

/** The current code, or the next one when the current one dies within three seconds. */
export async function freshCode(account: VaultAccount): Promise<Code> {
  const now = Date.now();
  const current = await generateCode(account, now);
  const expiresAtMs = current.expiresAtMs;
  if (expiresAtMs === null || expiresAtMs - now >= MIN_REMAINING_MS) return current;
  await sleepUntil(expiresAtMs);
  return generateCode(account, Date.now());
}

/**
 * A code `site` has not been given yet (RFC 6238 §5.2: a server accepts each code once), or when one will
 * exist if the current one was already filled or copied there.
 */
export async function unusedCode(account: VaultAccount, site: string): Promise<Code | { readyAtMs: number }> {
  const readyAtMs = await nextCodeAt(account, site);
  return readyAtMs === null ? freshCode(account) : { readyAtMs };
}

/** Like unusedCode, but waits for the next code itself (for fills the background carries out). */
async function unusedCodeNow(account: VaultAccount, site: string): Promise<Code> {
  const code = await unusedCode(account, site);
  if (!('readyAtMs' in code)) return code;
  await sleepUntil(code.readyAtMs);
  return freshCode(account);
}

/**
 * Fills the account's code into the first frame of the tab (or the given frame) whose prompt is on one of the
 * account's sites. The frame URL comes from what the browser told us when that frame reported its prompt.
 * A code already used on that site is not filled again: the next one is, as soon as it exists.
 */
export async function fillFrame(
  tabId: number,
  account: VaultAccount,
  frameId?: number,
): Promise<Replies['fill/tab']> {
  const prompts = (await promptsIn(tabId)).filter((p) => frameId === undefined || p.frameId === frameId);
  const target = prompts.find((p) => ruleMatches(account.sites, p.url));
  const site = target && siteOf(target.url);
  if (!target || !site) {
    return {
      filled: false,
      reason: prompts.length
        ? 'This page is not one of the sites this account may fill on.'
        : 'No code field was found on this page.',
    };
  }
  const refusal = REFUSALS[target.kind];
  if (refusal) return { filled: false, reason: refusal };
  const code = await unusedCodeNow(account, site);
  const filled = await sendCode(tabId, target, code.code, account.autoSubmit);
  if (filled) await rememberUsed(account, site, code);
  return filled
    ? { filled }
    : { filled, reason: 'The code field is gone or hidden; reload the page and try again.' };
}

/** Hands a code to the content script of the frame that reported `prompt`, and only to that document. */
export async function sendCode(
  tabId: number,
  prompt: FramePrompt,
  code: string,
  submit: boolean,
): Promise<boolean> {
  const command: FillCommand = { type: 'fill/code', code, submit };
  return browser.tabs
    .sendMessage(tabId, command, {
      frameId: prompt.frameId,
      ...(prompt.documentId ? { documentId: prompt.documentId } : {}),
    })
    .then((answer) => answer === true)
    .catch(() => false);
}
