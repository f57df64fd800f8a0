import { PrivateField } from '../overlay/private-field';
import type { Editor } from '../../utils/comments/book';

/**
 * The comment's text box, in a frame of FrameCoach's own origin (private-field.tsx): what the
 * coach types there is out of the page's reach. Enter saves, Shift+Enter starts a new line,
 * Escape cancels.
 */
export function CommentEditor({ editor, label, saving, error, onDraft, onSave, onCancel }: {
  editor: Editor;
  label: string;
  saving: boolean;
  error: string | null;
  onDraft(text: string): void;
  onSave(): void;
  onCancel(): void;
}) {
  const verb = editor.mode === 'edit' ? 'Edit comment' : editor.mode === 'reply' ? 'Reply' : 'New comment';
  return (
    <form
      class="fc-editor"
      onSubmit={(event) => {
        event.preventDefault();
        onSave();
      }}
    >
      <div class="fc-editor-head">
        <span>{verb}</span>
        <span class="fc-num fc-dim">{label}</span>
      </div>
      <PrivateField
        class="fc-textarea"
        multiline
        value={editor.draft}
        placeholder="What should the athlete see here?"
        label={verb}
        focusKey={editor.opened}
        typeAhead="comment"
        onInput={onDraft}
        onSubmit={onSave}
        onCancel={onCancel}
      />
      {error && (
        <div class="fc-editor-error" role="alert">
          {error}
        </div>
      )}
      <div class="fc-editor-buttons">
        <span class="fc-dim">Enter saves · Shift+Enter new line · Esc cancels</span>
        <button type="button" class="fc-btn" onClick={onCancel}>Cancel</button>
        <button type="submit" class="fc-btn fc-primary" disabled={saving}>{saving ? 'Saving…' : 'Save'}</button>
      </div>
    </form>
  );
}

/** What the editor does with a key from our UI; true when it took the key. */
export function editorKey(event: KeyboardEvent, save: () => void, cancel: () => void): boolean {
  if (event.key === 'Escape') {
    cancel();
    return true;
  }
  if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
    event.preventDefault();
    save();
    return true;
  }
  return false;
}
