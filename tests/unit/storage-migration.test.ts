import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../utils/storage/schema';
import { openDatabase } from '../../utils/storage/open-database';
import { fillV1Annotation, fillV1Video, fillV2Video } from '../../utils/storage/upgrade-records';
import { NAME, VIDEO, freshStore, openRaw, rawAll, rawPut } from './storage-fixtures';

const originalStep2 = MIGRATIONS[2];
afterEach(() => {
  if (originalStep2) MIGRATIONS[2] = originalStep2;
});

/** Records as schema v1 wrote them: no frame, range, thread, tombstone or source fields. */
const v1Comment = (id: string, time: number, createdAt: number, extra: object = {}) => ({
  id, kind: 'comment', videoId: VIDEO, time, text: `note ${id}`, author: { id: 'a', name: 'Coach' },
  createdAt, updatedAt: createdAt, version: 1, ...extra,
});
const OTHER = 'url:https://example.com/a.mp4';
const v1Comments = [
  v1Comment('late', 9.5, 30, { updatedAt: 31, version: 2 }),
  v1Comment('early', 0.5, 10),
  v1Comment('mid', 4, 20, { resolved: true }),
  v1Comment('other', 1, 5, { videoId: OTHER }),
];
const v1Videos = [
  { id: VIDEO, title: 'Sprint drills', pageUrl: 'https://youtu.be/dQw4w9WgXcQ', createdAt: 1, updatedAt: 40 },
  { id: OTHER, title: 'a.mp4', pageUrl: OTHER, createdAt: 2, updatedAt: 3 },
];

/** Creates a v1 database by running only MIGRATIONS[1], fills it with v1 records, closes it. */
async function makeV1Database(factory: IDBFactory): Promise<void> {
  const db = await openDatabase(factory, NAME, 1);
  expect(db.version).toBe(1);
  await rawPut(db, 'annotations', v1Comments);
  await rawPut(db, 'videos', v1Videos);
  db.close();
}

const v2Defaults = {
  frame: null, endTime: null, endFrame: null, resolved: false, parentId: null, deleted: false,
  source: { kind: 'local' },
};

describe('migration v1 → current, with data in place', () => {
  it('keeps every record, fills the new fields, and the new indexes work', async () => {
    const factory = new IDBFactory();
    await makeV1Database(factory);
    const { store } = await freshStore(factory);

    expect(await store.counts()).toEqual({ videos: 2, annotations: 4 });
    expect(await store.getAnnotation('early')).toEqual({ ...v2Defaults, ...v1Comments[1] });
    expect(await store.getAnnotation('mid')).toMatchObject({ resolved: true, deleted: false, frame: null });
    expect((await store.listAnnotations(VIDEO)).map((a) => a.id)).toEqual(['early', 'mid', 'late']);
    expect(await store.getVideo(VIDEO)).toEqual({ ...v1Videos[0], duration: null, fps: null, width: null, height: null });
    expect((await store.recentVideos()).map((v) => v.id)).toEqual([VIDEO, OTHER]);
    store.close();
  });

  it('rolls the whole upgrade back when a step fails: still v1, data untouched', async () => {
    const factory = new IDBFactory();
    await makeV1Database(factory);
    const step2 = MIGRATIONS[2];
    MIGRATIONS[2] = async (db, tx) => {
      await step2?.(db, tx);
      throw new Error('disk on fire');
    };
    await expect(freshStore(factory)).rejects.toMatchObject({ code: 'unknown' });

    const db = await openRaw(factory);
    expect(db.version).toBe(1);
    expect([...db.transaction('annotations').objectStore('annotations').indexNames]).toEqual(['byVideo']);
    db.close();
    expect(await rawAll(factory, 'annotations')).toEqual(expect.arrayContaining(v1Comments));
    expect(await rawAll(factory, 'videos')).toEqual(expect.arrayContaining(v1Videos));

    if (step2) MIGRATIONS[2] = step2;
    const { store } = await freshStore(factory);
    expect(await store.counts()).toEqual({ videos: 2, annotations: 4 });
    store.close();
  });
});

describe('v1 record upgrades (pure)', () => {
  it.each([
    [
      'a bare v1 comment gets every default',
      { id: 'x', time: 1, createdAt: 7 },
      { ...v2Defaults, kind: 'comment', id: 'x', time: 1, createdAt: 7, updatedAt: 7, version: 1 },
    ],
    [
      'fields already there are kept (same object: not rewritten)',
      { ...v2Defaults, ...v1Comment('x', 1, 7, { updatedAt: 9, version: 3, resolved: true, parentId: 'p' }) },
      null,
    ],
  ])('%s', (_, record, expected) => {
    const filled = fillV1Annotation(record);
    if (expected === null) expect(filled).toBe(record);
    else expect(filled).toEqual(expected);
  });

  it.each([null, 3, 'text', undefined])('leaves a non-object (%j) alone', (value) => {
    expect(fillV1Annotation(value)).toBe(value);
    expect(fillV1Video(value)).toBe(value);
  });

  it('fills a v2 video with an unknown picture size, and leaves a filled one alone', () => {
    const v2 = { id: 'v', title: 't', pageUrl: 'p', createdAt: 1, updatedAt: 2, duration: 3, fps: 25 };
    expect(fillV2Video(v2)).toEqual({ ...v2, width: null, height: null });
    const v3 = { ...v2, width: 640, height: 360 };
    expect(fillV2Video(v3)).toBe(v3);
  });

  it('fills a v1 video with unknown duration and rate', () => {
    expect(fillV1Video({ id: 'v', title: 't', pageUrl: 'p', createdAt: 1, updatedAt: 2 })).toEqual({
      id: 'v', title: 't', pageUrl: 'p', createdAt: 1, updatedAt: 2, duration: null, fps: null,
    });
  });
});
