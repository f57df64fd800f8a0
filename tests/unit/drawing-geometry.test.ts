import { describe, expect, it } from 'vitest';
import {
  angleAt,
  angleToHorizontal,
  angleToVertical,
  distanceToSegment,
  formatAngle,
  hitTest,
  shapeBounds,
  signedAngleToVertical,
  toPixels,
  type Size,
} from '../../utils/drawing/geometry';
import type { NormPoint, Shape } from '../../utils/model/types';

const p = (x: number, y: number): NormPoint => ({ x, y });
const square: Size = { width: 1000, height: 1000 };
const wide: Size = { width: 1280, height: 720 };
/** The issue asks for angles to within half a degree; we hold the math to far better. */
const DEGREES = 6; // toBeCloseTo digits: |error| < 5e-7

describe('toPixels', () => {
  it('applies each axis its own scale', () => {
    expect(toPixels(p(0.5, 0.25), wide)).toEqual({ x: 640, y: 180 });
  });
});

describe('angleAt', () => {
  it.each([
    ['right angle', p(1, 0.5), p(0.5, 0.5), p(0.5, 0), square, 90],
    ['45°', p(1, 0.5), p(0.5, 0.5), p(1, 0), square, 45],
    ['straight line', p(0, 0.5), p(0.5, 0.5), p(1, 0.5), square, 180],
    ['same direction', p(0.7, 0.5), p(0.5, 0.5), p(0.9, 0.5), square, 0],
    ['60° on a square', p(1, 0), p(0, 0), p(0.5, Math.sqrt(3) / 2), square, 60],
    // The normalized diagonal of a 16:9 picture is not 45° in the picture.
    ['diagonal vs axis on 1280x720', p(1, 0), p(0, 0), p(1, 1), wide, (Math.atan(720 / 1280) * 180) / Math.PI],
    // 30° in pixels: (cos30, sin30) scaled back to normalized on the wide picture.
    ['30° on 1280x720', p(0.5, 0), p(0, 0), p((100 * Math.cos(Math.PI / 6)) / 1280, (100 * Math.sin(Math.PI / 6)) / 720), wide, 30],
    ['90° on 1280x720', p(0.1, 0), p(0, 0), p(0, 0.3), wide, 90],
    ['obtuse knee', p(0.4, 0.2), p(0.5, 0.5), p(0.4, 0.8), square, 2 * ((Math.atan(0.3 / 0.1) * 180) / Math.PI)],
  ])('%s', (_name, a, vertex, b, size, expected) => {
    expect(angleAt(a, vertex, b, size)).toBeCloseTo(expected, DEGREES);
    // Symmetric in its two rays.
    expect(angleAt(b, vertex, a, size)).toBeCloseTo(expected, DEGREES);
  });

  it.each([
    ['a on the vertex', p(0.5, 0.5), p(0.5, 0.5), p(1, 1)],
    ['b on the vertex', p(0, 0), p(0.5, 0.5), p(0.5, 0.5)],
    ['all the same', p(0.3, 0.3), p(0.3, 0.3), p(0.3, 0.3)],
  ])('is NaN with a zero-length ray: %s', (_name, a, vertex, b) => {
    expect(angleAt(a, vertex, b, wide)).toBeNaN();
  });

  it('is accurate near 0° and 180° (atan2, not acos)', () => {
    const tiny = 1e-6;
    expect(angleAt(p(1, 0.5), p(0, 0.5), p(1, 0.5 + tiny), square)).toBeCloseTo((Math.atan(tiny) * 180) / Math.PI, 9);
    expect(angleAt(p(0, 0.5), p(0.5, 0.5), p(1, 0.5 + tiny), square)).toBeCloseTo(180 - (Math.atan(tiny / 0.5) * 180) / Math.PI, 9);
  });
});

