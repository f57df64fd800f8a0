import { describe, expect, it, vi } from 'vitest';
import { BUILTIN_COMMANDS } from '../../utils/commands/builtin';
import { createResolver, defaultRules } from '../../utils/commands/keybindings';
import { keyText } from '../../utils/commands/keys';
import { PALETTE } from '../../utils/drawing/colors';
import { attachDrawings } from '../../utils/drawing/feature';
import { createHistory } from '../../utils/edit/history';
import type { Call } from '../../utils/messaging/client';
import type { DrawingDefaults } from '../../utils/messaging/contract';
import { pointsOf } from '../../utils/model/shape';
import type { Annotation, DrawingAnnotation, NormPoint, Shape } from '../../utils/model/types';
import { FPS, SIZE, author, down, fakeSession, loadedAnnotations, move, p, settle, up } from './drawing-fixtures';

/** The background: echoes every save as stored, or fails when told to. */
function fakeBackground() {
  const saves: DrawingAnnotation[] = [];
  let failWith: string | null = null;
  const call = (async (type: string, args: { annotation: Annotation }) => {
    if (type !== 'annotation.save') throw new Error(`unexpected ${type}`);
    if (args.annotation.kind !== 'drawing') throw new Error('expected a drawing');
    saves.push(args.annotation);
    if (failWith) throw new Error(failWith);
    return { stored: args.annotation, accepted: true };
  }) as unknown as Call;
  return { call, saves, fail: (message: string | null) => (failWith = message) };
}

/** The keys as a user bound them: copy is Ctrl+K (Ctrl+C and Meta+C do nothing). */
const REBOUND = createResolver([
  ...defaultRules(BUILTIN_COMMANDS),
  { key: 'ctrl+c', command: '-draw.copy' },
  { key: 'meta+c', command: '-draw.copy' },
  { key: 'ctrl+k', command: 'draw.copy' },
]);

function setup(frame = 10) {
  const player = fakeSession(frame);
  const bg = fakeBackground();
  const history = createHistory();
  const defaultsSaved: Partial<DrawingDefaults>[] = [];
  const annotations = loadedAnnotations(bg.call, author, 'v1');
  const feature = attachDrawings(player.session, {
    annotations,
    author: () => author,
    history,
    saveDefaults: (patch) => void defaultsSaved.push(patch),
    key: (id) => keyText(REBOUND, id),
  });
  const drawings = () => feature.state.get().drawings;
  const only = () => {
    expect(drawings()).toHaveLength(1);
    return drawings()[0]!;
  };
  return { ...player, bg, history, annotations, feature, defaultsSaved, drawings, only };
}

type Setup = ReturnType<typeof setup>;

/** Draws a line from (0.2, 0.3) to (0.6, 0.7) with the mouse and waits for its save. */
async function drawLine(s: Setup, from = p(0.2, 0.3), to = p(0.6, 0.7)) {
  s.feature.setTool('line');
  s.feature.pointer(down(from.x, from.y));
  s.feature.pointer(move((from.x + to.x) / 2, (from.y + to.y) / 2));
  s.feature.pointer(up(to.x, to.y));
  await settle();
  return s.drawings().at(-1)!;
}

function expectPointsClose(actual: Shape, expected: readonly NormPoint[]) {
  const points = pointsOf(actual);
  expect(points).toHaveLength(expected.length);
  points.forEach((q, i) => {
    expect(q.x).toBeCloseTo(expected[i]!.x, 12);
    expect(q.y).toBeCloseTo(expected[i]!.y, 12);
  });
}

