/**
 * The drawings on screen at a media time, through a time index built once per drawings
 * array (the feature replaces the array on every change, so a changed list gets a new index).
 */
import type { DrawingAnnotation } from '../model/types';
import { buildTimeIndex, type TimeIndex, type Visible } from './time-index';

const indexes = new WeakMap<readonly DrawingAnnotation[], TimeIndex<DrawingAnnotation>>();

export function indexOf(drawings: readonly DrawingAnnotation[]): TimeIndex<DrawingAnnotation> {
  let index = indexes.get(drawings);
  if (!index) {
    index = buildTimeIndex(drawings.filter((d) => !d.deleted));
    indexes.set(drawings, index);
  }
  return index;
}

/** Visible drawings at `time`: paused, those on the frame (±half a frame) or whose range holds it. */
export function visibleAt(
  drawings: readonly DrawingAnnotation[],
  time: number | null,
  paused: boolean,
  frameGap: number,
): Visible<DrawingAnnotation>[] {
  return time === null ? [] : indexOf(drawings).at(time, { paused, frameTolerance: frameGap / 2 });
}
