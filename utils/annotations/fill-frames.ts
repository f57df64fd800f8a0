/**
 * Frame numbers for records made before the rate was known (a drawing made a moment after
 * the first pause, on a busy machine): once numbers on the video are exact, the coach's own
 * records get theirs, saved as an edit, so the panel, the report, the CSV and the
 * stopwatch all say the frame, not only the clock.
 */
import { exactNumbers, frameAt, type FrameRate } from '../frames/rate';
import { mutate, type AnnotationPatch } from '../model/mutate';
import type { Annotation, FrameMark } from '../model/types';
import type { Store } from '../player/store';
import type { AnnotationsState, VideoAnnotations } from './video-annotations';

const missing = (marks: readonly FrameMark[]) => marks.some((m) => m.frame === null);

/** `record` with the frame numbers it lacks, on an exact rate; the same record when it lacks none or none can be known. */
export function withFrames<A extends Annotation>(record: A, rate: FrameRate | null, now?: number): A {
  if (!exactNumbers(rate) || record.deleted) return record;
  const patch: Record<string, unknown> = {};
  if (record.frame === null) patch.frame = frameAt(record.time, rate);
  if (record.kind === 'comment' && record.endTime !== null && record.endFrame === null) patch.endFrame = frameAt(record.endTime, rate);
  if (record.kind === 'drawing' && record.shape.tool === 'stopwatch' && missing(record.shape.marks)) {
    patch.shape = { ...record.shape, marks: record.shape.marks.map((m) => (m.frame === null ? { ...m, frame: frameAt(m.time, rate) } : m)) };
  }
  return Object.keys(patch).length ? mutate(record, patch as AnnotationPatch<A>, now) : record;
}

/**
 * Keeps the coach's records numbered: whenever the rate becomes exact or records arrive, each
 * of ours that lacks a frame number is saved with it (each version tried once: a failed save
 * is not retried in a loop). Others' records are theirs to keep; their labels fill the number in.
 */
export function fillFrames(session: Pick<Store<{ rate: FrameRate | null }>, 'get' | 'subscribe'>, annotations: VideoAnnotations): () => void {
  const tried = new Set<string>();
  let seen: { rate: FrameRate | null; records: AnnotationsState['records']; me: AnnotationsState['me'] } | null = null;
  const run = () => {
    const { records, me } = annotations.state.get();
    const now = { rate: session.get().rate, records, me };
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
