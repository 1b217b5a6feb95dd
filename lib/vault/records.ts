import { z } from 'zod';
import { AccountSchema } from '../otp/account';

/** Milliseconds since the epoch. */
const TimestampSchema = z.number().int().nonnegative();

/** Lower-case hostname or registrable domain (punycode for IDNs), no scheme, port or path. */
export const HostSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(
    /^[a-z0-9-]+(\.[a-z0-9-]+)*$/,
    'A site must be a host name such as example.com, without https:// or a path.',
  );

/**
 * Where an account may fill. `exact: false` matches the registrable domain and its subdomains
 * (login.example.com for example.com); `exact: true` only that host.
 */
export const SiteRuleSchema = z.object({ host: HostSchema, exact: z.boolean() });
export type SiteRule = z.infer<typeof SiteRuleSchema>;

/** Fields a caller chooses for an account; the vault adds id and timestamps. */
const accountSettings = {
  sites: z.array(SiteRuleSchema).max(64),
  iconHint: z.string().max(256).optional(),
  /** Position among pinned accounts; null when not pinned. */
  pinned: z.number().int().nonnegative().nullable(),
  autoFill: z.boolean(),
  autoSubmit: z.boolean(),
  /** Archived accounts are kept (codes may still be needed) but hidden from default lists. */
  archived: z.boolean(),
};

/** An account as stored (decrypted) in the vault. */
export const VaultAccountSchema = z.strictObject({
  ...AccountSchema.shape,
  ...accountSettings,
  id: z.uuid(),
  createdAt: TimestampSchema,
  usedAt: TimestampSchema.optional(),
});
export type VaultAccount = z.infer<typeof VaultAccountSchema>;

/** What callers send to add an account: an OTP account plus optional settings (safe defaults). */
export const AccountInputSchema = z.strictObject({
  ...AccountSchema.shape,
  sites: accountSettings.sites.default([]),
  iconHint: accountSettings.iconHint,
  pinned: accountSettings.pinned.default(null),
  // Filling without a click is opt-in per account: a page load alone never gets a code (security.md §4.5).
  autoFill: accountSettings.autoFill.default(false),
  autoSubmit: accountSettings.autoSubmit.default(false),
  archived: accountSettings.archived.default(false),
});
export type AccountInput = z.input<typeof AccountInputSchema>;

/** What callers send to change an account; id and createdAt are not editable. */
export const AccountPatchSchema = z
  .strictObject({
    ...AccountSchema.shape,
    ...accountSettings,
    usedAt: TimestampSchema,
  })
  .partial();
export type AccountPatch = z.input<typeof AccountPatchSchema>;

/** One single-use recovery code; `usedAt` set once it has been spent (ASVS V6.5.1). */
export const RecoveryCodeSchema = z.object({
  value: z.string().trim().min(1).max(256),
  usedAt: TimestampSchema.optional(),
});
export type RecoveryCode = z.infer<typeof RecoveryCodeSchema>;

/** Largest stored file body: 1 MiB of data as base64. */
const MAX_FILE_BASE64 = Math.ceil((1024 * 1024) / 3) * 4;

const recoveryLinks = {
  accountId: z.uuid().optional(),
  site: HostSchema.optional(),
  label: z.string().trim().max(256).optional(),
};

const recoveryBodies = {
  codes: { kind: z.literal('codes'), codes: z.array(RecoveryCodeSchema).min(1).max(200) },
  text: {
    kind: z.literal('text'),
    body: z
      .string()
      .min(1)
      .max(64 * 1024),
  },
  file: {
    kind: z.literal('file'),
    fileName: z.string().trim().min(1).max(255),
    /** File content as base64. */
    body: z.base64().min(1).max(MAX_FILE_BASE64),
  },
};

const recoveryMeta = { id: z.uuid(), createdAt: TimestampSchema, voidedAt: TimestampSchema.optional() };

/** A recovery key as stored: a list of single-use codes, a text (e.g. a recovery phrase) or a file. */
export const RecoveryKeySchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...recoveryMeta, ...recoveryLinks, ...recoveryBodies.codes }),
  z.strictObject({ ...recoveryMeta, ...recoveryLinks, ...recoveryBodies.text }),
  z.strictObject({ ...recoveryMeta, ...recoveryLinks, ...recoveryBodies.file }),
]);
export type RecoveryKey = z.infer<typeof RecoveryKeySchema>;

/** Codes may be sent as plain strings (fresh) or with their used state (imports). */
const CodeInputSchema = z.union([
  RecoveryCodeSchema.shape.value.transform((value): RecoveryCode => ({ value })),
  RecoveryCodeSchema,
]);

/** What callers send to add a recovery key; the vault adds id and createdAt. */
export const RecoveryKeyInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...recoveryLinks,
    kind: z.literal('codes'),
    codes: z.array(CodeInputSchema).min(1).max(200),
  }),
  z.strictObject({ ...recoveryLinks, ...recoveryBodies.text }),
  z.strictObject({ ...recoveryLinks, ...recoveryBodies.file }),
]);
export type RecoveryKeyInput = z.input<typeof RecoveryKeyInputSchema>;

/** What callers may change on a recovery key; null removes a link. */
export const RecoveryKeyPatchSchema = z.strictObject({
  accountId: recoveryLinks.accountId.unwrap().nullable().optional(),
  site: HostSchema.nullable().optional(),
  label: recoveryLinks.label.unwrap().nullable().optional(),
});
export type RecoveryKeyPatch = z.input<typeof RecoveryKeyPatchSchema>;

/**
 * A portal Tessera is paired with (RFC 8628 device grant): where its API lives and the bearer token, which is a
 * secret and never leaves the background.
 */
export const PortalConnectionSchema = z.strictObject({
  id: z.uuid(),
  /** Origin of the portal, e.g. https://account.example.com. */
  origin: z.url().max(2048),
  /** Registrable domain of the origin: where the account's codes may be filled. */
  site: HostSchema,
  apiBase: z.url().max(2048),
  token: z.string().min(1).max(4096),
  scope: z.string().max(200),
  expiresAt: TimestampSchema,
  /** The authenticator account Tessera enrolled for this portal account. */
  accountId: z.uuid().optional(),
  createdAt: TimestampSchema,
});
export type PortalConnection = z.infer<typeof PortalConnectionSchema>;

/** What callers send to add a connection; the vault adds id and createdAt. */
export const PortalConnectionInputSchema = PortalConnectionSchema.omit({ id: true, createdAt: true });
export type PortalConnectionInput = z.input<typeof PortalConnectionInputSchema>;

/** What callers may change on a connection (a renewed token, the linked account; null unlinks it). */
export const PortalConnectionPatchSchema = z.strictObject({
  token: PortalConnectionSchema.shape.token.optional(),
  scope: PortalConnectionSchema.shape.scope.optional(),
  expiresAt: TimestampSchema.optional(),
  accountId: z.uuid().nullable().optional(),
});
export type PortalConnectionPatch = z.input<typeof PortalConnectionPatchSchema>;
