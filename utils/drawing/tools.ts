/**
 * The drawing tools as pure pointer machines: (state, input) → next state, plus a preview
 * shape to draw while working and the finished shape when done. The page side feeds it
 * pointer events converted to normalized picture points; nothing here touches the DOM.
 */
import type { NormPoint, Shape, Tool } from '../model/types';

/** What the pointer does: draw with a tool, or select and edit drawings. */
export type Mode = Tool | 'select';

export interface ToolState {
  readonly tool: Mode;
  /** Points placed so far (for the angle: clicks; for the pen: the stroke). */
  readonly points: readonly NormPoint[];
  /** Where the pointer is now (for previews). */
  readonly hover: NormPoint | null;
  readonly dragging: boolean;
}

export interface PointerInput {
  /** `cancel`: the system took the pointer away mid-gesture. */
  readonly type: 'down' | 'move' | 'up' | 'cancel';
  readonly point: NormPoint;
  /** The picture's size in CSS px (hit tests and angles need its aspect ratio). */
  readonly size?: { readonly width: number; readonly height: number };
}

export interface ToolStep {
  readonly state: ToolState;
  /** What to draw while the tool works. */
  readonly preview: Shape | null;
  /** The finished shape, once the gesture is complete. */
  readonly done: Shape | null;
}

/** A drag shorter than this (normalized) is a click, not a shape. */
export const MIN_DRAG = 0.004;
/** Pen points closer than this to the previous one are skipped. */
const PEN_STEP = 0.002;

const TWO_POINT = new Set<Tool>(['line', 'arrow', 'rect', 'ellipse', 'angleToVertical', 'angleToHorizontal']);

export function startTool(tool: Mode): ToolState {
  return { tool, points: [], hover: null, dragging: false };
}

const far = (a: NormPoint, b: NormPoint, d: number) => Math.hypot(a.x - b.x, a.y - b.y) >= d;

/** The shape made of `points` (the last one may be the pointer), or null if too few. */
export function shapeFrom(tool: Mode, points: readonly NormPoint[]): Shape | null {
  const [p0, p1, p2] = points;
  if (!p0 || tool === 'select' || tool === 'stopwatch') return null;
  if (tool === 'pen') return { tool, points: [...points] };
  if (tool === 'text') return { tool, at: p0, text: '' };
  if (!p1) return null;
  if (tool === 'angle') return p2 ? { tool, a: p0, vertex: p1, b: p2 } : { tool: 'line', from: p0, to: p1 };
  if (TWO_POINT.has(tool)) return { tool, from: p0, to: p1 } as Shape;
  return null;
}

export function toolStep(state: ToolState, input: PointerInput): ToolStep {
  const { tool, points } = state;
  if (input.type === 'cancel') return { state: startTool(tool), preview: null, done: null };
  const at = input.point;
  const next = (s: Partial<ToolState>): ToolState => ({ ...state, ...s, hover: at });
  const idle = (s: ToolState, done: Shape | null = null): ToolStep => ({
    state: s,
    preview: done ? null : shapeFrom(tool, s.dragging || tool === 'angle' ? [...s.points, at] : s.points),
    done,
  });

  if (tool === 'text') {
    return input.type === 'down' ? idle(startTool(tool), shapeFrom(tool, [at])) : idle(next({}));
  }
  if (tool === 'pen') {
    if (input.type === 'down') return idle(next({ points: [at], dragging: true }));
    if (!state.dragging) return idle(next({}));
    const last = points[points.length - 1]!;
    const stroke = far(last, at, PEN_STEP) ? [...points, at] : points;
    if (input.type === 'move') return { state: next({ points: stroke }), preview: shapeFrom(tool, stroke), done: null };
    return idle(startTool(tool), stroke.length > 1 ? shapeFrom(tool, stroke) : null);
  }
  if (tool === 'angle') {
    // Three clicks: the end of one ray, the vertex, the end of the other.
    if (input.type !== 'down') return idle(next({}));
    const placed = [...points, at];
    if (placed.length < 3) return idle(next({ points: placed }));
    return idle(startTool(tool), shapeFrom(tool, placed));
  }
  // Two-point tools: press, drag, release.
  if (input.type === 'down') return idle(next({ points: [at], dragging: true }));
  if (!state.dragging || !points[0]) return idle(next({}));
  if (input.type === 'move') return { state: next({}), preview: shapeFrom(tool, [points[0], at]), done: null };
  const finished = far(points[0], at, MIN_DRAG) ? shapeFrom(tool, [points[0], at]) : null;
  return idle(startTool(tool), finished);
}
