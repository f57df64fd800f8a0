import { describe, expect, it } from 'vitest';
import { PALETTE } from '../../utils/drawing/colors';
import {
  HANDLE_GRAB_PX,
  HOLDS,
  PICK_TOLERANCE_PX,
  WIDTHS,
  handleAt,
  handleIndices,
  movePoint,
  nextColor,
  nextHold,
  nextOf,
  pickAt,
  stepWidth,
  translate,
  withPoints,
} from '../../utils/drawing/edit';
import { newDrawing } from '../../utils/model/create';
import { pointsOf, TOOLS } from '../../utils/model/shape';
import type { DrawingAnnotation, NormPoint, Shape, Tool } from '../../utils/model/types';

const p = (x: number, y: number): NormPoint => ({ x, y });
const author = { id: 'a1', name: 'Sam' };
/** A 16:9 picture: normalized distances are not pixel distances here. */
const HD = { width: 1280, height: 720 };

/** One shape of every tool, each with distinct points. */
const SAMPLES: Record<Tool, Shape> = {
  pen: { tool: 'pen', points: [p(0.1, 0.2), p(0.15, 0.25), p(0.2, 0.22), p(0.3, 0.3)] },
  line: { tool: 'line', from: p(0.1, 0.2), to: p(0.5, 0.6) },
  arrow: { tool: 'arrow', from: p(0.2, 0.1), to: p(0.6, 0.4) },
  rect: { tool: 'rect', from: p(0.3, 0.3), to: p(0.7, 0.8) },
  ellipse: { tool: 'ellipse', from: p(0.25, 0.35), to: p(0.45, 0.65) },
  text: { tool: 'text', at: p(0.4, 0.4), text: 'knee over toe' },
  angle: { tool: 'angle', a: p(0.2, 0.2), vertex: p(0.4, 0.6), b: p(0.7, 0.3) },
  angleToVertical: { tool: 'angleToVertical', from: p(0.5, 0.2), to: p(0.55, 0.8) },
  angleToHorizontal: { tool: 'angleToHorizontal', from: p(0.1, 0.9), to: p(0.8, 0.85) },
  stopwatch: { tool: 'stopwatch', at: p(0.05, 0.05), marks: [{ time: 1, frame: 30 }, { time: 1.2, frame: 36 }] },
};
const TOOL_NAMES = Object.keys(TOOLS) as Tool[];

const px = (a: NormPoint, b: NormPoint, size = HD) => Math.hypot((a.x - b.x) * size.width, (a.y - b.y) * size.height);

function drawing(id: string, shape: Shape, extra: Partial<DrawingAnnotation> = {}): DrawingAnnotation {
  return { ...newDrawing({ videoId: 'v1', time: 1, frame: 30, shape, author, id, now: 1 }), ...extra };
}

describe('withPoints and translate', () => {
  it('has a sample for every tool', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...TOOL_NAMES].sort());
  });

  it.each(TOOL_NAMES)('%s: putting back its own points gives the same shape', (tool) => {
    const shape = SAMPLES[tool];
    expect(withPoints(shape, pointsOf(shape))).toEqual(shape);
  });

  it.each(TOOL_NAMES)('%s: new points land in pointsOf order, other fields kept', (tool) => {
    const shape = SAMPLES[tool];
    const replaced = pointsOf(shape).map((_, i) => p(0.01 * (i + 1), 0.02 * (i + 1)));
    const next = withPoints(shape, replaced);
    expect(next.tool).toBe(tool);
    expect(pointsOf(next)).toEqual(replaced);
    if (shape.tool === 'text') expect(next).toMatchObject({ text: shape.text });
    if (shape.tool === 'stopwatch') expect(next).toMatchObject({ marks: shape.marks });
  });

  it.each(TOOL_NAMES)('%s: translate moves every point by (dx, dy) and back again', (tool) => {
    const shape = SAMPLES[tool];
    const moved = translate(shape, 0.1, -0.05);
    expect(moved.tool).toBe(tool);
    const before = pointsOf(shape);
    const after = pointsOf(moved);
    expect(after).toHaveLength(before.length);
    after.forEach((q, i) => {
      expect(q.x).toBeCloseTo(before[i]!.x + 0.1, 12);
      expect(q.y).toBeCloseTo(before[i]!.y - 0.05, 12);
    });
    const back = pointsOf(translate(moved, -0.1, 0.05));
    back.forEach((q, i) => {
      expect(q.x).toBeCloseTo(before[i]!.x, 12);
      expect(q.y).toBeCloseTo(before[i]!.y, 12);
    });
    if (shape.tool === 'text') expect(moved).toMatchObject({ text: shape.text });
    if (shape.tool === 'stopwatch') expect(moved).toMatchObject({ marks: shape.marks });
  });

  it('translate leaves the original shape alone', () => {
    const shape = SAMPLES.pen;
    const copy = structuredClone(shape);
    translate(shape, 0.3, 0.3);
    expect(shape).toEqual(copy);
  });

  it('too few points leaves a fixed-size shape as it was', () => {
    expect(withPoints(SAMPLES.line, [p(0.9, 0.9)])).toBe(SAMPLES.line);
    expect(withPoints(SAMPLES.angle, [p(0.9, 0.9), p(0.8, 0.8)])).toBe(SAMPLES.angle);
    expect(withPoints(SAMPLES.text, [])).toBe(SAMPLES.text);
  });
});

