/**
 * Editing drawings, pure: which drawing or handle is under the pointer, and the shape after
 * a move or a handle drag. The page side turns pointer events into these calls.
 */
import { pointsOf } from '../model/shape';
import type { DrawingAnnotation, NormPoint, Shape } from '../model/types';
import { hitTest, type Size } from './geometry';
import { PALETTE } from './colors';

/** Pointer slop for picking a stroke, CSS px. */
export const PICK_TOLERANCE_PX = 8;
/** Handles are this big (CSS px) to grab. */
export const HANDLE_GRAB_PX = 10;

/** The shape with its defining points replaced (same order as pointsOf). */
export function withPoints(shape: Shape, points: readonly NormPoint[]): Shape {
  const [a, b, c] = points;
  switch (shape.tool) {
    case 'pen':
      return { tool: 'pen', points: [...points] };
    case 'text':
    case 'stopwatch':
      return a ? { ...shape, at: a } : shape;
    case 'angle':
      return a && b && c ? { ...shape, a, vertex: b, b: c } : shape;
    default:
      return a && b ? { ...shape, from: a, to: b } : shape;
  }
}

/** How far outside the picture a point may be moved (a line may run off the edge, not far). */
const REACH = 0.5;

/**
 * The shape moved by (dx, dy), normalized; the move stops where a point would go more than
 * half a picture beyond an edge (the shape keeps its form).
 */
export function translate(shape: Shape, dx: number, dy: number): Shape {
  const points = pointsOf(shape);
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const within = (d: number, values: number[]) =>
    values.length ? Math.min(Math.max(d, -REACH - Math.min(...values)), 1 + REACH - Math.max(...values)) : d;
  const mx = within(dx, xs);
  const my = within(dy, ys);
  return withPoints(shape, points.map((p) => ({ x: p.x + mx, y: p.y + my })));
}

/** The points a selected drawing can be reshaped by: its points, or a pen stroke's two ends. */
export function handleIndices(shape: Shape): number[] {
  const n = pointsOf(shape).length;
  if (shape.tool === 'pen') return n > 1 ? [0, n - 1] : [];
  if (shape.tool === 'text' || shape.tool === 'stopwatch') return [];
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The shape with point `index` dragged to `to`. A pen stroke is dragged by an end: the whole
 * stroke turns and scales about its other end (in pixels, so it keeps its form), like a rope.
 */
export function movePoint(shape: Shape, index: number, to: NormPoint, size: Size): Shape {
  const points = pointsOf(shape);
  if (index < 0 || index >= points.length) return shape;
  if (shape.tool !== 'pen') return withPoints(shape, points.map((p, i) => (i === index ? to : p)));
  const pivot = points[index === 0 ? points.length - 1 : 0]!;
  const from = points[index]!;
  // Complex arithmetic in pixels: z' = pivot + (z - pivot) * (to - pivot) / (from - pivot).
  const W = size.width, H = size.height;
  const fx = (from.x - pivot.x) * W, fy = (from.y - pivot.y) * H;
  const tx = (to.x - pivot.x) * W, ty = (to.y - pivot.y) * H;
  const den = fx * fx + fy * fy;
  // Onto the other end would collapse the stroke to a point: refuse.
  if (den === 0 || (tx === 0 && ty === 0)) return shape;
  const re = (tx * fx + ty * fy) / den, im = (ty * fx - tx * fy) / den;
  return withPoints(
    shape,
    points.map((p) => {
      const zx = (p.x - pivot.x) * W, zy = (p.y - pivot.y) * H;
      return { x: pivot.x + (zx * re - zy * im) / W, y: pivot.y + (zx * im + zy * re) / H };
    }),
  );
}

/** The handle of `shape` under `p`, or null. */
export function handleAt(shape: Shape, p: NormPoint, size: Size): number | null {
  const points = pointsOf(shape);
  for (const i of handleIndices(shape).reverse()) {
    const h = points[i]!;
    if (Math.abs((h.x - p.x) * size.width) <= HANDLE_GRAB_PX && Math.abs((h.y - p.y) * size.height) <= HANDLE_GRAB_PX) return i;
  }
  return null;
}

/** The topmost drawing (last in draw order) under `p`, or null. */
export function pickAt(drawings: readonly DrawingAnnotation[], p: NormPoint, size: Size): DrawingAnnotation | null {
  for (let i = drawings.length - 1; i >= 0; i--) {
    const d = drawings[i]!;
    // The stroke is drawn width × picture/640 wide: half of that, plus slop, is on it.
    const half = (d.style.width * size.width) / 640 / 2;
    if (!d.deleted && hitTest(d.shape, p, size, Math.max(PICK_TOLERANCE_PX, half + 4))) return d;
  }
  return null;
}

/** The drawing after `current` in `drawings` (wrapping), for Tab through what is on screen. */
export function nextOf(drawings: readonly DrawingAnnotation[], current: string | null, back = false): DrawingAnnotation | null {
  if (drawings.length === 0) return null;
  const i = drawings.findIndex((d) => d.id === current);
  if (i < 0) return drawings[back ? drawings.length - 1 : 0]!;
  return drawings[(i + (back ? -1 : 1) + drawings.length) % drawings.length]!;
}

/** Stroke widths (CSS px at a 640 px picture) the coach steps through. */
export const WIDTHS = [1.5, 2, 3, 4, 6, 8] as const;

export function nextColor(color: string): string {
  const i = PALETTE.indexOf(color.toLowerCase() as (typeof PALETTE)[number]);
  return PALETTE[(i + 1) % PALETTE.length]!;
}

/** One notch thicker (+1) or thinner (-1) on WIDTHS, from wherever `width` is. */
export function stepWidth(width: number, direction: 1 | -1): number {
  // Off the ladder (a width set elsewhere), a step never goes the wrong way.
  if (direction > 0) return WIDTHS.find((w) => w > width) ?? Math.max(width, WIDTHS[WIDTHS.length - 1]!);
  return [...WIDTHS].reverse().find((w) => w < width) ?? Math.min(width, WIDTHS[0]);
}

/** Playback holds (seconds) the coach steps through. */
export const HOLDS = [0.5, 1, 2, 4] as const;

export function nextHold(seconds: number): number {
  return HOLDS.find((h) => h > seconds + 1e-9) ?? HOLDS[0];
}
