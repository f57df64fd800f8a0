/**
 * Who may change what: someone else's records (a coach's, imported on the athlete's machine)
 * are read-only, refused by the page side with a reason and by the background whatever asks.
 */
import { DEFAULT_PREFERENCES } from '../../utils/settings/preferences';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { readOnlyReason } from '../../utils/annotations/ownership';
import { createService } from '../../utils/background/service';
import type { Settings } from '../../utils/messaging/contract';
import { newComment, newDrawing } from '../../utils/model/create';
import { mutate, remove } from '../../utils/model/mutate';
import type { Annotation } from '../../utils/model/types';
import { StorageError } from '../../utils/storage/errors';
import { loadedAnnotations } from './drawing-fixtures';
import { freshStore } from './storage-fixtures';

const coach = { id: 'coach-1', name: 'Coach Ana' };
const athlete = { id: 'athlete-1', name: 'Sam' };
const VIDEO = 'youtube:dQw4w9WgXcQ';
const theirs = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'land under the hip', author: coach, id: 'c1', now: 1 });
const line = newDrawing({ videoId: VIDEO, time: 1, frame: 25, shape: { tool: 'line', from: { x: 0.1, y: 0.1 }, to: { x: 0.5, y: 0.5 } }, author: coach, id: 'd1', now: 1 });

describe('readOnlyReason', () => {
  it.each([
    ['my own record', athlete, athlete, null],
    ['before I know who I am (the background decides)', coach, null, null],
    ['someone else’s record', coach, athlete, /Coach Ana.*reply to it or acknowledge it, not change it/],
  ] as const)('%s', (_, author, me, expected) => {
    const reason = readOnlyReason({ author }, me);
    if (expected === null) expect(reason).toBeNull();
    else expect(reason).toMatch(expected);
  });
});

describe('the store, asked to write as an author', () => {
  const cases: [string, Annotation][] = [
    ['an edit of their comment', mutate(theirs, { text: 'changed' }, 5)],
    ['deleting their drawing', remove(line, 5)],
    ['moving their drawing', mutate(line, { shape: { tool: 'line', from: { x: 0.2, y: 0.2 }, to: { x: 0.6, y: 0.6 } } }, 5)],
    ['a new record claiming to be theirs', newComment({ videoId: VIDEO, time: 2, frame: 50, text: 'forged', author: coach, id: 'c2', now: 5 })],
    ['taking over their record under my name', { ...mutate(theirs, { text: 'mine now' }, 5), author: athlete }],
  ];
  it.each(cases)('refuses %s with code readonly and changes nothing', async (_, record) => {
    const { store } = await freshStore();
    await store.putAnnotations([theirs, line]); // as an import does
    const before = [await store.getAnnotation('c1'), await store.getAnnotation('d1'), await store.counts()];
    const error = await store.putAnnotation(record, { asAuthor: athlete.id }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'readonly', message: expect.stringMatching(/Someone else wrote this/) });
    expect([await store.getAnnotation('c1'), await store.getAnnotation('d1'), await store.counts()]).toEqual(before);
  });

  it('accepts my reply to their comment, and my own edits', async () => {
    const { store } = await freshStore();
    await store.putAnnotations([theirs]);
    const reply = newComment({ videoId: VIDEO, time: 1, frame: 25, text: 'got it', author: athlete, parentId: 'c1', id: 'r1', now: 2 });
    expect((await store.putAnnotation(reply, { asAuthor: athlete.id })).accepted).toBe(true);
    expect((await store.putAnnotation(mutate(reply, { text: 'got it, thanks' }, 3), { asAuthor: athlete.id })).accepted).toBe(true);
  });
});

describe('the background refuses a crafted message', () => {
  it('annotation.save of the coach’s record, sent as if from the page, is refused and nothing changes', async () => {
    let saved: Settings | undefined = { author: athlete, drawing: { color: '#ffcf3f', width: 3, holdSeconds: 1 }, keybindings: [], recentCommands: [], preferences: DEFAULT_PREFERENCES };
    const factory = new IDBFactory();
    const handlers = createService({ factory, settings: { get: async () => saved, set: async (s) => void (saved = s) }, broadcast: async () => undefined });
    const { store } = await freshStore(factory);
    await store.putAnnotations([theirs]);
    store.close();
    await expect(handlers['annotation.save']({ annotation: remove(theirs, 9) }, {})).rejects.toMatchObject({ code: 'readonly' });
    expect(await handlers['annotations.list']({ videoId: VIDEO }, {})).toEqual([theirs]);
  });
});

describe('the page side', () => {
  it('refuses to save someone else’s record without asking the background, and says why', async () => {
    const calls: string[] = [];
    const call = (async (type: string) => {
      calls.push(type);
      throw new Error('should not be asked');
    }) as never;
    const annotations = loadedAnnotations(call, athlete, VIDEO, [theirs]);
    expect(annotations.canEdit(theirs)).toBe(false);
    const outcome = await annotations.save(mutate(theirs, { text: 'x' }, 5));
    expect(outcome).toMatchObject({ result: 'refused', error: expect.stringMatching(/Coach Ana/) });
    expect(calls).toEqual([]);
    expect(annotations.find('c1')).toEqual(theirs);
  });
});