describe('handleIndices', () => {
  it.each([
    ['line', [0, 1]],
    ['arrow', [0, 1]],
    ['rect', [0, 1]],
    ['ellipse', [0, 1]],
    ['angleToVertical', [0, 1]],
    ['angleToHorizontal', [0, 1]],
    ['angle', [0, 1, 2]],
    ['text', []],
    ['stopwatch', []],
  ] as [Tool, number[]][])('%s → %j', (tool, expected) => {
    expect(handleIndices(SAMPLES[tool])).toEqual(expected);
  });

  it('a pen stroke is reshaped by its two ends only', () => {
    expect(handleIndices(SAMPLES.pen)).toEqual([0, 3]);
  });

  it('a one-point pen stroke has no handles', () => {
    expect(handleIndices({ tool: 'pen', points: [p(0.5, 0.5)] })).toEqual([]);
  });
});

describe('movePoint', () => {
  it('line: dragging the end replaces only that point', () => {
    expect(movePoint(SAMPLES.line, 1, p(0.9, 0.1), HD)).toEqual({ tool: 'line', from: p(0.1, 0.2), to: p(0.9, 0.1) });
    expect(movePoint(SAMPLES.line, 0, p(0.9, 0.1), HD)).toEqual({ tool: 'line', from: p(0.9, 0.1), to: p(0.5, 0.6) });
  });

  it('angle: dragging the vertex keeps both ray ends', () => {
    expect(movePoint(SAMPLES.angle, 1, p(0.5, 0.5), HD)).toEqual({ tool: 'angle', a: p(0.2, 0.2), vertex: p(0.5, 0.5), b: p(0.7, 0.3) });
  });

  it('an index out of range changes nothing', () => {
    expect(movePoint(SAMPLES.line, 2, p(0.9, 0.9), HD)).toBe(SAMPLES.line);
    expect(movePoint(SAMPLES.pen, -1, p(0.9, 0.9), HD)).toBe(SAMPLES.pen);
  });

  /** Which way the path o → a → b turns on the picture (sign of the pixel cross product). */
  const cross = (o: NormPoint, a: NormPoint, b: NormPoint, size = HD) =>
    (a.x - o.x) * size.width * (b.y - o.y) * size.height - (a.y - o.y) * size.height * (b.x - o.x) * size.width;

  it.each([
    ['the last end', 3, 0],
    ['the first end', 0, 3],
  ])('pen: dragging %s turns and scales the stroke about the other end, keeping its form', (_name, index, pivotIndex) => {
    const stroke = SAMPLES.pen as Shape & { tool: 'pen' };
    const target = p(0.6, 0.7);
    const moved = movePoint(stroke, index, target, HD);
    expect(moved.tool).toBe('pen');
    const before = pointsOf(stroke);
    const after = pointsOf(moved);
    expect(after).toHaveLength(before.length);
    // The other end does not move; the dragged end lands exactly on the pointer.
    expect(after[pivotIndex]!.x).toBeCloseTo(before[pivotIndex]!.x, 12);
    expect(after[pivotIndex]!.y).toBeCloseTo(before[pivotIndex]!.y, 12);
    expect(after[index]!.x).toBeCloseTo(target.x, 12);
    expect(after[index]!.y).toBeCloseTo(target.y, 12);
    // Every pixel distance scales by the same factor (a similarity on the 16:9 picture) ...
    const scale = px(target, before[pivotIndex]!) / px(before[index]!, before[pivotIndex]!);
    expect(scale).not.toBeCloseTo(1, 2);
    for (let i = 0; i < before.length; i++) {
      for (let j = i + 1; j < before.length; j++) {
        expect(px(after[i]!, after[j]!)).toBeCloseTo(px(before[i]!, before[j]!) * scale, 9);
      }
    }
    // ... and it is not mirrored: every turn of the stroke bends the same way as before.
    for (let i = 1; i + 1 < before.length; i++) {
      expect(Math.sign(cross(after[i - 1]!, after[i]!, after[i + 1]!))).toBe(Math.sign(cross(before[i - 1]!, before[i]!, before[i + 1]!)));
    }
  });

  it('pen: a pure turn (same pixel length) keeps every pixel distance', () => {
    // A horizontal stroke 400 px long, turned to point straight down 400 px on a 1280x720 picture.
    const stroke: Shape = { tool: 'pen', points: [p(0.25, 0.2), p(0.4, 0.25), p(0.5625, 0.2)] };
    const target = p(0.25, 0.2 + 400 / 720);
    const after = pointsOf(movePoint(stroke, 2, target, HD));
    const before = pointsOf(stroke);
    expect(px(after[0]!, after[1]!)).toBeCloseTo(px(before[0]!, before[1]!), 9);
    expect(px(after[1]!, after[2]!)).toBeCloseTo(px(before[1]!, before[2]!), 9);
    expect(after[2]!.x).toBeCloseTo(target.x, 12);
    expect(after[2]!.y).toBeCloseTo(target.y, 12);
  });

  it('pen: dragging an end onto the other end is refused (it would collapse the stroke)', () => {
    const pen = SAMPLES.pen as Extract<Shape, { tool: 'pen' }>;
    const other = pen.points[pen.points.length - 1]!;
    expect(movePoint(pen, 0, other, HD)).toBe(pen);
  });

  it('pen: a stroke whose ends coincide is left as it is', () => {
    const loop: Shape = { tool: 'pen', points: [p(0.5, 0.5), p(0.6, 0.6), p(0.5, 0.5)] };
    expect(movePoint(loop, 2, p(0.9, 0.9), HD)).toBe(loop);
  });
});

