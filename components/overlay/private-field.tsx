import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { linkField, type FieldLink } from '../../utils/dom/private-field';
import { TEST_HOOKS } from '../../utils/dom/test-hooks';

/**
 * A text field the page can't read (issue 15): framed from FrameCoach's own origin (see
 * utils/dom/private-field.ts). `focusKey` changing gives it the focus. Should the frame fail
 * to load, a plain field in the shadow root takes its place, with what was typed: nothing is
 * lost, though that one is within the page's `window.find()`.
 */
export function PrivateField({ class: cls, value, label, placeholder, multiline, focusKey, typeAhead = false, onInput, onSubmit, onCancel }: {
  class: string;
  value: string;
  label: string;
  placeholder: string;
  multiline: boolean;
  focusKey: unknown;
  /** Takes the keys typed before it had the focus (utils/dom/private-field.ts `typeAhead`). */
  typeAhead?: boolean;
  onInput(value: string): void;
  onSubmit(): void;
  onCancel(): void;
}) {
  const frame = useRef<HTMLIFrameElement>(null);
  const plain = useRef<HTMLTextAreaElement & HTMLInputElement>(null);
  const link = useRef<FieldLink | null>(null);
  const [failed, setFailed] = useState(false);
  const [focused, setFocused] = useState(false);
  const handlers = useRef({ onInput, onSubmit, onCancel });
  handlers.current = { onInput, onSubmit, onCancel };
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
      onFocus: setFocused,
      typeAhead,
    });
    link.current = linked;
    return () => {
      linked.dispose();
      link.current = null;
    };
  }, [failed]);
  useEffect(() => link.current?.setValue(value), [value]);
  useEffect(() => {
    if (link.current) link.current.focus();
    else plain.current?.focus({ preventScroll: true });
  }, [focusKey, failed]);
  if (failed) {
    const Tag = multiline ? 'textarea' : 'input';
    return (
      <Tag
        ref={plain}
        class={cls}
        value={value}
        placeholder={placeholder}
        aria-label={label}
        onInput={(event) => onInput((event.target as HTMLInputElement).value)}
      />
    );
  }
  // Test builds (test-hooks.ts) show the tests what the field holds and whether it has the focus.
  const hooks = TEST_HOOKS ? { 'data-value': value, 'data-focused': String(focused) } : {};
  return <iframe ref={frame} class={`${cls} fc-field-frame${focused ? ' fc-field-focused' : ''}`} title={label} {...hooks} />;
}
