/**
 * Annotation reads and writes inside a transaction the caller opened (store.ts), so a write
 * and the video bump it causes commit together or not at all.
 */
import { pickWinner } from '../model/merge';
import type { Annotation, VideoRecord } from '../model/types';
import { request } from './idb';
import { INDEXES, STORES } from './schema';

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
  tx: IDBTransaction,
  keyRange: typeof IDBKeyRange,
  videoId: string,
  includeDeleted: boolean,
  limit?: number,
): Promise<Annotation[]> {
  const range = keyRange.bound([videoId, -Infinity], [videoId, Infinity]);
  const index = tx.objectStore(STORES.annotations).index(INDEXES.byVideoTime);
  // With a limit: the first records in time order (reading thousands costs ~13 ms a 1,000).
  const count = limit !== undefined && limit > 0 ? limit : undefined;
  const all = (await request(index.getAll(range, count))) as Annotation[];
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
  createdAt: now,
  updatedAt: now,
});

async function getMany<T>(store: IDBObjectStore, ids: Iterable<string>): Promise<Map<string, T>> {
  const keys = [...ids];
  const values = await Promise.all(keys.map((id) => request(store.get(id)) as Promise<T | undefined>));
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
 */
export async function writeAnnotations(
  tx: IDBTransaction,
  incoming: readonly Annotation[],
  now: number,
): Promise<WriteResult[]> {
  const annotations = tx.objectStore(STORES.annotations);
  const videos = tx.objectStore(STORES.videos);
  const [current, knownVideos] = await Promise.all([
    getMany<Annotation>(annotations, new Set(incoming.map((a) => a.id))),
    getMany<VideoRecord>(videos, new Set(incoming.map((a) => a.videoId))),
  ]);
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
  for (const annotation of changed.values()) annotations.put(annotation);
  for (const videoId of new Set([...changed.values()].map((a) => a.videoId))) {
    const video = knownVideos.get(videoId);
    videos.put(video ? { ...video, updatedAt: Math.max(video.updatedAt, now) } : minimalVideo(videoId, now));
  }
  return results;
}
