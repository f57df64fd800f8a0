import type { NormPoint, Shape, Tool } from './types';

/** Every tool: a Record, so a new tool that is not listed fails to compile. */
export const TOOLS: Record<Tool, true> = {
  pen: true,
  line: true,
  arrow: true,
  rect: true,
  ellipse: true,
  text: true,
  angle: true,
  angleToVertical: true,
  angleToHorizontal: true,
  stopwatch: true,
};

/** The points that define a shape, in order. */
export function pointsOf(shape: Shape): readonly NormPoint[] {
  switch (shape.tool) {
    case 'pen':
      return shape.points;
    case 'line':
    case 'arrow':
    case 'rect':
    case 'ellipse':
    case 'angleToVertical':
    case 'angleToHorizontal':
      return [shape.from, shape.to];
    case 'text':
    case 'stopwatch':
      return [shape.at];
    case 'angle':
      return [shape.a, shape.vertex, shape.b];
  }
}

/** Points may sit a little outside the picture (a line running off the edge), not far. */
const inRange = (n: unknown) => typeof n === 'number' && Number.isFinite(n) && n >= -1 && n <= 2;
const isPoint = (p: unknown): p is NormPoint =>
  typeof p === 'object' && p !== null && inRange((p as NormPoint).x) && inRange((p as NormPoint).y);

/** The first problem with `value` as a shape, or null when it is fine. */
export function shapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return 'shape must be an object';
  const tool = (value as { tool?: unknown }).tool;
  if (typeof tool !== 'string' || !Object.hasOwn(TOOLS, tool)) return `unknown tool ${String(tool)}`;
  const shape = value as Shape;
  if (shape.tool === 'pen' && (!Array.isArray(shape.points) || shape.points.length < 1 || shape.points.length > 10_000)) {
    return 'a pen stroke needs 1 to 10,000 points';
  }
  if (shape.tool === 'text' && (typeof shape.text !== 'string' || shape.text.length > 2_000)) {
    return 'text must be a string of at most 2,000 characters';
  }
  if (shape.tool === 'stopwatch') {
    const { marks } = shape;
    if (!Array.isArray(marks) || marks.length < 1 || marks.length > 1_000) return 'a stopwatch needs 1 to 1,000 marks';
    for (const m of marks as unknown[]) {
      const { time, frame } = (m ?? {}) as { time?: unknown; frame?: unknown };
      if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) return 'stopwatch marks need a time of 0 or more seconds';
      if (frame !== null && !(typeof frame === 'number' && Number.isInteger(frame) && frame >= 0)) {
        return 'stopwatch marks need a whole frame number or null';
      }
    }
  }
  for (const point of pointsOf(shape)) if (!isPoint(point)) return 'points must be finite numbers near the picture';
  return null;
}
