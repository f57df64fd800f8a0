import { IDBIndex } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { VideoInput } from '../../utils/storage/store';
import { comment, freshStore } from './storage-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

const input = (id: string, now: number, overrides: Partial<VideoInput> = {}): VideoInput => ({
  id,
  title: `Video ${id}`,
  pageUrl: `https://example.com/${id}`,
  duration: 42.5,
  fps: 29.97,
  now,
  ...overrides,
});

describe('upsertVideo', () => {
  it('creates a record with createdAt = updatedAt = now, without the now field', async () => {
    const { store } = await freshStore();
    const stored = await store.upsertVideo(input('a', 1_000));
    expect(stored).toEqual({
      id: 'a', title: 'Video a', pageUrl: 'https://example.com/a', duration: 42.5, fps: 29.97, width: null, height: null,
      createdAt: 1_000, updatedAt: 1_000,
    });
    expect(await store.getVideo('a')).toEqual(stored);
  });

  it('updates title, pageUrl, duration, fps and size, keeps createdAt, bumps updatedAt', async () => {
    const { store } = await freshStore();
    await store.upsertVideo(input('a', 1_000));
    const changes = { title: 'Renamed', pageUrl: 'https://x/y', duration: 12, fps: 25, width: 1280, height: 720 };
    const stored = await store.upsertVideo(input('a', 2_000, changes));
    expect(stored).toEqual({ id: 'a', ...changes, createdAt: 1_000, updatedAt: 2_000 });
  });

  it('keeps a known duration, rate and size when the page does not know them (yet): null means unknown', async () => {
    const { store } = await freshStore();
    await store.upsertVideo(input('a', 1_000, { width: 640, height: 360 }));
    const stored = await store.upsertVideo(input('a', 2_000, { duration: null, fps: null, width: null, height: null }));
    expect(stored).toMatchObject({ duration: 42.5, fps: 29.97, width: 640, height: 360 });
  });

  it('keeps the clock with its rate: kept when the page sends none for the same rate, gone with a new rate', async () => {
    const { store } = await freshStore();
    const clock = { origin: 0.41, dropped: true, jitter: 0.004 };
    expect(await store.upsertVideo(input('a', 1_000, { fps: 30, clock }))).toMatchObject({ fps: 30, clock });
    expect(await store.upsertVideo(input('a', 2_000, { fps: 30 }))).toMatchObject({ clock });
    expect(await store.upsertVideo(input('a', 3_000, { fps: null }))).toMatchObject({ fps: 30, clock });
    const better = { origin: 0.41, dropped: true, jitter: 0.002 };
    expect(await store.upsertVideo(input('a', 4_000, { fps: 30, clock: better }))).toMatchObject({ clock: better });
    const other = await store.upsertVideo(input('a', 5_000, { fps: 60 }));
    expect(other.fps).toBe(60);
    expect(other).not.toHaveProperty('clock');
  });

  it('never moves updatedAt backwards (clock skew)', async () => {
    const { store } = await freshStore();
    await store.upsertVideo(input('a', 5_000));
    expect((await store.upsertVideo(input('a', 4_000))).updatedAt).toBe(5_000);
  });

  it('uses the store clock when no now is given', async () => {
    const { store, setNow } = await freshStore();
    setNow(8_888);
    const { now: _, ...withoutNow } = input('a', 0);
    expect(await store.upsertVideo(withoutNow)).toMatchObject({ createdAt: 8_888, updatedAt: 8_888 });
  });

  it.each([
    ['an empty id', { id: '' }],
    ['a NaN duration', { duration: Number.NaN }],
    ['a zero fps', { fps: 0 }],
    ['a missing title', { title: undefined as unknown as string }],
    ['a clock without its fps', { fps: null, clock: { origin: 0, dropped: true, jitter: 0 } }],
    ['a clock with a negative origin', { clock: { origin: -1, dropped: false, jitter: 0 } }],
    ['a clock with a string for dropped', { clock: { origin: 0, dropped: 'yes' as unknown as boolean, jitter: 0 } }],
    ['a clock with a jitter of a second', { clock: { origin: 0, dropped: false, jitter: 1 } }],
    ['a clock that is null', { clock: null as unknown as undefined }],
  ])('rejects %s with code invalid', async (_, overrides) => {
    const { store } = await freshStore();
    await expect(store.upsertVideo(input('a', 1, overrides))).rejects.toMatchObject({ code: 'invalid' });
  });
});

describe('recentVideos', () => {
  it('orders by updatedAt, newest first, honours the limit', async () => {
    const { store, setNow } = await freshStore();
    await store.upsertVideo(input('a', 1_000));
    await store.upsertVideo(input('b', 3_000));
    await store.upsertVideo(input('c', 2_000));
    setNow(10_000);
    await store.putAnnotation(comment({ videoId: 'a' })); // annotating makes a video recent
    expect((await store.recentVideos()).map((v) => v.id)).toEqual(['a', 'b', 'c']);
    expect((await store.recentVideos(2)).map((v) => v.id)).toEqual(['a', 'b']);
    expect(await store.recentVideos(0)).toEqual([]);
    await expect(store.recentVideos(-1)).rejects.toMatchObject({ code: 'invalid' });
  });

  it('stops walking the index at the limit (no full scan)', async () => {
    const { store } = await freshStore();
    for (let i = 0; i < 50; i++) await store.upsertVideo(input(`v${i}`, i));
    // Each cursor step is one more `success` on the request openCursor made (the first is the
    // cursor's start). A spy on continue() itself would hide it from idb, which knows it by identity.
    let successes = 0;
    const open = IDBIndex.prototype.openCursor;
    vi.spyOn(IDBIndex.prototype, 'openCursor').mockImplementation(function (this: IDBIndex, ...args) {
      const req = open.apply(this, args);
      req.addEventListener('success', () => successes++);
      return req;
    });
    expect((await store.recentVideos(3)).map((v) => v.id)).toEqual(['v49', 'v48', 'v47']);
    const steps = successes - 1;
    expect(steps).toBeLessThanOrEqual(2);
  });
});

describe('counts', () => {
  it('counts videos and annotations, tombstones included', async () => {
    const { store } = await freshStore();
    expect(await store.counts()).toEqual({ videos: 0, annotations: 0 });
    await store.upsertVideo(input('a', 1));
    await store.putAnnotations([comment({ id: 'x', videoId: 'a' }), comment({ id: 'y', videoId: 'b', deleted: true })]);
    expect(await store.counts()).toEqual({ videos: 2, annotations: 2 });
  });
});