describe('drawing feature: drawing and undo', () => {
  it('a line drawn with the mouse is saved once, on the frame on screen, and selected', async () => {
    const s = setup();
    const d = await drawLine(s);
    expect(s.bg.saves).toHaveLength(1);
    expect(s.bg.saves[0]).toBe(d);
    expect(d).toMatchObject({
      kind: 'drawing',
      videoId: 'v1',
      time: 10 / FPS,
      frame: 10,
      shape: { tool: 'line', from: p(0.2, 0.3), to: p(0.6, 0.7) },
      style: { color: '#ffcf3f', width: 3 },
      timing: { holdSeconds: 1, endTime: null },
      author,
      version: 1,
      deleted: false,
    });
    expect(s.feature.state.get()).toMatchObject({ selectedId: d.id, preview: null, error: null });
    expect(s.feature.selected()).toBe(d);
    expect(s.history.state.get()).toEqual({ undo: 'draw line', redo: null, busy: false });
  });

  it('the preview follows the pointer while drawing, and nothing is saved before release', async () => {
    const s = setup();
    s.feature.setTool('line');
    s.feature.pointer(down(0.2, 0.3));
    s.feature.pointer(move(0.4, 0.5));
    expect(s.feature.state.get().preview).toEqual({ tool: 'line', from: p(0.2, 0.3), to: p(0.4, 0.5) });
    await settle();
    expect(s.bg.saves).toEqual([]);
  });

  it('new drawings use the defaults given', async () => {
    const s = setup();
    s.feature.setDefaults({ color: '#3fd0ff', width: 6, holdSeconds: 2 });
    const d = await drawLine(s);
    expect(d.style).toEqual({ color: '#3fd0ff', width: 6 });
    expect(d.timing.holdSeconds).toBe(2);
  });

  it('undo deletes the new drawing (a saved tombstone); redo brings it back', async () => {
    const s = setup();
    const d = await drawLine(s);
    expect(await s.history.undo()).toBe(true);
    expect(s.only()).toMatchObject({ id: d.id, deleted: true, version: 2, shape: d.shape });
    expect(s.bg.saves).toHaveLength(2);
    expect(s.bg.saves[1]).toMatchObject({ id: d.id, deleted: true, version: 2 });
    expect(s.history.state.get()).toEqual({ undo: null, redo: 'draw line', busy: false });

    expect(await s.history.redo()).toBe(true);
    expect(s.only()).toMatchObject({ id: d.id, deleted: false, version: 3, shape: d.shape });
    expect(s.bg.saves).toHaveLength(3);
    expect(s.history.state.get()).toEqual({ undo: 'draw line', redo: null, busy: false });
  });

  it('a failed undo leaves the drawing as it was and can be tried again', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.bg.fail('disk full');
    expect(await s.history.undo()).toBe(false);
    expect(s.only()).toBe(d);
    expect(s.feature.state.get().error).toMatch(/not saved.*disk full/);
    expect(s.history.state.get().undo).toBe('draw line');
    s.bg.fail(null);
    expect(await s.history.undo()).toBe(true);
    expect(s.only().deleted).toBe(true);
  });

  it('a failed save takes the optimistic change back, shows why, and records no step', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.bg.fail('quota exceeded');
    expect(await s.feature.recolor('#ff4d4d')).toBe(false);
    expect(s.only()).toBe(d);
    expect(s.feature.state.get().error).toBe('The drawing was not saved: quota exceeded');
    expect(s.history.state.get()).toEqual({ undo: 'draw line', redo: null, busy: false });
  });

  it('a new drawing that fails to save is not kept', async () => {
    const s = setup();
    s.bg.fail('quota exceeded');
    await drawLine(s);
    expect(s.drawings()).toEqual([]);
    expect(s.bg.saves).toHaveLength(1);
    expect(s.feature.state.get().error).toMatch(/quota exceeded/);
    expect(s.history.state.get().undo).toBeNull();
  });

  it('a new drawing that can not even be made (a browser without an API it needs) says why and keeps nothing', async () => {
    const s = setup();
    vi.stubGlobal('crypto', {});
    try {
      await drawLine(s);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(s.drawings()).toEqual([]);
    expect(s.bg.saves).toHaveLength(0);
    expect(s.feature.state.get().error).toMatch(/^The drawing was not saved: /);
    expect(s.history.state.get()).toMatchObject({ undo: null, busy: false });
  });
});

