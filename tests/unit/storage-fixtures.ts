/** Shared helpers for the storage tests: a fresh fake IndexedDB per test, records, raw access. */
import { IDBFactory } from 'fake-indexeddb';
import { unwrap, wrap } from 'idb';
import type { CommentAnnotation } from '../../utils/model/types';
import { MIGRATIONS, type Db, type UpgradeTx } from '../../utils/storage/schema';
import { openStore, type FrameCoachStore } from '../../utils/storage/store';
import { prng } from '../shared/prng';

export const NAME = 'framecoach';
export const VIDEO = 'youtube:dQw4w9WgXcQ';

export function comment(overrides: Partial<CommentAnnotation> = {}): CommentAnnotation {
  return {
    id: 'c1',
    kind: 'comment',
    videoId: VIDEO,
    time: 12.417,
    frame: null,
    author: { id: 'author-1', name: 'Coach' },
    createdAt: 100,
    updatedAt: 100,
    version: 1,
    deleted: false,
    source: { kind: 'local' },
    text: 'land under the hip here',
    endTime: null,
    endFrame: null,
    resolved: false,
    parentId: null,
    ...overrides,
  };
}

export interface TestStore {
  factory: IDBFactory;
  store: FrameCoachStore;
  /** Sets what the store's clock returns. */
  setNow(ms: number): void;
}

/** A store over its own fresh fake IndexedDB (or over `factory`), with a settable clock. */
export async function freshStore(factory = new IDBFactory(), start = 1_000): Promise<TestStore> {
  let now = start;
  const store = await openStore(factory, NAME, { now: () => now });
  return { factory, store, setNow: (ms) => (now = ms) };
}

/**
 * Opens with the raw API: at `version` running `upgrade` when given, else at whatever version
 * is stored. The connection ignores `versionchange` (an old tab that never lets go).
 */
export function openRaw(
  factory: IDBFactory,
  version?: number,
  upgrade?: (db: IDBDatabase, tx: IDBTransaction) => void,
): Promise<IDBDatabase> {
  const req = version === undefined ? factory.open(NAME) : factory.open(NAME, version);
  req.onupgradeneeded = () => {
    if (upgrade && req.transaction) upgrade(req.result, req.transaction);
  };
  return wrap(req).then((db) => unwrap(db!));
}

/** An `openRaw` upgrade that runs one step of the migrations table (through idb, as the store does). */
export const migrationStep =
  (version: number) =>
  (db: IDBDatabase, tx: IDBTransaction): void =>
    void MIGRATIONS[version]?.(wrap(db) as unknown as Db, wrap(tx) as unknown as UpgradeTx);

/** Every record of a store, read with the raw API (bypassing the store's checks). */
export async function rawAll(factory: IDBFactory, storeName: string): Promise<unknown[]> {
  const db = await openRaw(factory);
  try {
    return await wrap(db.transaction(storeName).objectStore(storeName).getAll());
  } finally {
    db.close();
  }
}

/** Writes records with the raw API in one transaction. */
export function rawPut(db: IDBDatabase | Db, storeName: string, records: readonly unknown[]): Promise<void> {
  const raw = (unwrap(db as Db) as IDBDatabase | undefined) ?? (db as IDBDatabase);
  const tx = raw.transaction(storeName, 'readwrite');
  for (const record of records) tx.objectStore(storeName).put(record);
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
}

export { prng };

export function shuffled<T>(items: readonly T[], random = prng(7)): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
