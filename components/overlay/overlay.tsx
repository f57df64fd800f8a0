import type { PlayerState } from '../../utils/player/session';
import type { Store } from '../../utils/player/store';
import type { BookState } from '../../utils/comments/book';
import type { DrawState } from '../../utils/drawing/feature';
import type { DrawingAnnotation } from '../../utils/model/types';
import { DrawBar, type DrawBarActions } from '../drawing/draw-bar';
import { DrawingCanvas, type CanvasActions } from '../drawing/drawing-canvas';
import { CommentPanel, type PanelActions } from '../comments/comment-panel';
import { PlaybackToast } from '../comments/playback-toast';
import { TimelineStrip } from '../comments/timeline-strip';
import { Help, type CommandInfo } from './help';
import { Hud } from './hud';
import { Toolbar, type CommandRunner } from './toolbar';
import { useStore } from './use-store';

export interface ViewState {
  visible: boolean;
  help: boolean;
  /** The comment panel is open. */
  comments: boolean;
  filter: string;
}

export interface OverlayProps {
  player: Store<PlayerState>;
  view: Store<ViewState>;
  commands: readonly CommandInfo[];
  runner: CommandRunner;
  book: Store<BookState>;
  commentActions: PanelActions;
  draw: Store<DrawState>;
  drawActions: CanvasActions & DrawBarActions & { selected(): DrawingAnnotation | null };
  duration: () => number | null;
  /** Every presented frame (the drawing layer follows playback frame by frame). */
  onFrame(listener: (mediaTime: number) => void): () => void;
}

/** Everything FrameCoach draws over a video. */
export function Overlay({ player, view, commands, runner, book, commentActions, duration, draw, drawActions, onFrame }: OverlayProps) {
  const state = useStore(player);
  const drawing = useStore(draw);
  const { visible, help, comments, filter } = useStore(view);
  const notes = useStore(book);
  if (!visible) return null;
  const message = state.message;
  return (
    <>
    {/* The canvas covers the whole picture (drawings are normalized to it); the UI only its visible part. */}
    <DrawingCanvas draw={drawing} player={state} actions={drawActions} onFrame={onFrame} />
    <div
      class={['fc-root', comments && !help ? 'fc-with-comments' : '', drawing.tool ? 'fc-drawing-mode' : '',
        drawing.tool?.dragging || drawing.tool?.points.length || drawing.editing ? 'fc-stroking' : ''].join(' ')}
    >
      <div class="fc-panel" hidden={help}>
        <Hud state={state} />
        {drawing.tool ? (
          <DrawBar draw={drawing} selected={drawActions.selected()} runner={runner} actions={drawActions} />
        ) : (
          <Toolbar state={state} runner={runner} />
        )}
        {message?.kind === 'info' && <div class="fc-note">{message.text}</div>}
      </div>
      {drawing.error && (
        <div class="fc-message fc-error fc-draw-error" role="alert">
          {drawing.error}
        </div>
      )}
      {message?.kind === 'error' && (
        <div class="fc-message fc-error" role="alert">
          {message.text}
        </div>
      )}
      <TimelineStrip comments={notes.all} drawings={drawing.drawings} duration={duration()} onSeek={commentActions.seek} />
      <PlaybackToast comments={notes.all} time={state.time} paused={state.paused} />
      {comments && !help && <CommentPanel book={notes} player={state} filter={filter} actions={commentActions} drawings={drawing.drawings} selected={drawActions.selected()} />}
      {help && <Help commands={commands} runner={runner} />}
    </div>
    </>
  );
}