describe('drawing feature: select, move and reshape', () => {
  it('select tool: press on the drawing and drag moves it; release saves once', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.setTool(null);
    s.feature.setTool('select');
    expect(s.feature.state.get().selectedId).toBeNull();

    s.feature.pointer(down(0.4, 0.5)); // the middle of the line
    expect(s.feature.state.get().selectedId).toBe(d.id);
    s.feature.pointer(move(0.45, 0.52));
    expectPointsClose(s.feature.state.get().editing!.shape, [p(0.25, 0.32), p(0.65, 0.72)]);
    expect(s.bg.saves).toHaveLength(1);
    s.feature.pointer(move(0.5, 0.55));
    s.feature.pointer(up(0.5, 0.55));
    await settle();

    expect(s.bg.saves).toHaveLength(2);
    const moved = s.only();
    expect(moved).toMatchObject({ id: d.id, version: 2, time: d.time });
    expectPointsClose(moved.shape, [p(0.3, 0.35), p(0.7, 0.75)]);
    expect(s.feature.state.get().editing).toBeNull();
    expect(s.history.state.get().undo).toBe('move drawing');

    expect(await s.history.undo()).toBe(true);
    expect(s.only().shape).toEqual(d.shape);
    expect(s.only().version).toBe(3);
    expect(await s.history.redo()).toBe(true);
    expectPointsClose(s.only().shape, [p(0.3, 0.35), p(0.7, 0.75)]);
  });

  it('a click without a drag selects but saves nothing', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.setTool('select');
    s.feature.pointer(down(0.4, 0.5));
    s.feature.pointer(up(0.4, 0.5));
    await settle();
    expect(s.feature.state.get().selectedId).toBe(d.id);
    expect(s.bg.saves).toHaveLength(1);
    expect(s.history.state.get().undo).toBe('draw line');
  });

  it('a press on empty picture clears the selection', async () => {
    const s = setup();
    await drawLine(s);
    s.feature.setTool('select');
    s.feature.pointer(down(0.9, 0.1));
    expect(s.feature.state.get().selectedId).toBeNull();
    expect(s.feature.selected()).toBeNull();
  });

  it("dragging someone else's drawing moves nothing and says to copy it, with the copy key bound now", async () => {
    const s = setup();
    const d = await drawLine(s);
    s.annotations.setMe({ id: 'a2', name: 'Kim' }); // the line is Sam's now, not mine
    s.feature.setTool('select');
    s.feature.pointer(down(0.4, 0.5));
    s.feature.pointer(move(0.5, 0.55));
    s.feature.pointer(up(0.5, 0.55));
    await settle();
    expect(s.feature.state.get().error).toBe('Sam drew this: you can copy it (Ctrl+K), not move or reshape it.');
    expect(s.only()).toMatchObject({ id: d.id, version: 1, shape: d.shape });
  });

  it('dragging a handle of the selected drawing reshapes it', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.setTool('select'); // keeps the new line selected
    s.feature.pointer(down(0.6 + 3 / SIZE.width, 0.7)); // 3 px from the end
    s.feature.pointer(move(0.7, 0.5));
    s.feature.pointer(up(0.8, 0.2));
    await settle();
    expect(s.only()).toMatchObject({ id: d.id, version: 2, shape: { tool: 'line', from: p(0.2, 0.3), to: p(0.8, 0.2) } });
    expect(s.history.state.get().undo).toBe('reshape drawing');
    await s.history.undo();
    expect(s.only().shape).toEqual(d.shape);
  });

  it('only drawings on the frame on screen can be selected and edited', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.show(20);
    expect(s.feature.selected()).toBeNull();
    expect(await s.feature.recolor('#ff4d4d')).toBe(false);
    expect(s.only()).toBe(d);
    s.feature.setTool('select');
    s.feature.pointer(down(0.4, 0.5));
    expect(s.feature.state.get().selectedId).toBeNull();
  });

  it('Tab selects the drawings on screen in turn', async () => {
    const s = setup();
    const a = await drawLine(s);
    const b = await drawLine(s, p(0.1, 0.1), p(0.3, 0.1));
    s.feature.setTool('select');
    s.feature.selectNext(false);
    expect(s.feature.state.get().selectedId).toBe(a.id);
    s.feature.selectNext(false);
    expect(s.feature.state.get().selectedId).toBe(b.id);
    s.feature.selectNext(false);
    expect(s.feature.state.get().selectedId).toBe(a.id);
  });

  it('setTool(null) clears the selection; select keeps it', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.setTool('select');
    expect(s.feature.state.get().selectedId).toBe(d.id);
    s.feature.setTool(null);
    expect(s.feature.state.get().selectedId).toBeNull();
    expect(s.feature.state.get().tool).toBeNull();
  });
});

