/**
 * The stopwatch being used: each click (or Enter) marks the frame on screen; leaving the
 * tool saves one drawing over the marked span (two marks or more), on the video the marks
 * were made on, even when the page has moved on since.
 */
import { DEFAULT_TIMING } from '../model/create';
import type { DrawingAnnotation, NormPoint, Shape } from '../model/types';
import type { Store } from '../player/store';
import type { DrawState, Place } from './feature';

export interface StopwatchDeps {
  state: Store<DrawState>;
  /** The frame on screen of the video shown, paused (null, with a message, when there is none). */
  here(): Promise<Place | null>;
  create(shape: Shape, place: Place, extra: Partial<Pick<DrawingAnnotation, 'style' | 'timing'>>): Promise<boolean>;
}

export interface StopwatchMarks {
  mark(point: NormPoint): Promise<void>;
  /** Saves what was marked (if two marks or more) and clears it. */
  finish(): Promise<void>;
}

export function stopwatchMarks({ state, here, create }: StopwatchDeps): StopwatchMarks {
  /** Where the label goes and the video the marks are on, once the first mark is made. */
  let current: { at: NormPoint; videoId: string } | null = null;

  return {
    async mark(point) {
      const at = await here();
      // The tool was left (or the video changed) while the frame was being held.
      if (!at || state.get().tool?.tool !== 'stopwatch' || (current && current.videoId !== at.videoId)) return;
      const marks = state.get().marks;
      if (marks.some((m) => Math.abs(m.time - at.time) < 1e-6)) {
        state.set({ error: 'This frame is marked already: step to the next moment (. or ,) and mark it.' });
        return;
      }
      current ??= { at: point, videoId: at.videoId };
      const next = [...marks, { time: at.time, frame: at.frame }].sort((a, b) => a.time - b.time);
      state.set({ marks: next, preview: { tool: 'stopwatch', at: current.at, marks: next }, error: null });
    },

    async finish() {
      const marks = state.get().marks;
      const sw = current;
      current = null;
      if (marks.length) state.set({ marks: [], preview: null });
      const first = marks[0];
      const last = marks[marks.length - 1];
      if (!sw || !first || !last || marks.length < 2) return;
      const { color, width, holdSeconds } = state.get().defaults;
      await create(
        { tool: 'stopwatch', at: sw.at, marks },
        { videoId: sw.videoId, time: first.time, frame: first.frame },
        { style: { color, width }, timing: { ...DEFAULT_TIMING, holdSeconds, endTime: last.time } },
      );
    },
  };
}
