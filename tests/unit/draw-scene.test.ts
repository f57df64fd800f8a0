import { describe, expect, it } from 'vitest';
import type { DrawingAnnotation, NormPoint, Shape } from '../../utils/model/types';
import { derive, drawScene, strokeWidthPx, type Ctx, type Item, type Scene } from '../../utils/render/draw-scene';
import { readoutCenter } from '../../utils/render/strokes';

/** One recorded call or property assignment. */
type Op = { op: string; args: unknown[] } | { set: string; value: unknown };

/** A fake 2D context that records method calls and property sets, in order. */
function recorder(): { ctx: Ctx; ops: Op[] } {
  const ops: Op[] = [];
  const props: Record<string, unknown> = {
    strokeStyle: '#000',
    fillStyle: '#000',
    lineWidth: 1,
    lineCap: 'butt',
    lineJoin: 'miter',
    font: '10px sans-serif',
    globalAlpha: 1,
    textBaseline: 'alphabetic',
    textAlign: 'start',
  };
  const stack: Record<string, unknown>[] = [];
  const target: Record<string, unknown> = {};
  const ctx = new Proxy(target, {
    get(_t, key: string) {
      if (key in props) return props[key];
      return (...args: unknown[]) => {
        ops.push({ op: key, args });
        if (key === 'save') stack.push({ ...props });
        if (key === 'restore') Object.assign(props, stack.pop());
        if (key === 'measureText') return { width: String(args[0]).length * 7 };
        return undefined;
      };
    },
    set(_t, key: string, value: unknown) {
      ops.push({ set: key, value });
      props[key] = value;
      return true;
    },
  }) as unknown as Ctx;
  return { ctx, ops };
}

const calls = (ops: Op[], name: string) =>
  ops.filter((o): o is { op: string; args: unknown[] } => 'op' in o && o.op === name).map((o) => o.args);
const sets = (ops: Op[], name: string) =>
  ops.filter((o): o is { set: string; value: unknown } => 'set' in o && o.set === name).map((o) => o.value);

const SCENE: Scene = { width: 640, height: 360, dpr: 2 };

function drawing(shape: Shape, overrides: Partial<DrawingAnnotation> = {}): DrawingAnnotation {
  return {
    id: 'd1',
    kind: 'drawing',
    videoId: 'youtube:dQw4w9WgXcQ',
    time: 1,
    frame: null,
    author: { id: 'a', name: 'Coach' },
    createdAt: 1,
    updatedAt: 1,
    version: 1,
    deleted: false,
    source: { kind: 'local' },
    shape,
    style: { color: '#ff3b30', width: 4 },
    timing: { holdSeconds: 1, fadeSeconds: 0.5, endTime: null },
    commentId: null,
    ...overrides,
  };
}

function run(shape: Shape, item: Partial<Item> = {}, scene: Scene = SCENE) {
  const { ctx, ops } = recorder();
  drawScene(ctx, scene, [{ drawing: drawing(shape), opacity: 1, ...item }]);
  return ops;
}

const P = (x: number, y: number): NormPoint => ({ x, y });

