import { isHello, mergeField, type FromField, type ToField } from '../../utils/dom/field-protocol';
import './style.css';

/**
 * One text field of FrameCoach's, framed over a web page (see utils/dom/field-protocol.ts). It
 * takes its port from the overlay that framed it (the token in its address proves it), shows
 * what the overlay gives it, and reports what is typed, Enter and Escape. Nothing in it is
 * the page's to read: the frame is another origin.
 *
 * The address is `field.html#<token>` (`;multiline` for a text area). The field is there
 * from the start, so keys typed the moment the frame gets the focus land in it, even before
 * the overlay's first message.
 */
const [token = '', ...flags] = location.hash.slice(1).split(';');
const multiline = flags.includes('multiline');
let port: MessagePort | null = null;
/** The overlay has said what the field holds. */
let ready = false;
/**
 * Where type-ahead keys go (keys typed before this frame had the focus, arriving late: handed
 * over from another frame): where the first key typed in this frame went, since they were all
 * typed before it, moved on by what was put there since. Null until a key is typed here: they
 * go on the end. Not where the focus came (Chromium's focus reached the frame's body after its
 * first key, and blurred and refocused the field with keys typed here before type-ahead came).
 */
let mark: number | null = null;
/**
 * Ctrl+A was typed ahead before any key here: all the field holds is selected, and what comes
 * next, typed ahead or here, replaces it.
 */
let allSelected = false;

const field: HTMLTextAreaElement | HTMLInputElement = document.createElement(multiline ? 'textarea' : 'input');
field.className = 'field';
field.spellcheck = true;
/** Said politely to screen readers (the row the palette's arrows moved to): the field's words stay in this frame. */
const status = document.createElement('div');
status.className = 'status';
status.setAttribute('role', 'status');
document.body.append(field, status);
/** Keys the overlay asked for (init's `keys`): handed back, not handled here. */
let passed = new Set<string>();

const send = (message: FromField) => port?.postMessage(message);
/** How many times this field has said it took the focus (field-protocol.ts `focus`). */
let focusSaid = 0;
const sayFocus = (focused: boolean) => {
  if (focused && port) focusSaid++;
  send({ type: 'focus', focused });
};
/** The overlay's last change from outside (field-protocol.ts): reports say they come after it. */
let epoch = 0;
/** `keys` messages put in so far (field-protocol.ts `input`'s `took`). */
let took = 0;
const report = () => send({ type: 'input', value: field.value, epoch, took });

/**
 * What the overlay holds goes first: it was typed before anything typed here (keys that
 * reached the page before this frame had the focus). Text typed here since `base` stays after it.
 */
function merge(value: string, base: string): void {
  const typedHere = field.value !== base;
  field.value = mergeField(field.value, value, base);
  // Type-ahead still to come goes after what the overlay held, before what was typed here.
  if (mark !== null) mark = Math.min(value.length, field.value.length);
  if (typedHere) report();
}

function init(data: Extract<ToField, { type: 'init' }>): void {
  field.placeholder = data.placeholder;
  field.setAttribute('aria-label', data.label);
  if (data.maxLength) field.maxLength = data.maxLength;
  passed = new Set(data.keys ?? []);
  epoch = data.epoch;
  status.textContent = data.status ?? '';
  const style = document.documentElement.style;
  style.setProperty('--color', data.look.color);
  style.setProperty('--placeholder', data.look.placeholder);
  style.setProperty('--font', data.look.font);
  style.setProperty('--padding', data.look.padding);
  style.setProperty('--white-space', data.look.whiteSpace);
  style.colorScheme = data.look.colorScheme || 'normal';
  merge(data.value, '');
  // Typed here before: after what the overlay held.
  if (mark !== null) mark = data.value.length;
  ready = true;
  sayFocus(document.hasFocus() && document.activeElement === field);
}

function insertEarly(text: string, back: number): void {
  const at = Math.min(mark ?? field.value.length, field.value.length);
  const from = allSelected ? 0 : Math.max(0, at - back);
  allSelected = false;
  const caret = field.selectionStart ?? field.value.length;
  field.value = field.value.slice(0, from) + text + field.value.slice(at);
  const moved = text.length - (at - from);
  if (mark !== null) mark += moved;
  const next = caret >= at ? caret + moved : caret;
  field.setSelectionRange(next, next);
  report();
}

function focusField(): void {
  field.focus({ preventScroll: true });
  const end = field.value.length;
  field.setSelectionRange(allSelected ? 0 : end, end);
}

/**
 * Ctrl+A typed ahead: before any key here, everything is selected; after (the keys here were
 * typed after it, the first replacing the selection), what was before them goes.
 */