describe('drawing feature: style and timing of the selected drawing', () => {
  it('recolor steps through the palette and remembers the choice for new drawings', async () => {
    const s = setup();
    const d = await drawLine(s);
    expect(await s.feature.recolor()).toBe(true);
    expect(s.only()).toMatchObject({ id: d.id, version: 2, style: { color: PALETTE[1], width: 3 } });
    expect(s.defaultsSaved).toEqual([{ color: PALETTE[1] }]);
    expect(s.feature.state.get().defaults.color).toBe(PALETTE[1]);
    expect(s.history.state.get().undo).toBe('recolor drawing');

    expect(await s.feature.recolor('#5cff7a')).toBe(true);
    expect(s.only().style.color).toBe('#5cff7a');
    expect(s.defaultsSaved.at(-1)).toEqual({ color: '#5cff7a' });

    await s.history.undo();
    expect(s.only().style.color).toBe(PALETTE[1]);
  });

  it('changeWidth steps the stroke width and remembers it', async () => {
    const s = setup();
    await drawLine(s);
    expect(await s.feature.changeWidth(1)).toBe(true);
    expect(s.only().style).toEqual({ color: '#ffcf3f', width: 4 });
    expect(await s.feature.changeWidth(-1)).toBe(true);
    expect(await s.feature.changeWidth(-1)).toBe(true);
    expect(s.only().style.width).toBe(2);
    expect(s.defaultsSaved).toEqual([{ width: 4 }, { width: 3 }, { width: 2 }]);
    expect(s.feature.state.get().defaults.width).toBe(2);
    expect(s.history.state.get().undo).toBe('change stroke width');
  });

  it('setHold sets the playback hold (and back to a hold from a range); cycleHold climbs the ladder', async () => {
    const s = setup();
    await drawLine(s);
    s.session.state.set({ loopOut: 20 / FPS });
    await s.feature.toggleRange();
    expect(s.only().timing.endTime).toBeCloseTo(20 / FPS, 12);
    expect(await s.feature.setHold(2)).toBe(true);
    expect(s.only().timing).toMatchObject({ holdSeconds: 2, endTime: null });
    expect(s.defaultsSaved.at(-1)).toEqual({ holdSeconds: 2 });
    expect(s.history.state.get().undo).toBe('change hold');
    expect(await s.feature.cycleHold()).toBe(true);
    expect(s.only().timing.holdSeconds).toBe(4);
    expect(await s.feature.cycleHold()).toBe(true);
    expect(s.only().timing.holdSeconds).toBe(0.5);
    expect(s.feature.state.get().defaults.holdSeconds).toBe(0.5);
  });

  it('with nothing selected, a style change only sets the default for new drawings', async () => {
    const s = setup();
    expect(await s.feature.recolor()).toBe(false);
    expect(await s.feature.changeWidth(1)).toBe(false);
    expect(s.bg.saves).toEqual([]);
    expect(s.feature.state.get().defaults).toEqual({ color: PALETTE[1], width: 4, holdSeconds: 1 });
    expect(s.defaultsSaved).toEqual([{ color: PALETTE[1] }, { width: 4 }]);
    const d = await drawLine(s);
    expect(d.style).toEqual({ color: PALETTE[1], width: 4 });
  });

  it('toggleRange shows the drawing until the loop end, and back to its frame', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.session.state.set({ loopIn: 10 / FPS, loopOut: 25 / FPS });
    expect(await s.feature.toggleRange()).toBe(true);
    expect(s.only().timing.endTime).toBe(25 / FPS);
    expect(s.only().time).toBe(d.time);
    expect(s.history.state.get().undo).toBe('show over a range');
    expect(await s.feature.toggleRange()).toBe(true);
    expect(s.only().timing.endTime).toBeNull();
    expect(s.history.state.get().undo).toBe('show on its frame');
  });

  it.each([
    ['no loop end', null],
    ['a loop end before the drawing', 5 / FPS],
    ['a loop end on the drawing itself', 10 / FPS],
  ])('toggleRange with %s explains what to do and changes nothing', async (_name, loopOut) => {
    const s = setup();
    const d = await drawLine(s);
    s.session.state.set({ loopOut });
    expect(await s.feature.toggleRange()).toBe(false);
    expect(s.feature.state.get().error).toMatch(/end of the range/);
    expect(s.only()).toBe(d);
  });

  it('remove deletes the selected drawing (a tombstone); undo brings it back', async () => {
    const s = setup();
    const d = await drawLine(s);
    expect(await s.feature.remove()).toBe(true);
    expect(s.only()).toMatchObject({ id: d.id, deleted: true, version: 2 });
    expect(s.feature.state.get().selectedId).toBeNull();
    expect(s.history.state.get().undo).toBe('delete drawing');
    await s.history.undo();
    expect(s.only()).toMatchObject({ id: d.id, deleted: false, version: 3 });
  });

  it('link ties a drawing to a comment, and unlinks it', async () => {
    const s = setup();
    const d = await drawLine(s);
    expect(await s.feature.link(d.id, 'c1')).toBe(true);
    expect(s.only()).toMatchObject({ commentId: 'c1', version: 2 });
    expect(s.history.state.get().undo).toBe('link to comment');
    expect(await s.feature.link(d.id, null)).toBe(true);
    expect(s.only().commentId).toBeNull();
    expect(s.history.state.get().undo).toBe('unlink comment');
    expect(await s.feature.link('no-such-drawing', 'c1')).toBe(false);
  });
});

