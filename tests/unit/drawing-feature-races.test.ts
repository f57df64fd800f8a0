/**
 * Regression tests for races in the drawing feature (and the comment book's delete) found in
 * review: late answers and saves across a video change, storage keeping another tab's
 * version, undo pressed while a change saves, labels and stopwatch marks left in progress.
 * Saves (and frame holds) are released by hand so each interleaving is exact.
 */
import { describe, expect, it } from 'vitest';
import { createBook } from '../../utils/comments/book';
import { attachDrawings } from '../../utils/drawing/feature';
import { createHistory, type History } from '../../utils/edit/history';
import type { Call } from '../../utils/messaging/client';
import { newComment, newDrawing } from '../../utils/model/create';
import { mutate } from '../../utils/model/mutate';
import { pointsOf } from '../../utils/model/shape';
import type { Annotation, DrawingAnnotation, NormPoint, Shape } from '../../utils/model/types';
import { FPS, author, down, fakeSession, loadedAnnotations, move, p, settle, up } from './drawing-fixtures';

/** Another tab's edit: later than anything this tab does during a test. */
const LATER = () => Date.now() + 60_000;

const lineOn = (videoId: string, id: string): DrawingAnnotation =>
  newDrawing({ id, videoId, time: 10 / FPS, frame: 10, shape: { tool: 'line', from: p(0.1, 0.1), to: p(0.9, 0.9) }, author });

type Reply = { stored: Annotation; accepted: boolean };

/**
 * The background's `annotation.save`. By default it echoes each save as stored; `reply`
 * changes the answer; after `hold()`, replies wait in `pending` until released or failed.
 */
