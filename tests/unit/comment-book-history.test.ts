import { loadedAnnotations } from './drawing-fixtures';
import { describe, expect, it } from 'vitest';
import { createBook, type Editor } from '../../utils/comments/book';
import { createHistory } from '../../utils/edit/history';
import type { Call } from '../../utils/messaging/client';
import { newComment } from '../../utils/model/create';
import type { Annotation, CommentAnnotation } from '../../utils/model/types';

const author = { id: 'a1', name: 'Sam' };

/** A background that stores in a Map, counts writes, and can be told to fail. */
function fakeBackground() {
  const stored = new Map<string, Annotation>();
  const writes: Annotation[] = [];
  let failWith: string | null = null;
  const call = (async (type: string, args: { annotation: Annotation }) => {
    if (type !== 'annotation.save') throw new Error(`unexpected ${type}`);
    if (failWith) throw new Error(failWith);
    writes.push(args.annotation);
    stored.set(args.annotation.id, args.annotation);
    return { stored: args.annotation, accepted: true };
  }) as unknown as Call;
  return { call, stored, writes, fail: (message: string | null) => (failWith = message) };
}

function setup(initial: CommentAnnotation[] = []) {
  const bg = fakeBackground();
  const history = createHistory();
  const savedCalls: [CommentAnnotation, Editor][] = [];
  const book = createBook(loadedAnnotations(bg.call, author, 'v1', initial), { history, saved: (comment, editor) => void savedCalls.push([comment, editor]) });
  const comment = (id: string) => book.state.get().all.find((c) => c.id === id);
  return { bg, history, book, savedCalls, comment };
}

const hip = () => newComment({ videoId: 'v1', time: 1, frame: 30, text: 'hip drops', author, id: 'c1', now: 1 });

describe('comment book with the shared history', () => {
  it('deleting a comment records a "delete comment" step', async () => {
    const s = setup([hip()]);
    expect(await s.book.remove('c1')).toBe(true);
    expect(s.comment('c1')).toMatchObject({ deleted: true, version: 2 });
    expect(s.history.state.get()).toEqual({ undo: 'delete comment', redo: null, busy: false });
  });

  it('history undo brings the comment back with a durable save; redo deletes it again', async () => {
    const s = setup([hip()]);
    await s.book.remove('c1');
    expect(await s.history.undo()).toBe(true);
    expect(s.comment('c1')).toMatchObject({ deleted: false, version: 3, text: 'hip drops' });
    expect(s.bg.stored.get('c1')).toMatchObject({ deleted: false, version: 3 });
    expect(s.book.state.get().undoable).toBeNull();
    expect(s.history.state.get()).toEqual({ undo: null, redo: 'delete comment', busy: false });

    expect(await s.history.redo()).toBe(true);
    expect(s.comment('c1')).toMatchObject({ deleted: true, version: 4 });
    expect(s.bg.stored.get('c1')).toMatchObject({ deleted: true, version: 4 });
    expect(s.bg.writes).toHaveLength(3);
  });

  it("the panel's own undo still works; a later history undo is harmless and writes nothing", async () => {
    const s = setup([hip()]);
    await s.book.remove('c1');
    expect(await s.book.undo()).toBe(true);
    expect(s.comment('c1')).toMatchObject({ deleted: false, version: 3 });
    expect(s.bg.writes).toHaveLength(2);

    expect(await s.history.undo()).toBe(true);
    expect(s.bg.writes).toHaveLength(2);
    expect(s.comment('c1')).toMatchObject({ deleted: false, version: 3 });
    expect(s.history.state.get()).toEqual({ undo: null, redo: 'delete comment', busy: false });
  });

  it('a failed history undo keeps the comment deleted and the step for another try', async () => {
    const s = setup([hip()]);
    await s.book.remove('c1');
    s.bg.fail('disk full');
    expect(await s.history.undo()).toBe(false);
    expect(s.comment('c1')?.deleted).toBe(true);
    expect(s.book.state.get().error).toMatch(/disk full/);
    expect(s.history.state.get().undo).toBe('delete comment');
    s.bg.fail(null);
    expect(await s.history.undo()).toBe(true);
    expect(s.comment('c1')?.deleted).toBe(false);
  });

  it('a failed delete records no step', async () => {
    const s = setup([hip()]);
    s.bg.fail('disk full');
    expect(await s.book.remove('c1')).toBe(false);
    expect(s.history.state.get().undo).toBeNull();
  });

  it('deleting an already deleted or unknown comment records no step', async () => {
    const s = setup([{ ...hip(), deleted: true }]);
    expect(await s.book.remove('c1')).toBe(false);
    expect(await s.book.remove('nope')).toBe(false);
    expect(s.history.state.get().undo).toBeNull();
    expect(s.bg.writes).toEqual([]);
  });

  it('saved: a new comment made from a drawing reports the drawing it came from', async () => {
    const s = setup();
    s.book.startNew({ time: 2, frame: 60, drawingId: 'd1' });
    s.book.setDraft('look at the knee');
    expect(await s.book.save()).toBe(true);
    expect(s.savedCalls).toHaveLength(1);
    const [comment, editor] = s.savedCalls[0]!;
    expect(comment).toMatchObject({ text: 'look at the knee', time: 2, frame: 60, version: 1 });
    expect(s.book.state.get().all).toEqual([comment]);
    expect(editor.drawingId).toBe('d1');
    expect(editor.mode).toBe('new');
  });

  it('saved: not called for a failed save, nor for an edit', async () => {
    const s = setup([hip()]);
    s.bg.fail('disk full');
    s.book.startNew({ time: 2, frame: 60, drawingId: 'd1' });
    s.book.setDraft('x');
    expect(await s.book.save()).toBe(false);
    expect(s.savedCalls).toEqual([]);
    s.bg.fail(null);
    s.book.startEdit('c1');
    s.book.setDraft('hip drops on landing');
    expect(await s.book.save()).toBe(true);
    expect(s.savedCalls).toEqual([]);
  });

  it('saved: a comment with no drawing reports drawingId null', async () => {
    const s = setup();
    s.book.startNew({ time: 2, frame: 60 });
    s.book.setDraft('cadence is fine');
    await s.book.save();
    expect(s.savedCalls[0]![1].drawingId).toBeNull();
  });
});
