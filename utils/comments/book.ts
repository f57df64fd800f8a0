/**
 * A video's comments as the coach works on them: the editor, saving and undo. The comments
 * themselves are read from the video's annotations (utils/annotations), which every write
 * goes through; a comment is only reported saved once it is durable, and a failed write
 * keeps the editor open with the text the coach typed.
 */
import { ackId, byTime, newAck, newComment } from '../model/create';
import { mutate } from '../model/mutate';
import type { AckAnnotation, Annotation, Author, CommentAnnotation } from '../model/types';
import { createStore, type Store } from '../player/store';
import type { History } from '../edit/history';
import { readOnlyReason } from '../annotations/ownership';
import { shownRecords, type VideoAnnotations } from '../annotations/video-annotations';

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
  /**
   * Which opening of the editor this is (each `c`, Edit or Reply counts one): its text box
   * takes the focus when it opens, not again when its frame settles a moment later (the
   * coach may have moved on to its buttons with Tab).
   */
  opened: number;
}

export interface BookState {
  videoId: string | null;
  loading: boolean;
  /** Every comment of the video on show (hidden layers left out), deleted ones included (tombstones), in time order. */
  all: readonly CommentAnnotation[];
  /** Acknowledgements on show ("Got it"), deleted ones left out. */
  acks: readonly AckAnnotation[];
  editor: Editor | null;
  saving: boolean;
  /** Why the last write (or the load) failed; the editor keeps the text. */
  error: string | null;
  /** The last comment deleted, so it can be brought back. */
  undoable: CommentAnnotation | null;
  author: Author;
  /** Milliseconds the last durable save took. */
  timing: { saveMs: number | null };
}

/** Where a new comment is pinned. */
export interface Place {
  time: number;
  frame: number | null;
  endTime?: number | null;
  endFrame?: number | null;
  drawingId?: string | null;
}

export interface Book {
  readonly state: Store<BookState>;
  /**
   * Opens the editor for a new comment at `at`, at once (what the coach types next goes into
   * it). `placing`: the frame it belongs to is still being settled (the video pausing): the
   * editor moves there when it is known, and a save waits for it. Null: no frame to pin to.
   */
  startNew(at: Place, placing?: Promise<Place | null>): void;
  startEdit(id: string): void;
  startReply(id: string): void;
  setDraft(text: string): void;
  cancel(): void;
  save(): Promise<boolean>;
  remove(id: string): Promise<boolean>;
  undo(): Promise<boolean>;
  toggleResolved(id: string): Promise<boolean>;
  /** "Got it" on someone else's comment, or taking it back. */
  toggleAck(id: string): Promise<boolean>;
  dispose(): void;
}

const comments = (list: readonly Annotation[]) => list.filter((a): a is CommentAnnotation => a.kind === 'comment');
const acks = (list: readonly Annotation[]) => list.filter((a): a is AckAnnotation => a.kind === 'ack' && !a.deleted);
const UNKNOWN_AUTHOR: Author = { id: 'unknown', name: 'Coach' };

export interface BookHooks {
  /** Deletions are recorded here so Ctrl+Z brings them back (with drawing edits, in order). */
  history?: History;
  /** A new comment was saved from `editor`. */
  saved?(comment: CommentAnnotation, editor: Editor): void;
  /**
   * Counts what has moved the picture so far. A new comment moves to the frame settled after
   * it was started only if nothing moved the picture meanwhile (a jump to another frame, the
   * page's seek, would otherwise be taken for the comment's frame).
   */
  moves?(): number;
}

/** How long a save waits for the new comment's frame to settle before writing it where it was started. */
const PLACE_WAIT_MS = 25;

