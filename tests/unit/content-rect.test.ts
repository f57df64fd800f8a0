import { describe, expect, it } from 'vitest';
import {
  type Rect,
  contentBox,
  contentRect,
  fromNormalized,
  intersect,
  parseObjectPosition,
  toNormalized,
} from '../../utils/geometry/content-rect';

const rect = (x: number, y: number, width: number, height: number): Rect => ({ x, y, width, height });

function expectRect(actual: Rect, expected: Rect) {
  expect(actual.x).toBeCloseTo(expected.x, 9);
  expect(actual.y).toBeCloseTo(expected.y, 9);
  expect(actual.width).toBeCloseTo(expected.width, 9);
  expect(actual.height).toBeCloseTo(expected.height, 9);
}

describe('contentRect: object-fit', () => {
  const box = rect(10, 20, 800, 400);
  it.each([
    ['contain, wider box: pillarbox', 'contain', 1920, 1080, rect(54.4444444444, 20, 711.1111111111, 400)],
    ['contain, taller box: letterbox', 'contain', 1080, 1920, rect(297.5, 20, 225, 400)],
    ['contain, 4:3 in 2:1', 'contain', 640, 480, rect(143.3333333333, 20, 533.3333333333, 400)],
    ['contain, 3:1 in 2:1: letterbox', 'contain', 1200, 400, rect(10, 86.6666666667, 800, 266.6666666667)],
    ['contain, exact fit', 'contain', 1600, 800, rect(10, 20, 800, 400)],
    ['cover, wide video', 'cover', 1920, 1080, rect(10, -5, 800, 450)],
    ['cover, tall video', 'cover', 1080, 1920, rect(10, -491.1111111111, 800, 1422.2222222222)],
    ['fill', 'fill', 1080, 1920, box],
    ['none, smaller than box: centered', 'none', 320, 240, rect(250, 100, 320, 240)],
    ['none, larger than box: centered, overflowing', 'none', 1920, 1080, rect(-550, -320, 1920, 1080)],
    ['scale-down, smaller: like none', 'scale-down', 320, 240, rect(250, 100, 320, 240)],
    ['scale-down, larger: like contain', 'scale-down', 1920, 1080, rect(54.4444444444, 20, 711.1111111111, 400)],
    ['scale-down, one side larger', 'scale-down', 900, 300, rect(10, 86.6666666667, 800, 266.6666666667)],
    ['unknown fit → contain', 'stretch', 1920, 1080, rect(54.4444444444, 20, 711.1111111111, 400)],
    ['empty fit → contain', '', 1920, 1080, rect(54.4444444444, 20, 711.1111111111, 400)],
    ['missing fit → contain', undefined, 1920, 1080, rect(54.4444444444, 20, 711.1111111111, 400)],
    ['fit is case-insensitive', ' COVER ', 1920, 1080, rect(10, -5, 800, 450)],
  ])('%s', (_, objectFit, intrinsicWidth, intrinsicHeight, expected) => {
    expectRect(contentRect({ box, intrinsicWidth, intrinsicHeight, objectFit }), expected);
  });

  it.each([
    ['zero width', 0, 1080],
    ['zero height', 1920, 0],
    ['NaN', NaN, NaN],
    ['Infinity', Infinity, 1080],
    ['negative', -1920, 1080],
  ])('%s intrinsic size → the box itself', (_, intrinsicWidth, intrinsicHeight) => {
    const result = contentRect({ box, intrinsicWidth, intrinsicHeight });
    expect(result).toEqual(box);
    expect(result).not.toBe(box);
  });

  it('NaN box → the box itself', () => {
    const bad = rect(NaN, 0, 100, 100);
    expect(contentRect({ box: bad, intrinsicWidth: 16, intrinsicHeight: 9 })).toEqual(bad);
  });

  it('zero-size box → zero-size picture at the box', () => {
    expectRect(contentRect({ box: rect(5, 5, 0, 0), intrinsicWidth: 16, intrinsicHeight: 9 }), rect(5, 5, 0, 0));
  });
});

