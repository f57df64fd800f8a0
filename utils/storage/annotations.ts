/**
 * Annotation reads and writes inside a transaction the caller opened (create-store.ts), so a
 * write and the video bump it causes commit together or not at all.
 */
import { pickWinner } from '../model/merge';
import { StorageError } from './errors';
import type { Annotation, VideoRecord } from '../model/types';
import { INDEXES, STORES, type StoreName } from './schema';
import type { Tx } from './transaction';

export interface WriteResult {
  /** The winning record for this id (what the database holds once the batch is written). */
  readonly stored: Annotation;
  /** True when the written record won (pickWinner) and was stored; false when it was stale. */
  readonly accepted: boolean;
}

/** Time order; ties by createdAt, then id (code-unit order, as IndexedDB compares strings). */
export function compareByTime(a: Annotation, b: Annotation): number {
  if (a.time !== b.time) return a.time - b.time;
  if (a.createdAt !== b.createdAt) return a.createdAt - b.createdAt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export async function listByVideo(
  tx: Tx<StoreName[], IDBTransactionMode>,
  videoId: string,
  includeDeleted: boolean,
  limit?: number,
): Promise<Annotation[]> {
  const range = IDBKeyRange.bound([videoId, -Infinity], [videoId, Infinity]);
  const index = tx.objectStore(STORES.annotations).index(INDEXES.byVideoTime);
  // With a limit: the first records in time order (reading thousands costs ~13 ms a 1,000).
  const count = limit !== undefined && limit > 0 ? limit : undefined;
  const all = await index.getAll(range, count);
  const shown = includeDeleted ? all : all.filter((a) => !a.deleted);
  // Already in time order from the index; this only settles equal times (cheap on sorted input).
  return shown.sort(compareByTime);
}

const minimalVideo = (id: string, now: number): VideoRecord => ({
  id,
  title: '',
  pageUrl: '',
  duration: null,
  fps: null,
  width: null,
  height: null,
  createdAt: now,
  updatedAt: now,
});

/** The records stored under `ids` (missing ones left out), read in parallel. */
export async function getMany<T>(get: (id: string) => Promise<T | undefined>, ids: Iterable<string>): Promise<Map<string, T>> {
  const keys = [...ids];
  const values = await Promise.all(keys.map(get));
  const found = new Map<string, T>();
  keys.forEach((id, i) => {
    const value = values[i];
    if (value !== undefined) found.set(id, value);
  });
  return found;
}

/**
 * Merges `incoming` (already validated) into the store: per record, pickWinner against what
 * is stored (or earlier in the same batch); winners are written, and each video that got a
 * new record has its updatedAt bumped to `now` (created, minimal, when missing).
 * With `asAuthor`, every record must be that author's, as must what is stored under its id
 * (a local save may not change someone else's record): otherwise nothing is written.
 */
export async function writeAnnotations(
  tx: Tx<StoreName[], 'readwrite'>,
  incoming: readonly Annotation[],
  now: number,
  asAuthor?: string,
): Promise<WriteResult[]> {
  const annotations = tx.objectStore(STORES.annotations);
  const videos = tx.objectStore(STORES.videos);
  const [current, knownVideos] = await Promise.all([
    getMany((id) => annotations.get(id), new Set(incoming.map((a) => a.id))),
    getMany((id) => videos.get(id), new Set(incoming.map((a) => a.videoId))),
  ]);
  if (asAuthor !== undefined) {
    for (const annotation of incoming) {
      const owner = current.get(annotation.id)?.author.id ?? annotation.author.id;
      if (owner !== asAuthor || annotation.author.id !== asAuthor) throw new StorageError('readonly', `annotation ${annotation.id}`);
    }
  }
  const changed = new Map<string, Annotation>();
  const results = incoming.map((annotation): WriteResult => {
    const stored = current.get(annotation.id);
    const winner = stored ? pickWinner(annotation, stored) : annotation;
    if (winner === annotation) {
      current.set(annotation.id, annotation);
      changed.set(annotation.id, annotation);
    }
    return { stored: winner, accepted: winner === annotation };
  });
  // Not awaited one by one: the transaction's `complete` (awaited by inTransaction) covers them,
  // and a failed put aborts it.
  const puts: Promise<unknown>[] = [...changed.values()].map((annotation) => annotations.put(annotation));
  for (const videoId of new Set([...changed.values()].map((a) => a.videoId))) {
    const video = knownVideos.get(videoId);
    puts.push(videos.put(video ? { ...video, updatedAt: Math.max(video.updatedAt, now) } : minimalVideo(videoId, now)));
  }
  await Promise.all(puts);
  return results;
}
