/**
 * The FrameCoachStore implementation over an open database (see store.ts for the contract).
 */
import type { VideoRecord } from '../model/types';
import { StorageError } from './errors';
import { listByVideo, writeAnnotations } from './annotations';
import { collect, inTransaction, request } from './idb';
import { INDEXES, STORES } from './schema';
import type { FrameCoachStore } from './store';
import { assertAnnotation, assertVideoInput } from './validate';

export interface StoreDeps {
  readonly keyRange: typeof IDBKeyRange;
  readonly now: () => number;
}

const { videos: V, annotations: A } = STORES;

export function createStore(db: IDBDatabase, deps: StoreDeps): FrameCoachStore {
  let closed = false;
  const markClosed = () => {
    closed = true;
  };
  db.addEventListener('versionchange', markClosed); // open-database.ts closes the connection
  db.addEventListener('close', markClosed); // closed by the browser (data cleared, disk error)

  const run = <T>(stores: string[], mode: IDBTransactionMode, body: (tx: IDBTransaction) => Promise<T>) =>
    closed ? Promise.reject(new StorageError('closed')) : inTransaction(db, stores, mode, body);

  return {
    async upsertVideo(input) {
      assertVideoInput(input);
      const now = input.now ?? deps.now();
      return run([V], 'readwrite', async (tx) => {
        const videos = tx.objectStore(V);
        const existing = (await request(videos.get(input.id))) as VideoRecord | undefined;
        const record: VideoRecord = {
          id: input.id,
          title: input.title,
          pageUrl: input.pageUrl,
          duration: input.duration,
          fps: input.fps,
          createdAt: existing?.createdAt ?? now,
          updatedAt: Math.max(existing?.updatedAt ?? now, now),
        };
        videos.put(record);
        return record;
      });
    },

    getVideo: (id) => run([V], 'readonly', (tx) => request(tx.objectStore(V).get(id))),

    async recentVideos(limit = 20) {
      if (!Number.isInteger(limit) || limit < 0) throw new StorageError('invalid', `limit ${limit}`);
      if (limit === 0) return [];
      return run([V], 'readonly', (tx) =>
        collect<VideoRecord>(tx.objectStore(V).index(INDEXES.byUpdated).openCursor(null, 'prev'), limit),
      );
    },

    listAnnotations: (videoId, opts = {}) =>
      run([A], 'readonly', (tx) => listByVideo(tx, deps.keyRange, videoId, opts.includeDeleted ?? false, opts.limit)),

    async putAnnotation(annotation) {
      assertAnnotation(annotation);
      const [result] = await run([A, V], 'readwrite', (tx) => writeAnnotations(tx, [annotation], deps.now()));
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

    getAnnotation: (id) => run([A], 'readonly', (tx) => request(tx.objectStore(A).get(id))),

    counts: () =>
      run([V, A], 'readonly', async (tx) => {
        const [videos, annotations] = await Promise.all([
          request(tx.objectStore(V).count()),
          request(tx.objectStore(A).count()),
        ]);
        return { videos, annotations };
      }),

    close() {
      closed = true;
      db.close();
    },
  };
}
