/**
 * Measurements a coach reads off a drawing, and hit testing. Pure: no DOM.
 *
 * Points are normalized (0..1 on each axis), so every angle and distance is computed in
 * pixels — (x * width, y * height) — or a 16:9 picture would report wrong angles.
 */
import { pointsOf } from '../model/shape';
import type { NormPoint, Shape } from '../model/types';
import { stopwatchLines } from './stopwatch';

export interface Size {
  width: number;
  height: number;
}

interface Vec {
  x: number;
  y: number;
}

const DEG = 180 / Math.PI;
/** Segments used to approximate an ellipse's outline for hit testing. */
const ELLIPSE_SEGMENTS = 64;

export function toPixels(p: NormPoint, size: Size): { x: number; y: number } {
  return { x: p.x * size.width, y: p.y * size.height };
}

/** The pixel vector from `from` to `to`. */
function delta(from: NormPoint, to: NormPoint, size: Size): Vec {
  return { x: (to.x - from.x) * size.width, y: (to.y - from.y) * size.height };
}

const isZero = (v: Vec) => v.x === 0 && v.y === 0;

/** Degrees 0..180 between the rays vertex→a and vertex→b; NaN if a ray has zero length. */
export function angleAt(a: NormPoint, vertex: NormPoint, b: NormPoint, size: Size): number {
  const u = delta(vertex, a, size);
  const v = delta(vertex, b, size);
  if (isZero(u) || isZero(v)) return NaN;
  // atan2(|cross|, dot) stays accurate near 0° and 180°, where acos(dot / norms) does not.
  return Math.atan2(Math.abs(u.x * v.y - u.y * v.x), u.x * v.x + u.y * v.y) * DEG;
}

/** Degrees 0..90 between the segment and the vertical, whichever way it points; NaN if empty. */
export function angleToVertical(from: NormPoint, to: NormPoint, size: Size): number {
  const d = delta(from, to, size);
  return isZero(d) ? NaN : Math.atan2(Math.abs(d.x), Math.abs(d.y)) * DEG;
}

/** Degrees 0..90 between the segment and the horizontal, whichever way it points; NaN if empty. */
export function angleToHorizontal(from: NormPoint, to: NormPoint, size: Size): number {
  const d = delta(from, to, size);
  return isZero(d) ? NaN : Math.atan2(Math.abs(d.y), Math.abs(d.x)) * DEG;
}

/**
 * Degrees -90..90 between the segment and the vertical: positive when its upper end leans
 * right (clockwise from up). Direction does not matter; a horizontal segment gives ±90 by
 * the sign of its x extent from `from` to `to`. NaN if empty.
 */
export function signedAngleToVertical(from: NormPoint, to: NormPoint, size: Size): number {
  const d = delta(from, to, size);
  if (isZero(d)) return NaN;
  // Orient the segment upward (screen y grows down), then measure from "up" clockwise.
  const up = d.y > 0 ? { x: -d.x, y: -d.y } : d;
  return Math.atan2(up.x, -up.y) * DEG;
}

/** Pixel distance from `p` to the segment a–b (to `a` when the segment is a point). */
export function distanceToSegment(p: NormPoint, a: NormPoint, b: NormPoint, size: Size): number {
  const ab = delta(a, b, size);
  const ap = delta(a, p, size);
  const len2 = ab.x * ab.x + ab.y * ab.y;
  const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, (ap.x * ab.x + ap.y * ab.y) / len2));
  return Math.hypot(ap.x - t * ab.x, ap.y - t * ab.y);
}