describe('handleAt', () => {
  const line = SAMPLES.line; // from (0.1, 0.2) to (0.5, 0.6)
  const off = (q: NormPoint, dxPx: number, dyPx: number) => p(q.x + dxPx / HD.width, q.y + dyPx / HD.height);

  it('grabs a handle within HANDLE_GRAB_PX on each axis', () => {
    const near = HANDLE_GRAB_PX - 0.5;
    expect(handleAt(line, off(p(0.5, 0.6), near, 0), HD)).toBe(1);
    expect(handleAt(line, off(p(0.5, 0.6), 0, -near), HD)).toBe(1);
    expect(handleAt(line, off(p(0.5, 0.6), near, near), HD)).toBe(1);
    expect(handleAt(line, off(p(0.1, 0.2), -near, near), HD)).toBe(0);
  });

  it('misses just outside HANDLE_GRAB_PX, and along the stroke away from the ends', () => {
    const far = HANDLE_GRAB_PX + 0.5;
    expect(handleAt(line, off(p(0.5, 0.6), far, 0), HD)).toBeNull();
    expect(handleAt(line, off(p(0.1, 0.2), 0, -far), HD)).toBeNull();
    expect(handleAt(line, p(0.3, 0.4), HD)).toBeNull();
  });

  it('measures in pixels of the picture size given', () => {
    // 0.01 across is 12.8 px on 1280 wide (a miss) but 6.4 px on 640 wide (a hit).
    expect(handleAt(line, p(0.51, 0.6), HD)).toBeNull();
    expect(handleAt(line, p(0.51, 0.6), { width: 640, height: 360 })).toBe(1);
  });

  it('a pen stroke is grabbed by its ends, not its middle points', () => {
    const pen = SAMPLES.pen;
    expect(handleAt(pen, p(0.3, 0.3), HD)).toBe(3);
    expect(handleAt(pen, p(0.1, 0.2), HD)).toBe(0);
    expect(handleAt(pen, p(0.15, 0.25), HD)).toBeNull();
  });

  it('labels have no handles', () => {
    expect(handleAt(SAMPLES.text, p(0.4, 0.4), HD)).toBeNull();
    expect(handleAt(SAMPLES.stopwatch, p(0.05, 0.05), HD)).toBeNull();
  });

  it('when handles overlap, the later point wins', () => {
    const collapsed: Shape = { tool: 'line', from: p(0.5, 0.5), to: p(0.5, 0.5) };
    expect(handleAt(collapsed, p(0.5, 0.5), HD)).toBe(1);
  });
});

