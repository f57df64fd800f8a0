/**
 * The FrameCoachStore implementation over an open database (see store.ts for the contract).
 */
import type { VideoRecord } from '../model/types';
import { StorageError } from './errors';
import { listByVideo, writeAnnotations } from './annotations';
import { INDEXES, STORES, type Db, type StoreName } from './schema';
import type { FrameCoachStore } from './store';
import { inTransaction, type Tx } from './transaction';
import { assertAnnotation, assertVideoInput } from './validate';

export interface StoreDeps {
  readonly now: () => number;
}

const { videos: V, annotations: A } = STORES;

export function createStore(db: Db, deps: StoreDeps): FrameCoachStore {
  let closed = false;
  const markClosed = () => {
    closed = true;
  };
  db.addEventListener('versionchange', markClosed); // open-database.ts closes the connection
  db.addEventListener('close', markClosed); // closed by the browser (data cleared, disk error)

  const run = <Mode extends IDBTransactionMode, T>(stores: StoreName[], mode: Mode, body: (tx: Tx<StoreName[], Mode>) => Promise<T>) =>
    closed ? Promise.reject(new StorageError('closed')) : inTransaction(db, stores, mode, body);

  return {
    async upsertVideo(input) {
      assertVideoInput(input);
      const now = input.now ?? deps.now();
      return run([V], 'readwrite', async (tx) => {
        const videos = tx.objectStore(V);
        const existing = await videos.get(input.id);
        const record: VideoRecord = {
          id: input.id,
          title: input.title,
          pageUrl: input.pageUrl,
          duration: input.duration,
          fps: input.fps,
          createdAt: existing?.createdAt ?? now,
          updatedAt: Math.max(existing?.updatedAt ?? now, now),
        };
        await videos.put(record);
        return record;
      });
    },

    getVideo: (id) => run([V], 'readonly', (tx) => tx.objectStore(V).get(id)),

    async recentVideos(limit = 20) {
      if (!Number.isInteger(limit) || limit < 0) throw new StorageError('invalid', `limit ${limit}`);
      if (limit === 0) return [];
      return run([V], 'readonly', async (tx) => {
        const found: VideoRecord[] = [];
        // Walks the index newest first and stops at `limit`: no full scan.
        let cursor = await tx.objectStore(V).index(INDEXES.byUpdated).openCursor(null, 'prev');
        while (cursor && found.length < limit) {
          found.push(cursor.value);
          cursor = found.length < limit ? await cursor.continue() : null;
        }
        return found;
      });
    },

    listAnnotations: (videoId, opts = {}) =>
      run([A], 'readonly', (tx) => listByVideo(tx, videoId, opts.includeDeleted ?? false, opts.limit)),

    async putAnnotation(annotation, opts = {}) {
      assertAnnotation(annotation);
      const [result] = await run([A, V], 'readwrite', (tx) => writeAnnotations(tx, [annotation], deps.now(), opts.asAuthor));
      if (!result) throw new StorageError('unknown', 'no write result');
      return result;
    },

    async putAnnotations(annotations) {
      if (!Array.isArray(annotations)) throw new StorageError('invalid', 'expected a list of annotations');
      annotations.forEach((annotation) => assertAnnotation(annotation));
      if (annotations.length === 0) return { accepted: 0, rejected: 0 };
      const results = await run([A, V], 'readwrite', (tx) => writeAnnotations(tx, annotations, deps.now()));
      const accepted = results.filter((r) => r.accepted).length;
      return { accepted, rejected: results.length - accepted };
    },

    getAnnotation: (id) => run([A], 'readonly', (tx) => tx.objectStore(A).get(id)),

    counts: () =>
      run([V, A], 'readonly', async (tx) => {
        const [videos, annotations] = await Promise.all([tx.objectStore(V).count(), tx.objectStore(A).count()]);
        return { videos, annotations };
      }),

    close() {
      closed = true;
      db.close();
    },
  };
}