describe('drawScene', () => {
  it('clears and sets the dpr transform; nothing else for an empty list', () => {
    const { ctx, ops } = recorder();
    drawScene(ctx, SCENE, []);
    expect(ops).toEqual([
      { op: 'setTransform', args: [2, 0, 0, 2, 0, 0] },
      { op: 'clearRect', args: [0, 0, 640, 360] },
    ]);
  });

  it('wraps every item in save/restore and balances them', () => {
    const { ctx, ops } = recorder();
    const items: Item[] = [
      { drawing: drawing({ tool: 'line', from: P(0, 0), to: P(1, 1) }), opacity: 1 },
      { drawing: drawing({ tool: 'angleToVertical', from: P(0.5, 0.8), to: P(0.6, 0.2) }), opacity: 1, selected: true },
    ];
    drawScene(ctx, SCENE, items);
    const saves = calls(ops, 'save').length;
    expect(saves).toBeGreaterThanOrEqual(2);
    expect(calls(ops, 'restore').length).toBe(saves);
    expect(ops[2]).toEqual({ op: 'save', args: [] });
    expect(ops.at(-1)).toEqual({ op: 'restore', args: [] });
  });

  it('maps normalized points to CSS px of the picture', () => {
    const ops = run({ tool: 'line', from: P(0.5, 0.5), to: P(1, 0) });
    expect(calls(ops, 'moveTo')).toEqual([[320, 180]]);
    expect(calls(ops, 'lineTo')).toEqual([[640, 0]]);
    expect(calls(ops, 'stroke')).toHaveLength(1);
  });

  it('draws a pen stroke as a round polyline, a single point as a dot', () => {
    const ops = run({ tool: 'pen', points: [P(0, 0), P(0.25, 0.5), P(0.5, 1)] });
    expect(calls(ops, 'moveTo')).toEqual([[0, 0]]);
    expect(calls(ops, 'lineTo')).toEqual([[160, 180], [320, 360]]);
    expect(sets(ops, 'lineCap')).toContain('round');
    expect(sets(ops, 'lineJoin')).toContain('round');
    const dot = run({ tool: 'pen', points: [P(0.5, 0.5)] });
    expect(calls(dot, 'arc')).toEqual([[320, 180, 2, 0, 2 * Math.PI]]);
    expect(calls(dot, 'fill')).toHaveLength(1);
  });

  it('draws an arrow as a shaft and a filled head at `to`, sized from the stroke width', () => {
    const thin = run({ tool: 'arrow', from: P(0, 0.5), to: P(0.5, 0.5) });
    expect(calls(thin, 'moveTo')).toEqual([[0, 180], [320, 180]]);
    expect(calls(thin, 'closePath')).toHaveLength(1);
    expect(calls(thin, 'fill')).toHaveLength(1);
    const headBase = (ops: Op[]) => calls(ops, 'lineTo').slice(-2) as [number, number][];
    // Stroke width 4 → head length 16, half-width 8, pointing right.
    expect(headBase(thin)).toEqual([[304, 188], [304, 172]]);
    const thick = drawing({ tool: 'arrow', from: P(0, 0.5), to: P(0.5, 0.5) }, { style: { color: 'red', width: 8 } });
    const { ctx, ops } = recorder();
    drawScene(ctx, SCENE, [{ drawing: thick, opacity: 1 }]);
    expect(headBase(ops)).toEqual([[288, 196], [288, 164]]);
  });

  it('draws a rect from opposite corners, any order', () => {
    const ops = run({ tool: 'rect', from: P(0.75, 0.5), to: P(0.25, 0.25) });
    expect(calls(ops, 'strokeRect')).toEqual([[160, 90, 320, 90]]);
  });

  it('draws an ellipse inscribed in the box of its corners', () => {
    const ops = run({ tool: 'ellipse', from: P(0.25, 0.25), to: P(0.75, 0.75) });
    expect(calls(ops, 'ellipse')).toEqual([[320, 180, 160, 90, 0, 0, 2 * Math.PI]]);
    expect(calls(ops, 'stroke')).toHaveLength(1);
  });

  it('draws text on a dark box at `at`, one fillText per line', () => {
    const ops = run({ tool: 'text', at: P(0.5, 0.5), text: 'hips\nlevel' });
    const texts = calls(ops, 'fillText');
    expect(texts.map((a) => a[0])).toEqual(['hips', 'level']);
    expect(texts[0]?.[1]).toBe(320);
    expect(texts[1]![2] as number).toBeGreaterThan(texts[0]![2] as number);
    const [box] = calls(ops, 'rect');
    expect(box![0]).toBeLessThan(320);
    expect(box![1]).toBeLessThan(180);
    const fills = sets(ops, 'fillStyle');
    expect(fills).toContain('rgba(0, 0, 0, 0.65)');
    expect(fills.at(-1)).toBe('#ff3b30');
  });

  it('draws an angle: both rays from the vertex, an arc at the vertex and the degrees', () => {
    // A right angle in pixels: vertex (320,180), a straight up, b straight right.
    const ops = run({ tool: 'angle', a: P(0.5, 0.25), vertex: P(0.5, 0.5), b: P(0.75, 0.5) });
    expect(calls(ops, 'moveTo')[0]).toEqual([320, 90]);
    expect(calls(ops, 'lineTo').slice(0, 2)).toEqual([[320, 180], [480, 180]]);
    const [arc] = calls(ops, 'arc');
    expect(arc!.slice(0, 2)).toEqual([320, 180]);
    expect(arc![3]).toBeCloseTo(-Math.PI / 2);
    expect(arc![4]).toBeCloseTo(0);
    expect(calls(ops, 'fillText').map((a) => a[0])).toEqual(['90.0°']);
    // The label sits near the vertex, inside the angle (up and right of it).
    const [, x, y] = calls(ops, 'fillText')[0] as [string, number, number];
    expect(Math.hypot(x - 320, y - 180)).toBeLessThan(80);
  });

  it('uses pixel geometry for the angle on a non-square picture', () => {
    // Normalized this looks like 45°, but on 640x360 the ray to (0.6,0.4) is 64px across, 36px up.
    const ops = run({ tool: 'angle', a: P(0.6, 0.5), vertex: P(0.5, 0.5), b: P(0.6, 0.4) });
    const expected = (Math.atan2(36, 64) * 180) / Math.PI;
    expect(calls(ops, 'fillText').map((a) => a[0])).toEqual([`${expected.toFixed(1)}°`]);
    expect(expected.toFixed(1)).toBe('29.4');
  });

  it('formats angles to one decimal', () => {
    // 37.5° between the horizontal ray and one rotated up (pixel space).
    const r = (37.5 * Math.PI) / 180;
    const b = P(0.5 + (Math.cos(r) * 100) / 640, 0.5 - (Math.sin(r) * 100) / 360);
    const ops = run({ tool: 'angle', a: P(0.75, 0.5), vertex: P(0.5, 0.5), b });
    expect(calls(ops, 'fillText').map((a) => a[0])).toEqual(['37.5°']);
  });

  it('draws angleToVertical: the segment, a dashed vertical through `from`, and the degrees', () => {
    // from (320,180) to (384,144): 64 across, 36 up → 60.6° from vertical in pixels.
    const ops = run({ tool: 'angleToVertical', from: P(0.5, 0.5), to: P(0.6, 0.4) });
    const dashes = calls(ops, 'setLineDash');
    expect(dashes[0]![0]).not.toEqual([]);
    const len = Math.hypot(64, 36);
    const lines = calls(ops, 'lineTo');
    expect(calls(ops, 'moveTo').slice(0, 2)).toEqual([[320, 180], [320, 180]]);
    expect(lines[0]![0]).toBe(320);
    expect(lines[0]![1]).toBeCloseTo(180 - len);
    expect(lines[1]![0]).toBeCloseTo(384);
    expect(lines[1]![1]).toBeCloseTo(144);
    const expected = (Math.atan2(64, 36) * 180) / Math.PI;
    expect(calls(ops, 'fillText').map((a) => a[0])).toEqual([`${expected.toFixed(1)}°`]);
  });

  it('draws angleToHorizontal: a dashed horizontal through `from`, and the degrees', () => {
    const ops = run({ tool: 'angleToHorizontal', from: P(0.5, 0.5), to: P(0.25, 0.25) });
    const len = Math.hypot(160, 90);
    const ref = calls(ops, 'lineTo')[0]!;
    expect(ref[0]).toBeCloseTo(320 - len);
    expect(ref[1]).toBe(180);
    const expected = (Math.atan2(90, 160) * 180) / Math.PI;
    expect(calls(ops, 'fillText').map((a) => a[0])).toEqual([`${expected.toFixed(1)}°`]);
    expect(calls(ops, 'setLineDash').length).toBeGreaterThan(0);
  });

  it('scales the stroke width with the picture width, min 2 (readable on a phone-sized picture)', () => {
    const style = { color: 'red', width: 4 };
    expect(strokeWidthPx(style, SCENE)).toBe(4);
    expect(strokeWidthPx(style, { width: 1280, height: 720, dpr: 1 })).toBe(8);
    expect(strokeWidthPx({ color: 'red', width: 1 }, { width: 320, height: 180, dpr: 1 })).toBe(2);
    const ops = run({ tool: 'line', from: P(0, 0), to: P(1, 1) }, {}, { width: 1280, height: 720, dpr: 1 });
    expect(sets(ops, 'lineWidth')).toEqual([8]);
    expect(calls(ops, 'lineTo')).toEqual([[1280, 720]]);
  });

  it('multiplies opacity into globalAlpha and skips invisible or deleted drawings', () => {
    const ops = run({ tool: 'line', from: P(0, 0), to: P(1, 1) }, { opacity: 0.5 });
    expect(sets(ops, 'globalAlpha')).toEqual([0.5]);
    expect(run({ tool: 'line', from: P(0, 0), to: P(1, 1) }, { opacity: 0 })).toHaveLength(2);
    const { ctx, ops: deletedOps } = recorder();
    drawScene(ctx, SCENE, [{ drawing: drawing({ tool: 'text', at: P(0, 0), text: 'x' }, { deleted: true }), opacity: 1 }]);
    expect(deletedOps).toHaveLength(2);
  });

  it('draws handles at the points of a selected drawing only', () => {
    const shape: Shape = { tool: 'rect', from: P(0.25, 0.25), to: P(0.75, 0.75) };
    expect(calls(run(shape), 'rect')).toEqual([]);
    expect(calls(run(shape, { selected: true }), 'rect')).toEqual([
      [156, 86, 8, 8],
      [476, 266, 8, 8],
    ]);
    const pen = run({ tool: 'pen', points: [P(0, 0), P(0.1, 0.1), P(0.2, 0.2), P(0.5, 0.5)] }, { selected: true });
    expect(calls(pen, 'rect')).toEqual([
      [-4, -4, 8, 8],
      [316, 176, 8, 8],
    ]);
  });

  it('never writes to the drawing', () => {
    const d = Object.freeze(drawing({ tool: 'angle', a: P(0.5, 0.25), vertex: P(0.5, 0.5), b: P(0.75, 0.5) }));
    const before = JSON.stringify(d);
    const { ctx } = recorder();
    drawScene(ctx, SCENE, [{ drawing: d, opacity: 1, selected: true }]);
    expect(JSON.stringify(d)).toBe(before);
  });
});

