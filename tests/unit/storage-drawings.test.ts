import { describe, expect, it } from 'vitest';
import type { Annotation, DrawingAnnotation } from '../../utils/model/types';
import { comment, freshStore } from './storage-fixtures';

function drawing(overrides: Partial<DrawingAnnotation> = {}): DrawingAnnotation {
  const base = comment();
  return {
    id: 'd1',
    kind: 'drawing',
    videoId: base.videoId,
    time: 1.5,
    frame: 45,
    author: base.author,
    createdAt: 100,
    updatedAt: 100,
    version: 1,
    deleted: false,
    source: { kind: 'local' },
    shape: { tool: 'angleToVertical', from: { x: 0.5, y: 0.9 }, to: { x: 0.56, y: 0.5 } },
    style: { color: '#ffcf3f', width: 3 },
    timing: { holdSeconds: 1, fadeSeconds: 0.5, endTime: null },
    commentId: null,
    ...overrides,
  };
}

describe('drawings in the store', () => {
  it('are stored beside comments and listed with them in time order', async () => {
    const { store } = await freshStore();
    await store.putAnnotation(comment({ time: 2 }));
    await store.putAnnotation(drawing());
    const list = await store.listAnnotations(drawing().videoId);
    expect(list.map((a) => a.kind)).toEqual(['drawing', 'comment']);
    expect(list[0]).toEqual(drawing());
  });

  it.each([
    ['an unknown tool', { tool: 'laser', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } }],
    ['a NaN point', { tool: 'line', from: { x: Number.NaN, y: 0 }, to: { x: 1, y: 1 } }],
    ['a missing vertex', { tool: 'angle', a: { x: 0, y: 0 }, b: { x: 1, y: 1 } }],
  ])('refuse a drawing with %s', async (_name, shape) => {
    const { store } = await freshStore();
    const bad = drawing({ shape: shape as DrawingAnnotation['shape'] });
    await expect(store.putAnnotation(bad as Annotation)).rejects.toMatchObject({ code: 'invalid' });
    expect((await store.counts()).annotations).toBe(0);
  });
});