describe('drawing feature: copy and paste', () => {
  it('paste on another frame: the same shape at the new time', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.copy();
    s.show(40);
    expect(await s.feature.paste()).toBe(true);
    expect(s.drawings()).toHaveLength(2);
    const copy = s.drawings().find((x) => x.id !== d.id)!;
    expect(copy).toMatchObject({ time: 40 / FPS, frame: 40, shape: d.shape, style: d.style, version: 1, deleted: false });
    expect(s.feature.state.get().selectedId).toBe(copy.id);
    expect(s.history.state.get().undo).toBe('paste drawing');
    expect(s.drawings().find((x) => x.id === d.id)).toBe(d);
  });

  it('paste on the same frame offsets the copy so it can be seen', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.copy();
    await s.feature.paste();
    const copy = s.drawings().find((x) => x.id !== d.id)!;
    expect(copy.time).toBe(d.time);
    expectPointsClose(copy.shape, [p(0.22, 0.32), p(0.62, 0.72)]);
  });

  it('a pasted range keeps its length from the new frame', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.session.state.set({ loopOut: 25 / FPS });
    await s.feature.toggleRange();
    s.feature.copy();
    s.show(40);
    await s.feature.paste();
    const copy = s.drawings().find((x) => x.id !== d.id)!;
    expect(copy.timing.endTime).toBeCloseTo(55 / FPS, 12);
  });

  it('paste with an empty clipboard does nothing', async () => {
    const s = setup();
    expect(await s.feature.paste()).toBe(false);
    expect(s.bg.saves).toEqual([]);
  });
});

