/**
 * Frame stepping over anything that can seek and report the presented frame's media time.
 * Pure: the browser side is a `FrameSource` (see utils/player/video-source.ts); tests drive
 * it with a simulated decoder.
 *
 * Facts it rests on (DESIGN.md): a seek to time x shows the last frame whose timestamp is
 * <= x, but near a frame's start it may show the previous one, so targets are frame
 * middles; the presented frame is known by its media time, not by currentTime.
 */
export interface FrameSource {
  /** Media time of the frame on screen, if known. */
  presented(): number | null;
  /** Seeks and resolves with the media time presented afterwards (null if unknown). */
  seek(time: number): Promise<number | null>;
  /** Pauses if playing and resolves once the last presented frame is known. */
  pause(): Promise<void>;
  /** Makes the on-screen frame known when it is not (e.g. a video paused since load). */
  sync(): Promise<number | null>;
  duration(): number;
}

export interface StepTiming {
  /** Smallest gap between consecutive frames, in seconds (1/fps on constant rate). */
  minGap: number;
  variable: boolean;
  /**
   * A constant rate with frames missing from the clock: a step of n > 1 finds n real frames one
   * by one (a seek n slots on would count the missing ones).
   */
  dropped?: boolean;
  /** `known` holds every frame (the file's frame table): a step of any size is one seek. */
  complete?: boolean;
  /** Frame timestamps already seen, if the source keeps them (variable rate uses them). */
  known?: Pick<Timeline, 'before' | 'after'>;
}

export interface StepResult {
  /** Media time of the frame now on screen. */
  time: number;
  /** Frames actually moved (signed); less than asked at the start or end of the video. */
  moved: number;
}

import type { Timeline } from './timeline';

/** Relative tolerance when counting frames between two timestamps (1 ms WebM rounding). */
const HALF = 0.5;

function framesBetween(from: number, to: number, gap: number): number {
  return Math.round((to - from) / gap);
}

/**
 * Moves `count` frames from the frame at `start`. Constant rate: one seek to the target's
 * middle. Variable rate, or a constant-rate stream with a gap (duplicate frames dropped by
 * the encoder): one frame at a time, probing forward by `minGap` until a new frame shows;
 * backward, half a gap before the current frame is always inside the previous one.
 */
export async function stepFrom(
  source: FrameSource,
  start: number,
  count: number,
  timing: StepTiming,
): Promise<StepResult> {
  const gap = timing.minGap;
  const end = source.duration();
  if (timing.complete && timing.known) {
    const byTable = await stepByTable(source, start, count, gap, timing.known);
    if (byTable) return byTable;
    // The browser disagrees with the table: none of its times can be trusted.
    return stepFrom(source, start, count, { minGap: gap, variable: timing.variable, dropped: true });
  }
  let time = start;
  let moved = 0;
  if (!timing.variable && !(timing.dropped && Math.abs(count) > 1)) {
    const target = start + (count + HALF) * gap;
    const shown = (await source.seek(clampTime(target, end))) ?? start;
    time = shown;
    // A single step that shows any new frame shows the adjacent one: no frame can hide in
    // less than a gap. Longer steps count grid slots.
    moved = shown === start ? 0 : Math.abs(count) === 1 ? count : framesBetween(start, shown, gap);
    const atEdge = count > 0 ? target >= end : target <= 0;
    if (moved === count || atEdge) return { time, moved };
    // Landed short or long (an irregular stretch): finish one frame at a time.
    const rest = await stepFrom(source, time, count - moved, { ...timing, variable: true });
    return { time: rest.time, moved: moved + rest.moved };
  }
  const direction = Math.sign(count);
  while (moved !== count) {
    const next =
      direction > 0 ? await nextFrame(source, time, timing, end) : await previousFrame(source, time, timing);
    if (next === null) break;
    time = next;
    moved += direction;
  }
  return { time, moved };
}

/**
 * With every frame known, the target is `count` entries on: one seek just inside it. Null
 * when the browser shows another frame (the table and the browser disagree): then the
 * caller steps as if it had no table.
 */
