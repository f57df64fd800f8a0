/**
 * The FrameCoachStore implementation over an open database (see store.ts for the contract).
 */
import type { VideoRecord } from '../model/types';
import { StorageError } from './errors';
import { listByVideo, writeAnnotations } from './annotations';
import { INDEXES, STORES, type Db, type StoreName } from './schema';
import type { FrameCoachStore } from './store';
import { inTransaction, type Tx } from './transaction';
import { packetStore } from './packet-store';
import { backupStore } from './backup-store';
import { emptySummary, summarize, type SearchHit, type VideoSummary } from './library';
import { assertAnnotation, assertVideoInput } from './validate';

export interface StoreDeps {
  readonly now: () => number;
}

const { videos: V, annotations: A, packets: P, aliases: L } = STORES;

const sameRate = (given: number | null, stored: number | null | undefined) => given === null || given === stored;

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
          duration: input.duration ?? existing?.duration ?? null,
          fps: input.fps ?? existing?.fps ?? null,
          // The clock goes with its rate: a new rate without one leaves none.
          ...(input.clock ? { clock: input.clock } : sameRate(input.fps, existing?.fps) && existing?.clock ? { clock: existing.clock } : {}),
          width: input.width ?? existing?.width ?? null,
          height: input.height ?? existing?.height ?? null,
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

    async deleteVideo(videoId) {
      return run([A, V, P, L], 'readwrite', async (tx) => {
        const keys = await tx.objectStore(A).index(INDEXES.byVideo).getAllKeys(videoId);
        await Promise.all(keys.map((key) => tx.objectStore(A).delete(key)));
        await tx.objectStore(V).delete(videoId);
        const entries = await tx.objectStore(P).index(INDEXES.byVideo).getAll(videoId);
        // The outbox is the video's (its revisions); the inbox keeps what was received, with nothing left unread.
        await Promise.all(
          entries.map((e) => (e.direction === 'sent' ? tx.objectStore(P).delete(e.key) : tx.objectStore(P).put({ ...e, unread: [] }))),
        );
        // Packet videos attached to it, or it attached to another, no longer are.
        const attached = await tx.objectStore(L).index(INDEXES.byTarget).getAllKeys(videoId);
        await Promise.all([...attached, videoId].map((key) => tx.objectStore(L).delete(key)));
        return keys.length;
      });
    },

    library: (query) =>
      run([A, V], 'readonly', async (tx) => {
        const videos = await tx.objectStore(V).getAll();
        const summaries = new Map<string, VideoSummary>();
        const hits: SearchHit[] = [];
        // One pass over every record: counts per video, and the search (thousands a second).
        for (let cursor = await tx.objectStore(A).openCursor(); cursor; cursor = await cursor.continue()) {
          summarize(cursor.value, summaries, hits, query);
        }
        return {
          videos: videos
            .map((v) => ({ ...(summaries.get(v.id) ?? emptySummary(v.id)), video: v }))
            .filter((s) => s.total > 0)
            .sort((a, b) => b.lastEdited - a.lastEdited),
          hits,
        };
      }),

    ...packetStore(run, deps.now),
    ...backupStore(run, deps.now),

    close() {
      closed = true;
      db.close();
    },
  };
}