export function createBook(annotations: VideoAnnotations, hooks: BookHooks = {}): Book {
  const source = annotations.state;
  const derived = () => {
    const s = source.get();
    const shown = shownRecords(s);
    return { videoId: s.videoId, loading: s.loading, all: comments(shown).sort(byTime), acks: acks(shown), author: s.me ?? UNKNOWN_AUTHOR };
  };
  const state = createStore<BookState>({ ...derived(), editor: null, saving: false, error: null, undoable: null, timing: { saveMs: null } });
  /** Counts editors opened (and closed): a placement that arrives late applies only to its own. */
  let opened = 0;
  /** The new comment's frame being settled: a save waits a moment for it. */
  let placing: Promise<void> | null = null;
  /** A new comment saved before its frame was settled (so the tab could close), moved there once it is. */
  let early: { opened: number; id: string; written: Promise<boolean> } | null = null;
  let seen = source.get();
  const off = source.subscribe((s) => {
    const videoChanged = s.videoId !== seen.videoId;
    // Another video in the same element: an editor or an undo for the old one no longer applies.
    // The first load (late: the database opened only now) is no other video: what was typed stays.
    const reset = videoChanged && seen.videoId !== null ? { editor: null, undoable: null } : {};
    const loadError = s.error !== seen.error ? { error: s.error } : {};
    if (s.records !== seen.records || s.hidden !== seen.hidden || s.loading !== seen.loading || s.me !== seen.me || videoChanged) {
      state.set({ ...derived(), ...reset, ...loadError });
    }
    else state.set(loadError);
    seen = s;
  });
  const find = (id: string | null) => state.get().all.find((c) => c.id === id);

  /** Writes one record; true once it is durable (or a newer version of it is). */
  async function write(record: CommentAnnotation | AckAnnotation): Promise<boolean> {
    state.set({ saving: true, error: null });
    const started = performance.now();
    const { result, error } = await annotations.save(record, { optimistic: false });
    if (result === 'ok' || result === 'stale') {
      state.set({ saving: false, timing: { saveMs: performance.now() - started } });
      return true;
    }
    state.set({ saving: false, error: error ?? 'The comment was not saved.' });
    return false;
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

  /** Saves what the editor holds; a durable save closes it. */
  async function saveEditor(): Promise<boolean> {
    // Most saves find the frame long settled. If not (a busy machine), the text is made
    // durable now, at the place shown when the comment was started, and moved to the settled
    // frame after: a tab closed right after Enter must not take the comment with it.
    if (placing) await Promise.race([placing, new Promise((r) => setTimeout(r, PLACE_WAIT_MS))]);
    const unsettled = placing !== null;
    const { editor, videoId } = state.get();
    if (!editor || state.get().saving) return false;
    if (!videoId) {
      // The video's comments never loaded (the database could not be opened): say so, keep the text.
      state.set({ error: 'Not saved yet: FrameCoach has not loaded this video’s comments. Your text is kept; press Enter again once they load.' });
      return false;
    }
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
            // A reply belongs with its comment (on a packet video attached here, that video).
            videoId: editor.mode === 'reply' ? (target?.videoId ?? videoId) : videoId,
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
    const session = opened;
    const written = write(record);
    if (unsettled && editor.mode === 'new') early = { opened, id: record.id, written };
    const ok = await written;
    // Only a durable save closes the editor; a failure keeps the text for another try. The
    // draft may have been said again meanwhile (the text box is a frame reporting a moment
    // late): the same text closes it all the same; letters the save did not have stay in
    // the box as an edit of the saved comment, so another Enter adds them to it, not a second one.
    const now = state.get().editor;
    if (ok && now && opened === session) {
      state.set({ editor: now === editor || now.draft.replace(/\s+$/, '') === text ? null : { ...now, mode: 'edit', targetId: record.id } });
    }
    if (ok && editor.mode !== 'edit') hooks.saved?.(record, editor);
    return ok;
  }

  /** A comment saved early moves to the frame that was settled after. */
  async function settleEarly(saved: NonNullable<typeof early>, found: Place): Promise<void> {
    if (!(await saved.written)) return;
    const c = find(saved.id);
    if (!c || c.deleted) return;
    const next = mutate(c, { time: found.time, frame: found.frame, endTime: found.endTime ?? null, endFrame: found.endFrame ?? null });
    if (next !== c) await write(next);
  }

  /** The editor is for our own comments only: others' are replied to, not changed. */
  function refuse(c: CommentAnnotation): boolean {
    const reason = readOnlyReason(c, source.get().me);
    if (reason) state.set({ error: reason });
    return reason !== null;
  }

  return {
    state,
    startNew(at, place) {
      const mine = ++opened;
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
          opened: mine,
        },
        error: null,
      });
      if (!place) return;
      const moves = hooks.moves?.();
      placing = place
        .then((found) => {
          // The picture moved after `c`: what settled is not the comment's frame; it stays where it was started.
          const moved = hooks.moves?.() !== moves;
          const saved = early;
          if (saved?.opened === mine) {
            early = null;
            if (found && !moved) return settleEarly(saved, found);
            return;
          }
          const editor = state.get().editor;
          if (mine !== opened || !editor) return;
          if (moved) return;
          if (found) {
            state.set({ editor: { ...editor, time: found.time, frame: found.frame, endTime: found.endTime ?? null, endFrame: found.endFrame ?? null } });
            return;
          }
          // Nothing to pin to: say so; what was typed stays, at the time shown.
          state.set({ editor: editor.draft.trim() ? editor : null, error: 'No frame is shown yet: wait for the video to load, then add the comment.' });
        })
        .catch(() => undefined)
        .finally(() => {
          if (mine === opened) placing = null;
        });
    },
    startEdit(id) {
      const mine = ++opened;
      const c = find(id);
      if (c && !refuse(c)) state.set({ editor: { ...pick(c), mode: 'edit', targetId: id, draft: c.text, drawingId: null, opened: mine }, error: null });
    },
    startReply(id) {
      const mine = ++opened;
      const c = find(id);
      if (c) state.set({ editor: { ...pick(c), mode: 'reply', targetId: c.parentId ?? id, draft: '', drawingId: null, opened: mine }, error: null });
    },
    setDraft(text) {
      const editor = state.get().editor;
      if (editor) state.set({ editor: { ...editor, draft: text } });
    },
    cancel() {
      opened++;
      state.set({ editor: null, error: null });
    },
    async save() {
      // Whatever goes wrong, the text stays in its box and the coach is told why.
      return saveEditor().catch((error: unknown) => {
        state.set({ error: `The comment was not saved: ${error instanceof Error ? error.message : String(error)}` });
        return false;
      });
    },
    async remove(id) {
      const c = find(id);
      if (c?.deleted !== false || refuse(c)) return false;
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
      if (!c || refuse(c)) return false;
      return write(mutate(c, { resolved: !c.resolved }));
    },
    async toggleAck(id) {
      const c = find(id);
      const me = source.get().me;
      if (!c || !me) return false;
      const existing = annotations.find(ackId(c.id, me.id));
      if (existing && existing.kind !== 'ack') return false;
      return write(existing ? mutate(existing, { deleted: !existing.deleted }) : newAck(c, me));
    },
    dispose: off,
  };
}

function pick(c: CommentAnnotation) {
  return { time: c.time, frame: c.frame, endTime: c.endTime, endFrame: c.endFrame };
}
