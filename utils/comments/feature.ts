/**
 * Comments on the attached video: turns the coach's actions (add at the frame on screen or
 * over the A–B range, go to a comment, rename) into book operations. The comments are the
 * video's annotations (utils/annotations), loaded and kept in step there.
 */
import { frameAt } from '../frames/rate';
import type { Call } from '../messaging/client';
import type { History } from '../edit/history';
import type { CommentAnnotation } from '../model/types';
import type { PlayerSession } from '../player/session';
import type { VideoAnnotations } from '../annotations/video-annotations';
import { createBook, type Book } from './book';
import { selectAllAhead, typeAhead as typeIntoField, typeAheadWaiting } from '../dom/private-field';

export interface CommentDeps {
  call: Call;
  annotations: VideoAnnotations;
  /** Opens the panel (the UI's business). */
  showPanel(): void;
  /** Undo history shared with drawings. */
  history?: History;
  /** A new comment was saved (from a drawing: `drawingId` is set). */
  onCommentSaved?(comment: CommentAnnotation, drawingId: string | null): void;
}

export interface CommentFeature {
  readonly book: Book;
  /** Opens the editor at the frame on screen (or the A–B range, or a drawing's frame, linked to it). */
  add(range: boolean, drawing?: { id: string; time: number; frame: number | null }): Promise<void>;
  seek(at: { time: number }): Promise<void>;
  rename(name: string): Promise<void>;
  /**
   * A key typed just after the editor opened, before its text box has the focus (a coach
   * typing straight on after `c`): it goes into the comment, not to the commands or the page.
   * True when it was taken.
   */
  typeAhead(event: Pick<KeyboardEvent, 'key' | 'shiftKey' | 'ctrlKey' | 'altKey' | 'metaKey'> & { typed?: boolean }): boolean;
  dispose(): void;
}

/** How long after `c` keys typed outside the text box still go into the new comment. */
const TYPE_AHEAD_MS = 1000;

export function attachComments(session: PlayerSession, deps: CommentDeps): CommentFeature {
  const book = createBook(deps.annotations, {
    history: deps.history,
    saved: (comment, editor) => deps.onCommentSaved?.(comment, editor.drawingId),
    moves: session.moves,
  });
  let typeAheadUntil = 0;
  let ahead = 0; // characters typed ahead into the new comment so far

  return {
    book,
    async add(range, drawing) {
      deps.showPanel();
      if (drawing) {
        book.startNew({ time: drawing.time, frame: drawing.frame, drawingId: drawing.id });
        return;
      }
      // The editor opens at once, so the next keys are typed into it (not taken as commands: `k`
      // would start playback); it moves to the frame on screen once the video has stopped on one.
      typeAheadUntil = performance.now() + TYPE_AHEAD_MS;
      ahead = 0;
      const frameOf = (t: number) => frameAt(t, session.state.get().rate);
      const within = (at: { time: number; frame: number | null }) => {
        const { loopIn, loopOut } = session.state.get();
        if (!(range && loopIn !== null && loopOut !== null)) return at;
        return { time: loopIn, frame: frameOf(loopIn), endTime: loopOut, endFrame: frameOf(loopOut) };
      };
      // Where the comment goes until the frame has settled (and stays, if the tab closes first).
      const shown = session.state.get().time ?? session.video.currentTime;
      const placing = session.hold().then((at) => at && within(at));
      book.startNew(within({ time: shown, frame: frameOf(shown) }), placing);
    },
    typeAhead(event) {
      const editor = book.state.get().editor;
      // Until the comment box has answered it can't have the focus: keys still come here. A key
      // handed over from the page above as typed text (`typed`) was typed in time, however late it arrives.
      const late = performance.now() > typeAheadUntil && !typeAheadWaiting() && event.typed !== true;
      // Ctrl+A (⌘A) selects what the box holds, as it would have in the box: the next key replaces it.
      const selectAll = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'a';
      if (!editor || late || ((event.ctrlKey || event.metaKey || event.altKey) && !selectAll)) return false;
      // Type-ahead keys were all typed before any key reached the box itself (they can arrive
      // after those: handed over from another frame), so they go in before the box's own text.
      const { draft } = editor;
      if (selectAll) {
        if (!selectAllAhead()) return false;
        ahead = 0;
      } else if (event.key === 'Enter' && !event.shiftKey) void book.save();
      else if (event.key === 'Escape') book.cancel();
      // The editor's field (a frame of the extension's origin) takes them while it is open:
      // it puts them in itself, or on what it will be given if not loaded yet, and the draft
      // follows it. Without one, they go into the draft here.
      // Backspace deletes what is before it, typed ahead or the comment's own words (an Edit).
      else if (event.key === 'Backspace' && typeIntoField('', 1)) ahead = Math.max(0, ahead - 1);
      else if ((event.key.length === 1 || event.key === 'Enter') && typeIntoField(event.key === 'Enter' ? '\n' : event.key, 0)) ahead++;
      else if (event.key === 'Backspace') {
        if (ahead > 0) book.setDraft(draft.slice(0, ahead - 1) + draft.slice(ahead--));
      } else if (event.key.length === 1 || event.key === 'Enter') {
        book.setDraft(draft.slice(0, ahead) + (event.key === 'Enter' ? '\n' : event.key) + draft.slice(ahead++));
      } else return false;
      return true;
    },
    async seek(at) {
      await session.goTo(at.time);
    },
    async rename(name) {
      try {
        const settings = await deps.call('settings.setAuthorName', { name });
        deps.annotations.setMe(settings.author);
      } catch (error) {
        book.state.set({ error: `Could not save your name: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
    dispose() {
      book.dispose();
    },
  };
}
