import { z } from 'zod';
import { ImportResultSchema } from './import/result';
import { type Account, AccountSchema } from './otp/account';
import type { BackupDue, Policy } from './policy';
import { type Settings, SettingsPatchSchema } from './settings';
import type { Lookalike } from './site/lookalike';
import { SiteRuleSchema } from './vault/records';

/**
 * The one message contract between Tessera's contexts. Every request is parsed with these schemas on
 * arrival in the background; the sender's origin never comes from a message body.
 */

export const PromptKindSchema = z.enum(['totp', 'sms', 'email', 'recovery', 'unknown']);
export type PromptKind = z.infer<typeof PromptKindSchema>;

const Id = z.string().min(1).max(64);

/** A site as a user types it (a host or a URL); the background turns it into a stored rule (lib/site/match). */
const SiteInputSchema = z.object({ host: z.string().trim().min(1).max(2048), exact: z.boolean() });

/** An otpauth:// or otpauth-migration:// URI, from a QR code, a paste, or the manual-entry form. */
const EnrollTextSchema = z.string().min(1).max(8192);

/** A registrable domain as the background named it in an offer; re-checked against the browser's own URL. */
const SiteNameSchema = z.string().min(1).max(253);

/**
 * Requests a content script may send: "is there a code here", "give me the code", and "the user confirmed
 * binding this suggested account to this frame's site" (bind on first use, after a guarded click).
 */
export const ContentRequestSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('prompt/found'),
    kind: PromptKindSchema,
    /** The top-level page's origin as the frame's browser reports it (null when it cannot tell). */
    top: z.string().max(2048).nullable().optional(),
  }),
  z.object({ type: z.literal('code/get'), accountId: Id.optional() }),
  z.object({ type: z.literal('bind/frame'), accountId: Id, site: SiteNameSchema }),
  /** The reported field was removed, hidden or replaced (route change, dialog closed). */
  z.object({ type: z.literal('prompt/gone') }),
]);
export type ContentRequest = z.infer<typeof ContentRequestSchema>;

/** SHA-256 in lower-case hex: how pages tell the background what they copied without sending it. */
export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/);

const Password = z.string().min(1).max(1024);
const Phone = z.string().min(3).max(40);
const PortalCode = z.string().regex(/^[0-9]{6}$/, 'Enter the 6 digits of the code.');

