import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { linkField, type FieldLink, type TypeAheadFor } from '../../utils/dom/private-field';
import { TEST_HOOKS } from '../../utils/dom/test-hooks';
import { PrivateText } from '../comments/private-text';

const nothing = () => {};

/** A field's owner may, at once: show a new text whatever the field held (a new question). */
export interface FieldControl {
  reset(value: string): void;
}
/** How long after an idle field lost the focus its frame gives way to painted text. */
const IDLE_AFTER_MS = 200;

/**
 * A text field the page can't read (issue 15): framed from FrameCoach's own origin (see
 * utils/dom/private-field.ts). Enter is `onSubmit` (Shift+Enter a new line when `multiline`),
 * Escape `onCancel`. `focusKey` given, and whenever it changes, gives it the focus. Should the
 * frame fail to load, a plain field in the shadow root takes its place, with what was typed:
 * nothing is lost, though that one is within the page's `window.find()`.
 */
export function PrivateField({ class: cls, value, label, placeholder, multiline = false, focusKey, typeAhead, idle = false, maxLength, style, keys, status, control, onInput, onSubmit = nothing, onCancel = nothing, onFocusChange = nothing, onKey = nothing }: {
  class: string;
  value: string;
  label: string;
  placeholder: string;
  multiline?: boolean;
  /** Focused when shown and whenever this changes; never by itself when undefined. */
  focusKey?: unknown;
  /** Filled with what the owner may do to the field at once (not a render later): `reset` (FieldLink `resetValue`). */
  control?: { current: FieldControl | null };
  /** Takes the comment's or the palette's keys typed before it had the focus (utils/dom/private-field.ts `typeAhead`). */
  typeAhead?: TypeAheadFor;
  /**
   * A field always on show (the panel's search and name): painted as text until it is clicked
   * or tabbed to, a frame only while it has the focus. Fewer frames per page, and none to take
   * a focus meant for another: Chromium gave one of two frames of ours the focus asked for the
   * other (the comment box's first letters went into the search).
   */
  idle?: boolean;
  maxLength?: number;
  style?: Record<string, string>;
  /**
   * Keys typed in the field that go to `onKey` rather than into the text (the palette's arrows).
   * In the plain field that replaces a frame that failed, keys reach the content script's key
   * listener first, which hands them to the UI they were typed in (attach.ts `onKey`).
   */
  keys?: string[];
  /** Said to screen readers from within the field when it changes (the palette's selected row). */
  status?: string;
  onInput(value: string): void;
  onKey?(key: string): void;
  onSubmit?(): void;
  onCancel?(): void;
  onFocusChange?(focused: boolean): void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const plain = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const link = useRef<FieldLink | null>(null);
  const [failed, setFailed] = useState(false);
  const [active, setActive] = useState(!idle);
  /** An idle field's frame has had the focus: losing it makes it idle again. */
  const held = useRef(false);
  const [focused, setFocused] = useState(false);
  const [ready, setReady] = useState(false);
  const handlers = useRef({ onInput, onSubmit, onCancel, onFocusChange, onKey });
  handlers.current = { onInput, onSubmit, onCancel, onFocusChange, onKey };
  // Linked as the field is rendered, before the next key is handled: from then on the keys
  // typed ahead go to this field alone (the draft only follows it), so none is lost between two writers.
  useLayoutEffect(() => {
    if (failed || !frame.current) return;
    const linked = linkField(frame.current, {
      label,
      placeholder,
      multiline,
      value,
      onInput: (text) => handlers.current.onInput(text),
      onSubmit: () => handlers.current.onSubmit(),
      onCancel: () => handlers.current.onCancel(),
      onFail: () => setFailed(true),
      onReady: () => setReady(true),
      onFocus: (now) => {
        setFocused(now);
        handlers.current.onFocusChange(now);
        if (now) held.current = true;
        else if (idle && held.current) {
          held.current = false;
          // A moment later: the key that moved the focus (Tab) is still being handled in the
          // frame, which must not go away under it (seen: the browser never finished the key).
          window.setTimeout(() => held.current || setActive(false), IDLE_AFTER_MS);
        }
      },
      typeAhead,
      maxLength,
      keys,
      onKey: (key) => handlers.current.onKey(key),
      status,
    });
    link.current = linked;
    if (control) control.current = { reset: (text) => linked.resetValue(text) };
    return () => {
      linked.dispose();
      link.current = null;
      if (control) control.current = null;
    };
  }, [failed, active]);
  // In the commit, not after the paint: a key typed ahead in between (a busy machine) went into
  // the field, and this render's value, older than it, then wiped it ("Scond video", round 14).
  useLayoutEffect(() => link.current?.setValue(value), [value]);
  useEffect(() => link.current?.setStatus(status ?? ''), [status]);
  useEffect(() => {
    // An idle field woken by a click or Tab takes the focus it was given.
    if (!active || (focusKey === undefined && !idle)) return;
    if (link.current) link.current.focus();
    else plain.current?.focus({ preventScroll: true });
  }, [focusKey, failed, active]);
  if (!active) {
    return (
      <button type="button" class={`${cls} fc-field-idle`} style={style} aria-label={label} onFocus={() => setActive(true)} onClick={() => setActive(true)} {...(TEST_HOOKS ? { 'data-value': value, 'data-focused': 'false' } : {})}>
        <PrivateText class={value ? 'fc-field-text' : 'fc-field-text fc-field-placeholder'} text={value || placeholder} />
      </button>
    );
  }
  if (failed) {
    const Tag = multiline ? 'textarea' : 'input';
    return (
      <Tag
        ref={plain}
        class={cls}
        style={style}
        value={value}
        placeholder={placeholder}
        aria-label={label}
        maxLength={maxLength}
        onInput={(event) => onInput((event.target as HTMLInputElement).value)}
        onFocus={() => onFocusChange(true)}
        onBlur={() => onFocusChange(false)}
      />
    );
  }
  // Test builds (test-hooks.ts) show the tests what the field holds, whether it has loaded and has the focus.
  const hooks = TEST_HOOKS ? { 'data-value': value, 'data-focused': String(focused), 'data-ready': String(ready) } : {};
  return <iframe ref={frame} class={`${cls} fc-field-frame${multiline ? '' : ' fc-field-line'}${focused ? ' fc-field-focused' : ''}`} style={style} title={label} {...hooks} />;
}
