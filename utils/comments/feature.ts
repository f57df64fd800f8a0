/**
 * Comments on the attached video: loads them from the background, keeps them in step with
 * other tabs, and turns the coach's actions into book operations. Page side: takes its
 * messaging as parameters, so nothing here touches storage directly.
 */
import { frameIndexAt } from '../frames/timecode';
import type { Call } from '../messaging/client';
import type { ChangeMessage, Settings, VideoFacts } from '../messaging/contract';
import type { History } from '../edit/history';
import type { Annotation, CommentAnnotation } from '../model/types';
import type { PlayerSession } from '../player/session';
import { createBook, type Book } from './book';

export interface CommentDeps {
  call: Call;
  /** Subscribes to change broadcasts from the background. */
  onChange(listener: (message: ChangeMessage) => void): () => void;
  facts(): VideoFacts;
  /** Opens the panel (the UI's business). */
  showPanel(): void;
  /** Every annotation loaded or changed (drawings use it); `replace` on a fresh load. */
  onAnnotations?(videoId: string, annotations: readonly Annotation[], replace: boolean): void;
  /** Settings as loaded or changed (drawings take their defaults from them). */
  onSettings?(settings: Settings): void;
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
  const book = createBook(deps.call, { id: 'unknown', name: 'Coach' }, {
    history: deps.history,
    saved: (comment, editor) => deps.onCommentSaved?.(comment, editor.drawingId),
  });
  const abort = new AbortController();
  let openedSrc: string | null = null;

  async function open() {
    const facts = deps.facts();
    if (openedSrc === facts.src && book.state.get().videoId) return;
    openedSrc = facts.src;
    book.state.set({ loading: true });
    const started = performance.now();
    try {
      const { video, annotations, complete } = await deps.call('video.open', facts);
      book.load(video.id, annotations);
      deps.onAnnotations?.(video.id, annotations, true);
      book.state.set({ timing: { ...book.state.get().timing, openMs: performance.now() - started } });
      // Thousands of comments: the first page is on screen; the rest follows.
      if (!complete) {
        const all = await deps.call('annotations.list', { videoId: video.id });
        book.merge(all);
        deps.onAnnotations?.(video.id, all, false);
      }
      book.state.set({ timing: { ...book.state.get().timing, allMs: performance.now() - started } });
    } catch (error) {
      book.state.set({ loading: false, error: `Comments are unavailable: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  const video = session.video;
  // A new source in the same element (YouTube's next video) is another video.
  video.addEventListener('loadedmetadata', () => void open(), { signal: abort.signal });
  const offChange = deps.onChange((message) => {
    if (message.videoId !== book.state.get().videoId) return;
    book.merge(message.annotations);
    deps.onAnnotations?.(message.videoId, message.annotations, false);
  });
  deps
    .call('settings.get', {})
    .then((settings) => {
      book.setAuthor(settings.author);
      deps.onSettings?.(settings);
    })
    .catch(() => undefined);
  if (video.readyState >= 1) void open();

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
        const frameOf = (t: number) => (rate && !rate.variable ? frameIndexAt(t, rate.fps) : null);
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
        book.setAuthor(settings.author);
      } catch (error) {
        book.state.set({ error: `Could not save your name: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
    dispose() {
      abort.abort();
      offChange();
    },
  };
}
