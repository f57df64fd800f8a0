/**
 * The few promise helpers the store needs over the raw IndexedDB API. (The `idb` package is
 * not used: its wrapper checks `instanceof IDBRequest` etc. against the *global*
 * constructors, which defeats passing the IDBFactory in.)
 */
import { rootCause, toStorageError } from './errors';

/** Resolves with the request's result; rejects with its error. */
export function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** Settles when the transaction is over: resolves on `complete`, rejects on `abort`. */
function finished(tx: IDBTransaction): Promise<void> {
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error ?? new DOMException('The transaction was aborted.', 'AbortError'));
  });
  done.catch(() => {}); // observed later; never an unhandled rejection
  return done;
}

function abortQuietly(tx: IDBTransaction): void {
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
export async function inTransaction<T>(
  db: IDBDatabase,
  stores: string[],
  mode: IDBTransactionMode,
  body: (tx: IDBTransaction) => Promise<T>,
): Promise<T> {
  let tx: IDBTransaction;
  try {
    // 'strict': complete fires after the data is flushed to disk, not just handed to the OS.
    tx = db.transaction(stores, mode, mode === 'readwrite' ? { durability: 'strict' } : undefined);
  } catch (error) {
    throw toStorageError(error);
  }
  const done = finished(tx);
  let result: T;
  try {
    result = await body(tx);
  } catch (error) {
    abortQuietly(tx);
    const txError = await done.then(
      () => undefined,
      (e: unknown) => e,
    );
    throw toStorageError(rootCause(error, txError));
  }
  try {
    await done;
  } catch (error) {
    throw toStorageError(error);
  }
  return result;
}

/** Walks a cursor request and collects up to `limit` values (stops early: no full scan). */
export function collect<T>(req: IDBRequest<IDBCursorWithValue | null>, limit: number): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const values: T[] = [];
    req.onsuccess = () => {
      const cursor = req.result;
      if (cursor && values.length < limit) values.push(cursor.value as T);
      if (!cursor || values.length >= limit) resolve(values);
      else cursor.continue();
    };
    req.onerror = () => reject(req.error);
  });
}
