/**
 * Every measurement on a video, as a table a coach can compare between sessions: angles,
 * angles to the vertical and the horizontal (in the picture's real proportions, as the
 * overlay shows them), stopwatch intervals and cadence, each with its frame.
 */
import { angleAt, angleToHorizontal, angleToVertical, formatAngle, type Size } from '../drawing/geometry';
import { readStopwatch } from '../drawing/stopwatch';
import type { Annotation, CommentAnnotation, DrawingAnnotation } from '../model/types';

export interface Measurement {
  readonly time: number;
  readonly frame: number | null;
  readonly what: string;
  /** As the overlay writes it: "118.0°", "200 ms · 5 frames", "120 steps/min · mean 500 ms". */
  readonly value: string;
  readonly author: string;
  /** The comment the drawing belongs to, if any. */
  readonly comment: string | null;
  readonly drawingId: string;
}

/** The picture's proportions when the video's size is unknown. */
const FALLBACK: Size = { width: 16, height: 9 };

export function measurementOf(d: DrawingAnnotation, size: Size = FALLBACK): Pick<Measurement, 'what' | 'value'> | null {
  const { shape } = d;
  switch (shape.tool) {
    case 'angle':
      return { what: 'Angle', value: formatAngle(angleAt(shape.a, shape.vertex, shape.b, size)) };
    case 'angleToVertical':
      return { what: 'Angle to vertical', value: formatAngle(angleToVertical(shape.from, shape.to, size)) };
    case 'angleToHorizontal':
      return { what: 'Angle to horizontal', value: formatAngle(angleToHorizontal(shape.from, shape.to, size)) };
    case 'stopwatch': {
      const r = readStopwatch(shape.marks);
      if (r.marks.length < 2) return null;
      const span = `${Math.round(r.spanMs)} ms${r.spanFrames === null ? '' : ` · ${r.spanFrames} frame${r.spanFrames === 1 ? '' : 's'}`}`;
      return r.cadence === null
        ? { what: 'Interval', value: span }
        : { what: 'Cadence', value: `${Math.round(r.cadence)} steps/min · mean ${Math.round(r.meanMs ?? 0)} ms · total ${span}` };
    }
    case 'pen':
    case 'line':
    case 'arrow':
    case 'rect':
    case 'ellipse':
    case 'text':
      return null;
  }
}

export function measurements(records: readonly Annotation[], size: Size | null): Measurement[] {
  const comments = new Map(records.filter((r): r is CommentAnnotation => r.kind === 'comment' && !r.deleted).map((c) => [c.id, c]));
  const out: Measurement[] = [];
  for (const r of records) {
    if (r.kind !== 'drawing' || r.deleted) continue;
    const m = measurementOf(r, size && size.width > 0 && size.height > 0 ? size : FALLBACK);
    if (!m) continue;
    out.push({ ...m, time: r.time, frame: r.frame, author: r.author.name, comment: (r.commentId && comments.get(r.commentId)?.text) || null, drawingId: r.id });
  }
  return out.sort((a, b) => a.time - b.time || a.drawingId.localeCompare(b.drawingId));
}
