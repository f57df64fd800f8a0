import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, MIGRATIONS } from '../../utils/storage/schema';
import { StorageError } from '../../utils/storage/errors';
import { freshStore, openRaw } from './storage-fixtures';

describe('schema', () => {
  it('has one migration per version, 1..CURRENT_VERSION', () => {
    const versions = Object.keys(MIGRATIONS).map(Number);
    expect(versions).toEqual(Array.from({ length: CURRENT_VERSION }, (_, i) => i + 1));
  });

  it.each([
    ['videos', null, 'id'],
    ['videos', 'byUpdated', 'updatedAt'],
    ['annotations', null, 'id'],
    ['annotations', 'byVideo', 'videoId'],
    ['annotations', 'byVideoTime', ['videoId', 'time']],
    ['annotations', 'byUpdated', 'updatedAt'],
    ['packets', null, 'key'],
    ['packets', 'byVideo', 'videoId'],
    ['packets', 'byUpdated', 'updatedAt'],
    ['keys', null, 'id'],
    ['senders', null, 'name'],
    ['aliases', null, 'from'],
    ['aliases', 'byTarget', 'to'],
    ['signers', null, 'authorId'],
  ])('a new database has %s %s on %j', async (storeName, indexName, keyPath) => {
    const { factory, store } = await freshStore();
    const db = await openRaw(factory);
    expect(db.version).toBe(CURRENT_VERSION);
    const objectStore = db.transaction(storeName).objectStore(storeName);
    expect((indexName ? objectStore.index(indexName) : objectStore).keyPath).toEqual(keyPath);
    db.close();
    store.close();
  });

  it('has exactly the expected stores and indexes', async () => {
    const { factory, store } = await freshStore();
    const db = await openRaw(factory);
    const tx = db.transaction(['videos', 'annotations', 'packets', 'aliases', 'keys', 'senders', 'signers']);
    expect([...db.objectStoreNames]).toEqual(['aliases', 'annotations', 'keys', 'packets', 'senders', 'signers', 'videos']);
    expect([...tx.objectStore('videos').indexNames]).toEqual(['byUpdated']);
    expect([...tx.objectStore('annotations').indexNames]).toEqual(['byUpdated', 'byVideo', 'byVideoTime']);
    expect([...tx.objectStore('packets').indexNames]).toEqual(['byUpdated', 'byVideo']);
    expect([...tx.objectStore('aliases').indexNames]).toEqual(['byTarget']);
    expect([...tx.objectStore('keys').indexNames]).toEqual([]);
    expect([...tx.objectStore('senders').indexNames]).toEqual([]);
    expect([...tx.objectStore('signers').indexNames]).toEqual([]);
    db.close();
    store.close();
  });

  it('refuses data written by a newer FrameCoach with a readable error', async () => {
    const factory = new IDBFactory();
    (await openRaw(factory, CURRENT_VERSION + 1)).close();
    const error = await freshStore(factory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'unknown', message: expect.stringMatching(/newer FrameCoach/) });
  });
});
