import type { Browser } from 'wxt/browser';
import { z } from 'zod';
import { ContentRequestSchema, PageRequestSchema, type Reply, type RequestType } from '../../lib/messages';
import { OtpauthError } from '../../lib/otp/errors';
import { VaultError } from '../../lib/vault/errors';
import { handleContentRequest } from './content-handlers';
import { handlePageRequest } from './page-handlers';
import { classifySender } from './senders';
import { recheckPrompts } from './tab-prompts';

/** Requests after which an open page may have gained an account that fills it. */
const VAULT_CHANGES = new Set<RequestType>([
  'vault/setup',
  'vault/unlock',
  'enroll/add',
  'account/update',
  'account/restore',
  'options/account/update',
  'options/import/confirm',
]);

type AnyReply = Reply<RequestType>;

/**
 * The one entry point for runtime messages. The sender decides which schema applies (content scripts may
 * only use the two content requests), the schema is parsed before anything runs, and every failure becomes a
 * typed error reply rather than an exception crossing the boundary.
 */
export async function route(message: unknown, sender: Browser.runtime.MessageSender): Promise<AnyReply> {
  const from = classifySender(sender);
  try {
    if (from.kind === 'page') {
      const req = PageRequestSchema.safeParse(message);
      if (!req.success) return invalid(req.error);
      const reply = { ok: true, ...(await handlePageRequest(req.data)) } as AnyReply;
      if (VAULT_CHANGES.has(req.data.type)) void recheckPrompts();
      return reply;
    }
    if (from.kind === 'content') {
      const req = ContentRequestSchema.safeParse(message);
      if (!req.success) return invalid(req.error);
      const documentId = (sender as { documentId?: string }).documentId;
      return { ok: true, ...(await handleContentRequest(req.data, { ...from, documentId })) } as AnyReply;
    }
    return {
      ok: false,
      error: { code: 'forbidden', message: 'Messages from this sender are not accepted.' },
    };
  } catch (error) {
    if (error instanceof VaultError) {
      return {
        ok: false,
        error: { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs },
      };
    }
    if (error instanceof OtpauthError)
      return { ok: false, error: { code: error.code, message: error.message } };
    console.error('Tessera background error', error);
    return {
      ok: false,
      error: {
        code: 'internal',
        message: 'Something went wrong inside Tessera. Nothing was changed; try again.',
      },
    };
  }
}

function invalid(error: z.ZodError): AnyReply {
  return { ok: false, error: { code: 'invalid', message: `Malformed request: ${z.prettifyError(error)}` } };
}