async function stepByTable(source: FrameSource, start: number, count: number, gap: number, known: Pick<Timeline, 'before' | 'after'>): Promise<StepResult | null> {
  let target = start;
  let moved = 0;
  while (moved !== count) {
    const next = count > 0 ? known.after(target) : known.before(target);
    if (next === undefined) break;
    target = next;
    moved += Math.sign(count);
  }
  if (moved === 0) return { time: start, moved: 0 };
  const shown = await source.seek(justInside(target, gap));
  return shown !== null && Math.abs(shown - target) < 0.0015 ? { time: shown, moved } : null;
}

function clampTime(time: number, end: number): number {
  const max = Number.isFinite(end) && end > 0 ? end : Infinity;
  return Math.min(Math.max(time, 0), max);
}

/**
 * Where to seek to show a frame whose start is known: just inside it. (The middle is not
 * safe on a variable rate: Chromium may think the frame shorter than it is, MP4 durations
 * being stored in decode order.)
 */
export const justInside = (start: number, gap: number) => start + Math.min(0.002, gap * 0.1);

/**
 * A known neighbour can be trusted when no other frame fits between it and `time`: nearer than
 * a gap and a half (a frame between them puts them two gaps apart). Not two gaps less a little:
 * the times known need not be exact (WebM keeps milliseconds, frame 46 of 30 fps at 1.533; a
 * start taken from a clock of 29.97 where the clip's is 30 is 1.3 ms off by frame 40), nor
 * every frame (Firefox tells of about every second one during a play), and two frames two
 * apart read 65–66.3 ms apart, which "two gaps less 0.1 ms" took for neighbours: six steps
 * from frame 40 went 41, 43 or 44, 46 and on to 47 (Firefox, no frame table).
 */
const adjacent = (a: number, b: number, gap: number) => Math.abs(b - a) < 1.5 * gap;

async function nextFrame(source: FrameSource, time: number, timing: StepTiming, end: number): Promise<number | null> {
  const gap = timing.minGap;
  const known = timing.known?.after(time);
  if (known !== undefined && adjacent(time, known, gap)) {
    const shown = await source.seek(justInside(known, gap));
    if (shown !== null && shown > time + 1e-6) return shown;
  }
  // Probes at time + 1.5, 2.5, … gaps: each window is shorter than a gap, so the first new
  // frame seen is the next one. Gives up past the end or after a long run of nothing.
  // On a variable rate the shortest frame may not have been seen (a short play): probes half a
  // gap apart still find a frame a third shorter than the gap. On a clock, slot middles are safe.
  const probe = timing.variable ? gap / 2 : gap;
  for (let i = 1; i <= 64 * (gap / probe); i++) {
    const target = time + (i + HALF) * probe;
    const shown = await source.seek(clampTime(target, end));
    if (shown !== null && shown > time + 1e-6) return closer(source, shown, known, gap, (t) => t > time + 1e-6 && t < shown - 1e-6);
    if (Number.isFinite(end) && target >= end) break;
  }
  await source.seek(justInside(time, gap));
  return null;
}

async function previousFrame(source: FrameSource, time: number, timing: StepTiming): Promise<number | null> {
  if (time <= 1e-6) return null;
  const gap = timing.minGap;
  const known = timing.known?.before(time);
  if (known !== undefined && adjacent(known, time, gap)) {
    const shown = await source.seek(justInside(known, gap));
    if (shown !== null && shown < time - 1e-6) return shown;
  }
  // Half a gap back, then a gap further each time, until an earlier frame shows.
  for (let i = 0; i < 64; i++) {
    const target = Math.max(0, time - (i + HALF) * gap);
    const shown = await source.seek(target);
    if (shown !== null && shown < time - 1e-6) return closer(source, shown, known, gap, (t) => t < time - 1e-6 && t > shown + 1e-6);
    if (target <= 0) break;
  }
  return null;
}

/**
 * A probe that passed a frame already seen (a probe can land just past a frame shorter than
 * the step, or on an ambiguous frame start) goes back to that frame: it is nearer.
 */
async function closer(source: FrameSource, shown: number, known: number | undefined, gap: number, between: (t: number) => boolean): Promise<number> {
  if (known === undefined || !between(known)) return shown;
  const back = await source.seek(justInside(known, gap));
  if (back !== null && between(back)) return back;
  // Not there after all: back to the frame the probe found.
  return (await source.seek(justInside(shown, gap))) ?? shown;
}
