/**
 * The strokes a drawing is made of (segments, arrows, angle marks, labels on a dark box,
 * selection handles), drawn on whatever context ./draw-scene gives them: a canvas, or a
 * recorder that only notes where they reach.
 */
import type { Shape } from '../model/types';
import type { Ctx, Px, Scene } from './draw-scene';

const HANDLE_SIZE = 8;
const HALO = 'rgba(0, 0, 0, 0.65)';
const HANDLE_FILL = '#ffffff';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export function segment(ctx: Ctx, a: Px, b: Px): void {
  ctx.beginPath();
  ctx.moveTo(a.x, a.y);
  ctx.lineTo(b.x, b.y);
  ctx.stroke();
}

export function drawPolyline(ctx: Ctx, points: readonly Px[], lw: number): void {
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

export function drawArrow(ctx: Ctx, from: Px, to: Px, lw: number): void {
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
export function referenceEnd(tool: 'angleToVertical' | 'angleToHorizontal', from: Px, to: Px): Px {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  if (tool === 'angleToVertical') return { x: from.x, y: from.y + (to.y > from.y ? len : -len) };
  return { x: from.x + (to.x < from.x ? -len : len), y: from.y };
}

/** An arc at `vertex` from the ray toward `a` to the ray toward `b` (the short way), and the label. */
export function drawAngleMark(ctx: Ctx, scene: Scene, vertex: Px, a: Px, b: Px, label: string | null, k: number, color: string): void {
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
export function drawLabel(ctx: Ctx, lines: readonly string[], at: Px, anchor: 'topLeft' | 'center', fontPx: number, color: string): Box {
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

export function drawHandles(ctx: Ctx, points: readonly Px[], color: string): void {
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
