/**
 * Frame numbers for records made before the rate was known (a drawing made a moment after
 * the first pause, on a busy machine): once numbers on the video are exact, the coach's own
 * records get theirs, saved as an edit, so the panel, the report, the CSV and the
 * stopwatch all say the frame, not only the clock.
 */
import { exactNumbers, pinToFrame, type FrameRate } from '../frames/rate';
import { mutate, type AnnotationPatch } from '../model/mutate';
import type { Annotation, FrameMark } from '../model/types';
import type { Store } from '../player/store';
import type { AnnotationsState, VideoAnnotations } from './video-annotations';

/**
 * Stopwatch marks with the frame numbers they lack, each then at its frame's start (a mark made
 * where only a position inside the frame was known); the same array when none lacks one.
 */
export function numberMarks(marks: readonly FrameMark[], rate: FrameRate | null): readonly FrameMark[] {
  if (!exactNumbers(rate) || !marks.some((m) => m.frame === null)) return marks;
  return marks.map((m) => (m.frame === null ? (pinToFrame(m.time, rate) ?? m) : m));
}

/**
 * `record` with the frame numbers it lacks, on an exact rate, each time then at its frame's
 * start; the same record when it lacks none or none can be known.
 */
export function withFrames<A extends Annotation>(record: A, rate: FrameRate | null, now?: number): A {
  if (!exactNumbers(rate) || record.deleted) return record;
  const patch: Record<string, unknown> = {};
  if (record.frame === null) Object.assign(patch, pinToFrame(record.time, rate));
  if (record.kind === 'comment' && record.endTime !== null && record.endFrame === null) {
    const end = pinToFrame(record.endTime, rate)!;
    Object.assign(patch, { endTime: end.time, endFrame: end.frame });
  }
  if (record.kind === 'drawing' && record.shape.tool === 'stopwatch') {
    const marks = numberMarks(record.shape.marks, rate);
    if (marks !== record.shape.marks) {
      patch.shape = { ...record.shape, marks };
      // The stopwatch shows until its last mark.
      const last = record.shape.marks[record.shape.marks.length - 1];
      if (last && record.timing.endTime === last.time) patch.timing = { ...record.timing, endTime: marks[marks.length - 1]!.time };
    }
  }
  return Object.keys(patch).length ? mutate(record, patch as AnnotationPatch<A>, now) : record;
}

/** What the numbering reads of the player: the rate, and whether it may still change under a play. */
export interface RateState {
  rate: FrameRate | null;
  /** A step under way (the play that measures the rate among it). */
  busy?: boolean;
  paused?: boolean;
}

/**
 * The rate to number records by: exact, and not in the middle of being measured. A play that
 * measures it can say 29.97 before it says 30 (a few frames can't tell them apart); a time
 * put at its frame's start on the first word stayed 1.3 ms off (a stopwatch read 198 ms, not 200).
 */
export function settledRate(s: RateState): FrameRate | null {
  return exactNumbers(s.rate) && !s.busy && s.paused !== false ? s.rate : null;
}

/**
 * Keeps the coach's records numbered: whenever the rate becomes exact or records arrive, each
 * of ours that lacks a frame number is saved with it (each version tried once: a failed save
 * is not retried in a loop). Others' records are theirs to keep; their labels fill the number in.
 */
export function fillFrames(session: Pick<Store<RateState>, 'get' | 'subscribe'>, annotations: VideoAnnotations): () => void {
  const tried = new Set<string>();
  let seen: { rate: FrameRate | null; records: AnnotationsState['records']; me: AnnotationsState['me'] } | null = null;
  const run = () => {
    const { records, me } = annotations.state.get();
    const now = { rate: settledRate(session.get()), records, me };
    if (seen && seen.rate === now.rate && seen.records === records && seen.me === me) return;
    seen = now;
    // Until the settings say who we are, nothing is ours to change.
    if (!me || !exactNumbers(now.rate)) return;
    for (const record of records) {
      const key = `${record.id}:${record.version}`;
      // A save of it still on its way (the drawing just made, shown before it is stored): this
      // one waits for it, or it could land first and the coach's own save be refused as stale
      // ("changed elsewhere", seen in Firefox under load). It comes back when that one lands.
      if (record.author.id !== me.id || tried.has(key) || annotations.saving(record.id)) continue;
      const filled = withFrames(record, now.rate);
      if (filled === record) continue;
      tried.add(key);
      void annotations.save(filled);
    }
  };
  const offs = [session.subscribe(run), annotations.state.subscribe(run)];
  run();
  return () => offs.forEach((off) => off());
}
