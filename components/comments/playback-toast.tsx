import { playingComment } from '../../utils/comments/select';
import type { CommentAnnotation } from '../../utils/model/types';

/** While the video plays, the comment for this moment shows briefly over the picture. */
export function PlaybackToast({ comments, time, paused }: {
  comments: readonly CommentAnnotation[];
  time: number | null;
  paused: boolean;
}) {
  const comment = paused ? null : playingComment(comments, time);
  if (!comment) return null;
  return (
    <div class="fc-toast" role="status">
      <span class="fc-comment-author">{comment.author.name}</span> {comment.text}
    </div>
  );
}
