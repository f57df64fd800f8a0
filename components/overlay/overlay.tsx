import { reviewerOf, type AnnotationsState } from '../../utils/annotations/video-annotations';
import type { SendState } from '../../utils/annotations/send';
import type { PlayerState } from '../../utils/player/session';
import type { Store } from '../../utils/player/store';
import type { BookState } from '../../utils/comments/book';
import type { DrawState } from '../../utils/drawing/feature';
import type { DrawingAnnotation } from '../../utils/model/types';
import { DrawBar } from '../drawing/draw-bar';
import { DrawingCanvas, type CanvasActions } from '../drawing/drawing-canvas';
import { CommentPanel, type PanelActions } from '../comments/comment-panel';
import { SendDialog, type SendActions } from '../packets/send-dialog';
import { AttachOffer } from '../packets/attach-offer';
import { ReportDialog, type ReportActions } from '../packets/report-dialog';
import type { ReportState } from '../../utils/annotations/report-export';
import { useMemo } from 'preact/hooks';
import { PlaybackToast } from '../comments/playback-toast';
import { TimelineStrip } from '../comments/timeline-strip';
import { Help, type CommandInfo } from './help';
import { CommandPalette } from './palette';
import type { Palette } from '../../utils/commands/palette';
import { Hud } from './hud';
import { Toolbar, type CommandRunner } from './toolbar';
import { keyText } from '../../utils/commands/keys';
import { useStore } from './use-store';

export interface ViewState {
  visible: boolean;
  help: boolean;
  /** The comment panel is open. */
  comments: boolean;
  /** The open comment panel shows only its title bar. */
  collapsed: boolean;
  filter: string;
  /** Bumped when the keys in force change (the user's keybindings): hints re-render. */
  keymap: number;
}

export interface OverlayProps {
  player: Store<PlayerState>;
  view: Store<ViewState>;
  commands: readonly CommandInfo[];
  runner: CommandRunner;
  book: Store<BookState>;
  annotations: Store<AnnotationsState>;
  commentActions: PanelActions;
  send: Store<SendState>;
  sendActions: SendActions;
  report: Store<ReportState>;
  reportActions: ReportActions;
  draw: Store<DrawState>;
  /** Undo and redo: what they can do now enables their buttons. */
  history: Store<unknown>;
  drawActions: CanvasActions & { selected(): DrawingAnnotation | null };
  palette: Palette;
  duration: () => number | null;
  /** Every presented frame (the drawing layer follows playback frame by frame). */
  onFrame(listener: (mediaTime: number) => void): () => void;
}

/** Everything FrameCoach draws over a video. */
export function Overlay({ player, view, commands, runner, book, annotations, commentActions, send, sendActions, report, reportActions, duration, draw, drawActions, onFrame, palette, history }: OverlayProps) {
  const state = useStore(player);
  const drawing = useStore(draw);
  const { visible, help, comments, collapsed, filter } = useStore(view);
  const notes = useStore(book);
  const all = useStore(annotations);
  const sending = useStore(send);
  const reporting = useStore(report);
  const paletteOpen = useStore(palette.state).open;
  // Re-rendered when undo/redo become possible: buttons are enabled by the commands' `when`.
  useStore(history);
  const reviewer = useMemo(() => reviewerOf(all.packets)?.name ?? null, [all.packets]);
  const holds = useMemo(() => {
    const mine = (r: { author: { id: string } }) => sending.kind === 'review' || r.author.id === all.me?.id;
    const live = all.records.filter((r) => !r.deleted && mine(r));
    return {
      comments: live.filter((r) => r.kind === 'comment' && !r.parentId).length,
      replies: live.filter((r) => r.kind === 'comment' && r.parentId).length,
      drawings: live.filter((r) => r.kind === 'drawing').length,
      acknowledgements: live.filter((r) => r.kind === 'ack').length,
    };
  }, [all.records, all.me, sending.kind]);
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
          <DrawBar draw={drawing} selected={drawActions.selected()} runner={runner} />
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
      <TimelineStrip comments={notes.all} drawings={drawing.drawings} duration={duration()} runner={runner} />
      <PlaybackToast comments={notes.all} time={state.time} paused={state.paused} />
      {comments && !help && !sending.open && !reporting.open && (
        <CommentPanel book={notes} annotations={all} runner={runner} player={state} filter={filter} collapsed={collapsed} actions={commentActions} drawings={drawing.drawings} selected={drawActions.selected()} />
      )}
      {!help && !sending.open && !drawing.tool && <AttachOffer candidates={all.candidates} runner={runner} />}
      {reporting.open && !help && !sending.open && <ReportDialog report={reporting} actions={reportActions} closeKey={keyText(runner, 'report.close', '')} />}
      {sending.open && !help && <SendDialog send={sending} holds={holds} coachName={reviewer} actions={sendActions} closeKey={keyText(runner, 'packet.closeSend', '')} />}
      {help && <Help commands={commands} runner={runner} />}
      {paletteOpen && <CommandPalette palette={palette} />}
    </div>
    </>
  );
}