describe('angles to the axes', () => {
  const atan = (r: number) => (Math.atan(r) * 180) / Math.PI;
  it.each([
    ['vertical up', p(0.5, 0.9), p(0.5, 0.1), square, 0, 90, 0],
    ['vertical down', p(0.5, 0.1), p(0.5, 0.9), square, 0, 90, 0],
    ['horizontal right', p(0.1, 0.5), p(0.9, 0.5), square, 90, 0, 90],
    ['horizontal left', p(0.9, 0.5), p(0.1, 0.5), square, 90, 0, -90],
    ['45° up-right', p(0.2, 0.8), p(0.6, 0.4), square, 45, 45, 45],
    ['45° up-left', p(0.6, 0.8), p(0.2, 0.4), square, 45, 45, -45],
    ['45° down-right (same line as up-left)', p(0.2, 0.4), p(0.6, 0.8), square, 45, 45, -45],
    ['normalized diagonal on 1280x720', p(0, 0), p(1, 1), wide, 90 - atan(720 / 1280), atan(720 / 1280), -(90 - atan(720 / 1280))],
    ['trunk 12° forward (right)', p(0.5, 0.9), p(0.5 + (0.8 * Math.tan((12 * Math.PI) / 180) * 720) / 1280, 0.1), wide, 12, 78, 12],
    ['shin 30° back (left)', p(0.5, 0.8), p(0.5 - (0.3 * Math.tan(Math.PI / 6) * 720) / 1280, 0.5), wide, 30, 60, -30],
  ])('%s', (_name, from, to, size, toVertical, toHorizontal, signed) => {
    expect(angleToVertical(from, to, size)).toBeCloseTo(toVertical, DEGREES);
    expect(angleToHorizontal(from, to, size)).toBeCloseTo(toHorizontal, DEGREES);
    expect(signedAngleToVertical(from, to, size)).toBeCloseTo(signed, DEGREES);
    // Direction does not matter for the unsigned angles, nor for the signed lean.
    expect(angleToVertical(to, from, size)).toBeCloseTo(toVertical, DEGREES);
    expect(angleToHorizontal(to, from, size)).toBeCloseTo(toHorizontal, DEGREES);
    if (Math.abs(signed) !== 90) expect(signedAngleToVertical(to, from, size)).toBeCloseTo(signed, DEGREES);
    expect(angleToVertical(from, to, size) + angleToHorizontal(from, to, size)).toBeCloseTo(90, 9);
  });

  it('uses the picture proportions: (0,0)→(1,1) on 1280x720 is 29.36° to horizontal, not 45°', () => {
    expect(angleToHorizontal(p(0, 0), p(1, 1), wide)).toBeCloseTo(29.36, 2);
    expect(formatAngle(angleToHorizontal(p(0, 0), p(1, 1), wide))).toBe('29.4°');
    expect(angleToHorizontal(p(0, 0), p(1, 1), square)).toBeCloseTo(45, 9);
  });

  it('gives NaN for a zero-length segment', () => {
    for (const f of [angleToVertical, angleToHorizontal, signedAngleToVertical]) {
      expect(f(p(0.4, 0.4), p(0.4, 0.4), wide)).toBeNaN();
    }
  });

  it('stays in range on random segments', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let i = 0; i < 1000; i++) {
      const from = p(rand(), rand());
      const to = p(rand(), rand());
      const v = angleToVertical(from, to, wide);
      const s = signedAngleToVertical(from, to, wide);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(90);
      expect(Math.abs(s)).toBeCloseTo(v, 9);
    }
  });
});

describe('distanceToSegment', () => {
  it.each([
    ['perpendicular foot inside', p(0.5, 0.6), p(0.1, 0.5), p(0.9, 0.5), wide, 72],
    ['beyond the end: distance to the end', p(1, 0.5), p(0.1, 0.5), p(0.5, 0.5), wide, 640],
    ['before the start', p(0, 0.5), p(0.25, 0.5), p(0.5, 0.5), wide, 320],
    ['on the segment', p(0.3, 0.5), p(0.1, 0.5), p(0.9, 0.5), wide, 0],
    ['degenerate segment: distance to the point', p(0.5, 0.5), p(0.5, 0.2), p(0.5, 0.2), wide, 216],
    ['diagonal on a square', p(0, 1), p(0, 0), p(1, 1), square, 1000 / Math.SQRT2],
  ])('%s', (_name, q, a, b, size, expected) => {
    expect(distanceToSegment(q, a, b, size)).toBeCloseTo(expected, 6);
    expect(distanceToSegment(q, b, a, size)).toBeCloseTo(expected, 6);
  });
});

describe('shapeBounds', () => {
  it.each<[string, Shape, ReturnType<typeof shapeBounds>]>([
    ['pen', { tool: 'pen', points: [p(0.2, 0.5), p(0.1, 0.7), p(0.4, 0.6)] }, { x: 0.1, y: 0.5, width: 0.3, height: 0.2 }],
    ['rect drawn backwards', { tool: 'rect', from: p(0.8, 0.9), to: p(0.2, 0.3) }, { x: 0.2, y: 0.3, width: 0.6, height: 0.6 }],
    ['text', { tool: 'text', at: p(0.3, 0.4), text: 'hip' }, { x: 0.3, y: 0.4, width: 0, height: 0 }],
    ['angle', { tool: 'angle', a: p(0.4, 0.2), vertex: p(0.5, 0.5), b: p(0.3, 0.9) }, { x: 0.3, y: 0.2, width: 0.2, height: 0.7 }],
    ['empty pen', { tool: 'pen', points: [] }, { x: 0, y: 0, width: 0, height: 0 }],
  ])('%s', (_name, shape, expected) => {
    const b = shapeBounds(shape);
    for (const key of ['x', 'y', 'width', 'height'] as const) expect(b[key]).toBeCloseTo(expected[key], 12);
  });
});