describe('derive', () => {
  it('caches derived data per drawing object and picture size', () => {
    const d = drawing({ tool: 'angle', a: P(0.5, 0.25), vertex: P(0.5, 0.5), b: P(0.75, 0.5) });
    const first = derive(d, SCENE);
    expect(first.points).toEqual([{ x: 320, y: 90 }, { x: 320, y: 180 }, { x: 480, y: 180 }]);
    expect(first.label).toBe('90.0°');
    expect(derive(d, SCENE)).toBe(first);
    // A mutated copy (mutate returns a new object) gets fresh data.
    const moved = { ...d, version: 2, shape: { ...d.shape, b: P(0.5, 0.75) } } as DrawingAnnotation;
    const second = derive(moved, SCENE);
    expect(second).not.toBe(first);
    expect(second.label).toBe('180.0°');
    // A resized picture recomputes the pixels.
    expect(derive(d, { width: 1280, height: 720 }).points[2]).toEqual({ x: 960, y: 360 });
  });

  it('has no label for non-angle tools or a degenerate angle', () => {
    expect(derive(drawing({ tool: 'line', from: P(0, 0), to: P(1, 1) }), SCENE).label).toBeNull();
    expect(derive(drawing({ tool: 'angleToVertical', from: P(0.5, 0.5), to: P(0.5, 0.5) }), SCENE).label).toBeNull();
  });
});