/** Requests the popup and options page may send. */
export const PageRequestSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('vault/status') }),
  z.object({ type: z.literal('vault/setup'), password: z.string().min(1).max(1024) }),
  z.object({ type: z.literal('vault/unlock'), password: z.string().min(1).max(1024) }),
  z.object({ type: z.literal('vault/lock') }),
  z.object({ type: z.literal('tab/state'), tabId: z.number().int() }),
  z.object({ type: z.literal('accounts/list'), tabId: z.number().int().optional() }),
  z.object({ type: z.literal('codes/get'), ids: z.array(Id).max(1000) }),
  /** The popup's first screen in one round trip: vault state, theme, accounts with codes, the tab's prompt. */
  z.object({ type: z.literal('popup/open'), tabId: z.number().int().optional() }),
  z.object({
    type: z.literal('enroll/preview'),
    text: EnrollTextSchema,
    /** The tab the popup is on: a scanned code binds to its site, a pasted or typed one only if it names it. */
    tabId: z.number().int().optional(),
    scanned: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('enroll/add'),
    text: EnrollTextSchema,
    /** Which of the previewed accounts to add (all when absent). */
    indexes: z.array(z.number().int().min(0).max(999)).max(1000).optional(),
    sites: z.array(SiteInputSchema).max(50),
    /**
     * What to do with an account that renews one already held (same names, new secret): 'ask' adds nothing and
     * answers with them. True copies (same secret) are never added twice.
     */
    onDuplicate: z.enum(['ask', 'keep-both', 'replace', 'skip']),
  }),
  z.object({
    type: z.literal('account/update'),
    id: Id,
    patch: z.object({
      issuer: z.string().max(256).optional(),
      label: z.string().max(256).optional(),
      sites: z.array(SiteInputSchema).max(50).optional(),
      pinned: z.number().int().min(0).nullable().optional(),
      autoFill: z.boolean().optional(),
      autoSubmit: z.boolean().optional(),
    }),
  }),
  z.object({ type: z.literal('account/move'), id: Id, direction: z.enum(['up', 'down']) }),
  z.object({ type: z.literal('account/delete'), id: Id }),
  z.object({ type: z.literal('account/restore'), id: Id }),
  z.object({ type: z.literal('account/next-hotp'), id: Id }),
  z.object({ type: z.literal('fill/tab'), tabId: z.number().int(), accountId: Id }),
  /** Bind on first use from the popup: the site is the one the user was asked about, checked again. */
  z.object({ type: z.literal('bind/tab'), tabId: z.number().int(), accountId: Id, site: SiteNameSchema }),
  /** The user copied an account's code with this tab open: that code counts as used on the tab's site. */
  z.object({ type: z.literal('code/copied'), accountId: Id, tabId: z.number().int().optional() }),
  z.object({
    type: z.literal('recovery/list'),
    accountId: Id.optional(),
    tabId: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('recovery/add'),
    accountId: Id.optional(),
    /** Save for the site of this tab (the background reads its address) rather than for an account. */
    tabId: z.number().int().optional(),
    label: z.string().max(256).optional(),
    text: z
      .string()
      .min(1)
      .max(64 * 1024)
      .optional(),
    file: z.object({ name: z.string().min(1).max(255), base64: z.string().min(1).max(1_400_000) }).optional(),
  }),
  z.object({ type: z.literal('recovery/reveal'), id: Id, password: z.string().min(1).max(1024) }),
  z.object({ type: z.literal('recovery/mark-used'), id: Id, index: z.number().int().min(0).max(199) }),
  z.object({ type: z.literal('recovery/delete'), id: Id }),
  z.object({ type: z.literal('recovery/fill'), tabId: z.number().int(), id: Id }),
  // ── portal sync (types start with 'portal/'; handled in entrypoints/background/portal-handlers.ts) ──
  z.object({ type: z.literal('portal/list') }),
  z.object({ type: z.literal('portal/tab'), tabId: z.number().int() }),
  z.object({ type: z.literal('portal/connect'), tabId: z.number().int() }),
  z.object({ type: z.literal('portal/status'), connectionId: Id }),
  z.object({ type: z.literal('portal/move'), connectionId: Id, password: Password }),
  z.object({
    type: z.literal('portal/switch/start'),
    connectionId: Id,
    method: z.enum(['sms', 'email']),
    phone: Phone.optional(),
    password: Password,
  }),
  z.object({ type: z.literal('portal/switch/confirm'), connectionId: Id, changeId: Id, code: PortalCode }),
  z.object({ type: z.literal('portal/phone/start'), connectionId: Id, phone: Phone, password: Password }),
  z.object({ type: z.literal('portal/phone/confirm-old'), connectionId: Id, changeId: Id, code: PortalCode }),
  z.object({ type: z.literal('portal/phone/confirm-new'), connectionId: Id, changeId: Id, code: PortalCode }),
  z.object({ type: z.literal('portal/resend'), connectionId: Id, changeId: Id }),
  z.object({
    type: z.literal('portal/step-up/send'),
    connectionId: Id,
    purpose: z.enum(['disable', 'switch', 'phone-change', 'recovery-renew']),
  }),
  /** Without a code, Tessera answers with the authenticator it holds for this portal. */
  z.object({ type: z.literal('portal/recovery/renew'), connectionId: Id, code: PortalCode.optional() }),
  /** Without a code, Tessera answers with the authenticator it holds for this portal. */
  z.object({
    type: z.literal('portal/disable'),
    connectionId: Id,
    password: Password,
    code: PortalCode.optional(),
  }),
  z.object({ type: z.literal('portal/archive-local'), connectionId: Id }),
  z.object({ type: z.literal('portal/disconnect'), connectionId: Id }),
  /** The page just put a code or recovery key on the clipboard; the background clears it after the delay. */
  z.object({ type: z.literal('clipboard/copied'), sha256: Sha256Schema }),
  // ── options page: backup, restore, import, export, settings (types start with 'options/') ──
  z.object({ type: z.literal('options/settings/get') }),
  z.object({
    type: z.literal('options/settings/set'),
    settings: SettingsPatchSchema,
  }),
  z.object({ type: z.literal('options/accounts/list') }),
  z.object({
    type: z.literal('options/account/update'),
    id: Id,
    sites: z.array(SiteInputSchema).max(64).optional(),
    autoFill: z.boolean().optional(),
    autoSubmit: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('options/import/preview'),
    fileName: z.string().max(255),
    /** The file as read by the page: text for text files, base64 for binary ones (encrypted andOTP). */
    text: z
      .string()
      .max(16 * 1024 * 1024)
      .optional(),
    base64: z
      .base64()
      .max(16 * 1024 * 1024)
      .optional(),
    /** For Tessera backups; asked for after a 'needs-password' answer. */
    password: z.string().max(1024).optional(),
    /** Another app's export, already parsed by the options page (its parsers stay out of the worker). */
    parsed: ImportResultSchema.optional(),
  }),
  z.object({
    type: z.literal('options/import/confirm'),
    importId: Id,
    /** Which previewed entries to import (duplicates are left out unless the user chose them). */
    indexes: z.array(z.number().int().min(0).max(99_999)).max(100_000),
    /** Chosen re-enrollments that renew the key of the vault account they match instead of adding beside it. */
    replace: z.array(z.number().int().min(0).max(99_999)).max(100_000).optional(),
    includeRecoveryKeys: z.boolean(),
  }),
  z.object({ type: z.literal('options/import/cancel'), importId: Id }),
  z.object({
    type: z.literal('options/export'),
    /** The master password, re-entered: nothing with a secret leaves the background without it. */
    password: z.string().min(1).max(1024),
    kind: z.enum(['backup', 'otpauth', 'migration']),
    /** For 'backup': the password that will open the file; the master password when absent. */
    backupPassword: z.string().min(1).max(1024).optional(),
    /** Recovery keys in a plain export only when ticked; always in a backup. */
    includeRecoveryKeys: z.boolean(),
  }),
  z.object({ type: z.literal('options/backup/status') }),
  z.object({
    type: z.literal('options/password/change'),
    oldPassword: z.string().min(1).max(1024),
    newPassword: z.string().min(1).max(1024),
  }),
]);
export type PageRequest = z.infer<typeof PageRequestSchema>;

