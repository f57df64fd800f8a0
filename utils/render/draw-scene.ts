/**
 * Draws drawing annotations onto a canvas context it is given (no DOM lookups), so the
 * renderer runs in Node against a recording fake. Read-only over the model: derived data
 * (pixel points, angle labels) lives in a WeakMap keyed by the drawing object.
 */
import type { DrawingAnnotation, DrawingStyle, NormPoint, Shape } from '../model/types';
import { pointsOf } from '../model/shape';
import { angleAt, angleToHorizontal, angleToVertical, formatAngle, labelFontPx, labelLines } from '../drawing/geometry';
import { drawAngleMark, drawArrow, drawHandles, drawLabel, drawPolyline, handlePoints, referenceEnd, segment, type Box } from './strokes';

/** The subset of CanvasRenderingContext2D the renderer uses (so a fake can record calls). */
export type Ctx = Pick<
  CanvasRenderingContext2D,
  | 'save'
  | 'restore'
  | 'beginPath'
  | 'moveTo'
  | 'lineTo'
  | 'stroke'
  | 'fill'
  | 'arc'
  | 'ellipse'
  | 'rect'
  | 'strokeRect'
  | 'fillText'
  | 'measureText'
  | 'setTransform'
  | 'clearRect'
  | 'closePath'
  | 'setLineDash'
> & {
  strokeStyle: unknown;
  fillStyle: unknown;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
  font: string;
  globalAlpha: number;
  textBaseline: CanvasTextBaseline;
  textAlign: CanvasTextAlign;
};

/** CSS px size of the picture and the devicePixelRatio of the canvas backing it. */
export interface Scene {
  width: number;
  height: number;
  dpr: number;
}

export interface Item {
  drawing: DrawingAnnotation;
  /** 0..1, multiplied into globalAlpha (playback fade). */
  opacity: number;
  selected?: boolean;
}

/** A point in CSS px of the picture. */
export interface Px {
  readonly x: number;
  readonly y: number;
}

/** What the renderer derives from a drawing for one picture size. Never mutated. */
export interface Derived {
  readonly width: number;
  readonly height: number;
  /** pointsOf(shape) in CSS px, same order. */
  readonly points: readonly Px[];
  /** Degree label for the angle tools ("37.5°"), null for other tools or a degenerate angle. */
  readonly label: string | null;
}

/** Widths and sizes are given at this picture width and scaled with the picture. */
const BASE_WIDTH = 640;
/** Thinner than this is hard to see on a phone-sized picture. */
const MIN_STROKE = 2;

/** style.width is CSS px at a 640 px-wide picture, scaled with the picture width, min 1.5. */
export function strokeWidthPx(style: DrawingStyle, scene: Scene): number {
  const scaled = style.width * (scene.width / BASE_WIDTH);
  return Number.isFinite(scaled) ? Math.max(MIN_STROKE, scaled) : MIN_STROKE;
}

/** Normalized picture point to CSS px. */
export function toPx(p: NormPoint, scene: Pick<Scene, 'width' | 'height'>): Px {
  return { x: p.x * scene.width, y: p.y * scene.height };
}

/** The degree label of an angle tool, null for other tools or a degenerate angle. */
function labelFor(shape: Shape, size: Pick<Scene, 'width' | 'height'>): string | null {
  let deg: number;
  switch (shape.tool) {
    case 'angle':
      deg = angleAt(shape.a, shape.vertex, shape.b, size);
      break;
    case 'angleToVertical':
      deg = angleToVertical(shape.from, shape.to, size);
      break;
    case 'angleToHorizontal':
      deg = angleToHorizontal(shape.from, shape.to, size);
      break;
    default:
      return null;
  }
  return Number.isFinite(deg) ? formatAngle(deg) : null;
}

const cache = new WeakMap<DrawingAnnotation, Derived>();

/**
 * Pixel points and label of `drawing` for the scene's picture size: the same object while
 * the drawing object and the picture size stay the same (mutate makes a new object, so a
 * changed drawing gets fresh data).
 */
export function derive(drawing: DrawingAnnotation, scene: Pick<Scene, 'width' | 'height'>): Derived {
  const hit = cache.get(drawing);
  if (hit && hit.width === scene.width && hit.height === scene.height) return hit;
  const points = pointsOf(drawing.shape).map((p) => toPx(p, scene));
  const derived: Derived = { width: scene.width, height: scene.height, points, label: labelFor(drawing.shape, scene) };
  cache.set(drawing, derived);
  return derived;
}

/** A rectangle of the picture, CSS px. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Clears the canvas, sets the dpr transform, draws each item (in order: later on top).
 * Returns the text it wrote (angle readouts, labels, stopwatch lines), in drawing order.
 * With `part`, the canvas covers only that part of the picture (its top-left is the
 * canvas's origin).
 */
export function drawScene(ctx: Ctx, scene: Scene, items: readonly Item[], part?: Rect): string[] {
  const dpr = Number.isFinite(scene.dpr) && scene.dpr > 0 ? scene.dpr : 1;
  const area = part ?? { x: 0, y: 0, width: scene.width, height: scene.height };
  ctx.setTransform(dpr, 0, 0, dpr, area.x ? -area.x * dpr : 0, area.y ? -area.y * dpr : 0);
  ctx.clearRect(area.x, area.y, area.width, area.height);
  const texts: string[] = [];
  if (!(scene.width > 0 && scene.height > 0)) return texts;
  for (const item of items) {
    if (item.drawing.deleted || !(item.opacity > 0)) continue;
    ctx.save();
    try {
      ctx.globalAlpha = ctx.globalAlpha * Math.min(1, item.opacity);
      drawItem(ctx, scene, item);
    } finally {
      ctx.restore();
    }
    const { shape } = item.drawing;
    if (shape.tool === 'text' || shape.tool === 'stopwatch') texts.push(labelLines(shape).join('\n'));
    else {
      const label = derive(item.drawing, scene).label;
      if (label) texts.push(label);
    }
  }
  return texts;
}

