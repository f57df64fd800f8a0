import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../utils/model/types';
import { annotationProblem } from '../../utils/storage/validate';
import { comment, freshStore } from './storage-fixtures';

describe('validation', () => {
  const cases: [string, unknown][] = [
    ['null', null],
    ['a string', 'comment'],
    ['an empty id', comment({ id: '' })],
    ['a numeric id', { ...comment(), id: 7 }],
    ['a missing videoId', { ...comment(), videoId: undefined }],
    ['an unknown kind', { ...comment(), kind: 'hologram' }],
    ['a NaN time', comment({ time: Number.NaN })],
    ['an infinite time', comment({ time: Number.POSITIVE_INFINITY })],
    ['a negative time', comment({ time: -0.04 })],
    ['a string time', { ...comment(), time: '12.4' }],
    ['version 0', comment({ version: 0 })],
    ['a fractional version', comment({ version: 1.5 })],
    ['a missing updatedAt', { ...comment(), updatedAt: undefined }],
    ['a non-boolean deleted', { ...comment(), deleted: 'no' }],
    ['a value IndexedDB cannot clone', { ...comment(), text: () => 'x' }],
  ];

  it.each(cases)('rejects %s with code invalid and stores nothing', async (_, value) => {
    const { store } = await freshStore();
    await expect(store.putAnnotation(value as Annotation)).rejects.toMatchObject({
      name: 'StorageError',
      code: 'invalid',
    });
    expect(await store.counts()).toEqual({ videos: 0, annotations: 0 });
  });
});

describe('annotationProblem', () => {
  it('accepts a well-formed comment, a tombstone and time 0', () => {
    expect(annotationProblem(comment())).toBeNull();
    expect(annotationProblem(comment({ deleted: true, version: 9 }))).toBeNull();
    expect(annotationProblem(comment({ time: 0 }))).toBeNull();
  });
});
