/**
 * Comments on the attached video: turns the coach's actions (add at the frame on screen or
 * over the A–B range, go to a comment, rename) into book operations. The comments are the
 * video's annotations (utils/annotations), loaded and kept in step there.
 */
import { exactNumbers } from '../frames/rate';
import { frameIndexAt } from '../frames/timecode';
import type { Call } from '../messaging/client';
import type { History } from '../edit/history';
import type { CommentAnnotation } from '../model/types';
import type { PlayerSession } from '../player/session';
import type { VideoAnnotations } from '../annotations/video-annotations';
import { createBook, type Book } from './book';

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
  dispose(): void;
}

export function attachComments(session: PlayerSession, deps: CommentDeps): CommentFeature {
  const book = createBook(deps.annotations, {
    history: deps.history,
    saved: (comment, editor) => deps.onCommentSaved?.(comment, editor.drawingId),
  });

  return {
    book,
    async add(range, drawing) {
      deps.showPanel();
      if (drawing) {
        book.startNew({ time: drawing.time, frame: drawing.frame, drawingId: drawing.id });
        return;
      }
      const at = await session.hold();
      if (!at) {
        book.state.set({ error: 'No frame is shown yet: wait for the video to load, then add the comment.' });
        return;
      }
      const { loopIn, loopOut, rate } = session.state.get();
      if (range && loopIn !== null && loopOut !== null) {
        const frameOf = (t: number) => (exactNumbers(rate) ? frameIndexAt(t, rate) : null);
        book.startNew({ time: loopIn, frame: frameOf(loopIn), endTime: loopOut, endFrame: frameOf(loopOut) });
      } else {
        book.startNew(at);
      }
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
