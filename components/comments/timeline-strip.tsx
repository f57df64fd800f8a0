import type { CommentAnnotation } from '../../utils/model/types';

/** Comment markers along the bottom of the picture; hover shows the text, click seeks. */
export function TimelineStrip({ comments, duration, onSeek }: {
  comments: readonly CommentAnnotation[];
  duration: number | null;
  onSeek(c: CommentAnnotation): void;
}) {
  if (!duration || !Number.isFinite(duration) || duration <= 0) return null;
  const roots = comments.filter((c) => !c.deleted && !c.parentId);
  if (roots.length === 0) return null;
  return (
    <div class="fc-strip" aria-label="Comment markers">
      {roots.map((c) => {
        const left = Math.min(100, (c.time / duration) * 100);
        const width = c.endTime !== null ? Math.max(0.5, ((c.endTime - c.time) / duration) * 100) : 0;
        return (
          <button
            key={c.id}
            type="button"
            class={width ? 'fc-marker fc-range' : 'fc-marker'}
            style={{ left: `${left}%`, width: width ? `${width}%` : undefined }}
            title={`${c.author.name}: ${c.text}`}
            data-comment-id={c.id}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => onSeek(c)}
          />
        );
      })}
    </div>
  );
}
