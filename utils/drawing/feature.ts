/**
 * Drawings on the attached video: the active tool, the shape being drawn, the selection and
 * edits, and the video's drawings (loaded with its comments, kept in step with other tabs,
 * saved through the background like comments). Every change is a durable write and a step
 * in the shared undo history. Page side; the canvas component renders what this holds.
 */
import type { History } from '../edit/history';
import type { Call } from '../messaging/client';
import type { DrawingDefaults } from '../messaging/contract';
import { pickWinner } from '../model/merge';
import { DEFAULT_STYLE, DEFAULT_TIMING, newDrawing } from '../model/create';
import { mutate } from '../model/mutate';
import type { Annotation, Author, DrawingAnnotation, FrameMark, NormPoint, Shape } from '../model/types';
import type { PlayerSession } from '../player/session';
import { createStore, type Store } from '../player/store';
import { handleAt, movePoint, nextColor, nextHold, nextOf, pickAt, stepWidth, translate } from './edit';
import { startTool, toolStep, MIN_DRAG, type Mode, type PointerInput, type ToolState } from './tools';
import { visibleAt } from './visible';

/** A text label being typed: where, what so far, and the drawing edited (null for a new one). */
export interface TextDraft {
  at: NormPoint;
  draft: string;
  id: string | null;
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
  /** All annotations of the video (drawings are picked out); `replace` for a fresh load. */
  take(videoId: string, annotations: readonly Annotation[], replace: boolean): void;
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
}

export interface DrawingDeps {
  call: Call;
  author(): Author;
  history: History;
  /** Remembers the coach's choice for new drawings (colour, width, hold). */
  saveDefaults(patch: Partial<DrawingDefaults>): void;
}

const drawingsOf = (list: readonly Annotation[]) => list.filter((a): a is DrawingAnnotation => a.kind === 'drawing');
const NUDGE_CENTER = { x: 0.5, y: 0.5 };
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Grab {
  original: DrawingAnnotation;
  /** A handle (point index), or null to move the whole drawing. */
  handle: number | null;
  start: NormPoint;
  size: { width: number; height: number };
  moved: boolean;
}

