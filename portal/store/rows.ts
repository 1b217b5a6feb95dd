/** Mapping between the stores' snake_case columns and the camelCase records of `types.ts`. */
export type Row = Record<string, unknown>;

export const toColumn = (key: string): string => `"${key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}"`;
const toKey = (column: string): string => column.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

// SQLite keeps booleans as 0/1; PostgreSQL's `seq` columns only order rows written in the same millisecond.
const BOOLEAN_COLUMNS = new Set(['require_two_factor', 'email_verified']);
const HIDDEN_COLUMNS = new Set(['seq']);

export function fromRow<T>(row: Row | undefined): T | undefined {
  if (!row) return undefined;
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) {
    if (HIDDEN_COLUMNS.has(column)) continue;
    out[toKey(column)] = BOOLEAN_COLUMNS.has(column) && typeof value === 'number' ? value === 1 : value;
  }
  return out as T;
}

/** The defined entries of a patch (undefined means "leave as is"). */
export const definedEntries = (patch: object): [string, unknown][] =>
  Object.entries(patch).filter(([, v]) => v !== undefined);

/** Tables whose `expires_at` rows are useless once past. */
export const EXPIRING_TABLES = ['sessions', 'codes', 'pending_changes', 'device_grants'] as const;
/** Rate windows are at most this long; older ones are purged. */
export const RATE_WINDOW_KEEP_MS = 24 * 3600_000;