describe('hitTest', () => {
  const tol = 5;
  // On a 1280x720 picture, 1 px is 1/1280 across and 1/720 down.
  const px = (x: number, y: number) => p(x / 1280, y / 720);
  it.each<[string, Shape, NormPoint, boolean]>([
    ['pen: near a middle segment', { tool: 'pen', points: [px(100, 100), px(200, 100), px(200, 200)] }, px(204, 150), true],
    ['pen: too far', { tool: 'pen', points: [px(100, 100), px(200, 100), px(200, 200)] }, px(150, 150), false],
    ['pen: a single dot', { tool: 'pen', points: [px(100, 100)] }, px(103, 103), true],
    ['empty pen', { tool: 'pen', points: [] }, px(0, 0), false],
    ['line: near', { tool: 'line', from: px(0, 0), to: px(100, 0) }, px(50, 4), true],
    ['line: past its end', { tool: 'line', from: px(0, 0), to: px(100, 0) }, px(110, 0), false],
    ['arrow: near', { tool: 'arrow', from: px(0, 0), to: px(100, 100) }, px(50, 53), true],
    ['rect: near an edge', { tool: 'rect', from: px(100, 100), to: px(300, 200) }, px(297, 150), true],
    ['rect: inside, far from edges', { tool: 'rect', from: px(100, 100), to: px(300, 200) }, px(200, 150), false],
    ['ellipse: on the outline (right end)', { tool: 'ellipse', from: px(100, 100), to: px(300, 200) }, px(302, 150), true],
    ['ellipse: on the outline (top)', { tool: 'ellipse', from: px(100, 100), to: px(300, 200) }, px(200, 97), true],
    ['ellipse: centre', { tool: 'ellipse', from: px(100, 100), to: px(300, 200) }, px(200, 150), false],
    ['ellipse: box corner is off the outline', { tool: 'ellipse', from: px(100, 100), to: px(300, 200) }, px(100, 100), false],
    // A label is hit anywhere on its box: 36 px font at 1280 px wide, about 0.6 em a character.
    ['text: inside its box', { tool: 'text', at: px(400, 400), text: 'x' }, px(410, 420), true],
    ['text: inside a long label, far from the anchor', { tool: 'text', at: px(400, 400), text: 'the shin angle' }, px(640, 420), true],
    ['text: left of the box', { tool: 'text', at: px(400, 400), text: 'x' }, px(380, 420), false],
    ['text: right of the box', { tool: 'text', at: px(400, 400), text: 'x' }, px(445, 420), false],
    ['text: second line', { tool: 'text', at: px(400, 400), text: 'x\ny' }, px(405, 470), true],
    ['stopwatch: on its label', { tool: 'stopwatch', at: px(400, 400), marks: [{ time: 1, frame: 30 }, { time: 1.2, frame: 36 }] }, px(480, 420), true],
    ['angle: near ray a', { tool: 'angle', a: px(100, 0), vertex: px(0, 0), b: px(0, 100) }, px(50, 3), true],
    ['angle: near ray b', { tool: 'angle', a: px(100, 0), vertex: px(0, 0), b: px(0, 100) }, px(4, 80), true],
    ['angle: between rays', { tool: 'angle', a: px(100, 0), vertex: px(0, 0), b: px(0, 100) }, px(50, 50), false],
    ['angleToVertical: near', { tool: 'angleToVertical', from: px(500, 600), to: px(520, 300) }, px(513, 400), true],
    ['angleToHorizontal: far', { tool: 'angleToHorizontal', from: px(100, 600), to: px(500, 600) }, px(300, 620), false],
  ])('%s → %s', (_name, shape, point, expected) => {
    expect(hitTest(shape, point, wide, tol)).toBe(expected);
  });
});

describe('formatAngle', () => {
  it.each([
    [37.5, '37.5°'],
    [37.54, '37.5°'],
    [37.56, '37.6°'],
    [90, '90.0°'],
    [0, '0.0°'],
    [-0.01, '0.0°'],
    [-12.34, '-12.3°'],
    [179.96, '180.0°'],
    [NaN, '—'],
    [Infinity, '—'],
  ])('%s → %s', (deg, expected) => {
    expect(formatAngle(deg)).toBe(expected);
  });
});