export function attachDrawings(session: PlayerSession, deps: DrawingDeps): DrawingFeature {
  const { call, author, history } = deps;
  const state = createStore<DrawState>({
    videoId: null,
    drawings: [],
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
  let grab: Grab | null = null;
  let stopwatchAt: NormPoint | null = null;

  const find = (id: string | null) => state.get().drawings.find((d) => d.id === id) ?? null;

  function take(videoId: string, annotations: readonly Annotation[], replace: boolean) {
    const current = replace || state.get().videoId !== videoId ? [] : state.get().drawings;
    const byId = new Map(current.map((d) => [d.id, d]));
    for (const d of drawingsOf(annotations)) {
      if (d.videoId !== videoId) continue;
      const known = byId.get(d.id);
      byId.set(d.id, known ? pickWinner(known, d) : d);
    }
    state.set({ videoId, drawings: [...byId.values()] });
  }

  /** Puts `record` in the list as it is (also to take back an optimistic change). */
  function put(id: string, record: DrawingAnnotation | null) {
    const rest = state.get().drawings.filter((d) => d.id !== id);
    state.set({ drawings: record ? [...rest, record] : rest });
  }

  /** Saves one record, shown at once; on failure it is taken back and the reason shown. */
  async function write(record: DrawingAnnotation): Promise<boolean> {
    const videoId = state.get().videoId;
    if (!videoId) return false;
    const before = find(record.id);
    if (before === record) return true;
    put(record.id, record);
    try {
      const { stored } = await call('annotation.save', { annotation: record });
      take(videoId, [stored], false);
      state.set({ error: null });
      return true;
    } catch (error) {
      put(record.id, before);
      state.set({ error: `The drawing was not saved: ${errorText(error)}` });
      return false;
    }
  }

  /** What an undo or redo puts back: a drawing's content, not its identity or version. */
  const contentOf = (d: DrawingAnnotation) => ({
    shape: d.shape,
    style: d.style,
    timing: d.timing,
    commentId: d.commentId,
    deleted: d.deleted,
    time: d.time,
    frame: d.frame,
  });

  /** Writes `next` (a new drawing or an edit of `before`) and records it for undo. */
  async function commit(label: string, before: DrawingAnnotation | null, next: DrawingAnnotation): Promise<boolean> {
    if (before === next) return true;
    const ok = await write(next);
    if (!ok) return false;
    const id = next.id;
    const restore = (content: Partial<DrawingAnnotation>) => async () => {
      const current = find(id);
      return current ? write(mutate(current, content)) : false;
    };
    history.push({
      label,
      undo: restore(before ? contentOf(before) : { deleted: true }),
      redo: restore(contentOf(next)),
    });
    return true;
  }

  async function edit(label: string, change: (d: DrawingAnnotation) => DrawingAnnotation): Promise<boolean> {
    const d = selected();
    return d ? commit(label, d, change(d)) : false;
  }

  async function create(shape: Shape): Promise<boolean> {
    const videoId = state.get().videoId;
    const at = await session.hold();
    if (!videoId || !at) {
      state.set({ error: 'No frame is shown yet: wait for the video to load, then draw.' });
      return false;
    }
    const { color, width, holdSeconds } = state.get().defaults;
    const drawing = newDrawing({
      videoId,
      time: at.time,
      frame: at.frame,
      shape,
      author: author(),
      style: { color, width },
      timing: { ...DEFAULT_TIMING, holdSeconds },
    });
    const ok = await commit(`draw ${shape.tool}`, null, drawing);
    if (ok) state.set({ selectedId: drawing.id });
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

  /** The stopwatch: each click (or Enter) marks the frame on screen. */
  async function mark(point: NormPoint) {
    const at = await session.hold();
    if (!at) return;
    const marks = state.get().marks;
    if (marks.some((m) => Math.abs(m.time - at.time) < 1e-6)) {
      state.set({ error: 'This frame is marked already: step to the next moment (. or ,) and mark it.' });
      return;
    }
    stopwatchAt ??= point;
    const next = [...marks, { time: at.time, frame: at.frame }].sort((a, b) => a.time - b.time);
    state.set({ marks: next, preview: { tool: 'stopwatch', at: stopwatchAt, marks: next }, error: null });
  }

  /** Saves the stopwatch (two marks or more) over the marked span, and clears it. */
  async function finishStopwatch() {
    const marks = state.get().marks;
    const at = stopwatchAt;
    stopwatchAt = null;
    state.set({ marks: [], preview: null });
    const first = marks[0];
    const last = marks[marks.length - 1];
    if (!at || !first || !last || marks.length < 2) return;
    const videoId = state.get().videoId;
    if (!videoId) return;
    const { color, width, holdSeconds } = state.get().defaults;
    const drawing = newDrawing({
      videoId,
      time: first.time,
      frame: first.frame,
      shape: { tool: 'stopwatch', at, marks },
      author: author(),
      style: { color, width },
      timing: { ...DEFAULT_TIMING, holdSeconds, endTime: last.time },
    });
    // Saved as the tool is left: nothing stays selected once no tool is active.
    if ((await commit('stopwatch', null, drawing)) && state.get().tool) state.set({ selectedId: drawing.id });
  }

  function selectPointer(input: PointerInput) {
    const size = input.size ?? { width: 640, height: 360 };
    const p = input.point;
    if (input.type === 'down') {
      const current = selected();
      const handle = current ? handleAt(current.shape, p, size) : null;
      const target = handle !== null ? current : pickAt(onScreen(), p, size);
      state.set({ selectedId: target?.id ?? null, editing: null });
      grab = target ? { original: target, handle, start: p, size, moved: false } : null;
      return;
    }
    if (!grab) return;
    const { original, handle, start } = grab;
    grab.moved ||= Math.hypot(p.x - start.x, p.y - start.y) >= MIN_DRAG;
    const shape = grab.moved
      ? handle === null
        ? translate(original.shape, p.x - start.x, p.y - start.y)
        : movePoint(original.shape, handle, p, grab.size)
      : original.shape;
    if (input.type === 'move') {
      state.set({ editing: { ...original, shape } });
      return;
    }
    grab = null;
    state.set({ editing: null });
    if (shape !== original.shape) void commit(handle === null ? 'move drawing' : 'reshape drawing', original, mutate(original, { shape }));
  }

  function pointer(input: PointerInput) {
    const tool = state.get().tool;
    if (!tool) return;
    if (state.get().text) {
      // A click away from the label being typed places it, as in any editor.
      if (input.type === 'down') void finishText();
      return;
    }
    if (tool.tool === 'select') return selectPointer(input);
    if (tool.tool === 'stopwatch') {
      if (input.type === 'down') void mark(input.point);
      return;
    }
    if (input.type === 'down') state.set({ selectedId: null });
    const step = toolStep(tool, input);
    state.set({ tool: step.state, preview: step.preview });
    if (!step.done) return;
    if (step.done.tool === 'text') state.set({ text: { at: step.done.at, draft: '', id: null }, preview: null });
    else void create(step.done);
  }

  function setTool(mode: Mode | null) {
    if (state.get().tool?.tool === 'stopwatch' && mode !== 'stopwatch') void finishStopwatch();
    grab = null;
    state.set({
      tool: mode ? startTool(mode) : null,
      preview: null,
      editing: null,
      text: null,
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
    take,
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
      const videoId = state.get().videoId;
      const at = await session.hold();
      if (!source || !videoId || !at) return false;
      // On the same frame, offset the copy so it is seen; on another frame, same place.
      const sameFrame = Math.abs(source.time - at.time) < (session.state.get().rate?.minGap ?? 1 / 30) / 2;
      const shape = sameFrame ? translate(source.shape, 0.02, 0.02) : source.shape;
      const endTime = source.timing.endTime === null ? null : at.time + (source.timing.endTime - source.time);
      const copy = newDrawing({
        videoId,
        time: at.time,
        frame: at.frame,
        shape,
        author: author(),
        style: source.style,
        timing: { ...source.timing, endTime },
      });
      const ok = await commit('paste drawing', null, copy);
      if (ok) state.set({ selectedId: copy.id });
      return ok;
    },
    async link(drawingId, commentId) {
      const d = find(drawingId);
      return d ? commit(commentId ? 'link to comment' : 'unlink comment', d, mutate(d, { commentId })) : false;
    },
    setTextDraft(text) {
      const t = state.get().text;
      if (t) state.set({ text: { ...t, draft: text } });
    },
    finishText,
    cancelText: () => state.set({ text: null }),
  };

  async function finishText() {
    const t = state.get().text;
    if (!t) return;
    const text = t.draft.replace(/\s+$/, '').slice(0, 2_000);
    const existing = find(t.id);
    let ok = true; // nothing typed: nothing to keep
    if (text.trim() && existing?.shape.tool === 'text') {
      ok = await commit('edit text', existing, mutate(existing, { shape: { ...existing.shape, text } }));
    } else if (text.trim()) {
      ok = await create({ tool: 'text', at: t.at, text });
    }
    // A failed save keeps the box open with the words in it.
    if (ok && state.get().text === t) state.set({ text: null });
  }

  function setHold(seconds: number): Promise<boolean> {
    remember({ holdSeconds: seconds });
    return edit('change hold', (x) => mutate(x, { timing: { ...x.timing, holdSeconds: seconds, endTime: null } }));
  }

  function remember(patch: Partial<DrawingDefaults>) {
    state.set({ defaults: { ...state.get().defaults, ...patch } });
    deps.saveDefaults(patch);
  }
}