describe('drawing feature: stopwatch', () => {
  it('marks two frames, and leaving the tool saves them over the marked span', async () => {
    const s = setup(10);
    s.feature.setTool('stopwatch');
    s.feature.pointer(down(0.1, 0.15));
    await settle();
    expect(s.feature.state.get().marks).toEqual([{ time: 10 / FPS, frame: 10 }]);
    s.show(16);
    s.feature.pointer(down(0.5, 0.5));
    await settle();
    expect(s.feature.state.get().preview).toEqual({
      tool: 'stopwatch',
      at: p(0.1, 0.15),
      marks: [{ time: 10 / FPS, frame: 10 }, { time: 16 / FPS, frame: 16 }],
    });
    expect(s.bg.saves).toEqual([]);

    s.feature.setTool(null);
    await settle();
    const d = s.only();
    expect(d).toMatchObject({
      time: 10 / FPS,
      frame: 10,
      shape: { tool: 'stopwatch', at: p(0.1, 0.15), marks: [{ time: 10 / FPS, frame: 10 }, { time: 16 / FPS, frame: 16 }] },
      timing: { endTime: 16 / FPS },
    });
    expect(s.bg.saves).toHaveLength(1);
    expect(s.feature.state.get()).toMatchObject({ marks: [], preview: null });
    expect(s.history.state.get().undo).toBe('stopwatch');
  });

  it('marks made stepping backwards are kept in time order', async () => {
    const s = setup(16);
    s.feature.setTool('stopwatch');
    s.feature.pointer(down(0.1, 0.1));
    await settle();
    s.show(10);
    s.feature.pointer(down(0.1, 0.1));
    await settle();
    s.feature.setTool('line');
    await settle();
    expect(s.only()).toMatchObject({ time: 10 / FPS, frame: 10, timing: { endTime: 16 / FPS } });
    expect(s.only().shape).toMatchObject({ marks: [{ frame: 10 }, { frame: 16 }] });
  });

  it('marking the same frame twice is refused with a hint', async () => {
    const s = setup(10);
    s.feature.setTool('stopwatch');
    s.feature.pointer(down(0.1, 0.1));
    await settle();
    s.feature.pointer(down(0.2, 0.2));
    await settle();
    expect(s.feature.state.get().marks).toHaveLength(1);
    expect(s.feature.state.get().error).toMatch(/marked already/);
  });

  it('one mark is not a measurement: leaving the tool saves nothing', async () => {
    const s = setup(10);
    s.feature.setTool('stopwatch');
    s.feature.pointer(down(0.1, 0.1));
    await settle();
    s.feature.setTool(null);
    await settle();
    expect(s.drawings()).toEqual([]);
    expect(s.bg.saves).toEqual([]);
    expect(s.feature.state.get().marks).toEqual([]);
  });
});