describe('contentRect: object-position', () => {
  // 16:9 picture contained in a 800x400 box: 711.1 wide, 88.9 px of free space across.
  const box = rect(0, 0, 800, 400);
  const free = 800 - 711.1111111111;
  const at = (objectPosition: string, objectFit = 'contain') =>
    contentRect({ box, intrinsicWidth: 1920, intrinsicHeight: 1080, objectFit, objectPosition });
  it.each([
    ['50% 50%', free / 2],
    ['0% 0%', 0],
    ['100% 100%', free],
    ['0px 0px', 0],
    ['10px 20px', 10],
    ['25% 0%', free / 4],
    ['left top', 0],
    ['top left', 0],
    ['right', free],
    ['left', 0],
    ['center', free / 2],
    ['top', free / 2],
    ['right 10px bottom', free - 10],
    ['right 10px bottom 0px', free - 10],
    ['left 10px top 5px', 10],
    ['right 25% top', free * 0.75],
    ['bottom 5px right', free],
    ['calc(100% - 10px) 50%', free - 10],
    ['calc(50% + 4px) 0%', free / 2 + 4],
    ['', free / 2],
    ['garbage', free / 2],
    ['10 20', free / 2],
    ['left left', free / 2],
    ['top 10px', free / 2],
    ['left 10px 20px', free / 2],
    ['center 10px top', free / 2],
    ['constructor', free / 2],
  ])('contain, %j → x %s', (position, x) => {
    expect(at(position).x).toBeCloseTo(x, 6);
  });

  it.each([
    ['left top', 0],
    ['right bottom', -100],
    ['0% 100%', -100],
    ['50% 50%', -50],
    ['left 10px top 5px', 5],
    ['center bottom 20px', -120],
  ])('cover (1920x1200 in 800x400: 800x500), %j → y %s', (objectPosition, y) => {
    const input = { box, intrinsicWidth: 1920, intrinsicHeight: 1200, objectPosition };
    const r = contentRect({ ...input, objectFit: 'cover' });
    expect(r.width).toBeCloseTo(800, 6);
    expect(r.height).toBeCloseTo(500, 6);
    expect(r.y).toBeCloseTo(y, 6);
  });

  it('none with px position overflowing', () => {
    const input = { box, intrinsicWidth: 1000, intrinsicHeight: 500, objectPosition: '10px 20px' };
    expectRect(contentRect({ ...input, objectFit: 'none' }), rect(10, 20, 1000, 500));
  });

  it('parses y offsets', () => {
    expect(parseObjectPosition('left 10px bottom 20px')).toEqual({
      x: { fraction: 0, px: 10 },
      y: { fraction: 1, px: -20 },
    });
    expect(parseObjectPosition('0 calc(100% - 3.5px)')).toEqual({
      x: { fraction: 0, px: 0 },
      y: { fraction: 1, px: -3.5 },
    });
  });
});

describe('contentBox', () => {
  const edges = {
    borderLeft: 1, borderTop: 2, borderRight: 3, borderBottom: 4,
    paddingLeft: 10, paddingTop: 20, paddingRight: 30, paddingBottom: 40,
  };
  const noEdges = Object.fromEntries(Object.keys(edges).map((k) => [k, 0])) as typeof edges;
  it.each([
    ['border and padding', rect(100, 200, 640, 360), edges, rect(111, 222, 596, 294)],
    ['none', rect(0, 0, 640, 360), noEdges, rect(0, 0, 640, 360)],
    ['larger than the box → size 0', rect(0, 0, 20, 20), edges, rect(11, 22, 0, 0)],
    [
      'NaN edges count as 0',
      rect(0, 0, 100, 100),
      { ...edges, borderLeft: NaN, paddingBottom: Infinity },
      rect(10, 22, 57, 74),
    ],
  ])('%s', (_, border, style, expected) => {
    expect(contentBox(border, style)).toEqual(expected);
  });
});

