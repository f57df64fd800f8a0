/**
 * FrameCoach's store: the contract and the way in. Every write resolves only after its
 * transaction `complete`s (durable before the UI says "saved"); every failure is a
 * StorageError with a code (errors.ts).
 */
import type { Annotation, VideoRecord } from '../model/types';
import { createStore } from './create-store';
import type { LibraryView } from './library';
import type { PacketStore } from './packet-store';
import type { BackupStore } from './backup-store';
import { openDatabase } from './open-database';

/** A video as a page reports it; a null duration, rate or size means "not known now" and keeps what is stored. */
export type VideoInput = Omit<VideoRecord, 'createdAt' | 'updatedAt' | 'width' | 'height'> & {
  width?: number | null;
  height?: number | null;
  now?: number;
};

export interface FrameCoachStore extends PacketStore, BackupStore {
  /** Creates or updates title, pageUrl, duration, fps and size (keeping known ones over null); keeps createdAt, bumps updatedAt. */
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
  /** Removes a video's annotations, its record and its outbox entries; resolves with how many records went. */
  deleteVideo(videoId: string): Promise<number>;
  /** Every video with annotations (counts, last edit), and the comments matching `query` (when given). */
  library(query?: string): Promise<LibraryView>;
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
