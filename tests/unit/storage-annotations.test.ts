import { describe, expect, it } from 'vitest';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation } from '../../utils/model/types';
import { compareByTime } from '../../utils/storage/annotations';
import { VIDEO, comment, freshStore, prng, shuffled } from './storage-fixtures';

const ids = (list: readonly Annotation[]) => list.map((a) => a.id);

describe('put, get, list', () => {
  it('stores a comment and reads it back as it was', async () => {
    const { store } = await freshStore();
    const a = comment();
    expect(await store.putAnnotation(a)).toEqual({ stored: a, accepted: true });
    expect(await store.getAnnotation('c1')).toEqual(a);
    expect(await store.getAnnotation('missing')).toBeUndefined();
  });

  it('lists one video in time order; equal times by createdAt, then id', async () => {
    const { store } = await freshStore();
    const expected = [
      comment({ id: 'a', time: 0 }),
      comment({ id: 'z', time: 2, createdAt: 10 }),
      comment({ id: 'b', time: 2, createdAt: 20 }),
      comment({ id: 'c', time: 2, createdAt: 20 }),
      comment({ id: 'd', time: 2.000001 }),
      comment({ id: 'e', time: 75.5 }),
    ];
    await store.putAnnotations(shuffled(expected));
    await store.putAnnotation(comment({ id: 'elsewhere', videoId: 'youtube:other', time: 1 }));
    expect(ids(await store.listAnnotations(VIDEO))).toEqual(['a', 'z', 'b', 'c', 'd', 'e']);
    expect(ids(await store.listAnnotations('youtube:other'))).toEqual(['elsewhere']);
    expect(await store.listAnnotations('youtube:none')).toEqual([]);
  });

  it('hides tombstones unless asked, and still returns them by id', async () => {
    const { store } = await freshStore();
    const kept = comment({ id: 'kept', time: 1 });
    const gone = remove(comment({ id: 'gone', time: 2 }), 500);
    await store.putAnnotations([kept, gone]);
    expect(ids(await store.listAnnotations(VIDEO))).toEqual(['kept']);
    expect(ids(await store.listAnnotations(VIDEO, { includeDeleted: true }))).toEqual(['kept', 'gone']);
    expect(await store.getAnnotation('gone')).toMatchObject({ deleted: true, version: 2 });
  });
});

describe('merging writes (pickWinner)', () => {
  const base = comment();
  const edited = mutate(base, { text: 'land under the hip, knee soft' }, 200);
  const deleted = remove(edited, 300);

  it.each([
    ['a newer version replaces the stored one', base, edited, true],
    ['a stale version (lower) is not accepted', edited, base, false],
    ['a tombstone replaces the record it deletes', edited, deleted, true],
    ['a stale edit does not resurrect a deleted record', deleted, edited, false],
    ['same version, later update wins', base, { ...base, text: 'later', updatedAt: 150 }, true],
    ['same version, earlier update loses', { ...base, text: 'later', updatedAt: 150 }, base, false],
    ['an identical copy is accepted (idempotent retry)', base, { ...base }, true],
  ])('%s', async (_, first: Annotation, second: Annotation, accepted) => {
    const { store } = await freshStore();
    await store.putAnnotation(first);
    const result = await store.putAnnotation(second);
    const winner = accepted ? second : first;
    expect(result).toEqual({ stored: winner, accepted });
    expect(await store.getAnnotation(base.id)).toEqual(winner);
  });
});

describe('the video follows its annotations', () => {
  it('creates a minimal video record when it is missing', async () => {
    const { store, setNow } = await freshStore();
    setNow(5_000);
    await store.putAnnotation(comment({ videoId: 'drive:1AbC' }));
    expect(await store.getVideo('drive:1AbC')).toEqual({
      id: 'drive:1AbC', title: '', pageUrl: '', duration: null, fps: null, width: null, height: null, createdAt: 5_000, updatedAt: 5_000,
    });
  });

  it('bumps updatedAt on an accepted write only, keeping the rest', async () => {
    const { store, setNow } = await freshStore();
    const video = await store.upsertVideo({
      id: VIDEO, title: 'Sprint', pageUrl: 'https://y/w', duration: 30, fps: 60, now: 1_000,
    });
    setNow(7_000);
    await store.putAnnotation(comment({ version: 2 }));
    expect(await store.getVideo(VIDEO)).toEqual({ ...video, updatedAt: 7_000 });
    setNow(9_000);
    expect((await store.putAnnotation(comment({ version: 1 }))).accepted).toBe(false);
    expect((await store.getVideo(VIDEO))?.updatedAt).toBe(7_000);
  });
});

describe('bulk writes', () => {
  it('counts accepted and rejected, merging duplicates within the batch', async () => {
    const { store } = await freshStore();
    await store.putAnnotation(comment({ id: 'c1', version: 2 }));
    const result = await store.putAnnotations([
      comment({ id: 'c1', version: 1 }), // stale against the stored v2
      comment({ id: 'c2', version: 1 }),
      comment({ id: 'c3', videoId: 'youtube:other' }),
      comment({ id: 'c2', version: 3, text: 'newer copy' }),
      comment({ id: 'c2', version: 2, text: 'older copy' }), // stale against the v3 just before
    ]);
    expect(result).toEqual({ accepted: 3, rejected: 2 });
    expect(await store.getAnnotation('c2')).toMatchObject({ version: 3, text: 'newer copy' });
    expect(await store.counts()).toEqual({ videos: 2, annotations: 3 });
  });

  it('writes nothing when one record is invalid', async () => {
    const { store } = await freshStore();
    const batch = [comment({ id: 'ok' }), comment({ id: 'bad', time: Number.NaN })];
    await expect(store.putAnnotations(batch)).rejects.toMatchObject({ code: 'invalid', message: /bad: time/ });
    expect(await store.counts()).toEqual({ videos: 0, annotations: 0 });
    expect(await store.putAnnotations([])).toEqual({ accepted: 0, rejected: 0 });
  });
});

describe('10,000 annotations on one video', () => {
  it('lists them all in time order', { timeout: 60_000 }, async () => {
    const { store } = await freshStore();
    const random = prng(42);
    const many = Array.from({ length: 10_000 }, (_, i) =>
      comment({
        id: `c${String(i).padStart(5, '0')}`,
        time: Math.round(random() * 600 * 30) / 30, // on 30 fps frames: many equal times
        createdAt: Math.floor(random() * 1_000),
      }),
    );
    expect(await store.putAnnotations(many)).toEqual({ accepted: 10_000, rejected: 0 });
    const listed = await store.listAnnotations(VIDEO);
    expect(listed).toHaveLength(10_000);
    for (let i = 1; i < listed.length; i++) {
      expect(compareByTime(listed[i - 1] as Annotation, listed[i] as Annotation)).toBeLessThan(0);
    }
  });
});
