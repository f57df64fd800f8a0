/**
 * One transaction around a piece of work. idb gives promises for requests and `tx.done`; it
 * does not abort a transaction when the work around it throws (the requests already made
 * would commit), nor say which error caused an abort. That part is ours.
 */
import type { IDBPTransaction } from 'idb';
import { rootCause, toStorageError } from './errors';
import type { Db, FrameCoachDB, StoreName } from './schema';

export type Tx<Names extends ArrayLike<StoreName>, Mode extends IDBTransactionMode> = IDBPTransaction<FrameCoachDB, Names, Mode>;

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already committed or aborted.
  }
}

/**
 * Runs `body` in one transaction and resolves with its result only after the transaction
 * `complete`s (for writes: durable). If `body` throws, the transaction is aborted so nothing
 * it wrote is kept; every failure comes out as a StorageError.
 */
export async function inTransaction<Names extends ArrayLike<StoreName>, Mode extends IDBTransactionMode, T>(
  db: Db,
  stores: Names,
  mode: Mode,
  body: (tx: Tx<Names, Mode>) => Promise<T>,
): Promise<T> {
  let tx: Tx<Names, Mode>;
  try {
    // 'strict': complete fires after the data is flushed to disk, not just handed to the OS.
    tx = db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  } catch (error) {
    throw toStorageError(error);
  }
  const done = tx.done.then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    abortQuietly(tx);
    throw toStorageError(rootCause(error, (await done)?.error));
  }
  const failed = await done;
  if (failed) throw toStorageError(failed.error);
  return result;
}
