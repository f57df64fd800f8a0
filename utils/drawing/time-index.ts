/**
 * Which drawings are visible at a media time, without scanning every drawing per frame.
 * Pure: built once from the drawings, queried on every rendered frame.
 *
 * Items sit in two buckets sorted by start time — hold/fade drawings (short windows) and
 * range drawings (`endTime` set, possibly long) — each with its longest window (maxSpan).
 * A query binary-searches each bucket and looks only at items starting in
 * [time - maxSpan, time], so one long range never makes the short drawings scan everything.
 */
import type { DrawingTiming } from '../model/types';

export interface Timed {
  id: string;
  time: number;
  timing: DrawingTiming;
}

export interface Visible<T> {
  item: T;
  /** 1 while held, within its range, or paused on its frame; 1→0 during the fade. */
  opacity: number;
}

export interface QueryOptions {
  paused: boolean;
  /** Half-width of "the frame on screen", seconds (typically half a frame duration). */
  frameTolerance: number;
}

export interface TimeIndex<T extends Timed> {
  /**
   * Drawings to show at `time`, in start-time order (input order among equal times).
   * paused: those on the frame on screen (|item.time - time| < frameTolerance) or whose range
   * [time, endTime] contains it, at opacity 1. Playing: those whose hold/fade window or range
   * contains `time`, with their opacity (items at opacity 0 are left out).
   */
  at(time: number, opts: QueryOptions): Visible<T>[];
  /** Items indexed (items with a non-finite time are never visible and not counted). */
  size(): number;
}

export interface BuildOptions {
  /** Called once per query with how many items it examined (for tests and profiling). */
  onScan?: (examined: number) => void;
}

interface Entry<T> {
  item: T;
  /** Position in the input, to keep draw order stable among equal times. */
  order: number;
  /** A range drawing (`endTime` set): fully visible over [start, end], paused or not. */
  range: boolean;
  start: number;
  /** Last instant the item is visible during playback. */
  end: number;
  /** End of full opacity (hold) for hold/fade items; `end` for ranges. */
  holdEnd: number;
  fade: number;
}

interface Bucket<T> {
  range: boolean;
  entries: Entry<T>[];
  starts: Float64Array;
  maxSpan: number;
}

const SLACK = 1e-9;
const nonNegative = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0);

function entryOf<T extends Timed>(item: T, order: number): Entry<T> {
  const start = item.time;
  const { endTime } = item.timing;
  if (endTime !== null) {
    const end = Number.isFinite(endTime) ? Math.max(start, endTime) : start;
    return { item, order, range: true, start, end, holdEnd: end, fade: 0 };
  }
  const holdEnd = start + nonNegative(item.timing.holdSeconds);
  const fade = nonNegative(item.timing.fadeSeconds);
  return { item, order, range: false, start, end: holdEnd + fade, holdEnd, fade };
}

function bucketOf<T>(entries: Entry<T>[], range: boolean): Bucket<T> {
  entries.sort((a, b) => a.start - b.start || a.order - b.order);
  let maxSpan = 0;
  for (const e of entries) maxSpan = Math.max(maxSpan, e.end - e.start);
  return { range, entries, starts: Float64Array.from(entries, (e) => e.start), maxSpan };
}

/** First index whose start is >= `value` (or > `value` when `strict`). */
function lowerBound(starts: Float64Array, value: number, strict: boolean): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const s = starts[mid]!;
    if (s < value || (strict && s === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Opacity of `e` at `time`, 0 when not visible. */
function opacityAt<T>(e: Entry<T>, time: number, opts: QueryOptions): number {
  const inWindow = time >= e.start && time <= e.end;
  if (opts.paused) {
    const onFrame = Math.abs(e.start - time) < opts.frameTolerance;
    return onFrame || (e.range && inWindow) ? 1 : 0;
  }
  if (!inWindow) return 0;
  if (time <= e.holdEnd) return 1;
  return e.fade > 0 ? (e.end - time) / e.fade : 0;
}

export function buildTimeIndex<T extends Timed>(items: readonly T[], options: BuildOptions = {}): TimeIndex<T> {
  const held: Entry<T>[] = [];
  const ranged: Entry<T>[] = [];
  items.forEach((item, order) => {
    if (!Number.isFinite(item.time)) return;
    const entry = entryOf(item, order);
    (entry.range ? ranged : held).push(entry);
  });
  const buckets = [bucketOf(held, false), bucketOf(ranged, true)];
  const count = held.length + ranged.length;

  return {
    at(time, opts) {
      const out: { entry: Entry<T>; opacity: number }[] = [];
      let examined = 0;
      if (Number.isFinite(time)) {
        const tolerance = opts.paused ? nonNegative(opts.frameTolerance) : 0;
        for (const { range, entries, starts, maxSpan } of buckets) {
          // Candidates start in [time - lookBack, time + tolerance). Paused, a hold/fade
          // drawing shows only on its own frame, so its window does not matter.
          const lookBack = opts.paused && !range ? tolerance : Math.max(maxSpan, tolerance);
          // A little slack: `start + span - span` can round above `start`; the exact test follows.
          const from = lowerBound(starts, time - lookBack - SLACK, false);
          const to = tolerance > 0 ? lowerBound(starts, time + tolerance, false) : lowerBound(starts, time, true);
          for (let i = from; i < to; i++) {
            examined++;
            const e = entries[i]!;
            const opacity = opacityAt(e, time, opts);
            if (opacity > 0) out.push({ entry: e, opacity });
          }
        }
      }
      options.onScan?.(examined);
      out.sort((a, b) => a.entry.start - b.entry.start || a.entry.order - b.entry.order);
      return out.map(({ entry, opacity }) => ({ item: entry.item, opacity }));
    },
    size: () => count,
  };
}
