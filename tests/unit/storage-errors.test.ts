import { IDBFactory, IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mutate } from '../../utils/model/mutate';
import { StorageError, toStorageError, type StorageErrorCode } from '../../utils/storage/errors';
import { CURRENT_VERSION } from '../../utils/storage/schema';
import { VIDEO, comment, freshStore, migrationStep, openRaw } from './storage-fixtures';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toStorageError', () => {
  const cases: [string, unknown, StorageErrorCode][] = [
    ['QuotaExceededError', new DOMException('full', 'QuotaExceededError'), 'quota'],
    ['InvalidStateError (connection closed)', new DOMException('closing', 'InvalidStateError'), 'closed'],
    ['DataError (bad key)', new DOMException('key', 'DataError'), 'invalid'],
    ['DataCloneError', new DOMException('clone', 'DataCloneError'), 'invalid'],
    ['VersionError', new DOMException('newer', 'VersionError'), 'unknown'],
    ['AbortError', new DOMException('abort', 'AbortError'), 'unknown'],
    ['a plain Error', new Error('boom'), 'unknown'],
    ['a string', 'boom', 'unknown'],
    ['a StorageError (kept as is)', new StorageError('blocked'), 'blocked'],
  ];
  it.each(cases)('maps %s', (_, error, code) => {
    const mapped = toStorageError(error);
    expect(mapped).toBeInstanceOf(StorageError);
    expect(mapped.code).toBe(code);
    expect(mapped.message).toMatch(/FrameCoach/);
  });

  it('speaks to a coach about a full disk', () => {
    expect(toStorageError(new DOMException('x', 'QuotaExceededError')).message).toBe(
      'Your disk is full: FrameCoach could not save. Nothing was lost: free some space and try again.',
    );
  });
});

describe('another connection on an older version', () => {
  it('a blocked upgrade is a clear error, and opening works once the old tab lets go', async () => {
    const factory = new IDBFactory();
    const stale = await openRaw(factory, 1, migrationStep(1)); // ignores versionchange
    const error = await freshStore(factory).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({
      code: 'blocked',
      message: expect.stringMatching(/older FrameCoach page is still open/),
    });

    stale.close();
    const { store } = await freshStore(factory);
    expect(await store.counts()).toEqual({ videos: 0, annotations: 0 });
    store.close();
  });
});

describe('a newer version elsewhere', () => {
  it('closes our connection so it can upgrade; later calls fail with code closed', async () => {
    const { factory, store } = await freshStore();
    await store.putAnnotation(comment());
    const newer = await openRaw(factory, CURRENT_VERSION + 1); // would be 'blocked' if we held on
    expect(newer.version).toBe(CURRENT_VERSION + 1);
    await expect(store.getAnnotation('c1')).rejects.toMatchObject({ code: 'closed' });
    newer.close();
  });

  it('close() makes later calls fail with code closed', async () => {
    const { store } = await freshStore();
    store.close();
    await expect(store.counts()).rejects.toMatchObject({ code: 'closed' });
    await expect(store.putAnnotation(comment())).rejects.toMatchObject({ code: 'closed' });
  });
});

describe('a full disk', () => {
  type Put = IDBObjectStore['put'];
  const realPut: Put = IDBObjectStore.prototype.put;
  const failures: [string, Put][] = [
    [
      'put throws QuotaExceededError',
      () => {
        throw new DOMException('Quota exceeded', 'QuotaExceededError');
      },
    ],
    [
      'the transaction aborts with QuotaExceededError after the put',
      function (this: IDBObjectStore, ...args: Parameters<Put>) {
        const req = realPut.apply(this, args);
        // fake-indexeddb's internal abort-with-error: what a browser does when the commit fails.
        const tx = this.transaction as unknown as { _abort(name: string): void };
        req.addEventListener('success', () => tx._abort('QuotaExceededError'));
        return req;
      },
    ],
  ];

  it.each(failures)('%s: code quota, previous data unchanged', async (_, failingPut) => {
    const { store, setNow } = await freshStore();
    const saved = comment();
    await store.putAnnotation(saved);
    const videoBefore = await store.getVideo(VIDEO);

    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(failingPut);
    setNow(99_000);
    const edit = mutate(saved, { text: 'a longer note' }, 2_000);
    const error = await store.putAnnotation(edit).catch((e: unknown) => e);
    await expect(store.putAnnotations([comment({ id: 'new' })])).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();

    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'quota', message: expect.stringMatching(/^Your disk is full/) });
    expect(await store.getAnnotation(saved.id)).toEqual(saved);
    expect(await store.getVideo(VIDEO)).toEqual(videoBefore);
    expect(await store.counts()).toEqual({ videos: 1, annotations: 1 });
    // Space freed: the same write now goes through.
    expect((await store.putAnnotation(edit)).accepted).toBe(true);
  });
});