function manualBackground<A extends Annotation = DrawingAnnotation>() {
  const saves: A[] = [];
  const pending: { annotation: A; resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  let held = false;
  let answer: (annotation: A) => Reply = (annotation) => ({ stored: annotation, accepted: true });
  const call = ((type: string, args: { annotation: A }) => {
    if (type !== 'annotation.save') return Promise.reject(new Error(`unexpected ${type}`));
    saves.push(args.annotation);
    if (!held) return Promise.resolve(answer(args.annotation));
    return new Promise<Reply>((resolve, reject) => pending.push({ annotation: args.annotation, resolve, reject }));
  }) as unknown as Call;
  const entry = (i: number) => {
    const e = pending[i];
    if (!e) throw new Error(`no save #${i} is waiting (${pending.length} are)`);
    return e;
  };
  return {
    call,
    saves,
    pending,
    hold: () => void (held = true),
    auto: () => void (held = false),
    reply: (f: (annotation: A) => Reply) => void (answer = f),
    /** Answers the waiting save `i` as stored. */
    release: (i: number) => entry(i).resolve({ stored: entry(i).annotation, accepted: true }),
    fail: (i: number, message = 'disk full') => entry(i).reject(new Error(message)),
  };
}

/** A history whose changes do not wait for each other: lets two saves be in flight at once. */
function concurrentHistory(): History {
  const inner = createHistory();
  return {
    ...inner,
    async perform(change) {
      const { ok, step } = await change();
      if (ok && step) inner.push(step);
      return ok;
    },
  };
}

function setup(options: { videoId?: string; frame?: number; history?: History } = {}) {
  const player = fakeSession(options.frame ?? 10);
  const bg = manualBackground();
  const history = options.history ?? createHistory();
  const annotations = loadedAnnotations(bg.call, author, options.videoId ?? 'A');
  const feature = attachDrawings(player.session, { annotations, author: () => author, history, saveDefaults: () => undefined, key: (id) => id });
  const drawings = () => feature.state.get().drawings;
  const only = () => {
    expect(drawings()).toHaveLength(1);
    return drawings()[0]!;
  };
  return { ...player, bg, history, annotations, feature, drawings, only };
}

type Setup = ReturnType<typeof setup>;

/** Draws a line with the mouse (its save may be held) and lets the save go out. */
async function drawLine(s: Setup, from = p(0.2, 0.3), to = p(0.6, 0.7)) {
  s.feature.setTool('line');
  s.feature.pointer(down(from.x, from.y));
  s.feature.pointer(move((from.x + to.x) / 2, (from.y + to.y) / 2));
  s.feature.pointer(up(to.x, to.y));
  await settle();
}

/** Opens a text box at (0.3, 0.4) on the frame on screen and types `text`. */
function typeLabel(s: Setup, text: string) {
  s.feature.setTool('text');
  s.feature.pointer(down(0.3, 0.4));
  s.feature.setTextDraft(text);
}

const textOf = (d: DrawingAnnotation) => (d.shape.tool === 'text' ? d.shape.text : null);
const labels = (list: readonly DrawingAnnotation[]) => list.filter((d) => d.shape.tool === 'text');

function expectPointsClose(actual: Shape, expected: readonly NormPoint[]) {
  const points = pointsOf(actual);
  expect(points).toHaveLength(expected.length);
  points.forEach((q, i) => {
    expect(q.x).toBeCloseTo(expected[i]!.x, 12);
    expect(q.y).toBeCloseTo(expected[i]!.y, 12);
  });
}

describe('drawing feature: video changes', () => {
  it('a late answer for the previous video changes nothing: the new video stays shown', async () => {
    const s = setup({ videoId: 'A' });
    const a = lineOn('A', 'a-line');
    const b = lineOn('B', 'b-line');
    s.annotations.take('B', [b], true);
    s.annotations.take('A', [a], false); // A's list arrives late
    expect(s.feature.state.get().videoId).toBe('B');
    expect(s.drawings()).toEqual([b]);

    await drawLine(s);
    expect(s.bg.saves).toHaveLength(1);
    expect(s.bg.saves[0]!.videoId).toBe('B');
    expect(s.drawings().map((d) => d.videoId)).toEqual(['B', 'B']);
  });

  it('a save in flight as the video changes lands on its own video, not the one shown', async () => {
    const s = setup({ videoId: 'A' });
    s.bg.hold();
    await drawLine(s);
    expect(s.bg.pending).toHaveLength(1);
    const b = lineOn('B', 'b-line');
    s.annotations.take('B', [b], true);
    s.bg.release(0);
    await settle();

    expect(s.bg.saves).toHaveLength(1);
    expect(s.bg.saves[0]!.videoId).toBe('A');
    expect(s.feature.state.get().videoId).toBe('B');
    expect(s.drawings()).toEqual([b]);
    expect(s.drawings().some((d) => d.id === s.bg.saves[0]!.id)).toBe(false);
  });

  it('a label typed on one video is saved there, on its frame, when the video changes', async () => {
    const s = setup({ videoId: 'A', frame: 10 });
    typeLabel(s, 'hip');
    s.show(25);
    s.annotations.take('B', [], true);
    await settle();

    expect(labels(s.bg.saves)).toHaveLength(1);
    expect(s.bg.saves[0]).toMatchObject({ videoId: 'A', time: 10 / FPS, frame: 10, shape: { tool: 'text', at: p(0.3, 0.4), text: 'hip' } });
    expect(s.feature.state.get()).toMatchObject({ videoId: 'B', drawings: [], text: null });
  });

  it('history.clear() while a change saves: the change records no step when it lands', async () => {
    const s = setup();
    s.bg.hold();
    await drawLine(s);
    expect(s.bg.pending).toHaveLength(1);
    s.history.clear();
    s.bg.release(0);
    await settle();
    await settle();
    expect(s.only().id).toBe(s.bg.saves[0]!.id); // saved and shown…
    expect(s.history.state.get()).toEqual({ undo: null, redo: null, busy: false }); // …but not undoable
  });
});

describe('drawing feature: storage kept a newer version', () => {
  it.each([
    ['the same version, updated later', 1],
    ['a higher version', 2],
  ])('a recolour refused for %s is rebuilt on the winner and saved again', async (_name, edits) => {
    const s = setup();
    await drawLine(s);
    const d = s.only();
    s.feature.setTool('select');
    // The other tab reshaped the line (once, or twice) and saved it first.
    let winner = mutate(d, { shape: { tool: 'line', from: p(0.5, 0.1), to: p(0.5, 0.9) } }, LATER());
    if (edits > 1) winner = mutate(winner, { timing: { ...winner.timing, holdSeconds: 2 } }, LATER());
    let refused = 0;
    s.bg.reply((a) => (a.version <= winner.version && refused++ === 0 ? { stored: winner, accepted: false } : { stored: a, accepted: true }));

    expect(await s.feature.recolor('#ff4d4d')).toBe(true);
    expect(s.bg.saves).toHaveLength(3); // the line, the refused recolour, the rebuilt one
    const again = s.bg.saves[2]!;
    expect(again).toMatchObject({ id: d.id, version: winner.version + 1, shape: winner.shape, timing: winner.timing, style: { ...winner.style, color: '#ff4d4d' } });
    expect(s.only()).toEqual(again);
    expect(s.feature.state.get().error).toBeNull();
    expect(s.history.state.get().undo).toBe('recolor drawing');
  });

  it('refused twice: says it was changed elsewhere, shows the winner, records no step', async () => {
    const s = setup();
    await drawLine(s);
    const d = s.only();
    s.feature.setTool('select');
    const winner = mutate(d, { shape: { tool: 'line', from: p(0.5, 0.1), to: p(0.5, 0.9) } }, LATER());
    const winner2 = mutate(winner, { style: { ...winner.style, width: 8 } }, LATER() + 1);
    const answers = [winner, winner2];
    s.bg.reply((a) => ({ stored: answers.shift() ?? a, accepted: false }));

    expect(await s.feature.recolor('#ff4d4d')).toBe(false);
    expect(s.bg.saves).toHaveLength(3);
    expect(s.bg.saves[2]).toMatchObject({ version: winner.version + 1, shape: winner.shape, style: { color: '#ff4d4d' } });
    expect(s.feature.state.get().error).toMatch(/changed elsewhere/);
    expect(s.only()).toEqual(winner2);
    expect(s.history.state.get()).toEqual({ undo: 'draw line', redo: null, busy: false });
  });
});

describe('drawing feature: undo', () => {
  it("undo reverts only what its step changed, keeping another tab's later text", async () => {
    const s = setup();
    typeLabel(s, 'knee');
    await s.feature.finishText();
    const label = s.only();
    s.feature.setTool('select');
    expect(s.feature.selected()?.id).toBe(label.id);
    expect(await s.feature.recolor('#ff4d4d')).toBe(true);
    const mine = s.only();
    expect(mine.style.color).toBe('#ff4d4d');

    const theirs = mutate(mine, { shape: { tool: 'text', at: p(0.3, 0.4), text: 'their note' } }, LATER());
    s.annotations.take('A', [theirs], false);
    expect(s.only()).toBe(theirs);

    expect(await s.history.undo()).toBe(true);
    const after = s.only();
    expect(after.style.color).toBe(label.style.color);
    expect(textOf(after)).toBe('their note');
    expect(after.version).toBe(theirs.version + 1);
    expect(s.bg.saves.at(-1)).toEqual(after);
  });

  it('Ctrl+Z while a nudge saves undoes the nudge (not the line), and redo re-applies it', async () => {
    const s = setup();
    await drawLine(s);
    const d = s.only();
    s.feature.setTool('select');
    expect(s.feature.selected()?.id).toBe(d.id);

    s.bg.hold();
    s.feature.nudge(0.01, 0);
    const undone = s.history.undo(); // pressed at once
    await settle();
    expect(s.bg.pending).toHaveLength(1);
    s.bg.release(0); // the nudge lands
    await settle();
    expect(s.bg.pending).toHaveLength(2);
    s.bg.release(1); // the undo lands
    expect(await undone).toBe(true);

    const back = s.only();
    expect(back.deleted).toBe(false);
    expect(back.shape).toEqual(d.shape);
    expect(s.bg.saves.every((a) => !a.deleted)).toBe(true);
    expect(s.history.state.get()).toEqual({ undo: 'draw line', redo: 'move drawing', busy: false });

    s.bg.auto();
    expect(await s.history.redo()).toBe(true);
    expect(s.only().deleted).toBe(false);
    expectPointsClose(s.only().shape, [p(0.21, 0.3), p(0.61, 0.7)]);
    expect(s.history.state.get()).toEqual({ undo: 'move drawing', redo: null, busy: false });
  });
});

describe('drawing feature: text labels', () => {
  it('finishText twice quickly (Enter, then a click) saves one label', async () => {
    const s = setup();
    s.bg.hold();
    typeLabel(s, 'knee');
    const enter = s.feature.finishText();
    s.feature.pointer(down(0.6, 0.6)); // a click away while it saves
    const again = s.feature.finishText();
    await settle();
    for (let i = 0; i < s.bg.pending.length; i++) s.bg.release(i);
    await Promise.all([enter, again]);
    await settle();
    for (let i = 0; i < s.bg.pending.length; i++) s.bg.release(i);
    await settle();

    expect(labels(s.bg.saves)).toHaveLength(1);
    expect(labels(s.drawings())).toHaveLength(1);
    expect(textOf(s.only())).toBe('knee');
    expect(s.feature.state.get().text).toBeNull();
  });

  it.each([
    ['another tool', 'line' as const],
    ['no tool', null],
  ])('switching to %s while a label is typed saves it on the frame where its box was opened', async (_name, mode) => {
    const s = setup({ frame: 10 });
    typeLabel(s, 'hip');
    s.show(25); // the player has moved on meanwhile
    s.feature.setTool(mode);
    await settle();

    expect(s.bg.saves).toHaveLength(1);
    expect(s.only()).toMatchObject({ videoId: 'A', time: 10 / FPS, frame: 10, shape: { tool: 'text', at: p(0.3, 0.4), text: 'hip' } });
    expect(s.feature.state.get().text).toBeNull();
  });
});

describe('drawing feature: stopwatch', () => {
  it('a mark still waiting for its frame when the tool is left leaves no stray mark', async () => {
    const s = setup();
    s.feature.setTool('stopwatch');
    s.gateHolds();
    s.feature.pointer(down(0.3, 0.3)); // waits for the frame
    s.feature.setTool(null);
    s.releaseHolds();
    await settle();
    expect(s.feature.state.get()).toMatchObject({ marks: [], preview: null });

    s.feature.setTool('stopwatch');
    await settle();
    expect(s.feature.state.get().marks).toEqual([]);
    s.show(12);
    s.feature.pointer(down(0.7, 0.7));
    await settle();
    expect(s.feature.state.get().marks).toEqual([{ time: 12 / FPS, frame: 12 }]);
    expect(s.feature.state.get().preview).toEqual({ tool: 'stopwatch', at: p(0.7, 0.7), marks: [{ time: 12 / FPS, frame: 12 }] });
    expect(s.bg.saves).toEqual([]);
  });
});

describe('drawing feature: a failed save falls back to what the database has', () => {
  /** A line saved (v1), selected, then two edits sent before either answer comes back. */
  async function twoInFlight() {
    const s = setup({ history: concurrentHistory() });
    await drawLine(s);
    const v1 = s.only();
    s.feature.setTool('select');
    s.bg.hold();
    void s.feature.recolor('#ff4d4d');
    void s.feature.changeWidth(1);
    await settle();
    expect(s.bg.pending.map((x) => x.annotation.version)).toEqual([2, 3]);
    return { s, v1, v2: s.bg.pending[0]!.annotation, v3: s.bg.pending[1]!.annotation };
  }

  it('the later edit saved, then the earlier one failed: the later (saved) one stays shown', async () => {
    const { s, v3 } = await twoInFlight();
    s.bg.release(1);
    await settle();
    s.bg.fail(0);
    await settle();
    expect(s.only()).toEqual(v3);
    expect(s.only().style).toEqual({ color: '#ff4d4d', width: 4 });
  });

  it('both failed: the version the database confirmed (v1) is shown, not the never-saved v2', async () => {
    const { s, v1 } = await twoInFlight();
    s.bg.fail(0);
    await settle();
    s.bg.fail(1);
    await settle();
    expect(s.only()).toEqual(v1);
    expect(s.feature.state.get().error).toMatch(/not saved.*disk full/);
  });

  it("an edit that fails after another tab's newer version arrived leaves that version shown", async () => {
    const s = setup();
    await drawLine(s);
    const v1 = s.only();
    s.feature.setTool('select');
    s.bg.hold();
    const recolored = s.feature.recolor('#ff4d4d');
    await settle();
    expect(s.bg.pending).toHaveLength(1);
    const theirs = mutate(v1, { shape: { tool: 'line', from: p(0.5, 0.1), to: p(0.5, 0.9) } }, LATER());
    s.annotations.take('A', [theirs], false); // the other tab's save, broadcast
    s.bg.fail(0);
    expect(await recolored).toBe(false);
    expect(s.only()).toEqual(theirs);
    expect(s.history.state.get().undo).toBe('draw line');
  });
});

describe('comment book in the shared history', () => {
  it('Ctrl+Z pressed while a delete saves brings the comment back once the delete lands', async () => {
    const bg = manualBackground<Annotation>();
    const history = createHistory();
    const book = createBook(loadedAnnotations(bg.call, author, 'v1', [newComment({ videoId: 'v1', time: 1, frame: 30, text: 'hip drops', author, id: 'c1', now: 1 })]), { history });
    const comment = () => book.state.get().all.find((c) => c.id === 'c1');

    bg.hold();
    const removed = book.remove('c1');
    const undone = history.undo(); // pressed at once
    await settle();
    expect(bg.pending).toHaveLength(1);
    bg.release(0);
    await settle();
    expect(bg.pending).toHaveLength(2);
    bg.release(1);
    expect(await removed).toBe(true);
    expect(await undone).toBe(true);

    expect(bg.saves.map((a) => a.deleted)).toEqual([true, false]);
    expect(comment()).toMatchObject({ deleted: false, version: 3, text: 'hip drops' });
    expect(book.state.get().error).toBeNull();
    expect(history.state.get()).toEqual({ undo: null, redo: 'delete comment', busy: false });
  });
});