/** The popup's portal-sync requests, handled in entrypoints/background/portal-handlers.ts. */
export type PortalRequest = Extract<PageRequest, { type: `portal/${string}` }>;

/** The options page's requests, handled in entrypoints/background/options-handlers.ts. */
export type OptionsRequest = Extract<PageRequest, { type: `options/${string}` }>;

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
  /** When this account's current code was already filled or copied on the tab's site: when the next one exists. */
  nextCodeAtMs: z.number().nullable(),
});
export type AccountView = z.infer<typeof AccountViewSchema>;

/** A stored recovery key as lists show it: what it is and how much of it is left, never the codes. */
export interface RecoveryKeyView {
  id: string;
  accountId?: string;
  site?: string;
  label?: string;
  kind: 'codes' | 'text' | 'file';
  fileName?: string;
  total: number;
  used: number;
  createdAt: number;
  voided: boolean;
}

/** A recovery key's content, shown after the master password was typed again. */
export type RecoveryKeyContent =
  | { kind: 'codes'; codes: { value: string; used: boolean }[] }
  | { kind: 'text'; text: string }
  | { kind: 'file'; fileName: string; base64: string };

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
  /**
   * An account already held that this one copies ('same': skipped, nothing to add) or renews ('reenrollment':
   * same issuer and name, new secret; the user replaces the old one or keeps both). Decided in the background.
   */
  duplicate: { kind: 'same' | 'reenrollment'; of: AccountView } | null;
}

export const CodeSchema = z.object({ code: z.string(), expiresAtMs: z.number().nullable() });
export type Code = z.infer<typeof CodeSchema>;

/** A code on its way into a page, with whether to submit the form after (the account's auto-submit). */
export type FillCode = Code & { submit: boolean };

/** A code for a page, or, when the site already had the current one, when the next one exists. */
export type PageCode = (FillCode & { readyAtMs?: undefined }) | { readyAtMs: number };

/** What the popup offers when the page asks for a code and no account fills on its site yet. */
export interface BindOfferView {
  site: string;
  /** The site as a person reads it (international characters decoded). */
  shownAs: string;
  /** Accounts whose issuer or name names the site exactly (lib/site/names), offered first. */
  suggested: string[];
  /** Set when the site resembles a site an account already fills on: nothing is suggested, the user is warned. */
  lookalike: Lookalike | null;
}

/** A paired portal as the popup sees it: never the token. */
export interface PortalConnectionView {
  id: string;
  origin: string;
  site: string;
  expiresAt: number;
  /** The authenticator account Tessera holds for this portal account, if any. */
  accountId: string | null;
}

/** Why a portal step failed and what the user can do: `reconnect` when the token no longer works. */
export interface PortalFailure {
  code: string;
  message: string;
  retryAfterMs?: number;
  reconnect?: boolean;
}

/** A portal reply: the result, or the portal's (or the network's) refusal, never half of both. */
export type PortalOutcome<T> = (T & { failure?: undefined }) | { failure: PortalFailure };

/** Pairing in progress (RFC 8628) for a portal origin. */
export interface PortalPairingView {
  state: 'waiting' | 'connected' | 'denied' | 'expired' | 'failed';
  userCode: string;
  message?: string;
}

