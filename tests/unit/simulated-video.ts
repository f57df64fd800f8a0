import type { FrameSource } from '../../utils/frames/stepper';

export interface SimOptions {
  /** Report times rounded to 1 ms, as WebM timestamps are. */
  roundMs?: boolean;
  /** Near a frame's start, show the previous frame on every other frame (Chromium's habit). */
  fuzzyStarts?: boolean;
  /**
   * How long the decoder believes each frame lasts. Given, a seek to x shows the last frame
   * starting at or before x, or the one after it when x is past its believed end (what
   * Chromium was seen to do). MP4 stores durations in decode order, so with B-frames on a
   * variable rate they need not match the real gaps.
   */
  durations?: readonly number[];
}

/**
 * A decoder model: a seek to x shows the last frame whose timestamp is <= x, except that
 * close to a frame's start it may still show the one before. Counts seeks.
 */
export function simulatedVideo(pts: readonly number[], options: SimOptions = {}) {
  let shown = 0;
  let seeks = 0;
  const report = (i: number) =>
    options.roundMs ? Math.round(pts[i]! * 1000) / 1000 : Math.floor(pts[i]! * 1e6) / 1e6;
  const last = pts.length - 1;
  const duration = pts[last]! + (pts[last]! - pts[last - 1]!);
  const source: FrameSource = {
    presented: () => report(shown),
    async seek(x) {
      seeks++;
      const t = Math.floor(x * 1e6) / 1e6; // Chromium keeps microseconds
      let i = 0;
      while (i < last && pts[i + 1]! <= t + 1e-9) i++;
      if (options.durations && i < last && t >= pts[i]! + options.durations[i]!) i++;
      if (options.fuzzyStarts && i > 0 && t - pts[i]! < 0.0015 && i % 2 === 0) i--;
      shown = i;
      await Promise.resolve();
      return report(i);
    },
    pause: async () => {},
    sync: async () => report(shown),
    duration: () => duration,
  };
  return {
    source,
    index: () => shown,
    seeks: () => seeks,
    show(i: number) {
      shown = i;
    },
  };
}

/** Frame timestamps for a constant rate. */
export const cfr = (fps: number, frames: number) => Array.from({ length: frames }, (_, i) => i / fps);
