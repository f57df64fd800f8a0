/**
 * The database schema as a table of migrations keyed by version. `upgrade` runs every step
 * from the stored version + 1 up to CURRENT_VERSION, in order, inside the one upgrade
 * transaction: if any step fails, the whole upgrade rolls back and the old data stays.
 *
 * Never edit a released step: add the next version instead.
 */
import { fillV1Annotation, fillV1Video } from './upgrade-records';

export const STORES = { videos: 'videos', annotations: 'annotations' } as const;

export const INDEXES = {
  /** annotations: videoId. */
  byVideo: 'byVideo',
  /** annotations: [videoId, time], a video's annotations in time order. */
  byVideoTime: 'byVideoTime',
  /** annotations and videos: updatedAt (recent videos; changes since a date). */
  byUpdated: 'byUpdated',
} as const;

export type Migration = (db: IDBDatabase, tx: IDBTransaction) => void;

/** Rewrites every record of a store through `fill` (only the ones it changes). */
function rewriteAll(tx: IDBTransaction, storeName: string, fill: (record: unknown) => unknown): void {
  const cursorRequest = tx.objectStore(storeName).openCursor();
  cursorRequest.onsuccess = () => {
    const cursor = cursorRequest.result;
    if (!cursor) return;
    const filled = fill(cursor.value);
    if (filled !== cursor.value) cursor.update(filled);
    cursor.continue();
  };
}

export const MIGRATIONS: Record<number, Migration> = {
  1: (db) => {
    db.createObjectStore(STORES.videos, { keyPath: 'id' });
    const annotations = db.createObjectStore(STORES.annotations, { keyPath: 'id' });
    annotations.createIndex(INDEXES.byVideo, 'videoId');
  },
  2: (_db, tx) => {
    const annotations = tx.objectStore(STORES.annotations);
    annotations.createIndex(INDEXES.byVideoTime, ['videoId', 'time']);
    annotations.createIndex(INDEXES.byUpdated, 'updatedAt');
    tx.objectStore(STORES.videos).createIndex(INDEXES.byUpdated, 'updatedAt');
    rewriteAll(tx, STORES.annotations, fillV1Annotation);
    rewriteAll(tx, STORES.videos, fillV1Video);
  },
};

export const CURRENT_VERSION = 2;

/** Runs the steps after `oldVersion` up to `newVersion` in order; a gap is a bug, so it throws. */
export function runMigrations(db: IDBDatabase, tx: IDBTransaction, oldVersion: number, newVersion: number): void {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration to schema version ${version}`);
    step(db, tx);
  }
}
