import { useMemo } from 'preact/hooks';
import type { CommentAnnotation } from '../../utils/model/types';

/** At most this many markers: comments closer together share one (its tooltip counts them). */
const BUCKETS = 160;

interface Marker {
  first: CommentAnnotation;
  count: number;
  left: number;
  width: number;
}

/** Groups top-level comments into markers along the duration. */
export function markers(comments: readonly CommentAnnotation[], duration: number): Marker[] {
  const byBucket = new Map<number, Marker>();
  for (const c of comments) {
    if (c.deleted || c.parentId) continue;
    const left = Math.min(100, Math.max(0, (c.time / duration) * 100));
    const width = c.endTime !== null ? Math.max(0.5, ((c.endTime - c.time) / duration) * 100) : 0;
    const bucket = Math.min(BUCKETS - 1, Math.floor((left / 100) * BUCKETS)) + (width ? BUCKETS : 0);
    const existing = byBucket.get(bucket);
    if (existing) existing.count++;
    else byBucket.set(bucket, { first: c, count: 1, left, width });
  }
  return [...byBucket.values()];
}

/** Comment markers along the bottom of the picture; hover shows the text, click seeks. */
export function TimelineStrip({ comments, duration, onSeek }: {
  comments: readonly CommentAnnotation[];
  duration: number | null;
  onSeek(c: CommentAnnotation): void;
}) {
  const list = useMemo(
    () => (duration && Number.isFinite(duration) && duration > 0 ? markers(comments, duration) : []),
    [comments, duration],
  );
  if (list.length === 0) return null;
  return (
    <div class="fc-strip" aria-label="Comment markers">
      {list.map(({ first, count, left, width }) => (
        <button
          key={first.id}
          type="button"
          class={width ? 'fc-marker fc-range' : 'fc-marker'}
          style={{ left: `${left}%`, width: width ? `${width}%` : undefined }}
          title={`${first.author.name}: ${first.text}${count > 1 ? ` (+${count - 1} more here)` : ''}`}
          data-comment-id={first.id}
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => onSeek(first)}
        />
      ))}
    </div>
  );
}
