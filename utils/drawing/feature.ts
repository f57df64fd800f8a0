/**
 * Drawings on the attached video: the active tool, the shape being drawn, the selection and
 * edits. The drawings themselves are the video's annotations (utils/annotations), read from
 * there; every change is a durable write and a step in the shared undo history
 * (changes.ts). Page side; the canvas component renders what this holds.
 */
import { shownRecords, type VideoAnnotations } from '../annotations/video-annotations';
import { numberMarks, settledRate } from '../annotations/fill-frames';
import type { KeyLabel } from '../commands/keys';
import type { History } from '../edit/history';
import { frameAt } from '../frames/rate';
import type { DrawingDefaults } from '../messaging/contract';
import { DEFAULT_STYLE, DEFAULT_TIMING, newDrawing } from '../model/create';
import { mutate } from '../model/mutate';
import type { Annotation, Author, DrawingAnnotation, FrameMark, NormPoint, Shape } from '../model/types';
import type { PlayerSession } from '../player/session';
import { createStore, type Store } from '../player/store';
import { drawingChanges } from './changes';
import { labelText } from './label-text';
import { selectDrag } from './select-drag';
import { stopwatchMarks } from './stopwatch-marks';
import { nextColor, nextHold, nextOf, pickAt, stepWidth, translate } from './edit';
import { startTool, toolStep, type Mode, type PointerInput, type ToolState } from './tools';
import { visibleAt } from './visible';

/** A text label being typed: where, what so far, and the drawing edited (null for a new one). */
export interface TextDraft {
  at: NormPoint;
  draft: string;
  id: string | null;
  /** The frame it was placed on (a new label is saved there, wherever the video is by then). */
  place?: Place;
}

/** A video and a frame on it. */
export interface Place {
  videoId: string;
  time: number;
  frame: number | null;
}

export interface DrawState {
  videoId: string | null;
  drawings: readonly DrawingAnnotation[];
  tool: ToolState | null;
  preview: Shape | null;
  selectedId: string | null;
  /** The selected drawing as it looks mid-drag (not saved yet), drawn in its place. */
  editing: DrawingAnnotation | null;
  text: TextDraft | null;
  /** The stopwatch's marks so far. */
  marks: readonly FrameMark[];
  /** The keyboard pointer (arrows move it, Enter places a point), once used. */
  cursor: NormPoint | null;
  clipboard: DrawingAnnotation | null;
  defaults: DrawingDefaults;
  error: string | null;
}

export interface DrawingFeature {
  readonly state: Store<DrawState>;
  setDefaults(defaults: DrawingDefaults): void;
  setTool(mode: Mode | null): void;
  pointer(input: PointerInput): void;
  /** Arrow keys: move the selected drawing, or the keyboard pointer of a tool. */
  nudge(dx: number, dy: number): void;
  /** Enter: a click at the keyboard pointer (or edit the selected label's text). */
  place(): void;
  /** Double-click with Select: edits the text of the label under the pointer. */
  editTextAt(input: PointerInput): void;
  /** Tab: select the next (previous) drawing on screen. */
  selectNext(back: boolean): void;
  /** The selected drawing if it is on screen now. */
  selected(): DrawingAnnotation | null;
  remove(): Promise<boolean>;
  recolor(color?: string): Promise<boolean>;
  changeWidth(direction: 1 | -1): Promise<boolean>;
  setHold(seconds: number): Promise<boolean>;
  /** The next hold on the ladder, from the selected drawing's (or the default). */
  cycleHold(): Promise<boolean>;
  /** Shows the selected drawing over the A–B range (or back to its frame when it already is). */
  toggleRange(): Promise<boolean>;
  copy(): void;
  /** A copy of the clipboard's drawing on the frame on screen. */
  paste(): Promise<boolean>;
  /** Links a drawing to a comment (null unlinks). */
  link(drawingId: string, commentId: string | null): Promise<boolean>;
  setTextDraft(text: string): void;
  finishText(): Promise<void>;
  cancelText(): void;
  dispose(): void;
}

