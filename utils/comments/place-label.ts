import { formatClock, formatTimecode } from '../frames/timecode';
import { frameAt, type FrameRate } from '../frames/rate';
import type { CommentAnnotation } from '../model/types';

/**
 * Where a comment sits, as the coach reads it: frame number and timecode, or a range. Before
 * the rate is measured here, the frame number its author saw, with the clock time; a record
 * made before its author knew the rate gets its number from the rate known here.
 */
export function placeLabel(c: Pick<CommentAnnotation, 'time' | 'frame' | 'endTime' | 'endFrame'>, rate: FrameRate | null): string {
  const fps = rate && !rate.variable ? rate.fps : null;
  const one = (time: number, saved: number | null) => {
    // Made before the rate was known there: its number on the rate known here, where exact.
    const frame = saved ?? frameAt(time, rate);
    return frame === null ? formatClock(time) : `F${frame} · ${fps ? formatTimecode(time, fps) : formatClock(time)}`;
  };
  return c.endTime !== null ? `${one(c.time, c.frame)} → ${one(c.endTime, c.endFrame)}` : one(c.time, c.frame);
}
