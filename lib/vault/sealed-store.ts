import type { z } from 'zod';
import { openRecord, type RecordStore, sealRecord } from './cipher';
import type { VaultDb } from './db';
import { VaultError } from './errors';

/** Readable records plus the ids of those that failed to decrypt or validate. */
export interface ListResult<T> {
  items: T[];
  damaged: string[];
}

type IdSchema = z.ZodType<{ id: string }>;

/** Explains a record that decrypted but is not a valid entry (written by a buggy or newer build). */
function unreadable(id: string): VaultError {
  return new VaultError(
    'tampered',
    `The vault entry ${id} could not be read. Other entries are not affected; restore this one from a backup or delete it.`,
    { recordId: id },
  );
}

/** Decrypts and validates one sealed record; the id inside must match the id it is stored under. */
export async function decodeRecord<S extends IdSchema>(
  key: CryptoKey,
  store: RecordStore,
  sealed: unknown,
  schema: S,
): Promise<z.output<S>> {
  const value = await openRecord(key, store, sealed);
  const parsed = schema.safeParse(value);
  const id = (sealed as { id: string }).id;
  if (!parsed.success || parsed.data.id !== id) throw unreadable(id);
  return parsed.data;
}

/** Every record of a store; a damaged record is reported by id instead of failing the whole list. */
export async function readAllRecords<S extends IdSchema>(
  db: VaultDb,
  key: CryptoKey,
  store: RecordStore,
  schema: S,
): Promise<ListResult<z.output<S>>> {
  const sealed = await db.getAll(store);
  const outcomes = await Promise.allSettled(sealed.map((s) => decodeRecord(key, store, s, schema)));
  const result: ListResult<z.output<S>> = { items: [], damaged: [] };
  outcomes.forEach((outcome, i) => {
    if (outcome.status === 'fulfilled') result.items.push(outcome.value);
    else if (outcome.reason instanceof VaultError && outcome.reason.code === 'tampered')
      result.damaged.push(String(sealed[i]?.id));
    else throw outcome.reason;
  });
  return result;
}

/** One record by id; 'not-found' if absent, 'tampered' if it cannot be read. */
export async function readRecord<S extends IdSchema>(
  db: VaultDb,
  key: CryptoKey,
  store: RecordStore,
  id: string,
  schema: S,
): Promise<z.output<S>> {
  const sealed = await db.get(store, id);
  if (sealed === undefined) {
    throw new VaultError(
      'not-found',
      'That vault entry no longer exists. It may have been deleted; reload the list.',
      {
        recordId: id,
      },
    );
  }
  return decodeRecord(key, store, sealed, schema);
}

/** Encrypts and stores a record; `add` refuses an id that is already taken ('exists'). */
export async function writeRecord(
  db: VaultDb,
  key: CryptoKey,
  store: RecordStore,
  record: { id: string },
  mode: 'add' | 'put',
): Promise<void> {
  const sealed = await sealRecord(key, store, record.id, record);
  try {
    await (mode === 'add' ? db.add(store, sealed) : db.put(store, sealed));
  } catch (error) {
    if ((error as { name?: unknown } | null)?.name === 'ConstraintError') {
      throw new VaultError(
        'exists',
        'An entry with this id is already in the vault, so it was not added again.',
        {
          recordId: record.id,
        },
      );
    }
    throw error;
  }
}