/**
 * The part of the picture a drawing covers when drawn (strokes with their width, arrow
 * heads, arcs, readouts and labels), found by drawing it on a context that only records
 * where it draws. `measure` measures text as the real canvas will.
 */
export function boundsOf(drawing: DrawingAnnotation, scene: Scene, measure: Pick<Ctx, 'measureText' | 'font'>): Rect {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, reach = 0;
  const see = (x: number, y: number, r = 0) => {
    minX = Math.min(minX, x - r);
    minY = Math.min(minY, y - r);
    maxX = Math.max(maxX, x + r);
    maxY = Math.max(maxY, y + r);
  };
  const noop = () => undefined;
  const recorder = {
    strokeStyle: '', fillStyle: '', lineWidth: 1, lineCap: 'butt', lineJoin: 'miter', font: '10px sans-serif',
    globalAlpha: 1, textBaseline: 'top', textAlign: 'left',
    save: noop, restore: noop, beginPath: noop, closePath: noop, setLineDash: noop, setTransform: noop, clearRect: noop, fill: noop,
    stroke() { reach = Math.max(reach, recorder.lineWidth); },
    moveTo: (x: number, y: number) => see(x, y),
    lineTo: (x: number, y: number) => see(x, y),
    arc: (x: number, y: number, r: number) => see(x, y, r),
    ellipse: (x: number, y: number, rx: number, ry: number) => { see(x - rx, y - ry); see(x + rx, y + ry); },
    rect: (x: number, y: number, w: number, h: number) => { see(x, y); see(x + w, y + h); },
    strokeRect(x: number, y: number, w: number, h: number) { see(x, y); see(x + w, y + h); recorder.stroke(); },
    measureText(text: string) {
      measure.font = recorder.font;
      return measure.measureText(text);
    },
    fillText(text: string, x: number, y: number) {
      const size = Number(/(\d+(?:\.\d+)?)px/.exec(recorder.font)?.[1] ?? 12);
      see(x, y);
      see(x + recorder.measureText(text).width, y + size * 1.25);
    },
  };
  drawItem(recorder as unknown as Ctx, scene, { drawing, opacity: 1 });
  if (!Number.isFinite(minX)) return { x: 0, y: 0, width: 0, height: 0 };
  // Half the widest stroke, and a little for round caps, joins and anti-aliasing.
  const m = reach / 2 + 2;
  const x = Math.floor(minX - m), y = Math.floor(minY - m);
  return { x, y, width: Math.ceil(maxX + m) - x, height: Math.ceil(maxY + m) - y };
}

function drawItem(ctx: Ctx, scene: Scene, item: Item): void {
  const { drawing } = item;
  const { shape, style } = drawing;
  const d = derive(drawing, scene);
  const lw = strokeWidthPx(style, scene);
  const k = scene.width / BASE_WIDTH;
  ctx.strokeStyle = style.color;
  ctx.fillStyle = style.color;
  ctx.lineWidth = lw;
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  const [p0, p1, p2] = d.points;
  let box: Box | null = null;
  switch (shape.tool) {
    case 'pen':
      drawPolyline(ctx, d.points, lw);
      break;
    case 'line':
      if (p0 && p1) segment(ctx, p0, p1);
      break;
    case 'arrow':
      if (p0 && p1) drawArrow(ctx, p0, p1, lw);
      break;
    case 'rect':
      if (p0 && p1) {
        ctx.strokeRect(Math.min(p0.x, p1.x), Math.min(p0.y, p1.y), Math.abs(p1.x - p0.x), Math.abs(p1.y - p0.y));
      }
      break;
    case 'ellipse':
      if (p0 && p1) {
        ctx.beginPath();
        ctx.ellipse((p0.x + p1.x) / 2, (p0.y + p1.y) / 2, Math.abs(p1.x - p0.x) / 2, Math.abs(p1.y - p0.y) / 2, 0, 0, 2 * Math.PI);
        ctx.stroke();
      }
      break;
    case 'text':
    case 'stopwatch':
      if (p0) box = drawLabel(ctx, labelLines(shape), p0, 'topLeft', labelFontPx(scene), style.color);
      break;
    case 'angle':
      if (p0 && p1 && p2) {
        ctx.beginPath();
        ctx.moveTo(p0.x, p0.y);
        ctx.lineTo(p1.x, p1.y);
        ctx.lineTo(p2.x, p2.y);
        ctx.stroke();
        drawAngleMark(ctx, scene, p1, p0, p2, d.label, k, style.color);
      }
      break;
    case 'angleToVertical':
    case 'angleToHorizontal':
      if (p0 && p1) {
        const ref = referenceEnd(shape.tool, p0, p1);
        ctx.save();
        ctx.setLineDash([6 * k, 4 * k]);
        ctx.lineWidth = Math.max(1, lw / 2);
        segment(ctx, p0, ref);
        ctx.restore();
        segment(ctx, p0, p1);
        drawAngleMark(ctx, scene, p0, ref, p1, d.label, k, style.color);
      }
      break;
  }
  if (!item.selected) return;
  if (box) {
    // A label is moved, not reshaped: a dashed frame shows it is selected.
    ctx.setLineDash([4, 3]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = style.color;
    ctx.strokeRect(box.x - 3, box.y - 3, box.width + 6, box.height + 6);
  } else drawHandles(ctx, handlePoints(shape, d.points), style.color);
}
