/**
 * Where the frame on screen starts, when a browser says only where the video is.
 *
 * Chromium's requestVideoFrameCallback gives a presented frame's own timestamp. Firefox, after
 * a seek, gives the time sought to (its decoder moves the frame's start to the seek target):
 * 1.285 and 1.3 for a frame that starts at 1.28. Taken as a frame start, that time makes every
 * other step skip a frame. The frame it falls in is found from what is known: the file's frame
 * table or the frames already seen, else the rate's clock.
 */
import type { Timeline } from './timeline';
import type { FrameRate } from './rate';

/** A time this close before a frame's start is that frame (arithmetic on seconds in floating point). */
const EDGE_S = 1e-5;
/** Timeline.before leaves out frames within this of the time it is given (they are the same frame). */
const SAME_S = 1e-4;

/**
 * The start of the frame a video shows at `time`, or null when nothing known says. `complete`:
 * `known` holds every frame (the file's frame table).
 */
export function frameStartAt(time: number, known: Pick<Timeline, 'before'>, rate: FrameRate | null, complete = false): number | null {
  const seen = known.before(time + EDGE_S + SAME_S);
  if (complete) return seen ?? null;
  if (!rate) return null;
  if (!rate.variable && !rate.dropped && !rate.jitter) {
    const gap = 1 / rate.fps;
    const origin = rate.origin ?? 0;
    const start = origin + Math.floor((time + EDGE_S - origin) / gap) * gap;
    // A frame seen there is the exact time (29.97's clock does not sum exactly).
    return seen !== undefined && Math.abs(seen - start) < gap / 4 ? seen : start;
  }
  // No frame starts less than the smallest gap after another: one seen that close is it.
  return seen !== undefined && time - seen < rate.minGap - EDGE_S ? seen : null;
}

/** A presented frame this far from every table entry: the table is not this browser's timeline. */
const OFF_TABLE_S = 0.0015;

/** The start of the clock's slot that `time` falls in. */
export function slotStart(time: number, rate: FrameRate): number {
  const gap = 1 / rate.fps;
  const origin = rate.origin ?? 0;
  return origin + Math.floor((time - origin) / gap + 1e-6) * gap;
}

/** Whether a table entry lies within a rounding of `time` (binary search). */
export function onTable(times: readonly number[], time: number): boolean {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (times[mid]! < time - OFF_TABLE_S) lo = mid + 1;
    else hi = mid;
  }
  return lo < times.length && times[lo]! <= time + OFF_TABLE_S;
}
