/**
 * A video's comments as the content script holds them: the list, the editor, saving and
 * undo. Every write goes to the background and is only reported saved once it is durable;
 * a failed write keeps the editor open with the text the coach typed.
 */
import type { Call } from '../messaging/client';
import { pickWinner } from '../model/merge';
import { byTime, newComment } from '../model/create';
import { mutate } from '../model/mutate';
import type { Annotation, Author, CommentAnnotation } from '../model/types';
import { createStore, type Store } from '../player/store';
import type { History } from '../edit/history';

export interface Editor {
  mode: 'new' | 'edit' | 'reply';
  /** The comment edited or replied to. */
  targetId: string | null;
  time: number;
  frame: number | null;
  endTime: number | null;
  endFrame: number | null;
  draft: string;
  /** A drawing the new comment is made from: it gets linked once the comment is saved. */
  drawingId: string | null;
}

export interface BookState {
  videoId: string | null;
  loading: boolean;
  /** Every comment of the video, deleted ones included (tombstones), in time order. */
  all: readonly CommentAnnotation[];
  editor: Editor | null;
  saving: boolean;
  /** Why the last write failed; the editor keeps the text. */
  error: string | null;
  /** The last comment deleted, so it can be brought back. */
  undoable: CommentAnnotation | null;
  author: Author;
  /** Milliseconds the last load (request to list) and the last durable save took. */
  timing: { openMs: number | null; allMs: number | null; saveMs: number | null };
}

export interface Book {
  readonly state: Store<BookState>;
  load(videoId: string, annotations: readonly Annotation[]): void;
  /** Merges records from elsewhere (another tab) by id: the newer version wins. */
  merge(annotations: readonly Annotation[]): void;
  startNew(at: { time: number; frame: number | null; endTime?: number | null; endFrame?: number | null; drawingId?: string | null }): void;
  startEdit(id: string): void;
  startReply(id: string): void;
  setDraft(text: string): void;
  cancel(): void;
  save(): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  undo(): Promise<boolean>;
  toggleResolved(id: string): Promise<boolean>;
  setAuthor(author: Author): void;
}

const comments = (list: readonly Annotation[]) => list.filter((a): a is CommentAnnotation => a.kind === 'comment');

export interface BookHooks {
  /** Deletions are recorded here so Ctrl+Z brings them back (with drawing edits, in order). */
  history?: History;
  /** A new comment was saved from `editor`. */
  saved?(comment: CommentAnnotation, editor: Editor): void;
}

export function createBook(call: Call, author: Author, hooks: BookHooks = {}): Book {
  const state = createStore<BookState>({
    videoId: null,
    loading: true,
    all: [],
    editor: null,
    saving: false,
    error: null,
    undoable: null,
    author,
    timing: { openMs: null, allMs: null, saveMs: null },
  });
  const find = (id: string | null) => state.get().all.find((c) => c.id === id);

  function merge(annotations: readonly Annotation[]) {
    const { videoId, all } = state.get();
    const byId = new Map(all.map((c) => [c.id, c]));
    let changed = false;
    for (const incoming of comments(annotations)) {
      if (incoming.videoId !== videoId) continue;
      const current = byId.get(incoming.id);
      const winner = current ? pickWinner(current, incoming) : incoming;
      if (winner !== current) {
        byId.set(incoming.id, winner);
        changed = true;
      }
    }
    if (changed) state.set({ all: [...byId.values()].sort(byTime) });
  }

  /** Writes one record; true once it is durable. */
  async function write(record: CommentAnnotation): Promise<boolean> {
    state.set({ saving: true, error: null });
    const started = performance.now();
    try {
      const { stored } = await call('annotation.save', { annotation: record });
      merge([stored]);
      state.set({ saving: false, timing: { ...state.get().timing, saveMs: performance.now() - started } });
      return true;
    } catch (error) {
      state.set({ saving: false, error: error instanceof Error ? error.message : String(error) });
      return false;
    }
  }

  /** Deletes or brings back a comment; true when it is (already) in that state durably. */
  async function setDeleted(id: string, deleted: boolean): Promise<boolean> {
    const c = find(id);
    if (!c) return false;
    if (c.deleted === deleted) return true;
    const ok = await write(mutate(c, { deleted }));
    if (ok && !deleted && state.get().undoable?.id === id) state.set({ undoable: null });
    return ok;
  }

  return {
    state,
    load(videoId, annotations) {
      state.set({ videoId, all: comments(annotations).sort(byTime), loading: false, editor: null, undoable: null });
    },
    merge,
    startNew(at) {
      state.set({
        editor: {
          mode: 'new',
          targetId: null,
          time: at.time,
          frame: at.frame,
          endTime: at.endTime ?? null,
          endFrame: at.endFrame ?? null,
          draft: '',
          drawingId: at.drawingId ?? null,
        },
        error: null,
      });
    },
    startEdit(id) {
      const c = find(id);
      if (c) state.set({ editor: { ...pick(c), mode: 'edit', targetId: id, draft: c.text, drawingId: null }, error: null });
    },
    startReply(id) {
      const c = find(id);
      if (c) state.set({ editor: { ...pick(c), mode: 'reply', targetId: c.parentId ?? id, draft: '', drawingId: null }, error: null });
    },
    setDraft(text) {
      const editor = state.get().editor;
      if (editor) state.set({ editor: { ...editor, draft: text } });
    },
    cancel() {
      state.set({ editor: null, error: null });
    },
    async save() {
      const { editor, videoId } = state.get();
      if (!editor || !videoId || state.get().saving) return false;
      const text = editor.draft.replace(/\s+$/, '');
      if (!text.trim()) {
        state.set({ error: 'Write something first: an empty comment is not saved.' });
        return false;
      }
      const target = find(editor.targetId);
      const record =
        editor.mode === 'edit' && target
          ? mutate(target, { text })
          : newComment({
              videoId,
              time: editor.time,
              frame: editor.frame,
              endTime: editor.endTime,
              endFrame: editor.endFrame,
              text,
              author: state.get().author,
              parentId: editor.mode === 'reply' ? editor.targetId : null,
            });
      if (record === target) {
        state.set({ editor: null });
        return true;
      }
      const ok = await write(record);
      // Only a durable save closes the editor; a failure keeps the text for another try.
      if (ok && state.get().editor === editor) state.set({ editor: null });
      if (ok && editor.mode !== 'edit') hooks.saved?.(record, editor);
      return ok;
    },
    async remove(id) {
      if (find(id)?.deleted !== false) return false;
      const deleteIt = async () => {
        const ok = await setDeleted(id, true);
        if (ok) state.set({ undoable: find(id) ?? null });
        return ok;
      };
      const { history } = hooks;
      if (!history) return deleteIt();
      // In turn with undo presses, so Ctrl+Z right after Delete brings this one back.
      return history.perform(async () => ({
        ok: await deleteIt(),
        step: { label: 'delete comment', undo: () => setDeleted(id, false), redo: () => setDeleted(id, true) },
      }));
    },
    async undo() {
      const gone = state.get().undoable;
      if (!gone) return false;
      const ok = await setDeleted(gone.id, false);
      if (ok) state.set({ undoable: null });
      return ok;
    },
    async toggleResolved(id) {
      const c = find(id);
      return c ? write(mutate(c, { resolved: !c.resolved })) : false;
    },
    setAuthor(next) {
      state.set({ author: next });
    },
  };
}

function pick(c: CommentAnnotation) {
  return { time: c.time, frame: c.frame, endTime: c.endTime, endFrame: c.endFrame };
}