/** Normalized bounding box of all the shape's points (zero-sized at 0,0 if it has none). */
export function shapeBounds(shape: Shape): { x: number; y: number; width: number; height: number } {
  const points = pointsOf(shape);
  if (points.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const { x, y } of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** The shape's outline as segments (a single point is a zero-length segment). */
function segmentsOf(shape: Shape): [NormPoint, NormPoint][] {
  switch (shape.tool) {
    case 'pen': {
      const [first] = shape.points;
      if (first === undefined) return [];
      if (shape.points.length === 1) return [[first, first]];
      const out: [NormPoint, NormPoint][] = [];
      for (let i = 1; i < shape.points.length; i++) out.push([shape.points[i - 1]!, shape.points[i]!]);
      return out;
    }
    case 'line':
    case 'arrow':
    case 'angleToVertical':
    case 'angleToHorizontal':
      return [[shape.from, shape.to]];
    case 'rect': {
      const { from: a, to: c } = shape;
      const b = { x: c.x, y: a.y };
      const d = { x: a.x, y: c.y };
      return [[a, b], [b, c], [c, d], [d, a]];
    }
    case 'ellipse': {
      // Inscribed in the from–to box; sampled in normalized space, which maps linearly to pixels.
      const cx = (shape.from.x + shape.to.x) / 2;
      const cy = (shape.from.y + shape.to.y) / 2;
      const rx = Math.abs(shape.to.x - shape.from.x) / 2;
      const ry = Math.abs(shape.to.y - shape.from.y) / 2;
      const at = (i: number) => {
        const t = (2 * Math.PI * i) / ELLIPSE_SEGMENTS;
        return { x: cx + rx * Math.cos(t), y: cy + ry * Math.sin(t) };
      };
      const out: [NormPoint, NormPoint][] = [];
      for (let i = 0; i < ELLIPSE_SEGMENTS; i++) out.push([at(i), at(i + 1)]);
      return out;
    }
    case 'text':
    case 'stopwatch':
      return [[shape.at, shape.at]];
    case 'angle':
      return [
        [shape.vertex, shape.a],
        [shape.vertex, shape.b],
      ];
  }
}

/** Font size of text labels and the stopwatch, CSS px, for a picture size (scaled with its width). */
export function labelFontPx(size: Size): number {
  return Math.max(12, 18 * (size.width / 640));
}

/**
 * The box a label of `lines` at `at` (its top-left) covers, in CSS px, estimated without a
 * canvas (about 0.6 em per character) and padded like the drawn box.
 */
export function labelBox(lines: readonly string[], at: NormPoint, size: Size) {
  const font = labelFontPx(size);
  const pad = font * 0.3;
  const chars = Math.max(1, ...lines.map((line) => line.length));
  const p = toPixels(at, size);
  return { x: p.x - pad, y: p.y - pad, width: chars * font * 0.6 + 2 * pad, height: lines.length * font * 1.25 + 2 * pad };
}

/** The lines a text label or the stopwatch shows. */
export function labelLines(shape: Shape & { tool: 'text' | 'stopwatch' }): string[] {
  return shape.tool === 'text' ? shape.text.split('\n') : stopwatchLines(shape.marks);
}

/** Whether `p` is within `tolerancePx` of the shape's strokes (labels: of their box). */
export function hitTest(shape: Shape, p: NormPoint, size: Size, tolerancePx: number): boolean {
  if (shape.tool === 'text' || shape.tool === 'stopwatch') {
    const box = labelBox(labelLines(shape), shape.at, size);
    const q = toPixels(p, size);
    return q.x >= box.x - tolerancePx && q.x <= box.x + box.width + tolerancePx &&
      q.y >= box.y - tolerancePx && q.y <= box.y + box.height + tolerancePx;
  }
  return segmentsOf(shape).some(([a, b]) => distanceToSegment(p, a, b, size) <= tolerancePx);
}

/** '37.5°' (one decimal), '—' when the angle is undefined. */
export function formatAngle(deg: number): string {
  if (!Number.isFinite(deg)) return '—';
  const rounded = Math.round(deg * 10) / 10;
  // Avoid '-0.0°' for tiny negative angles.
  return `${(rounded === 0 ? 0 : rounded).toFixed(1)}°`;
}
