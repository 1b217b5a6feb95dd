import { z } from 'zod';
import { AccountSchema } from './otp/account';
import { SiteRuleSchema } from './vault/records';

/**
 * The one message contract between Tessera's contexts. Every request is parsed with these schemas on
 * arrival in the background; the sender's origin never comes from a message body.
 */

export const PromptKindSchema = z.enum(['totp', 'sms', 'email', 'recovery', 'unknown']);
export type PromptKind = z.infer<typeof PromptKindSchema>;

const Id = z.string().min(1).max(64);

/** An otpauth:// or otpauth-migration:// URI, from a QR code, a paste, or the manual-entry form. */
const EnrollTextSchema = z.string().min(1).max(8192);

/** Requests a content script may send: only "is there a code here" and "give me the code". */
export const ContentRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('prompt/found'), kind: PromptKindSchema }),
  z.object({ type: z.literal('code/get'), accountId: Id.optional() }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

/** Requests the popup and options page may send. */
export const PageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vault/status') }),
  z.object({ type: z.literal('vault/setup'), password: z.string().min(1).max(1024) }),
  z.object({ type: z.literal('vault/unlock'), password: z.string().min(1).max(1024) }),
  z.object({ type: z.literal('vault/lock') }),
  z.object({ type: z.literal('tab/state'), tabId: z.number().int() }),
  z.object({ type: z.literal('accounts/list'), tabId: z.number().int().optional() }),
  z.object({ type: z.literal('codes/get'), ids: z.array(Id).max(1000) }),
  z.object({ type: z.literal('enroll/preview'), text: EnrollTextSchema }),
  z.object({
    type: z.literal('enroll/add'),
    text: EnrollTextSchema,
    /** Which of the previewed accounts to add (all when absent). */
    indexes: z.array(z.number().int().min(0).max(999)).max(1000).optional(),
    sites: z.array(SiteRuleSchema).max(50),
    /** What to do when an account is already in the vault; 'ask' answers with the duplicates. */
    onDuplicate: z.enum(['ask', 'keep-both', 'replace', 'skip']),
  }),
  z.object({ type: z.literal('account/delete'), id: Id }),
  z.object({ type: z.literal('fill/tab'), tabId: z.number().int(), accountId: Id }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;

export const VaultStateSchema = z.enum(['uninitialized', 'locked', 'unlocked']);

/** An account as the UI sees it: everything but the secret. */
export const AccountViewSchema = z.object({
  id: Id,
  type: AccountSchema.shape.type,
  issuer: z.string(),
  label: z.string(),
  digits: z.number(),
  period: z.number(),
  sites: z.array(SiteRuleSchema),
  pinned: z.number().nullable(),
  weakSecret: z.boolean(),
  matchesTab: z.boolean(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** An account about to be added, as the confirmation card shows it (no secret), with a live code. */
export interface EnrollPreview {
  issuer: string;
  label: string;
  type: AccountView['type'];
  algorithm: string;
  digits: number;
  period: number;
  weakSecret: boolean;
  code: Code;
  duplicateOf: AccountView[];
}

export const CodeSchema = z.object({ code: z.string(), expiresAtMs: z.number().nullable() });
export type Code = z.infer<typeof CodeSchema>;

/** What the background answers, per request type. */
export interface Replies {
  'vault/status': { state: z.infer<typeof VaultStateSchema>; retryAfterMs?: number };
  'vault/setup': Replies['vault/status'];
  'vault/unlock': Replies['vault/status'];
  'vault/lock': Replies['vault/status'];
  'tab/state': { prompt: PromptKind | null; site: string | null; matchingAccounts: number };
  'accounts/list': { accounts: AccountView[]; site: string | null; damaged: string[] };
  'codes/get': { codes: Record<string, Code> };
  'enroll/preview': { kind: 'otpauth' | 'migration'; accounts: EnrollPreview[] };
  'enroll/add': { added: string[]; duplicates: number[] };
  'account/delete': { deleted: boolean };
  'fill/tab': { filled: boolean; reason?: string };
  'prompt/found': { matchingAccounts: number; locked: boolean };
  'code/get': Code;
}

export type RequestType = keyof Replies;

/** The shape of every answer: a typed result, never a thrown error across the boundary. */
export type Reply<T extends RequestType> =
  | ({ ok: true } & Replies[T])
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

/** Background → content script: put this code into the prompt the script found. */
export const FillCommandSchema = z.object({
  type: z.literal('fill/code'),
  code: z.string().regex(/^[0-9A-Z]{4,10}$/),
  /** Submit the form after filling: only when the user turned on auto-submit for the account. */
  submit: z.boolean(),
});
export type FillCommand = z.infer<typeof FillCommandSchema>;