describe('drawing feature: text', () => {
  it('with Select, a double-click on a label opens it for editing; elsewhere it does nothing', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.setTextDraft('knee');
    await s.feature.finishText();
    const label = s.only();
    s.feature.setTool('select');
    s.feature.editTextAt(down(0.8, 0.8));
    expect(s.feature.state.get().text).toBeNull();
    s.feature.editTextAt(down(0.305, 0.41));
    expect(s.feature.state.get().text).toMatchObject({ at: p(0.3, 0.4), draft: 'knee', id: label.id });
    s.feature.setTextDraft('knee over toe');
    await s.feature.finishText();
    expect(s.only()).toMatchObject({ id: label.id, version: 2, shape: { text: 'knee over toe' } });
  });

  it('a click places a text box; the words typed are saved as a label', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    expect(s.feature.state.get().text).toMatchObject({ at: p(0.3, 0.4), draft: '', id: null });
    s.feature.setTextDraft('knee');
    await s.feature.finishText();
    expect(s.only()).toMatchObject({ shape: { tool: 'text', at: p(0.3, 0.4), text: 'knee' }, time: 10 / FPS });
    expect(s.feature.state.get().text).toBeNull();
    expect(s.history.state.get().undo).toBe('draw text');
  });

  it('while typing, a click elsewhere places the label (and starts nothing new)', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.setTextDraft('hip');
    s.feature.pointer(down(0.6, 0.6));
    await settle();
    expect(s.only().shape).toMatchObject({ tool: 'text', at: p(0.3, 0.4), text: 'hip' });
    expect(s.feature.state.get().text).toBeNull();
  });

  it('a click away from an empty box just closes it', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.pointer(down(0.6, 0.6));
    await settle();
    expect(s.drawings()).toEqual([]);
    expect(s.feature.state.get().text).toBeNull();
  });

  it('a failed save keeps the box open with the words in it', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.setTextDraft('knee');
    s.bg.fail('disk full');
    await s.feature.finishText();
    expect(s.feature.state.get().text).toMatchObject({ at: p(0.3, 0.4), draft: 'knee', id: null });
    expect(s.feature.state.get().error).toMatch(/disk full/);
    expect(s.drawings()).toEqual([]);
    s.bg.fail(null);
    await s.feature.finishText();
    expect(s.only().shape).toMatchObject({ text: 'knee' });
    expect(s.feature.state.get().text).toBeNull();
  });

  it('nothing typed: the box closes and nothing is saved', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.setTextDraft('   ');
    await s.feature.finishText();
    expect(s.feature.state.get().text).toBeNull();
    expect(s.bg.saves).toEqual([]);
  });

  it('Enter on a selected label edits its words', async () => {
    const s = setup();
    s.feature.setTool('text');
    s.feature.pointer(down(0.3, 0.4));
    s.feature.setTextDraft('knee');
    await s.feature.finishText();
    const d = s.only();
    s.feature.setTool('select');
    s.feature.place();
    expect(s.feature.state.get().text).toMatchObject({ at: p(0.3, 0.4), draft: 'knee', id: d.id });
    s.feature.setTextDraft('knee over toe  ');
    await s.feature.finishText();
    expect(s.only()).toMatchObject({ id: d.id, version: 2, shape: { tool: 'text', text: 'knee over toe' } });
    expect(s.history.state.get().undo).toBe('edit text');
  });
});

describe('drawing feature: keyboard', () => {
  it('arrows move the keyboard pointer from the centre; Enter twice draws a line', async () => {
    const s = setup();
    s.feature.setTool('line');
    s.feature.nudge(0.1, 0);
    expect(s.feature.state.get().cursor?.x).toBeCloseTo(0.6, 12);
    expect(s.feature.state.get().cursor?.y).toBeCloseTo(0.5, 12);
    s.feature.place();
    s.feature.nudge(0, 0.2);
    expect(s.feature.state.get().preview).toMatchObject({ tool: 'line' });
    s.feature.place();
    await settle();
    const d = s.only();
    expect(d.shape.tool).toBe('line');
    expectPointsClose(d.shape, [p(0.6, 0.5), p(0.6, 0.7)]);
  });

  it('the keyboard pointer stays on the picture', () => {
    const s = setup();
    s.feature.setTool('line');
    s.feature.nudge(-0.8, 0.9);
    expect(s.feature.state.get().cursor).toEqual(p(0, 1));
  });

  it('arrows with the select tool move the selected drawing', async () => {
    const s = setup();
    const d = await drawLine(s);
    s.feature.setTool('select');
    s.feature.nudge(0.01, 0);
    await settle();
    expect(s.only()).toMatchObject({ id: d.id, version: 2 });
    expectPointsClose(s.only().shape, [p(0.21, 0.3), p(0.61, 0.7)]);
    expect(s.history.state.get().undo).toBe('move drawing');
  });
});
