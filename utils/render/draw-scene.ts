/**
 * Draws drawing annotations onto a canvas context it is given (no DOM lookups), so the
 * renderer runs in Node against a recording fake. Read-only over the model: derived data
 * (pixel points, angle labels) lives in a WeakMap keyed by the drawing object.
 */
import type { DrawingAnnotation, DrawingStyle, NormPoint, Shape } from '../model/types';
import { pointsOf } from '../model/shape';
import { angleAt, angleToHorizontal, angleToVertical, formatAngle, labelFontPx, labelLines } from '../drawing/geometry';

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
const HANDLE_SIZE = 8;
const HALO = 'rgba(0, 0, 0, 0.65)';
const HANDLE_FILL = '#ffffff';

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

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function segment(ctx: Ctx, a: Px, b: Px): void {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

function drawPolyline(ctx: Ctx, points: readonly Px[], lw: number): void {
  const [first, ...rest] = points;
  if (!first) return;
  ctx.beginPath();
  if (rest.length === 0) {
    // A tap: a dot as wide as the stroke.
    ctx.arc(first.x, first.y, lw / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  ctx.moveTo(first.x, first.y);
  for (const p of rest) ctx.lineTo(p.x, p.y);
  ctx.stroke();
}

/** Arrow head length for a stroke width: grows with the stroke so thick arrows stay readable. */
export function arrowHeadLength(lw: number): number {
  return Math.max(8, lw * 4);
}

function drawArrow(ctx: Ctx, from: Px, to: Px, lw: number): void {
  const dx = to.x - from.x, dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return;
  const head = Math.min(arrowHeadLength(lw), len);
  const ux = dx / len, uy = dy / len;
  const halfWidth = head * 0.5;
  const baseX = to.x - ux * head, baseY = to.y - uy * head;
  // The shaft stops inside the head so its round cap does not poke through the tip.
  segment(ctx, from, { x: to.x - ux * head * 0.5, y: to.y - uy * head * 0.5 });
  ctx.beginPath();
  ctx.moveTo(to.x, to.y);
  ctx.lineTo(baseX - uy * halfWidth, baseY + ux * halfWidth);
  ctx.lineTo(baseX + uy * halfWidth, baseY - ux * halfWidth);
  ctx.closePath();
  ctx.fill();
}

/** The far end of the dashed reference line through `from`, as long as the segment, on its side. */
function referenceEnd(tool: 'angleToVertical' | 'angleToHorizontal', from: Px, to: Px): Px {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (tool === 'angleToVertical') return { x: from.x, y: from.y + (to.y > from.y ? len : -len) };
  return { x: from.x + (to.x < from.x ? -len : len), y: from.y };
}

/** An arc at `vertex` from the ray toward `a` to the ray toward `b` (the short way), and the label. */
function drawAngleMark(ctx: Ctx, scene: Scene, vertex: Px, a: Px, b: Px, label: string | null, k: number, color: string): void {
  const la = Math.hypot(a.x - vertex.x, a.y - vertex.y);
  const lb = Math.hypot(b.x - vertex.x, b.y - vertex.y);
  if (la === 0 || lb === 0) return;
  const start = Math.atan2(a.y - vertex.y, a.x - vertex.x);
  let sweep = Math.atan2(b.y - vertex.y, b.x - vertex.x) - start;
  while (sweep > Math.PI) sweep -= 2 * Math.PI;
  while (sweep <= -Math.PI) sweep += 2 * Math.PI;
  const radius = Math.min(24 * k, 0.5 * Math.min(la, lb));
  ctx.beginPath();
  ctx.arc(vertex.x, vertex.y, radius, start, start + sweep, sweep < 0);
  ctx.stroke();
  if (!label) return;
  const fontPx = Math.max(11, 14 * k);
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  const halfW = ctx.measureText(label).width / 2 + fontPx * 0.3;
  const halfH = fontPx * 0.625 + fontPx * 0.3;
  const { x, y } = readoutCenter(vertex, start, sweep, radius + fontPx * 1.4, { halfW, halfH }, Math.min(la, lb), scene);
  drawLabel(ctx, [label], { x, y }, 'center', fontPx, color);
}

/**
 * Where an angle's readout goes (its centre) so that its box covers neither ray and stays on
 * the picture. In order of preference: inside the angle on the bisector at `inside` from the
 * vertex; further out along the bisector (where the rays are farther apart) while within the
 * rays' length `ray`; just outside the vertex, opposite the bisector; beside one ray or the
 * other on its outer side, moving out along it (a vertex at the picture's edge). If none is
 * on the picture, the first, pushed onto it.
 */
export function readoutCenter(
  vertex: Px,
  start: number,
  sweep: number,
  inside: number,
  box: { halfW: number; halfH: number },
  ray: number,
  picture: { width: number; height: number },
): Px {
  const half = Math.hypot(box.halfW, box.halfH);
  const bisector = start + sweep / 2;
  const spread = Math.sin(Math.abs(sweep) / 2);
  const needed = spread > 0 ? half / spread : Infinity;
  const outside = half + 4;
  const away = sweep >= 0 ? -1 : 1; // turning from ray a away from ray b
  const at = (angle: number, dist: number, from: Px = vertex): Px => ({ x: from.x + Math.cos(angle) * dist, y: from.y + Math.sin(angle) * dist });
  const candidates: Px[] = [];
  if (needed <= inside) candidates.push(at(bisector, inside));
  else if (needed + half <= ray) candidates.push(at(bisector, needed));
  candidates.push(at(bisector + Math.PI, outside));
  // Beside each ray on its outer side, from the vertex outwards (room at a picture's edge).
  for (let along = 0; along <= Math.min(ray, 2 * half); along += half) {
    candidates.push(at(start + (away * Math.PI) / 2, outside, at(start, along)));
    candidates.push(at(start + sweep - (away * Math.PI) / 2, outside, at(start + sweep, along)));
  }
  const fits = (p: Px) =>
    p.x - box.halfW >= 0 && p.x + box.halfW <= picture.width && p.y - box.halfH >= 0 && p.y + box.halfH <= picture.height;
  const chosen = candidates.find(fits) ?? candidates[0]!;
  return {
    x: Math.min(Math.max(chosen.x, box.halfW), Math.max(box.halfW, picture.width - box.halfW)),
    y: Math.min(Math.max(chosen.y, box.halfH), Math.max(box.halfH, picture.height - box.halfH)),
  };
}

/** Text on a dark box so it reads over any picture; `at` is its top-left corner or its center. */
function drawLabel(ctx: Ctx, lines: readonly string[], at: Px, anchor: 'topLeft' | 'center', fontPx: number, color: string): Box {
  ctx.font = `600 ${fontPx}px system-ui, sans-serif`;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  const lineHeight = fontPx * 1.25;
  const pad = fontPx * 0.3;
  const width = Math.max(0, ...lines.map((line) => ctx.measureText(line).width));
  const height = lines.length * lineHeight;
  const left = anchor === 'center' ? at.x - width / 2 : at.x;
  const top = anchor === 'center' ? at.y - height / 2 : at.y;
  ctx.fillStyle = HALO;
  ctx.beginPath();
  ctx.rect(left - pad, top - pad, width + 2 * pad, height + 2 * pad);
  ctx.fill();
  ctx.fillStyle = color;
  lines.forEach((line, i) => ctx.fillText(line, left, top + i * lineHeight + (lineHeight - fontPx) / 2));
  return { x: left - pad, y: top - pad, width: width + 2 * pad, height: height + 2 * pad };
}

/** Where a selected drawing shows handles: its points, or a pen stroke's two ends. */
export function handlePoints(shape: Shape, points: readonly Px[]): readonly Px[] {
  if (shape.tool !== 'pen' || points.length <= 2) return points;
  const first = points[0], last = points[points.length - 1];
  return first && last ? [first, last] : points;
}

function drawHandles(ctx: Ctx, points: readonly Px[], color: string): void {
  ctx.setLineDash([]);
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = color;
  ctx.fillStyle = HANDLE_FILL;
  const h = HANDLE_SIZE / 2;
  for (const p of points) {
    ctx.beginPath();
    ctx.rect(p.x - h, p.y - h, HANDLE_SIZE, HANDLE_SIZE);
    ctx.fill();
    ctx.stroke();
  }
}
