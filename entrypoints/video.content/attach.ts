import css from '../../components/overlay/overlay.css?inline';
import { mountOverlay } from '../../components/overlay/mount';
import type { ViewState } from '../../components/overlay/overlay';
import type { CommandRunner } from '../../components/overlay/toolbar';
import type { CommandInfo } from '../../components/overlay/help';
import { attachComments, type CommentDeps, type CommentFeature } from '../../utils/comments/feature';
import { createOverlayHost, type OverlayHost } from '../../utils/dom/overlay-host';
import { attachDrawings, type DrawingFeature } from '../../utils/drawing/feature';
import { createSession, type PlayerSession } from '../../utils/player/session';
import { createHistory, type History } from '../../utils/edit/history';
import type { Store } from '../../utils/player/store';
import type { SiteAdapter } from '../../utils/sites/types';

export interface Attached {
  readonly session: PlayerSession;
  readonly host: OverlayHost;
  readonly comments: CommentFeature;
  readonly drawings: DrawingFeature;
  readonly history: History;
  detach(): void;
}

export interface AttachDeps {
  site: SiteAdapter;
  view: Store<ViewState>;
  commands: readonly CommandInfo[];
  runner: CommandRunner;
  call: CommentDeps['call'];
  onChange: CommentDeps['onChange'];
}

/** Puts FrameCoach on one video: the frame engine, comments, the overlay over its picture. */
export function attachTo(video: HTMLVideoElement, deps: AttachDeps): Attached {
  const { site, view, commands, runner } = deps;
  const session = createSession(video);
  const history = createHistory();
  const drawings = attachDrawings(session, {
    call: deps.call,
    history,
    author: () => comments.book.state.get().author,
    saveDefaults: (patch) => void deps.call('settings.setDrawingDefaults', patch).catch(() => undefined),
  });
  const comments = attachComments(session, {
    call: deps.call,
    onChange: deps.onChange,
    onAnnotations(videoId, annotations, replace) {
      // Another video in the same element (YouTube's next one): the old undo steps don't apply.
      if (replace && videoId !== drawings.state.get().videoId) history.clear();
      drawings.take(videoId, annotations, replace);
    },
    history,
    onSettings: (settings) => drawings.setDefaults(settings.drawing),
    onCommentSaved: (comment, drawingId) => {
      // A comment made from a drawing: link them, once the comment is durable.
      const drawing = drawings.state.get().drawings.find((d) => d.id === drawingId);
      if (drawing) void drawings.link(drawing.id, comment.id);
    },
    showPanel: () => view.set({ comments: true, help: false }),
    facts: () => ({
      frameUrl: location.href,
      src: video.currentSrc,
      title: document.title,
      duration: Number.isFinite(video.duration) ? video.duration : null,
      fps: session.state.get().rate?.fps ?? null,
    }),
  });
  const { book } = comments;
  const host = createOverlayHost(video, css, (v) => site.overlayParent?.(v) ?? null);
  const unmount = mountOverlay(host.frame, {
    player: session.state,
    view,
    commands,
    runner,
    book: book.state,
    duration: () => (Number.isFinite(video.duration) ? video.duration : null),
    draw: drawings.state,
    onFrame: session.onFrame,
    drawActions: {
      pointer: drawings.pointer,
      editTextAt: drawings.editTextAt,
      setTextDraft: drawings.setTextDraft,
      recolor: (color) => void drawings.recolor(color),
      selected: drawings.selected,
    },
    commentActions: {
      seek: (c) => void comments.seek(c),
      edit: book.startEdit,
      reply: book.startReply,
      remove: (id) => void book.remove(id),
      toggleResolved: (id) => void book.toggleResolved(id),
      setFilter: (filter) => view.set({ filter }),
      setDraft: book.setDraft,
      save: () => void book.save(),
      cancel: book.cancel,
      undo: () => void book.undo(),
      linkDrawing: (commentId) => {
        const d = drawings.selected();
        if (d) void drawings.link(d.id, commentId);
      },
      close: () => view.set({ comments: false }),
      rename: (name) => void comments.rename(name),
    },
  });
  // Test and debugging hooks: what the HUD shows, readable without piercing the shadow root.
  const publish = () => {
    const s = session.state.get();
    const b = book.state.get();
    const data = host.host.dataset;
    data.time = s.time === null ? '' : String(s.time);
    data.busy = String(s.busy);
    data.fps = s.rate ? String(s.rate.fps) : '';
    data.variable = s.rate ? String(s.rate.variable) : '';
    data.stepMs = s.lastStepMs === null ? '' : s.lastStepMs.toFixed(2);
    data.message = s.message?.text ?? '';
    data.videoId = b.videoId ?? '';
    data.comments = String(b.all.filter((c) => !c.deleted).length);
    data.saving = String(b.saving);
    data.drawings = String(drawings.state.get().drawings.filter((d) => !d.deleted).length);
    data.tool = drawings.state.get().tool?.tool ?? '';
    data.selected = drawings.state.get().selectedId ?? '';
    data.undo = history.state.get().undo ?? '';
    data.redo = history.state.get().redo ?? '';
    data.openMs = b.timing.openMs?.toFixed(2) ?? '';
    data.allMs = b.timing.allMs?.toFixed(2) ?? '';
    data.saveMs = b.timing.saveMs?.toFixed(2) ?? '';
  };
  const unsubscribe = [session.state.subscribe(publish), book.state.subscribe(publish), drawings.state.subscribe(publish), history.state.subscribe(publish)];
  publish();
  return {
    session,
    host,
    comments,
    drawings,
    history,
    detach() {
      for (const off of unsubscribe) off();
      unmount();
      host.dispose();
      comments.dispose();
      session.dispose();
    },
  };
}
