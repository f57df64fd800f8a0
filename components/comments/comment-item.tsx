import { placeLabel } from '../../utils/comments/place-label';
import type { FrameRate } from '../../utils/frames/rate';
import type { AckAnnotation, CommentAnnotation } from '../../utils/model/types';
import type { CommandRunner } from '../overlay/toolbar';
import { PrivateText } from './private-text';

const when = (ms: number) => new Date(ms).toLocaleString(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

/** Who said "Got it", and when. */
function Acks({ acks, unread }: { acks: readonly AckAnnotation[]; unread: ReadonlySet<string> }) {
  if (!acks.length) return null;
  return (
    <div class="fc-acks" aria-label="Acknowledged">
      {acks.map((a) => (
        <span key={a.id} class={['fc-ack', unread.has(a.id) ? 'fc-ack-new' : ''].join(' ')} data-ack-author={a.author.id} title={`Acknowledged ${when(a.updatedAt)}`}>
          ✓ <PrivateText class="fc-ack-author" text={a.author.name} /> · {when(a.updatedAt)}
          {unread.has(a.id) && <span class="fc-badge fc-new">New</span>}
        </span>
      ))}
    </div>
  );
}

/**
 * One comment thread in the panel. Its buttons run the comment commands with its id (the
 * palette offers the same commands, asking which comment).
 */
export function CommentItem({ comment, replies, current, rate, runner, drawings, canLink, meId, acks, unread }: {
  comment: CommentAnnotation;
  replies: readonly CommentAnnotation[];
  current: boolean;
  rate: FrameRate | null;
  runner: CommandRunner;
  /** Drawings linked to this comment. */
  drawings: number;
  /** A drawing is selected and is not linked here yet. */
  canLink: boolean;
  /** Who is reading (their own comments can be changed; others' replied to and acknowledged). */
  meId: string | null;
  /** Acknowledgements by comment id. */
  acks: ReadonlyMap<string, readonly AckAnnotation[]>;
  /** Records brought by a packet and not seen before. */
  unread: ReadonlySet<string>;
}) {
  const mine = meId === null || comment.author.id === meId;
  const acked = (acks.get(comment.id) ?? []).some((a) => a.author.id === meId);
  const on = (command: string, id = comment.id) => () => runner.run(command, id);
  const classes = ['fc-comment', current ? 'fc-current' : '', comment.resolved ? 'fc-resolved' : '', mine ? '' : 'fc-theirs'].join(' ');
  return (
    <li class={classes} data-comment-id={comment.id} aria-current={current ? 'true' : undefined}>
      <button type="button" class="fc-comment-main" onClick={on('comment.goTo')} title="Go to this frame">
        <span class="fc-comment-place fc-num">{placeLabel(comment, rate)}</span>
        <PrivateText class="fc-comment-author" text={comment.author.name} />
        {unread.has(comment.id) && <span class="fc-badge fc-new">New</span>}
        {drawings > 0 && (
          <span class="fc-badge fc-linked" title={`${drawings} drawing${drawings === 1 ? '' : 's'} linked`}>
            ✎ {drawings}
          </span>
        )}
        <PrivateText class="fc-comment-text" text={comment.text} />
      </button>
      <Acks acks={acks.get(comment.id) ?? []} unread={unread} />
      <div class="fc-comment-actions">
        <button type="button" class="fc-link" onClick={on('comment.reply')}>Reply</button>
        {mine ? (
          <>
            <button type="button" class="fc-link" onClick={on('comment.edit')}>Edit</button>
            <button type="button" class="fc-link" onClick={on('comment.resolve')}>
              {comment.resolved ? 'Reopen' : 'Resolve'}
            </button>
            <button type="button" class="fc-link fc-danger" onClick={on('comment.delete')}>Delete</button>
          </>
        ) : (
          <button type="button" class={['fc-link', 'fc-ack-button', acked ? 'fc-acked' : ''].join(' ')} aria-pressed={acked} onClick={on('comment.acknowledge')}>
            {acked ? '✓ Got it' : 'Got it'}
          </button>
        )}
        {canLink && (
          <button type="button" class="fc-link" onClick={on('comment.linkDrawing')}>Link drawing</button>
        )}
      </div>
      {replies.length > 0 && (
        <ul class="fc-replies">
          {replies.map((r) => (
            <li key={r.id} class={['fc-reply', r.author.id === meId || meId === null ? '' : 'fc-theirs'].join(' ')} data-comment-id={r.id}>
              <PrivateText class="fc-comment-author" text={r.author.name} />
              {unread.has(r.id) && <span class="fc-badge fc-new">New</span>}
              <PrivateText class="fc-comment-text" text={r.text} />
              {(r.author.id === meId || meId === null) && (
                <span class="fc-comment-actions">
                  <button type="button" class="fc-link" onClick={on('comment.edit', r.id)}>Edit</button>
                  <button type="button" class="fc-link fc-danger" onClick={on('comment.delete', r.id)}>Delete</button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