describe('pickAt', () => {
  /** 1000 x 1000: 0.001 normalized is 1 px on both axes. */
  const SQUARE = { width: 1000, height: 1000 };
  const across = (y: number): Shape => ({ tool: 'line', from: p(0.1, y), to: p(0.9, y) });

  it('finds the drawing under the pointer within PICK_TOLERANCE_PX, and nothing beyond', () => {
    const d = drawing('d1', across(0.5), { style: { color: '#fff', width: 1 } });
    expect(PICK_TOLERANCE_PX).toBe(8);
    expect(pickAt([d], p(0.5, 0.507), SQUARE)).toBe(d);
    expect(pickAt([d], p(0.5, 0.493), SQUARE)).toBe(d);
    expect(pickAt([d], p(0.5, 0.509), SQUARE)).toBeNull();
  });

  it('a thick stroke is picked within its own width', () => {
    const d = drawing('d1', across(0.5), { style: { color: '#fff', width: 20 } });
    expect(pickAt([d], p(0.5, 0.515), SQUARE)).toBe(d);
    expect(pickAt([d], p(0.5, 0.521), SQUARE)).toBeNull();
  });

  it('on a big picture, a stroke is picked anywhere on it as drawn (width scales with the picture)', () => {
    const FULL_HD = { width: 1920, height: 1080 };
    // Width 8 at 640 px is drawn 24 px wide at 1920: 11 px from its centre line is on it.
    const d = drawing('d1', across(0.5), { style: { color: '#fff', width: 8 } });
    expect(pickAt([d], p(0.5, 0.5 + 11 / 1080), FULL_HD)).toBe(d);
    expect(pickAt([d], p(0.5, 0.5 + 20 / 1080), FULL_HD)).toBeNull();
  });

  it('the topmost (last drawn) wins where drawings overlap', () => {
    const under = drawing('under', across(0.5));
    const over = drawing('over', across(0.502));
    expect(pickAt([under, over], p(0.5, 0.501), SQUARE)?.id).toBe('over');
    expect(pickAt([over, under], p(0.5, 0.501), SQUARE)?.id).toBe('under');
  });

  it('skips deleted drawings', () => {
    const under = drawing('under', across(0.5));
    const gone = drawing('gone', across(0.5), { deleted: true });
    expect(pickAt([under, gone], p(0.5, 0.5), SQUARE)?.id).toBe('under');
    expect(pickAt([gone], p(0.5, 0.5), SQUARE)).toBeNull();
  });

  it('nothing to pick in an empty list', () => {
    expect(pickAt([], p(0.5, 0.5), SQUARE)).toBeNull();
  });
});

