import type { CommandRunner } from '../overlay/toolbar';
import { useMemo } from 'preact/hooks';
import type { CommentAnnotation, DrawingAnnotation } from '../../utils/model/types';

/** At most this many markers a row: items closer together share one (its tooltip counts them). */
const BUCKETS = 160;

interface Marker<T> {
  first: T;
  count: number;
  left: number;
  width: number;
}

interface Timed {
  time: number;
  deleted: boolean;
}

/** Groups items into markers along the duration (ranges, from `endOf`, get buckets of their own). */
export function markers<T extends Timed>(items: readonly T[], duration: number, endOf: (item: T) => number | null = () => null): Marker<T>[] {
  const byBucket = new Map<number, Marker<T>>();
  for (const item of items) {
    if (item.deleted) continue;
    const end = endOf(item);
    const left = Math.min(100, Math.max(0, (item.time / duration) * 100));
    const width = end !== null ? Math.max(0.5, ((end - item.time) / duration) * 100) : 0;
    const bucket = Math.min(BUCKETS - 1, Math.floor((left / 100) * BUCKETS)) + (width ? BUCKETS : 0);
    const existing = byBucket.get(bucket);
    if (existing) existing.count++;
    else byBucket.set(bucket, { first: item, count: 1, left, width });
  }
  return [...byBucket.values()];
}

const more = (count: number) => (count > 1 ? ` (+${count - 1} more here)` : '');

/**
 * Markers along the bottom of the picture: comments (hover shows the text) and, in a thin row
 * above them, frames with drawings. A click goes to the frame.
 */
export function TimelineStrip({ comments, drawings, duration, runner }: {
  comments: readonly CommentAnnotation[];
  drawings: readonly DrawingAnnotation[];
  duration: number | null;
  /** A mark's click goes to its frame as the palette's "Go to a comment/drawing…" does. */
  runner: CommandRunner;
}) {
  const known = duration !== null && Number.isFinite(duration) && duration > 0;
  const notes = useMemo(
    () => (known ? markers(comments.filter((c) => !c.parentId), duration, (c) => c.endTime) : []),
    [comments, duration],
  );
  const marks = useMemo(() => (known ? markers(drawings, duration) : []), [drawings, duration]);
  if (notes.length === 0 && marks.length === 0) return null;
  return (
    <div class="fc-strip" aria-label="Comment and drawing markers">
      {marks.map(({ first, count, left }) => (
        <button
          key={first.id}
          type="button"
          class="fc-marker fc-drawing-marker"
          style={{ left: `${left}%` }}
          title={`${count === 1 ? 'A drawing' : `${count} drawings`} here: go to its frame`}
          data-drawing-id={first.id}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => runner.run('draw.goTo', first.id)}
        />
      ))}
      {notes.map(({ first, count, left, width }) => (
        <button
          key={first.id}
          type="button"
          class={width ? 'fc-marker fc-range' : 'fc-marker'}
          style={{ left: `${left}%`, width: width ? `${width}%` : undefined }}
          title={`${first.author.name}: ${first.text}${more(count)}`}
          data-comment-id={first.id}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => runner.run('comment.goTo', first.id)}
        />
      ))}
    </div>
  );
}
