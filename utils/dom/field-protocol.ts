/**
 * The private text field (issue 15): a text box in FrameCoach's own origin, framed over the
 * page, so what the coach types is out of the page's reach (`window.find()`, `getSelection()`,
 * every event). The overlay and the frame (entrypoints/field) talk over a `MessagePort` that
 * the overlay hands the frame with a random token the frame found in its own address: a page
 * that frames the same file, or posts to the frame, has no token and gets no port.
 */

/** The message, on the frame's window, that hands it its port. */
export interface FieldHello {
  framecoachField: string;
}

/** How the field looks: the overlay's own style for it, measured where the frame sits. */
export interface FieldLook {
  color: string;
  placeholder: string;
  font: string;
  padding: string;
  colorScheme: string;
  /** `white-space` in the field: `pre` keeps a label's lines as the coach broke them. */
  whiteSpace: string;
}

/** Overlay → frame. */
export type ToField =
  | {
      type: 'init';
      value: string;
      label: string;
      placeholder: string;
      look: FieldLook;
      maxLength?: number;
      /** Keys the field hands back instead of handling them (the palette's arrows move its list). */
      keys?: string[];
      /** Said to screen readers from within the field (the palette's selected row). */
      status?: string;
      /** The overlay's count of changes from outside so far (see `value`). */
      epoch: number;
    }
  /**
   * A change from outside (the comment's type-ahead, another comment to edit). `base` is what
   * the overlay last knew the field held: text typed in the field since then is kept after it.
   * `epoch` counts these changes: what the field reports carries the last one it took, and a
   * report from before the overlay's latest change (in flight when it was made) is dropped.
   */
  | { type: 'value'; value: string; base: string; epoch: number }
  /**
   * Keys typed before the field had the focus (the comment's type-ahead): they go where the
   * coach's typing in the field began, before anything typed there since.
   */
  | { type: 'keys'; text: string; back: number }
  /**
   * Ctrl+A typed before the field had the focus: everything typed before it is selected, so
   * the next key (typed ahead or in the field) replaces it.
   */
  | { type: 'selectAll' }
  /**
   * Take the focus. `heard` is how many times the overlay had heard the field say it took it:
   * a field that has said so more often took it after this was asked (its frame's own focus
   * event can come before this message), and the request is met. Where the focus went since is
   * the coach's doing (a Tab to the buttons), and this late message must not take it back.
   */
  | { type: 'focus'; heard: number }
  /** What a screen reader should say now (polite): the row the palette's arrows moved to. */
  | { type: 'status'; text: string };

/** Frame → overlay: what was typed, Enter (`submit`), Escape (`cancel`), a key asked for, and where the focus is. */
export type FromField =
  /**
   * `took`: how many `keys` messages the field has put in so far (on this port). Keys typed in
   * the field after letters handed over late wait until the field has put those in, so an
   * arrow or Enter acts on the whole text (see private-field.ts `whenTaken`).
   */
  | { type: 'input'; value: string; epoch: number; took: number }
  | { type: 'key'; key: string }
  | { type: 'submit' }
  | { type: 'cancel' }
  | { type: 'focus'; focused: boolean };

export const isHello = (data: unknown, token: string): data is FieldHello =>
  !!token && typeof data === 'object' && data !== null && (data as FieldHello).framecoachField === token;

/**
 * The field's text after a change from outside: `value` (what the overlay holds, typed before
 * anything typed in the field since `base`) first, then what was typed in the field since.
 */
export function mergeField(current: string, value: string, base: string): string {
  if (current === base) return value;
  return value + (current.startsWith(base) ? current.slice(base.length) : current);
}
