/**
 * What a report holds, in time order: an entry per comment (its replies, who acknowledged it,
 * and the drawings shown on its frame) and an entry per frame whose drawings belong to no
 * comment; the frames to take snapshots of. Pure: shared by the page (which takes the
 * snapshots) and the background (which writes the report).
 */
import { threads } from '../comments/select';
import { visibleAt } from '../drawing/visible';
import type { AckAnnotation, Annotation, CommentAnnotation, DrawingAnnotation } from '../model/types';

export interface ReportEntry {
  /** A comment's entry, or a frame's drawings that belong to no comment. */
  readonly kind: 'comment' | 'drawings';
  /** The frame the entry is about (a range comment's first). */
  readonly time: number;
  readonly frame: number | null;
  readonly comment: CommentAnnotation | null;
  readonly replies: readonly CommentAnnotation[];
  readonly acks: readonly AckAnnotation[];
  /** The drawings on the snapshot: those shown on this frame when the video is paused there. */
  readonly drawings: readonly DrawingAnnotation[];
}

const live = <A extends Annotation>(list: readonly A[]) => list.filter((a) => !a.deleted);

/** Entries in time order (a comment before drawings on the same frame). `frameGap`: the video's frame duration. */
export function reportEntries(records: readonly Annotation[], frameGap: number): ReportEntry[] {
  const comments = live(records.filter((r): r is CommentAnnotation => r.kind === 'comment'));
  const drawings = live(records.filter((r): r is DrawingAnnotation => r.kind === 'drawing'));
  const acks = live(records.filter((r): r is AckAnnotation => r.kind === 'ack'));
  const onFrame = (time: number) => visibleAt(drawings, time, true, frameGap).map((v) => v.item);
  const sameFrame = (a: number, b: number) => Math.abs(a - b) < frameGap / 2;

  const entries: ReportEntry[] = threads([...comments].sort((a, b) => a.time - b.time || a.createdAt - b.createdAt), comments).map(({ comment, replies }) => ({
    kind: 'comment',
    time: comment.time,
    frame: comment.frame,
    comment,
    replies,
    acks: acks.filter((a) => a.targetId === comment.id).sort((a, b) => a.createdAt - b.createdAt),
    drawings: onFrame(comment.time),
  }));
  const commentIds = new Set(comments.map((c) => c.id));
  const shown = (d: DrawingAnnotation) => entries.some((e) => sameFrame(e.time, d.time) && e.drawings.includes(d));
  const loose = drawings.filter((d) => (d.commentId === null || !commentIds.has(d.commentId)) && !shown(d)).sort((a, b) => a.time - b.time);
  for (const d of loose) {
    if (entries.some((e) => e.kind === 'drawings' && sameFrame(e.time, d.time))) continue;
    entries.push({ kind: 'drawings', time: d.time, frame: d.frame, comment: null, replies: [], acks: [], drawings: onFrame(d.time) });
  }
  return entries.sort((a, b) => a.time - b.time || (a.kind === b.kind ? 0 : a.kind === 'comment' ? -1 : 1));
}

/** The frames to take snapshots of, once each, in time order. */
export function snapshotTimes(entries: readonly ReportEntry[], frameGap: number): number[] {
  const times: number[] = [];
  for (const e of entries) if (!times.some((t) => Math.abs(t - e.time) < frameGap / 2)) times.push(e.time);
  return times.sort((a, b) => a - b);
}
