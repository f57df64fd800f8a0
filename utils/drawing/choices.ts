import type { ArgumentChoice } from '../commands/registry';
import { placeLabel } from '../comments/place-label';
import type { FrameRate } from '../frames/rate';
import type { DrawingAnnotation, Tool } from '../model/types';
import { PALETTE_NAMES } from './colors';

/** What each kind of drawing is called where a coach picks one. */
const NAMES: Record<Tool, string> = {
  pen: 'Freehand',
  line: 'Line',
  arrow: 'Arrow',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  text: 'Label',
  angle: 'Angle',
  angleToVertical: 'Angle to the vertical',
  angleToHorizontal: 'Angle to the horizontal',
  stopwatch: 'Stopwatch',
};

/**
 * The drawings on a video in time order, as the palette offers them ("Go to a drawing…"; a
 * timeline mark runs the same command): what each is, the frame it starts on, its colour. A label's words are the coach's, so
 * that choice is private (the page can't search for it).
 */
export function drawingChoices(drawings: readonly DrawingAnnotation[], rate: FrameRate | null): ArgumentChoice[] {
  return drawings
    .filter((d) => !d.deleted)
    .sort((a, b) => a.time - b.time)
    .map((d) => {
      const words = d.shape.tool === 'text' ? d.shape.text.replace(/\s+/g, ' ').slice(0, 80) : '';
      const at = placeLabel({ time: d.time, frame: d.frame, endTime: null, endFrame: null }, rate);
      const colour = PALETTE_NAMES[d.style.color as keyof typeof PALETTE_NAMES];
      return {
        value: d.id,
        label: words ? `${NAMES[d.shape.tool]} “${words}”` : NAMES[d.shape.tool],
        detail: [at, colour].filter(Boolean).join(' · '),
        color: d.style.color,
        ...(words ? { private: true } : {}),
      };
    });
}
