import { mountOverlay } from '../../components/overlay/mount';
import { editorKey } from '../../components/comments/comment-editor';
import { paletteKey } from '../../components/overlay/palette';
import type { ViewState } from '../../components/overlay/overlay';
import type { CommandRunner } from '../../components/overlay/toolbar';
import type { CommandInfo } from '../../components/overlay/help';
import { followVideo, type FollowDeps, type Followed } from '../../utils/annotations/follow-video';
import { createVideoAnnotations, reviewerOf, type VideoAnnotations } from '../../utils/annotations/video-annotations';
import { createSender, type Sender } from '../../utils/annotations/send';
import { markSeenWhenShown } from '../../utils/annotations/unread';
import { fillFrames } from '../../utils/annotations/fill-frames';
import { copyText, saveTextFile } from '../../utils/dom/save-file';
import { createReporter, type Reporter } from '../../utils/annotations/report-export';
import { blankFrame, composite, grabFromTab, grabVideo } from '../../utils/dom/frame-grab';
import { measureVideo } from '../../utils/dom/video-layout';
import { attachComments, type CommentFeature } from '../../utils/comments/feature';
import { createOverlayHost, type OverlayHost } from '../../utils/dom/overlay-host';
import { attachDrawings, type DrawingFeature } from '../../utils/drawing/feature';
import { createSession, type PlayerSession } from '../../utils/player/session';
import { readFrameTable } from '../../utils/frames/table-reads';
import { createHistory, type History } from '../../utils/edit/history';
import type { Store } from '../../utils/player/store';
import type { Palette } from '../../utils/commands/palette';
import { keyText } from '../../utils/commands/keys';
import type { SiteAdapter } from '../../utils/sites/types';
import type { PanelDock } from '../../utils/settings/off-site';
import { overlayReadable, TEST_HOOKS } from '../../utils/dom/test-hooks';
import { keepMediaTrail } from '../../utils/dom/media-trail';
import { orderFieldKeys, typeAhead } from '../../utils/dom/private-field';

export interface Attached {
  readonly session: PlayerSession;
  readonly annotations: VideoAnnotations;
  readonly host: OverlayHost;
  readonly comments: CommentFeature;
  readonly drawings: DrawingFeature;
  readonly history: History;
  readonly sender: Sender;
  readonly reporter: Reporter;
  /** The video's identity and records as the page changes; the "is it this video?" offers. */
  readonly followed: Followed;
  /** A key typed in FrameCoach's own fields (the label, the palette, the dialogs, the comment editor). */
  onKey(event: KeyboardEvent, target: Element): void;
  /** Types into the palette's open text box where the coach's typing there began (utils/dom/private-field.ts `typeAhead`): false when there is none. */
  typeIntoPalette(text: string, back: number): boolean;
  detach(): void;
}

/**
 * The overlay's style sheet, asked of the background once per frame, when the first video is
 * found (pages without one never load it). Without it the overlay would be unreadable: a
 * failure shows it unstyled rather than not at all.
 */
let css: Promise<string> | null = null;
const overlayCss = (call: FollowDeps['call']): Promise<string> =>
  (css ??= call('ui.css', {}).catch((error: unknown) => {
    css = null;
    console.error('[FrameCoach] no style sheet for the overlay', error);
    return '';
  }));

export interface AttachDeps {
  site: SiteAdapter;
  view: Store<ViewState>;
  commands: readonly CommandInfo[];
  runner: CommandRunner;
  call: FollowDeps['call'];
  onChange: FollowDeps['onChange'];
  palette: Palette;
  /** The speeds slower/faster step through (the coach's setting). */
  speeds(): readonly number[];
  /** Where the coach wants the comment panel (the coach's setting). */
  dock(): PanelDock;
  /** Runs what a key typed in one of our fields asks for, after keys typed before it in another frame (frame-relay.ts). */
  inOrder(run: () => void): void;
}