/** 2FA status as the portal reports it (masked; no secrets). */
export interface PortalStatusView {
  email: string;
  twoFactorEnabled: boolean;
  method: 'totp' | 'sms' | 'email' | null;
  methods: ('totp' | 'sms' | 'email')[];
  phone: string | null;
  recoveryKeyPresent: boolean;
  organisation: string;
}

/**
 * Whether the vault and the portal agree. 'stale-local': the portal no longer uses the authenticator Tessera
 * holds (offer to archive it); 'missing-local': the portal uses an authenticator Tessera does not hold.
 */
export type PortalSyncState = 'in-sync' | 'stale-local' | 'missing-local';

export interface PortalEventView {
  id: string;
  at: string;
  summary: string;
  actor: string;
}

/** What the background answers, per request type. */
export interface Replies {
  'vault/status': { state: z.infer<typeof VaultStateSchema>; retryAfterMs?: number };
  'vault/setup': Replies['vault/status'];
  'vault/unlock': Replies['vault/status'];
  'vault/lock': Replies['vault/status'];
  'tab/state': {
    prompt: PromptKind | null;
    site: string | null;
    /** The prompt's own site when it sits in a frame of another site (no fill button there). */
    frameSite: string | null;
    matchingAccounts: number;
    /** When the page asks for an authenticator code and no account fills on its site. */
    bind: BindOfferView | null;
  };
  /** With the current codes, so the popup shows them in the same round trip as the list. */
  'accounts/list': {
    accounts: AccountView[];
    codes: Record<string, Code>;
    site: string | null;
    damaged: string[];
  };
  'codes/get': { codes: Record<string, Code> };
  /** `list` and `tab` are null unless the vault is unlocked (`tab` also when the popup has no tab). */
  'popup/open': {
    state: Replies['vault/status']['state'];
    theme: Settings['theme'];
    list: Replies['accounts/list'] | null;
    tab: Replies['tab/state'] | null;
  };
  'enroll/preview': {
    kind: 'otpauth' | 'migration';
    accounts: EnrollPreview[];
    /** Where the new accounts will fill unless the user changes it; null: nowhere until the user chooses. */
    site: string | null;
    /** The tab shows a code field on that site (the enrollment's "verify" box), so the card can fill it. */
    verifyField: boolean;
  };
  /** `duplicates`: re-enrollments (asked about, replaced or skipped); `alreadyHeld`: true copies, never added. */
  'enroll/add': { added: string[]; duplicates: number[]; alreadyHeld: number[] };
  'account/update': { account: AccountView };
  'account/move': { moved: boolean };
  'account/delete': { deleted: boolean };
  'account/restore': { restored: boolean };
  'account/next-hotp': { code: Code };
  'recovery/list': { keys: RecoveryKeyView[] };
  'recovery/add': { id: string; codes: number };
  'recovery/reveal': RecoveryKeyContent;
  'recovery/mark-used': { key: RecoveryKeyView };
  'recovery/delete': { deleted: boolean };
  'recovery/fill': { filled: boolean; reason?: string; remaining: number };
  // ── portal sync ──
  /** Every paired portal (for the options page's list); never the tokens. */
  'portal/list': { connections: PortalConnectionView[] };
  'portal/tab': {
    origin: string | null;
    /** The site serves /.well-known/tessera-portal. */
    portal: boolean;
    connection: PortalConnectionView | null;
    pairing: PortalPairingView | null;
  };
  'portal/connect': PortalOutcome<{ pairing: PortalPairingView }>;
  'portal/status': PortalOutcome<{
    connection: PortalConnectionView;
    status: PortalStatusView;
    sync: PortalSyncState;
    events: PortalEventView[];
    /** Stored recovery keys for this portal account that still work. */
    recoveryKeys: number;
  }>;
  'portal/move': PortalOutcome<{ status: PortalStatusView; recoveryKeySaved: boolean }>;
  'portal/switch/start': PortalOutcome<{ changeId: string; sentTo: string }>;
  'portal/switch/confirm': PortalOutcome<{ status: PortalStatusView; archived: boolean }>;
  'portal/phone/start': PortalOutcome<{ changeId: string; sentTo: string }>;
  'portal/phone/confirm-old': PortalOutcome<{ changeId: string; sentTo: string }>;
  'portal/phone/confirm-new': PortalOutcome<{ status: PortalStatusView }>;
  'portal/resend': PortalOutcome<{ sentTo: string }>;
  'portal/step-up/send': PortalOutcome<{ sentTo: string }>;
  'portal/recovery/renew': PortalOutcome<{ voided: number }>;
  'portal/disable': PortalOutcome<{ status: PortalStatusView; archived: boolean }>;
  'portal/archive-local': { archived: boolean };
  'portal/disconnect': PortalOutcome<{ revoked: true }>;
  'fill/tab': { filled: boolean; reason?: string };
  'bind/tab': { filled: boolean; reason?: string };
  'code/copied': { recorded: boolean };
  /** The account is bound to the frame's site; then, as for 'code/get', a code or when the next one exists. */
  'bind/frame': PageCode;
  'prompt/found': {
    locked: boolean;
    /** Accounts that may fill this frame's site (names only); empty for any other site. */
    choices: { id: string; name: string }[];
    /** A code to fill right away: only when the user turned on automatic fill for the one matching account. */
    autoFill: FillCode | null;
    /** This install's random element name for the fill button's host, so pages cannot spot Tessera by tag. */
    hostName: string;
    /**
     * Bind on first use, in the top frame only: accounts that name this site exactly, when none fills here
     * yet. Names of other accounts never reach a page; the popup offers those.
     */
    offer: { site: string; suggestions: { id: string; name: string }[] } | null;
  };
  'code/get': PageCode;
  /** Seconds until the clipboard is cleared; 0 when the user keeps copies. */
  'clipboard/copied': { clearInSeconds: number };
  'prompt/gone': { forgotten: boolean };
  // ── options page replies ──
  'options/settings/get': {
    settings: Settings;
    /** The organisation policy in force; the options page locks what it sets. */
    policy: Policy;
  };
  'options/settings/set': Replies['options/settings/get'];
  /** Accounts with their site bindings and fill toggles (no secrets). */
  'options/accounts/list': {
    accounts: (Pick<AccountView, 'id' | 'issuer' | 'label' | 'sites'> & {
      autoFill: boolean;
      autoSubmit: boolean;
    })[];
  };
  'options/account/update': { account: Replies['options/accounts/list']['accounts'][number] };
  'options/import/preview':
    | { status: 'needs-password'; message: string }
    | {
        status: 'ready';
        importId: string;
        /** 'tessera-backup' or one of lib/import's formats. */
        format: string;
        /**
         * Names only; `duplicate` says what an entry repeats (skipped unless the user picks it): a copy of a vault
         * account or of an earlier entry (same secret), or a re-enrollment (same names as a vault account, new secret).
         */
        entries: {
          index: number;
          issuer: string;
          label: string;
          type: AccountView['type'];
          duplicate: 'vault' | 'file' | 'reenrollment' | null;
        }[];
        failures: { entry: string; reason: string }[];
        /** Recovery keys in a backup that the vault does not hold yet. */
        recoveryKeys: number;
      };
  'options/import/confirm': { added: number; replaced: number; recoveryKeys: number };
  'options/import/cancel': { cancelled: boolean };
  'options/export':
    | { kind: 'file'; fileName: string; mimeType: string; content: string }
    /** For Google Authenticator QR codes: the page encodes them (protobuf stays out of the worker). */
    | { kind: 'accounts'; accounts: Account[] };
  'options/backup/status': {
    lastBackupAt: number | null;
    addedSince: number;
    total: number;
    /** The backup the organisation requires, or null. */
    required: BackupDue | null;
  };
  'options/password/change': { changed: boolean };
}

export type RequestType = keyof Replies;

/** The shape of every answer: a typed result, never a thrown error across the boundary. */
export type Reply<T extends RequestType> =
  | ({ ok: true } & Replies[T])
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } };

/** Background → Chromium's offscreen document: empty the clipboard if it still holds what was copied. */
export const OffscreenRequestSchema = z.object({
  type: z.literal('offscreen/clear-clipboard'),
  sha256: Sha256Schema,
});
export type OffscreenRequest = z.infer<typeof OffscreenRequestSchema>;
export const OffscreenReplySchema = z.object({ outcome: z.enum(['cleared', 'changed', 'unreadable']) });

/** Background → content script: put this code into the prompt the script found. */
export const FillCommandSchema = z.object({
  type: z.literal('fill/code'),
  /** An authenticator code, or a recovery code as the site printed it (letters, digits, dashes, spaces). */
  code: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z -]{2,62}[0-9A-Za-z]$/),
  /** Submit the form after filling: only when the user turned on auto-submit for the account. */
  submit: z.boolean(),
});
export type FillCommand = z.infer<typeof FillCommandSchema>;

/** Background → content script: the vault changed (unlocked, accounts added or re-bound); ask again. */
export type RecheckCommand = { type: 'prompt/recheck' };