describe('drawScene: the text it wrote', () => {
  const pt = (x: number, y: number): NormPoint => ({ x, y });

  it('returns angle readouts, labels and stopwatch lines in drawing order, and nothing for plain strokes', () => {
    const { ctx } = recorder();
    const items: Item[] = [
      { drawing: drawing({ tool: 'line', from: pt(0.1, 0.1), to: pt(0.9, 0.9) }), opacity: 1 },
      // A right angle in pixels of a 640x360 picture.
      { drawing: drawing({ tool: 'angle', a: pt(0.5, 0.2), vertex: pt(0.5, 0.5), b: pt(0.8, 0.5) }), opacity: 1 },
      { drawing: drawing({ tool: 'text', at: pt(0.2, 0.2), text: 'knee\nover toe' }), opacity: 1 },
      {
        drawing: drawing({ tool: 'stopwatch', at: pt(0.6, 0.1), marks: [{ time: 10 / 30, frame: 10 }, { time: 16 / 30, frame: 16 }] }),
        opacity: 1,
      },
    ];
    expect(drawScene(ctx, SCENE, items)).toEqual(['90.0°', 'knee\nover toe', '200 ms · 6 frames']);
  });

  it('leaves out what it did not draw (deleted, faded out)', () => {
    const { ctx } = recorder();
    const label = drawing({ tool: 'text', at: pt(0.2, 0.2), text: 'gone' });
    expect(drawScene(ctx, SCENE, [{ drawing: { ...label, deleted: true }, opacity: 1 }, { drawing: label, opacity: 0 }])).toEqual([]);
  });
});

