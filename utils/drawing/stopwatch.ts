/**
 * The stopwatch tool's arithmetic: intervals between marked frames (ms and frames) and the
 * cadence of successive marks (foot strikes) in steps per minute. Pure.
 */
import type { FrameMark } from '../model/types';

export interface StopwatchReading {
  /** Marks in time order. */
  readonly marks: readonly FrameMark[];
  /** First to last mark. */
  readonly spanMs: number;
  /** First to last mark in frames, when both frame indices are known. */
  readonly spanFrames: number | null;
  /** Steps per minute from the mean interval, with three or more marks; null otherwise. */
  readonly cadence: number | null;
  /** Mean interval between successive marks, ms (with two or more marks). */
  readonly meanMs: number | null;
}

export function readStopwatch(marks: readonly FrameMark[]): StopwatchReading {
  const sorted = [...marks].sort((a, b) => a.time - b.time);
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || sorted.length < 2) return { marks: sorted, spanMs: 0, spanFrames: null, cadence: null, meanMs: null };
  const spanMs = (last.time - first.time) * 1000;
  const spanFrames = first.frame !== null && last.frame !== null ? last.frame - first.frame : null;
  const meanMs = spanMs / (sorted.length - 1);
  const cadence = sorted.length >= 3 && meanMs > 0 ? 60_000 / meanMs : null;
  return { marks: sorted, spanMs, spanFrames, cadence, meanMs };
}

const ms = (value: number) => `${Math.round(value)} ms`;
const frames = (n: number) => `${n} frame${n === 1 ? '' : 's'}`;

/** What the stopwatch shows on the picture, one string per line. */
export function stopwatchLines(marks: readonly FrameMark[]): string[] {
  const r = readStopwatch(marks);
  if (r.marks.length < 2) return ['Start marked', 'Step to the next moment and mark it'];
  const span = r.spanFrames === null ? ms(r.spanMs) : `${ms(r.spanMs)} · ${frames(r.spanFrames)}`;
  if (r.cadence === null) return [span];
  return [`${Math.round(r.cadence)} steps/min`, `${r.marks.length - 1} intervals · mean ${ms(r.meanMs ?? 0)}`, `total ${span}`];
}