export interface DrawingDeps {
  annotations: VideoAnnotations;
  author(): Author;
  history: History;
  /** Remembers the coach's choice for new drawings (colour, width, hold). */
  saveDefaults(patch: Partial<DrawingDefaults>): void;
  /** A command's key as bound now (keys.ts `keyText`), for the messages that name one. */
  key: KeyLabel;
}

const drawingsOf = (list: readonly Annotation[]) => list.filter((a): a is DrawingAnnotation => a.kind === 'drawing');
const NUDGE_CENTER = { x: 0.5, y: 0.5 };

export function attachDrawings(session: PlayerSession, deps: DrawingDeps): DrawingFeature {
  const { annotations, author, history } = deps;
  const source = annotations.state;
  const state = createStore<DrawState>({
    videoId: source.get().videoId,
    drawings: drawingsOf(shownRecords(source.get())),
    tool: null,
    preview: null,
    selectedId: null,
    editing: null,
    text: null,
    marks: [],
    cursor: null,
    clipboard: null,
    defaults: { color: DEFAULT_STYLE.color, width: DEFAULT_STYLE.width, holdSeconds: DEFAULT_TIMING.holdSeconds },
    error: null,
  });
  const { change } = drawingChanges(annotations, history, (error) => state.set({ error }));
  const select = selectDrag({ state, selected: () => selected(), onScreen: () => onScreen(), canEdit: annotations.canEdit, change, key: deps.key });
  const stopwatch = stopwatchMarks({ state, here: () => here(), create: (shape, place, extra) => create(shape, place, extra) });
  const finishStopwatch = stopwatch.finish;
  const finishText = labelText({ state, change, create: (shape, place) => create(shape, place) });

  let seenRecords = shownRecords(source.get());
  const off = source.subscribe((s) => {
    const previous = state.get().videoId;
    const shown = shownRecords(s);
    if (s.videoId === previous && shown === seenRecords) return;
    seenRecords = shown;
    // Another video: what was in progress on the old one is saved there or dropped.
    if (previous !== null && s.videoId !== previous) leaveVideo();
    state.set({ videoId: s.videoId, drawings: drawingsOf(shown) });
  });

  // Stopwatch marks made before the rate was known (Firefox knows only a position inside the
  // frame then) get their frames, and their frames' starts, once it is: the reading says the
  // frames, and the milliseconds between the frames themselves.
  const offRate = session.state.subscribe((s) => {
    const { marks, preview } = state.get();
    const numbered = numberMarks(marks, settledRate(s));
    if (numbered !== marks) state.set({ marks: numbered, preview: preview?.tool === 'stopwatch' ? { ...preview, marks: numbered } : preview });
  });

  function leaveVideo() {
    void finishText();
    void finishStopwatch();
    select.cancel();
    state.set({ selectedId: null, editing: null, preview: null, tool: state.get().tool && startTool(state.get().tool!.tool) });
  }

  /** Changes the selected drawing (as it is when the change's turn comes). */
  function edit(label: string, build: (d: DrawingAnnotation) => DrawingAnnotation): Promise<boolean> {
    const id = selected()?.id;
    return id ? change(label, id, (d) => d && build(d)) : Promise.resolve(false);
  }

  /** The frame on screen of the video shown, paused. */
  async function here(): Promise<Place | null> {
    const videoId = state.get().videoId;
    const at = await session.hold();
    if (!videoId || !at || state.get().videoId !== videoId) {
      state.set({ error: 'No frame is shown yet: wait for the video to load, then draw.' });
      return null;
    }
    return { videoId, ...at };
  }

  /** A new drawing of `shape` at `place` (default: the frame on screen), selected once saved if a tool is still active. */
  async function create(
    shape: Shape,
    place?: Place,
    extra: Partial<Pick<DrawingAnnotation, 'style' | 'timing'>> = {},
    label = shape.tool === 'stopwatch' ? 'stopwatch' : `draw ${shape.tool}`,
  ): Promise<boolean> {
    const where = place ?? (await here());
    if (!where) return false;
    const { color, width, holdSeconds } = state.get().defaults;
    let made: DrawingAnnotation | null = null;
    // Made inside the change, so whatever goes wrong is reported there.
    const ok = await change(label, null, () =>
      (made = newDrawing({
        videoId: where.videoId,
        time: where.time,
        frame: where.frame,
        shape,
        author: author(),
        style: extra.style ?? { color, width },
        timing: extra.timing ?? { ...DEFAULT_TIMING, holdSeconds },
      })),
    );
    const drawing = made as DrawingAnnotation | null;
    if (ok && drawing && state.get().tool && state.get().videoId === drawing.videoId) state.set({ selectedId: drawing.id });
    return ok;
  }

  function onScreen(): DrawingAnnotation[] {
    const s = session.state.get();
    return visibleAt(state.get().drawings, s.time, s.paused, s.rate?.minGap ?? 1 / 30).map((v) => v.item);
  }

  function selected(): DrawingAnnotation | null {
    const id = state.get().selectedId;
    return id ? onScreen().find((d) => d.id === id) ?? null : null;
  }

  function pointer(input: PointerInput) {
    const tool = state.get().tool;
    if (!tool) return;
    if (input.type === 'cancel') {
      // The system took the pointer (a touch turned into a scroll, a pen left): drop the gesture.
      select.cancel();
      state.set({ tool: startTool(tool.tool), preview: tool.tool === 'stopwatch' ? state.get().preview : null, editing: null });
      return;
    }
    if (state.get().text) {
      // A click away from the label being typed places it, as in any editor.
      if (input.type === 'down') void finishText();
      return;
    }
    if (tool.tool === 'select') return select.pointer(input);
    if (tool.tool === 'stopwatch') {
      if (input.type === 'down') void stopwatch.mark(input.point);
      return;
    }
    if (input.type === 'down') state.set({ selectedId: null });
    const step = toolStep(tool, input);
    state.set({ tool: step.state, preview: step.preview });
    if (!step.done) return;
    if (step.done.tool === 'text') state.set({ text: { at: step.done.at, draft: '', id: null, place: placeNow() }, preview: null });
    else void create(step.done);
  }

  /** The frame on screen now, without waiting (the tool paused the video when picked). */
  function placeNow(): Place | undefined {
    const videoId = state.get().videoId;
    const { time, rate } = session.state.get();
    if (!videoId || time === null) return undefined;
    return { videoId, time, frame: frameAt(time, rate) };
  }

  function setTool(mode: Mode | null) {
    if (state.get().tool?.tool === 'stopwatch' && mode !== 'stopwatch') void finishStopwatch();
    // A label being typed is placed, not lost.
    if (state.get().text) void finishText();
    select.cancel();
    state.set({
      tool: mode ? startTool(mode) : null,
      preview: null,
      editing: null,
      cursor: null,
      error: null,
      // Select keeps what was selected; a drawing tool starts something new; leaving clears it.
      ...(mode !== 'select' ? { selectedId: null } : {}),
    });
    if (mode) void session.hold();
  }

  const KEYBOARD_SIZE = { width: 1280, height: 720 };

  return {
    state,
    setDefaults: (defaults) => state.set({ defaults }),
    setTool,
    pointer,
    nudge(dx, dy) {
      const tool = state.get().tool;
      if (!tool) return;
      if (tool.tool === 'select') {
        void edit('move drawing', (d) => mutate(d, { shape: translate(d.shape, dx, dy) }));
        return;
      }
      const from = state.get().cursor ?? tool.hover ?? NUDGE_CENTER;
      const cursor = { x: Math.min(1, Math.max(0, from.x + dx)), y: Math.min(1, Math.max(0, from.y + dy)) };
      state.set({ cursor });
      if (tool.dragging) pointer({ type: 'move', point: cursor, size: KEYBOARD_SIZE });
    },
    place() {
      const tool = state.get().tool;
      if (!tool) return;
      if (tool.tool === 'select') {
        const d = selected();
        if (d?.shape.tool === 'text') state.set({ text: { at: d.shape.at, draft: d.shape.text, id: d.id } });
        return;
      }
      const point = state.get().cursor ?? tool.hover ?? NUDGE_CENTER;
      if (!state.get().cursor) state.set({ cursor: point });
      pointer({ type: tool.dragging ? 'up' : 'down', point, size: KEYBOARD_SIZE });
    },
    editTextAt(input) {
      if (state.get().tool?.tool !== 'select') return;
      const d = pickAt(onScreen(), input.point, input.size ?? KEYBOARD_SIZE);
      if (d?.shape.tool === 'text') state.set({ selectedId: d.id, text: { at: d.shape.at, draft: d.shape.text, id: d.id } });
    },
    selectNext(back) {
      const next = nextOf(onScreen(), state.get().selectedId, back);
      state.set({ selectedId: next?.id ?? null });
    },
    selected,
    async remove() {
      const ok = await edit('delete drawing', (d) => mutate(d, { deleted: true }));
      if (ok) state.set({ selectedId: null });
      return ok;
    },
    async recolor(color) {
      const d = selected();
      const next = color ?? nextColor(d?.style.color ?? state.get().defaults.color);
      remember({ color: next });
      return edit('recolor drawing', (x) => mutate(x, { style: { ...x.style, color: next } }));
    },
    async changeWidth(direction) {
      const d = selected();
      const next = stepWidth(d?.style.width ?? state.get().defaults.width, direction);
      remember({ width: next });
      return edit('change stroke width', (x) => mutate(x, { style: { ...x.style, width: next } }));
    },
    setHold,
    cycleHold() {
      return setHold(nextHold(selected()?.timing.holdSeconds ?? state.get().defaults.holdSeconds));
    },
    async toggleRange() {
      const d = selected();
      if (!d) return false;
      if (d.timing.endTime !== null) return edit('show on its frame', (x) => mutate(x, { timing: { ...x.timing, endTime: null } }));
      const { loopOut } = session.state.get();
      if (loopOut === null || loopOut <= d.time) {
        state.set({ error: 'Set the end of the range with ] on a later frame first (the drawing shows from its frame to there).' });
        return false;
      }
      return edit('show over a range', (x) => mutate(x, { timing: { ...x.timing, endTime: loopOut } }));
    },
    copy() {
      const d = selected();
      if (d) state.set({ clipboard: d, error: null });
    },
    async paste() {
      const source = state.get().clipboard;
      const at = await here();
      if (!source || !at) return false;
      // On the same frame, offset the copy so it is seen; on another frame, same place.
      const sameFrame = source.videoId === at.videoId && Math.abs(source.time - at.time) < (session.state.get().rate?.minGap ?? 1 / 30) / 2;
      const shape = sameFrame ? translate(source.shape, 0.02, 0.02) : source.shape;
      const endTime = source.timing.endTime === null ? null : at.time + (source.timing.endTime - source.time);
      return create(shape, at, { style: source.style, timing: { ...source.timing, endTime } }, 'paste drawing');
    },
    link(drawingId, commentId) {
      return change(commentId ? 'link to comment' : 'unlink comment', drawingId, (d) => d && mutate(d, { commentId }));
    },
    setTextDraft(text) {
      const t = state.get().text;
      if (t) state.set({ text: { ...t, draft: text } });
    },
    finishText,
    cancelText: () => state.set({ text: null }),
    dispose() {
      off();
      offRate();
    },
  };

  function setHold(seconds: number): Promise<boolean> {
    remember({ holdSeconds: seconds });
    return edit('change hold', (x) => mutate(x, { timing: { ...x.timing, holdSeconds: seconds, endTime: null } }));
  }

  function remember(patch: Partial<DrawingDefaults>) {
    state.set({ defaults: { ...state.get().defaults, ...patch } });
    deps.saveDefaults(patch);
  }
}