describe('readoutCenter: an angle readout covers neither ray and stays on the picture', () => {
  const PICTURE = { width: 640, height: 360 };
  const BOX = { halfW: 24, halfH: 13 };
  const HALF = Math.hypot(BOX.halfW, BOX.halfH);
  /** Distance from `p` to the ray from `v` at `angle` (radians). */
  const toRay = (v: { x: number; y: number }, p: { x: number; y: number }, angle: number) => {
    const ux = Math.cos(angle), uy = Math.sin(angle);
    const t = Math.max(0, (p.x - v.x) * ux + (p.y - v.y) * uy);
    return Math.hypot(p.x - v.x - t * ux, p.y - v.y - t * uy);
  };
  const deg = Math.PI / 180;

  it.each([
    // vertex, first ray (deg, screen: -90 = up), sweep (deg), ray length
    ['mid-picture, right angle', { x: 320, y: 180 }, -90, 90, 150],
    ['mid-picture, 60°', { x: 320, y: 180 }, -90, 60, 150],
    ['mid-picture, 28° (a shin)', { x: 320, y: 180 }, -90, 28, 150],
    ['mid-picture, 28°, short rays', { x: 320, y: 180 }, -90, 28, 50],
    ['mid-picture, 8°, turning the other way', { x: 320, y: 180 }, -90, -8, 150],
    ['vertex at the bottom edge (a foot), 28°', { x: 270, y: 345 }, -90, 28, 150],
    ['vertex at the bottom-left corner, 37° to horizontal', { x: 10, y: 350 }, 0, -37, 150],
    ['vertex at the top edge, pointing down, 20°', { x: 320, y: 5 }, 90, 20, 150],
  ])('%s', (_name, v, startDeg, sweepDeg, ray) => {
    const start = startDeg * deg;
    const sweep = sweepDeg * deg;
    const c = readoutCenter(v, start, sweep, 44, BOX, ray, PICTURE);
    expect(toRay(v, c, start)).toBeGreaterThanOrEqual(HALF - 1e-9);
    expect(toRay(v, c, start + sweep)).toBeGreaterThanOrEqual(HALF - 1e-9);
    expect(c.x - BOX.halfW).toBeGreaterThanOrEqual(0);
    expect(c.x + BOX.halfW).toBeLessThanOrEqual(PICTURE.width);
    expect(c.y - BOX.halfH).toBeGreaterThanOrEqual(0);
    expect(c.y + BOX.halfH).toBeLessThanOrEqual(PICTURE.height);
    expect(Math.hypot(c.x - v.x, c.y - v.y)).toBeLessThanOrEqual(Math.max(44, ray) + 1e-9);
  });

  it('a wide angle keeps its readout inside, on the bisector, at the given distance', () => {
    const c = readoutCenter({ x: 100, y: 100 }, -60 * deg, 120 * deg, 44, BOX, 200, PICTURE);
    expect(c.x).toBeCloseTo(144);
    expect(c.y).toBeCloseTo(100);
  });
});
