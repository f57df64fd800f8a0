import { playingComment } from '../../utils/comments/select';
import type { CommentAnnotation } from '../../utils/model/types';
import { PrivateText } from './private-text';

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
      <PrivateText class="fc-comment-author" text={comment.author.name} /> <PrivateText class="fc-toast-text" text={comment.text} />
    </div>
  );
}
