/**
 * The database schema: its typed shape (idb's `DBSchema`) and a table of migrations keyed by
 * version. `upgrade` runs every step from the stored version + 1 up to CURRENT_VERSION, in
 * order, inside the one upgrade transaction: if any step fails, the whole upgrade rolls back
 * and the old data stays.
 *
 * Never edit a released step: add the next version instead.
 */
import type { DBSchema, IDBPDatabase, IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { Annotation, VideoRecord } from '../model/types';
import type { KnownSender, PacketEntry, SignerBinding, SignerRecord, VideoAlias } from './packet-records';
import { fillV1Annotation, fillV1Video, fillV2Video } from './upgrade-records';

/** What the database holds at CURRENT_VERSION. */
export interface FrameCoachDB extends DBSchema {
  videos: {
    key: string;
    value: VideoRecord;
    indexes: { byUpdated: number };
  };
  annotations: {
    key: string;
    value: Annotation;
    indexes: { byVideo: string; byVideoTime: [string, number]; byUpdated: number };
  };
  /** Packets sent and received: the inbox and the outbox (packet-records.ts). */
  packets: {
    key: string;
    value: PacketEntry;
    indexes: { byVideo: string; byUpdated: number };
  };
  /** This installation's signing key (one record). */
  keys: { key: string; value: SignerRecord };
  /** Keys seen on packets, by sender name: is this the same sender as before? */
  senders: { key: string; value: KnownSender };
  /** The key each author signs with (the first seen): only that key adds or changes their records. */
  signers: { key: string; value: SignerBinding };
  /** A packet's video attached to another video here (a page opened from another address). */
  aliases: { key: string; value: VideoAlias; indexes: { byTarget: string } };
}

export type StoreName = StoreNames<FrameCoachDB>;
export type Db = IDBPDatabase<FrameCoachDB>;
export type UpgradeTx = IDBPTransaction<FrameCoachDB, StoreName[], 'versionchange'>;

export const STORES = {
  videos: 'videos',
  annotations: 'annotations',
  packets: 'packets',
  keys: 'keys',
  senders: 'senders',
  aliases: 'aliases',
  signers: 'signers',
} as const satisfies Record<StoreName, StoreName>;

export const INDEXES = {
  /** annotations: videoId. */
  byVideo: 'byVideo',
  /** annotations: [videoId, time], a video's annotations in time order. */
  byVideoTime: 'byVideoTime',
  /** annotations, videos and packets: updatedAt (recent videos; changes since a date). */
  byUpdated: 'byUpdated',
  /** aliases: the video here a packet's video was attached to. */
  byTarget: 'byTarget',
} as const;

/** A step may wait on requests of the upgrade transaction (and nothing else: it would commit). */
export type Migration = (db: Db, tx: UpgradeTx) => void | Promise<void>;

/** Rewrites every record of a store through `fill` (only the ones it changes). */
async function rewriteAll<Name extends StoreName>(
  store: IDBPObjectStore<FrameCoachDB, StoreName[], Name, 'versionchange'>,
  fill: (record: unknown) => unknown,
): Promise<void> {
  for (let cursor = await store.openCursor(); cursor; cursor = await cursor.continue()) {
    const filled = fill(cursor.value);
    if (filled !== cursor.value) await cursor.update(filled as FrameCoachDB[Name]['value']);
  }
}

export const MIGRATIONS: Record<number, Migration> = {
  1: (db) => {
    db.createObjectStore(STORES.videos, { keyPath: 'id' });
    const annotations = db.createObjectStore(STORES.annotations, { keyPath: 'id' });
    annotations.createIndex(INDEXES.byVideo, 'videoId');
  },
  2: async (_db, tx) => {
    const annotations = tx.objectStore(STORES.annotations);
    const videos = tx.objectStore(STORES.videos);
    annotations.createIndex(INDEXES.byVideoTime, ['videoId', 'time']);
    annotations.createIndex(INDEXES.byUpdated, 'updatedAt');
    videos.createIndex(INDEXES.byUpdated, 'updatedAt');
    await Promise.all([rewriteAll(annotations, fillV1Annotation), rewriteAll(videos, fillV1Video)]);
  },
  3: async (db, tx) => {
    const packets = db.createObjectStore(STORES.packets, { keyPath: 'key' });
    packets.createIndex(INDEXES.byVideo, 'videoId');
    packets.createIndex(INDEXES.byUpdated, 'updatedAt');
    db.createObjectStore(STORES.keys, { keyPath: 'id' });
    db.createObjectStore(STORES.senders, { keyPath: 'name' });
    db.createObjectStore(STORES.aliases, { keyPath: 'from' }).createIndex(INDEXES.byTarget, 'to');
    await rewriteAll(tx.objectStore(STORES.videos), fillV2Video);
  },
  4: (db) => {
    db.createObjectStore(STORES.signers, { keyPath: 'authorId' });
  },
};

export const CURRENT_VERSION = 4;

/** Runs the steps after `oldVersion` up to `newVersion` in order; a gap is a bug, so it throws. */
export async function runMigrations(db: Db, tx: UpgradeTx, oldVersion: number, newVersion: number): Promise<void> {
  for (let version = oldVersion + 1; version <= newVersion; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`No migration to schema version ${version}`);
    await step(db, tx);
  }
}