describe('nextOf', () => {
  const list = ['a', 'b', 'c'].map((id) => drawing(id, SAMPLES.line));
  const next = (current: string | null, back = false) => nextOf(list, current, back)?.id ?? null;

  it('moves forward and wraps after the last', () => {
    expect(next('a')).toBe('b');
    expect(next('b')).toBe('c');
    expect(next('c')).toBe('a');
  });

  it('moves back and wraps before the first', () => {
    expect(next('c', true)).toBe('b');
    expect(next('a', true)).toBe('c');
  });

  it('starts at the first (forward) or the last (back) when nothing known is selected', () => {
    expect(next(null)).toBe('a');
    expect(next(null, true)).toBe('c');
    expect(next('gone')).toBe('a');
    expect(next('gone', true)).toBe('c');
  });

  it('a single drawing is its own next', () => {
    expect(nextOf([list[0]!], 'a')?.id).toBe('a');
  });

  it('null when nothing is on screen', () => {
    expect(nextOf([], null)).toBeNull();
    expect(nextOf([], 'a', true)).toBeNull();
  });
});

describe('nextColor', () => {
  it('steps through the palette and wraps to the first', () => {
    const seen = [PALETTE[0] as string];
    for (let i = 0; i < PALETTE.length; i++) seen.push(nextColor(seen[seen.length - 1]!));
    expect(seen).toEqual([...PALETTE, PALETTE[0]]);
  });

  it('a palette colour written in capitals still moves on', () => {
    expect(nextColor(PALETTE[0].toUpperCase())).toBe(PALETTE[1]);
  });

  it('an unknown colour goes to the first of the palette', () => {
    expect(nextColor('#123456')).toBe(PALETTE[0]);
    expect(nextColor('red')).toBe(PALETTE[0]);
  });
});

describe('stepWidth', () => {
  it('one notch up and down the ladder', () => {
    expect(WIDTHS).toEqual([1.5, 2, 3, 4, 6, 8]);
    expect(stepWidth(3, 1)).toBe(4);
    expect(stepWidth(3, -1)).toBe(2);
    expect(stepWidth(1.5, 1)).toBe(2);
    expect(stepWidth(8, -1)).toBe(6);
  });

  it('stops at the ends', () => {
    expect(stepWidth(8, 1)).toBe(8);
    expect(stepWidth(1.5, -1)).toBe(1.5);
  });

  it('off the ladder (a width from settings), never goes the wrong way', () => {
    expect(stepWidth(0.5, -1)).toBe(0.5);
    expect(stepWidth(0.5, 1)).toBe(1.5);
    expect(stepWidth(20, 1)).toBe(20);
    expect(stepWidth(10, 1)).toBe(10);
    expect(stepWidth(20, -1)).toBe(8);
  });

  it('from a width between notches goes to the next notch that way', () => {
    expect(stepWidth(5, 1)).toBe(6);
    expect(stepWidth(5, -1)).toBe(4);
    expect(stepWidth(2.5, 1)).toBe(3);
    expect(stepWidth(2.5, -1)).toBe(2);
  });

  it('walking up then down visits every notch', () => {
    const up = [WIDTHS[0] as number];
    for (let i = 1; i < WIDTHS.length; i++) up.push(stepWidth(up[up.length - 1]!, 1));
    expect(up).toEqual([...WIDTHS]);
    const down = [WIDTHS[WIDTHS.length - 1] as number];
    for (let i = 1; i < WIDTHS.length; i++) down.push(stepWidth(down[down.length - 1]!, -1));
    expect(down).toEqual([...WIDTHS].reverse());
  });
});

describe('nextHold', () => {
  it('climbs the ladder and wraps to the first after the last', () => {
    expect(HOLDS).toEqual([0.5, 1, 2, 4]);
    expect(nextHold(0.5)).toBe(1);
    expect(nextHold(1)).toBe(2);
    expect(nextHold(2)).toBe(4);
    expect(nextHold(4)).toBe(0.5);
  });

  it('from a hold off the ladder goes to the next one up, or wraps', () => {
    expect(nextHold(0)).toBe(0.5);
    expect(nextHold(3)).toBe(4);
    expect(nextHold(10)).toBe(0.5);
  });

  it('a hold a hair off a notch counts as that notch', () => {
    expect(nextHold(1 - 1e-12)).toBe(2);
  });
});