/** Puts FrameCoach on one video: the frame engine, comments, the overlay over its picture. */
export function attachTo(video: HTMLVideoElement, deps: AttachDeps): Attached {
  const { site, view, commands, runner } = deps;
  orderFieldKeys(deps.inOrder);
  // A plain file the page may read: its own frame table (read here as the page, parsed in the background).
  const session = createSession(video, {
    speeds: deps.speeds,
    frameTable: (v) => readFrameTable(v.currentSrc, (parts, size) => deps.call('frames.table', { parts, size })),
  });
  const history = createHistory();
  const annotations = createVideoAnnotations(deps.call);
  // Another video in the same element (YouTube's next one): the old undo steps don't apply.
  let videoId = annotations.state.get().videoId;
  const offVideo = annotations.state.subscribe((s) => {
    if (s.videoId !== videoId && videoId !== null) history.clear();
    videoId = s.videoId;
  });
  const drawings = attachDrawings(session, {
    annotations,
    history,
    author: () => comments.book.state.get().author,
    saveDefaults: (patch) => void deps.call('settings.setDrawingDefaults', patch).catch(() => undefined),
    key: (id) => keyText(runner, id),
  });
  const comments = attachComments(session, {
    call: deps.call,
    annotations,
    history,
    onCommentSaved: (comment, drawingId) => {
      // A comment made from a drawing: link them, once the comment is durable.
      const drawing = drawings.state.get().drawings.find((d) => d.id === drawingId);
      if (drawing) void drawings.link(drawing.id, comment.id);
    },
    showPanel: () => view.set({ comments: true, help: false }),
  });
  const followed = followVideo(video, annotations, {
    call: deps.call,
    onChange: deps.onChange,
    onSettings: (settings) => drawings.setDefaults(settings.drawing),
    seekTo: (time) => void session.goTo(time),
    assumeRate: (fps, clock) => session.assumeRate(fps, clock),
    facts: () => ({
      frameUrl: location.href,
      src: video.currentSrc,
      title: document.title,
      duration: Number.isFinite(video.duration) ? video.duration : null,
      fps: session.state.get().rate?.fps ?? null,
      width: video.videoWidth || null,
      height: video.videoHeight || null,
    }),
  });
  const { book } = comments;
  const host = createOverlayHost(video, overlayCss(deps.call), (v) => site.overlayParent?.(v) ?? null, deps.dock);
  const sender = createSender({
    call: deps.call,
    videoId: () => annotations.state.get().videoId,
    reviewer: () => reviewerOf(annotations.state.get().packets),
    saveFile: (filename, text) => saveTextFile(host.frame, filename, text),
    copyText: (text) => copyText(host.frame, text),
  });
  const reporter = createReporter({
    call: deps.call,
    annotations,
    session,
    saveFile: (file) => saveTextFile(host.frame, file.filename, file.text, file.type),
    grab: {
      video: () => grabVideo(video),
      tab() {
        // A capture is of the whole tab; from inside a frame, where the picture is in it is not known here.
        if (window.top !== window) return Promise.reject(Object.assign(new Error('the video is in a frame'), { code: 'frame' }));
        video.scrollIntoView({ block: 'center', inline: 'center' });
        return grabFromTab(video, () => measureVideo(video).content, host.hide, async () => (await deps.call('tab.capture', {})).image);
      },
      blank: () => blankFrame(video),
      composite: (canvas, drawings) => composite(canvas, drawings.map((drawing) => ({ drawing, opacity: 1 }))),
      isProtected: () => video.mediaKeys !== null && video.mediaKeys !== undefined,
    },
  });
  const unseen = markSeenWhenShown(annotations, () => view.get().comments, view.subscribe, deps.call);
  const unmount = mountOverlay(host.frame, {
    player: session.state,
    view,
    commands,
    runner,
    palette: deps.palette,
    book: book.state,
    annotations: annotations.state,
    send: sender.state,
    report: reporter.state,
    // The dialogs' buttons run commands (the palette offers the same); their fields set state.
    reportActions: {
      setFormat: reporter.setFormat,
      make: (blank) => runner.run(blank ? 'report.writeBlank' : 'report.write'),
      cancel: () => runner.run('report.cancel'),
      save: (filename) => runner.run('report.save', filename),
      askPermission: () => runner.run('report.allowCapture'),
      close: () => runner.run('report.close'),
    },
    sendActions: {
      set: sender.set,
      send: () => runner.run('packet.save'),
      copy: () => runner.run('packet.copyText'),
      close: () => runner.run('packet.closeSend'),
    },
    duration: () => (Number.isFinite(video.duration) ? video.duration : null),
    draw: drawings.state,
    history: history.state,
    onFrame: session.onFrame,
    drawActions: {
      pointer: drawings.pointer,
      editTextAt: drawings.editTextAt,
      setTextDraft: drawings.setTextDraft,
      finishText: () => void drawings.finishText(),
      cancelText: drawings.cancelText,
      selected: drawings.selected,
    },
    commentActions: {
      setFilter: (filter) => view.set({ filter }),
      setDraft: book.setDraft,
      save: () => void book.save(),
      cancel: book.cancel,
      rename: (name) => void comments.rename(name),
    },
  });
  // Test hooks (test builds and FrameCoach's own pages only, see test-hooks.ts): what the HUD
  // shows, readable without piercing the shadow root.
  const readable = overlayReadable(video.ownerDocument);
  const publish = () => {
    const s = session.state.get();
    const b = book.state.get();
    const data = host.host.dataset;
    data.time = s.time === null ? '' : String(s.time);
    data.busy = String(s.busy);
    data.fps = s.rate ? String(s.rate.fps) : '';
    data.variable = s.rate ? String(s.rate.variable) : '';
    data.minGap = s.rate ? String(s.rate.minGap) : '';
    data.dropped = s.rate ? String(!!s.rate.dropped) : '';
    data.origin = s.rate?.origin === undefined ? '' : String(s.rate.origin);
    data.table = s.rate?.frames ? String(s.rate.frames.length) : '';
    data.stepMs = s.lastStepMs === null ? '' : s.lastStepMs.toFixed(2);
    data.message = s.message?.text ?? '';
    data.videoId = b.videoId ?? '';
    data.comments = String(b.all.filter((c) => !c.deleted).length);
    data.saving = String(b.saving);
    data.writing = String(annotations.writing());
    data.drawings = String(drawings.state.get().drawings.filter((d) => !d.deleted).length);
    data.tool = drawings.state.get().tool?.tool ?? '';
    data.selected = drawings.state.get().selectedId ?? '';
    data.undo = history.state.get().undo ?? '';
    data.redo = history.state.get().redo ?? '';
    const loaded = annotations.state.get().timing;
    data.openMs = loaded.openMs?.toFixed(2) ?? '';
    data.allMs = loaded.allMs?.toFixed(2) ?? '';
    data.saveMs = b.timing.saveMs?.toFixed(2) ?? '';
    data.playerFps = s.playerFps === null ? '' : String(s.playerFps);
  };
  // The site's own word on the rate: again for each source, picture size (the format
  // playing) and video the element plays (the page's address may change after the source).
  const readPlayerFps = () => session.state.set({ playerFps: site.playerFps?.(video) ?? null });
  for (const type of ['loadedmetadata', 'resize']) video.addEventListener(type, readPlayerFps);
  let fpsFor = annotations.state.get().videoId;
  const offFpsVideo = annotations.state.subscribe((s) => {
    if (s.videoId === fpsFor) return;
    fpsFor = s.videoId;
    readPlayerFps();
  });
  readPlayerFps();
  // A rate measured here is kept on the video's record (frame numbers after a reload).
  const offRate = session.state.subscribe((s) => followed.rememberRate(s.rate && s.rate.samples > 0 ? s.rate : null));
  // Records made before the rate was known get their frame numbers once it is.
  const offFill = fillFrames(session.state, annotations);
  const unsubscribe = [() => ['loadedmetadata', 'resize'].forEach((type) => video.removeEventListener(type, readPlayerFps)), offFpsVideo, offRate, offFill, offVideo, followed.dispose, unseen];
  if (readable) {
    for (const store of [annotations.state, session.state, book.state, drawings.state, history.state]) unsubscribe.push(store.subscribe(publish));
    // The last frame announced while paused (a seek's): a test whose HUD did not follow a seek
    // tells an announcement never made from one not shown.
    // With how many frames were announced at all, and the last: a HUD stuck on a frame while the
    // video moved on tells whether announcements stopped altogether.
    let announced = 0;
    unsubscribe.push(
      session.onFrame((mediaTime) => {
        const data = host.host.dataset;
        data.frames = String(++announced);
        data.lastFrame = String(mediaTime);
        if (video.paused) data.pausedFrame = String(mediaTime);
      }),
    );
    // Test builds: what the video did just before, for a test that finds the HUD off the screen.
    if (TEST_HOOKS) {
      let busy = session.state.get().busy;
      const onBusy = (listener: (busy: boolean) => void) =>
        session.state.subscribe((s) => {
          if (s.busy !== busy) listener((busy = s.busy));
        });
      unsubscribe.push(keepMediaTrail(video, host.host, (listener) => session.onFrame(listener), onBusy));
    }
    publish();
  }
  return {
    session,
    annotations,
    host,
    comments,
    drawings,
    history,
    sender,
    reporter,
    followed,
    typeIntoPalette: (text, back) => typeAhead(text, back, 'palette'),
    onKey(event, target) {
      const within = (cls: string) => !!target.closest(`.${cls}`);
      // Keys typed in the label box go to the label; elsewhere (the comment editor) not.
      if (within('fc-text-input')) editorKey(event, () => void drawings.finishText(), drawings.cancelText);
      else if (deps.palette.state.get().open && within('fc-palette')) paletteKey(deps.palette, event);
      else if (reporter.state.get().open && within('fc-report')) {
        if (event.key === 'Escape') runner.run('report.close');
      } else if (sender.state.get().open && within('fc-send')) editorKey(event, () => runner.run('packet.save'), () => runner.run('packet.closeSend'));
      else if (book.state.get().editor) editorKey(event, () => void book.save(), book.cancel);
    },
    detach() {
      for (const off of unsubscribe) off();
      unmount();
      host.dispose();
      comments.dispose();
      drawings.dispose();
      session.dispose();
    },
  };
}
