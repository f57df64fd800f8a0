/**
 * FrameCoach's store: the contract and the way in. Every write resolves only after its
 * transaction `complete`s (durable before the UI says "saved"); every failure is a
 * StorageError with a code (errors.ts).
 */
import type { Annotation, VideoRecord } from '../model/types';
import { createStore } from './create-store';
import { openDatabase } from './open-database';

export type VideoInput = Omit<VideoRecord, 'createdAt' | 'updatedAt'> & { now?: number };

export interface FrameCoachStore {
  /** Creates or updates title/pageUrl/duration/fps; keeps createdAt, bumps updatedAt. */
  upsertVideo(video: VideoInput): Promise<VideoRecord>;
  getVideo(id: string): Promise<VideoRecord | undefined>;
  /** Most recently updated first (walks the byUpdated index, stops at `limit`). */
  recentVideos(limit?: number): Promise<VideoRecord[]>;
  /**
   * A video's annotations in time order (ties: createdAt, then id); tombstones hidden by
   * default; `limit` returns only the first ones (a fast first page).
   */
  listAnnotations(videoId: string, opts?: { includeDeleted?: boolean; limit?: number }): Promise<Annotation[]>;
  /**
   * Keeps whichever of stored and given pickWinner() chooses; a stale write is not accepted.
   * `asAuthor`: refuse ('readonly') unless the record, and what is stored under its id, are that author's.
   */
  putAnnotation(annotation: Annotation, opts?: { asAuthor?: string }): Promise<{ stored: Annotation; accepted: boolean }>;
  /** Bulk putAnnotation in one transaction: all are written or none. */
  putAnnotations(annotations: readonly Annotation[]): Promise<{ accepted: number; rejected: number }>;
  getAnnotation(id: string): Promise<Annotation | undefined>;
  counts(): Promise<{ videos: number; annotations: number }>;
  close(): void;
}

export interface StoreOptions {
  /** Clock for updatedAt bumps, ms since the epoch (default: Date.now). */
  now?: () => number;
}

/**
 * Opens FrameCoach's store. The background passes `indexedDB` (the extension's origin owns
 * the data); tests pass a fresh fake-indexeddb IDBFactory (its globals installed by
 * `fake-indexeddb/auto`, which idb checks against: see open-database.ts).
 */
export async function openStore(
  factory: IDBFactory,
  name = 'framecoach',
  options: StoreOptions = {},
): Promise<FrameCoachStore> {
  const db = await openDatabase(factory, name);
  return createStore(db, { now: options.now ?? Date.now });
}