function selectAllEarly(): void {
  if (mark === null) {
    allSelected = true;
    if (document.activeElement === field) field.select();
    return;
  }
  const caret = Math.max(0, (field.selectionStart ?? field.value.length) - mark);
  field.value = field.value.slice(mark);
  mark = 0;
  field.setSelectionRange(caret, caret);
  report();
}

field.addEventListener('input', () => {
  if (ready) report();
});
/**
 * Enter or Escape, said just after the key is released: what they do often takes this frame
 * away (the palette runs a command and closes), and a frame removed in the middle of a key
 * press left Chromium's input waiting for it (a DevTools key press never returned; once in a
 * CI run even when said at the release itself). Said at once when another key comes first,
 * so the order of what the coach typed holds.
 */
let closing: { key: string; message: FromField; timer: number } | null = null;
function flushClosing(): void {
  if (!closing) return;
  window.clearTimeout(closing.timer);
  const { message } = closing;
  closing = null;
  send(message);
}
function onRelease(key: string, message: FromField): void {
  flushClosing();
  closing = { key, message, timer: window.setTimeout(flushClosing, 300) };
}
/** How long after the key's release it is said: the browser has finished the key by then, even on a busy machine. */
const RELEASE_MS = 50;
document.addEventListener(
  'keyup',
  (event) => {
    if (closing?.key !== event.key) return;
    window.clearTimeout(closing.timer);
    closing.timer = window.setTimeout(flushClosing, RELEASE_MS);
  },
  true,
);

/** Escape cancels, Enter saves (Shift+Enter is a new line in a text area), keys asked for go back: true when taken. */
function commandKey(event: KeyboardEvent): boolean {
  if (passed.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) send({ type: 'key', key: event.key });
  else if (event.key === 'Escape') onRelease(event.key, { type: 'cancel' });
  else if (event.key === 'Enter' && (!event.shiftKey || !multiline) && !event.altKey) onRelease(event.key, { type: 'submit' });
  else return false;
  event.preventDefault();
  return true;
}
(field as HTMLElement).addEventListener('keydown', (event) => {
  if (!event.isComposing && event.keyCode !== 229) commandKey(event);
});
field.addEventListener('focus', () => sayFocus(true));
field.addEventListener('blur', () => sayFocus(false));

window.addEventListener('message', (event) => {
  // Only the overlay that framed this page knows the token; anything else is ignored, and a
  // second hello (the frame was moved and reloaded, it gets a new one) replaces the first.
  if (!isHello(event.data, token) || !event.ports[0]) return;
  port?.close();
  port = event.ports[0];
  took = 0;
  port.onmessage = ({ data }: MessageEvent<ToField>) => {
    if (data.type === 'init') init(data);
    else if (data.type === 'value') {
      epoch = data.epoch;
      merge(data.value, data.base);
    } else if (data.type === 'keys') {
      took++;
      insertEarly(data.text, data.back);
    } else if (data.type === 'selectAll') selectAllEarly();
    // Asked before it last took the focus: met already, and the coach may have moved it since.
    else if (data.type === 'focus' && data.heard >= focusSaid) focusField();
    else if (data.type === 'status') status.textContent = data.text;
  };
});
/** The text a key types here (null for a key that types none: a command, a shortcut). */
function textOf(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey || event.altKey || passed.has(event.key)) return null;
  if (event.key === 'Enter') return event.shiftKey && multiline ? '\n' : null;
  return [...event.key].length === 1 ? event.key : null;
}
// A key can reach the frame before its focus event, while its body has the focus: it is
// typed into the field here (a focus moved in the middle of a key drops its character).
document.addEventListener(
  'keydown',
  (event) => {
    // A key after Enter or Escape: theirs is said first.
    if (closing && event.key !== closing.key) flushClosing();
    if (event.isComposing) return;
    const text = textOf(event);
    const inField = document.activeElement === field;
    // The first key typed here: type-ahead typed before it goes where it goes.
    if (text !== null && mark === null) mark = inField ? (field.selectionStart ?? field.value.length) : allSelected ? 0 : field.value.length;
    const replacesAll = allSelected && text !== null;
    if (text !== null) allSelected = false;
    if (inField) return;
    focusField();
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'a') {
      // Select all, in the field (not the frame's page).
      event.preventDefault();
      field.select();
      return;
    }
    if (commandKey(event) || text === null) return;
    event.preventDefault();
    field.setRangeText(text, replacesAll ? 0 : field.value.length, field.value.length, 'end');
    if (ready) report();
  },
  true,
);
// The overlay focuses the frame; the field takes it.
window.addEventListener('focus', () => {
  if (document.activeElement !== field) focusField();
});
// Focused before this page had loaded: no focus event comes; the field takes it now.
if (document.hasFocus()) focusField();
