import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { layersOf } from '../../utils/annotations/layers';
import type { AnnotationsState } from '../../utils/annotations/video-annotations';
import type { BookState } from '../../utils/comments/book';
import { currentComment, filterComments, threads } from '../../utils/comments/select';
import type { PlayerState } from '../../utils/player/session';
import type { AckAnnotation, DrawingAnnotation } from '../../utils/model/types';
import type { CommandRunner } from '../overlay/toolbar';
import { Button } from '../overlay/toolbar';
import { keyText } from '../../utils/commands/keys';
import { LayerBar } from './layer-bar';
import { CommentEditor } from './comment-editor';
import { PrivateField } from '../overlay/private-field';
import { PrivateText } from './private-text';
import { CommentItem } from './comment-item';
import { placeLabel } from '../../utils/comments/place-label';

/** What the panel's fields do (its buttons run commands through the runner). */
export interface PanelActions {
  setFilter(text: string): void;
  setDraft(text: string): void;
  save(): void;
  cancel(): void;
  rename(name: string): void;
}

const WINDOW = 100;

/** The video's comments, docked beside the picture: list, search, editor, undo. */
export function CommentPanel({ book, annotations, runner, player, filter, collapsed = false, actions, drawings, selected }: {
  book: BookState;
  /** Every record of the video (layers, what is unread, who is reading). */
  annotations: AnnotationsState;
  runner: CommandRunner;
  player: PlayerState;
  filter: string;
  /** Only the title bar shows. */
  collapsed?: boolean;
  actions: PanelActions;
  /** The video's drawings, to show which comments have some. */
  drawings: readonly DrawingAnnotation[];
  /** The selected drawing, which can be linked to a comment. */
  selected: DrawingAnnotation | null;
}) {
  const linked = useMemo(() => {
    const counts = new Map<string, number>();
    for (const d of drawings) if (!d.deleted && d.commentId) counts.set(d.commentId, (counts.get(d.commentId) ?? 0) + 1);
    return counts;
  }, [drawings]);
  const visible = useMemo(() => book.all.filter((c) => !c.deleted), [book.all]);
  const acks = useMemo(() => {
    const byComment = new Map<string, AckAnnotation[]>();
    for (const a of book.acks) byComment.set(a.targetId, [...(byComment.get(a.targetId) ?? []), a]);
    return byComment;
  }, [book.acks]);
  const layers = useMemo(
    () => layersOf(annotations.records, annotations.me, annotations.packets, annotations.hidden),
    [annotations.records, annotations.me, annotations.packets, annotations.hidden],
  );
  const meId = annotations.me?.id ?? null;
  const all = useMemo(() => threads(filterComments(visible, filter), visible), [visible, filter]);
  const current = currentComment(visible, player.time);
  const editor = book.editor;
  // Thousands of comments: render a window of them around the current one.
  const [extra, setExtra] = useState(0);
  const at = Math.max(0, all.findIndex((t) => t.comment.id === current?.id));
  const first = Math.max(0, Math.min(at - 10, all.length - WINDOW - extra));
  const windowed = all.slice(first, first + WINDOW + extra);
  const head = (
    <header class="fc-comments-head">
      <strong>Comments</strong>
      <span class="fc-dim">{visible.filter((c) => !c.parentId).length}</span>
      {collapsed ? (
        <span class="fc-grow" />
      ) : (
        <PrivateField class="fc-search" idle label="Search comments" placeholder="Search" value={filter} onInput={actions.setFilter} onCancel={() => actions.setFilter('')} />
      )}
      {!collapsed && <Button id="packet.send" runner={runner} icon="send" />}
      <Button id="comment.dockPanel" runner={runner} text="⇆" label="Move the comment panel" />
      <Button
        id="comment.collapsePanel"
        runner={runner}
        text={collapsed ? '▸' : '▾'}
        label={collapsed ? 'Expand the comment panel' : 'Collapse the comment panel'}
        expanded={!collapsed}
      />
      <Button id="comment.togglePanel" runner={runner} text="✕" label="Close comments" />
    </header>
  );
  if (collapsed) {
    return (
      <aside class="fc-comments fc-collapsed" aria-label="Comments">
        {head}
      </aside>
    );
  }
  return (
    <aside class="fc-comments" aria-label="Comments">
      {head}
      <LayerBar layers={layers} onToggle={(authorId) => runner.run('layer.toggle', authorId)} />
      {editor && (
        <CommentEditor
          editor={editor}
          label={placeLabel(editor, player.rate) + (editor.drawingId ? ' · on the selected drawing' : '')}
          saving={book.saving}
          error={book.error}
          onDraft={actions.setDraft}
          onSave={actions.save}
          onCancel={actions.cancel}
        />
      )}
      {!editor && book.error && (
        <div class="fc-editor-error" role="alert">
          {book.error}
        </div>
      )}
      {book.undoable && (
        <div class="fc-undo" role="status">
          Comment deleted.
          <button type="button" class="fc-link" data-command="comment.restore" onClick={() => runner.run('comment.restore')}>Undo</button>
          <span class="fc-dim">{keyText(runner, 'edit.undo')}</span>
        </div>
      )}
      {book.loading ? (
        <p class="fc-empty">Loading comments…</p>
      ) : visible.length === 0 && !editor ? (
        <p class="fc-empty">No comments yet. Pause on a frame and press {keyText(runner, 'comment.add')} to pin one to it.</p>
      ) : all.length === 0 && filter ? (
        <p class="fc-empty">No comment matches “<PrivateText class="fc-empty-query" text={filter} />”.</p>
      ) : (
        <ol class="fc-comment-list" start={first + 1}>
          {first > 0 && <li class="fc-dim">{first} earlier…</li>}
          {windowed.map(({ comment, replies }) => (
            <CommentItem
              key={comment.id}
              comment={comment}
              replies={replies}
              current={comment.id === current?.id}
              rate={player.rate}
              runner={runner}
              drawings={linked.get(comment.id) ?? 0}
              canLink={selected !== null && selected.commentId !== comment.id}
              meId={meId}
              acks={acks}
              unread={annotations.unread}
            />
          ))}
          {first + windowed.length < all.length && (
            <li>
              <button type="button" class="fc-link" onClick={() => setExtra(extra + WINDOW)}>
                Show {Math.min(WINDOW, all.length - first - windowed.length)} more of {all.length - first - windowed.length}
              </button>
            </li>
          )}
        </ol>
      )}
      <footer class="fc-comments-foot fc-dim">
        As{' '}
        <NameField name={book.author.name} onRename={actions.rename} />
      </footer>
    </aside>
  );
}

/**
 * The name on new comments. What the coach types is kept while they type: the panel re-renders
 * whenever a comment arrives or a frame is shown, and a controlled field would put the stored
 * name back under their fingers (seen under load: a typed name lost before Tab saved it).
 */
function NameField({ name, onRename }: { name: string; onRename(name: string): void }) {
  const [draft, setDraft] = useState<string | null>(null);
  // What was typed last, for the blur that may come before the render of it.
  const typed = useRef<string | null>(null);
  typed.current = draft;
  // The stored name changed (saved, or from another tab): show it.
  useEffect(() => setDraft(null), [name]);
  // Kept when the field loses the focus or on Enter (as an input's change event); Escape puts the stored name back.
  const keep = () => typed.current !== null && typed.current !== name && onRename(typed.current);
  return (
    <PrivateField
      class="fc-name"
      idle
      label="Your name on comments"
      placeholder="Your name"
      maxLength={80}
      value={draft ?? name}
      onInput={(text) => setDraft((typed.current = text))}
      onSubmit={keep}
      onCancel={() => setDraft(null)}
      onFocusChange={(focused) => !focused && keep()}
    />
  );
}
