/**
 * The frame timestamps seen so far (presented during playback or after a seek), sorted.
 * On a variable frame rate this is the only way to know where the neighbouring frame
 * starts, so a step can seek straight to it.
 */
export interface Timeline {
  add(time: number): void;
  /** The latest known frame before `time`, if any. */
  before(time: number): number | undefined;
  /** The earliest known frame after `time`, if any. */
  after(time: number): number | undefined;
  size(): number;
  /** Every time, sorted. */
  all(): readonly number[];
  clear(): void;
}

/** Timestamps closer than this are the same frame (WebM rounds to 1 ms). */
const SAME = 1e-4;

export function createTimeline(limit = 20_000): Timeline {
  let times: number[] = [];
  /** Index of the first entry >= time. */
  const lowerBound = (time: number) => {
    let lo = 0;
    let hi = times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (times[mid]! < time) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    add(time) {
      if (!Number.isFinite(time) || time < 0) return;
      const i = lowerBound(time - SAME);
      if (i < times.length && Math.abs(times[i]! - time) < SAME) return;
      times.splice(i, 0, time);
      // Too many to keep: drop every other one far from nothing in particular (rare: hours).
      if (times.length > limit) times = times.filter((_, k) => k % 2 === 0);
    },
    before(time) {
      const i = lowerBound(time - SAME);
      return i > 0 ? times[i - 1] : undefined;
    },
    after(time) {
      const i = lowerBound(time + SAME);
      return times[i];
    },
    size: () => times.length,
    all: () => times,
    clear() {
      times = [];
    },
  };
}
