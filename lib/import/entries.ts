import type { z } from 'zod';
import type { Algorithm, OtpType } from '../otp/account';
import { normalizeSecret } from '../otp/secret';
import {
  type ImportedAccount,
  ImportedAccountSchema,
  type ImportFailure,
  type ImportFormat,
  type ImportResult,
} from './result';

/** A problem with one entry; its message is the reason shown next to the entry's name. */
export class EntryError extends Error {
  override readonly name = 'EntryError';
}

/** What a format parser knows about one entry; missing OTP parameters take the usual defaults. */
export interface EntryFields {
  type: OtpType;
  issuer?: string | null | undefined;
  label?: string | null | undefined;
  secret: string;
  algorithm?: Algorithm | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  note?: string | null | undefined;
  iconHint?: string | null | undefined;
  sites?: string[] | undefined;
}

const FIELD_NAMES: Record<string, string> = {
  type: 'The code type',
  issuer: 'The service name',
  label: 'The account name',
  algorithm: 'The algorithm',
  digits: 'The number of digits',
  period: 'The period',
  counter: 'The counter',
};

function describeIssue(issue: z.core.$ZodIssue, candidate: Record<string, unknown>): string {
  const field = String(issue.path[0] ?? '');
  // The secret schema already words its messages for users ("The secret is not base32 …").
  if (field === 'secret') return issue.message;
  const value = candidate[field];
  const shown = typeof value === 'string' || typeof value === 'number' ? ` (${value})` : '';
  return `${FIELD_NAMES[field] ?? `The field "${field}"`}${shown} is not valid: ${issue.message}.`;
}

/** Validates one entry into an ImportedAccount; throws EntryError or OtpauthError saying what is wrong. */
export function buildAccount(fields: EntryFields): ImportedAccount {
  const steam = fields.type === 'steam';
  const candidate: Record<string, unknown> = {
    type: fields.type,
    issuer: fields.issuer?.trim() ?? '',
    label: fields.label?.trim() ?? '',
    secret: normalizeSecret(fields.secret),
    // Steam Guard codes are always 5 characters from HMAC-SHA1 over 30 s, whatever the file says.
    algorithm: steam ? 'SHA1' : (fields.algorithm ?? 'SHA1'),
    digits: steam ? 5 : (fields.digits ?? 6),
    period: steam ? 30 : (fields.period ?? 30),
    counter: fields.type === 'hotp' ? (fields.counter ?? 0) : 0,
  };
  if (fields.note?.trim()) candidate.note = fields.note.trim();
  if (fields.iconHint?.trim()) candidate.iconHint = fields.iconHint.trim();
  if (fields.sites?.length) candidate.sites = fields.sites;
  const parsed = ImportedAccountSchema.safeParse(candidate);
  if (!parsed.success) {
    throw new EntryError(parsed.error.issues.map((issue) => describeIssue(issue, candidate)).join(' '));
  }
  return parsed.data;
}

const ALGORITHMS: Record<string, Algorithm> = { SHA1: 'SHA1', SHA256: 'SHA256', SHA512: 'SHA512' };

/** An entry's code type as apps write it (TOTP when absent); other kinds go to the failures list. */
export function parseOtpType(raw: string | null | undefined): 'totp' | 'hotp' | 'steam' {
  switch ((raw ?? 'TOTP').toUpperCase()) {
    case 'TOTP':
      return 'totp';
    case 'HOTP':
      return 'hotp';
    case 'STEAM':
      return 'steam';
    default:
      throw new EntryError(`It is a ${raw} entry; Tessera supports TOTP, HOTP and Steam codes only.`);
  }
}

/** Reads an algorithm name as apps write it ("SHA1", "sha-256", …); null/undefined mean the SHA-1 default. */
export function parseAlgorithm(raw: string | null | undefined): Algorithm | undefined {
  if (raw === null || raw === undefined || raw === '') return undefined;
  const algorithm = ALGORITHMS[raw.toUpperCase().replace(/[-_\s]/g, '')];
  if (!algorithm) {
    throw new EntryError(`It uses the ${raw} algorithm; Tessera supports SHA1, SHA256 and SHA512.`);
  }
  return algorithm;
}

/** Parses one raw entry with `schema`, or throws EntryError naming the field that is missing or wrong. */
export function readEntry<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const path = issue?.path.join('.') ?? '';
  if (!path) throw new EntryError('The entry is not in the expected form.');
  throw new EntryError(`The entry's "${path}" field is missing or not valid (${issue?.message}).`);
}

/** Reads `raw[key]` from an entry not yet validated, for naming it in failure lists. */
export function rawField(raw: unknown, key: string): unknown {
  return typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined;
}

/** A readable name for an entry in failure lists: "Issuer (label)", or the fallback when both are empty. */
export function entryName(issuer: unknown, label: unknown, fallback: string): string {
  const i = typeof issuer === 'string' ? issuer.trim() : '';
  const l = typeof label === 'string' ? label.trim() : '';
  if (i && l && i !== l) return `${i} (${l})`;
  return i || l || fallback;
}

/** Gathers accounts and per-entry failures so one bad entry never stops the others. */
export class ImportCollector {
  private readonly accounts: ImportedAccount[] = [];
  private readonly failures: ImportFailure[] = [];

  /** Runs `build` for the entry called `entry`; any error it throws becomes that entry's failure. */
  async add(
    entry: string,
    build: () => ImportedAccount | ImportedAccount[] | Promise<ImportedAccount | ImportedAccount[]>,
  ): Promise<void> {
    try {
      const built = await build();
      this.accounts.push(...(Array.isArray(built) ? built : [built]));
    } catch (error) {
      this.fail(
        entry,
        error instanceof Error && error.message ? error.message : 'The entry could not be read.',
      );
    }
  }

  /** Records an entry that cannot be imported. */
  fail(entry: string, reason: string): void {
    this.failures.push({ entry, reason });
  }

  /** The collected result. */
  result(format: ImportFormat): ImportResult {
    return { format, accounts: this.accounts, failures: this.failures };
  }
}