describe('intersect', () => {
  it.each([
    ['overlap', rect(0, 0, 100, 100), rect(50, 25, 100, 100), rect(50, 25, 50, 75)],
    ['inside', rect(0, 0, 100, 100), rect(10, 10, 20, 20), rect(10, 10, 20, 20)],
    ['same', rect(1, 2, 3, 4), rect(1, 2, 3, 4), rect(1, 2, 3, 4)],
    ['cover picture clipped to box', rect(-50, 0, 900, 400), rect(0, 0, 800, 400), rect(0, 0, 800, 400)],
    ['apart horizontally', rect(0, 0, 10, 10), rect(20, 0, 10, 10), rect(20, 0, 0, 0)],
    ['apart vertically', rect(0, 0, 10, 10), rect(0, 20, 10, 10), rect(0, 20, 0, 0)],
    ['touching edges', rect(0, 0, 10, 10), rect(10, 0, 10, 10), rect(10, 0, 0, 0)],
    ['zero-size', rect(5, 5, 0, 0), rect(0, 0, 10, 10), rect(5, 5, 0, 0)],
    ['NaN', rect(NaN, 0, 10, 10), rect(0, 0, 10, 10), rect(0, 0, 0, 0)],
  ])('%s', (_, a, b, expected) => {
    expect(intersect(a, b)).toEqual(expected);
    expect(intersect(b, a)).toEqual(expected);
  });
});

describe('toNormalized / fromNormalized', () => {
  const picture = rect(54.4, 20, 711.1, 400);
  it.each([
    [{ x: 54.4, y: 20 }, { x: 0, y: 0 }],
    [{ x: 765.5, y: 420 }, { x: 1, y: 1 }],
    [{ x: 54.4 + 711.1 / 2, y: 220 }, { x: 0.5, y: 0.5 }],
    [{ x: 0, y: 0 }, { x: -54.4 / 711.1, y: -0.05 }],
  ])('%j → %j', (point, normalized) => {
    const n = toNormalized(point, picture);
    expect(n.x).toBeCloseTo(normalized.x, 9);
    expect(n.y).toBeCloseTo(normalized.y, 9);
  });

  it.each([
    [{ x: 0.25, y: 0.75 }, rect(54.4, 20, 711.1, 400)],
    [{ x: 0, y: 1 }, rect(-100, -50, 1920, 1080)],
    [{ x: 1.2, y: -0.3 }, rect(3, 4, 5, 6)],
  ])('round trip %j in %j', (normalized, r) => {
    const point = fromNormalized(normalized, r);
    const back = toNormalized(point, r);
    expect(back.x).toBeCloseTo(normalized.x, 9);
    expect(back.y).toBeCloseTo(normalized.y, 9);
  });

  it('the same normalized point follows the picture across a resize', () => {
    const small = contentRect({ box: rect(0, 0, 640, 480), intrinsicWidth: 1920, intrinsicHeight: 1080 });
    const large = contentRect({ box: rect(0, 0, 1920, 1080), intrinsicWidth: 1920, intrinsicHeight: 1080 });
    const n = toNormalized({ x: 320, y: 240 }, small);
    expect(n.x).toBeCloseTo(0.5, 9);
    expect(n.y).toBeCloseTo(0.5, 9);
    expect(fromNormalized(n, large)).toEqual({ x: 960, y: 540 });
  });

  it.each([
    ['zero width', rect(0, 0, 0, 10)],
    ['zero height', rect(0, 0, 10, 0)],
    ['NaN', rect(NaN, NaN, NaN, NaN)],
  ])('%s rect → 0, never NaN', (_, r) => {
    const n = toNormalized({ x: 5, y: 5 }, r);
    expect(Number.isFinite(n.x) && Number.isFinite(n.y)).toBe(true);
  });

  it('NaN point → 0', () => {
    expect(toNormalized({ x: NaN, y: Infinity }, rect(0, 0, 10, 10))).toEqual({ x: 0, y: 0 });
  });
});
