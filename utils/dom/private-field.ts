import { browser } from 'wxt/browser';
import { newId } from '../model/new-id';
import { TEST_HOOKS } from './test-hooks';
import type { FieldLook, FromField, ToField } from './field-protocol';

/**
 * The overlay's side of a private text field (see field-protocol.ts and entrypoints/field):
 * it frames the field, hands it a port, keeps it showing `value`, and passes on what the coach
 * types. The frame is another origin, so it takes the focus a moment after being asked: keys
 * typed in that moment reach the page's window, where the comment's type-ahead puts them in
 * the draft (utils/comments/feature.ts); the field merges such a change with what was typed
 * in it meanwhile (`base`, see field-protocol.ts).
 */
export interface FieldOptions {
  label: string;
  placeholder: string;
  multiline: boolean;
  /** What the field shows first. */
  value: string;
  onInput(value: string): void;
  onSubmit(): void;
  onCancel(): void;
  /** The field's page did not answer within seconds (a page's policy, the extension reloaded): show a plain one. */
  onFail(): void;
  /** The field's page has loaded (a click on it now gives it the focus). */
  onReady?(): void;
  /** The focus came to the field or left it. */
  onFocus?(focused: boolean): void;
  /** This field takes the comment's or the palette's type-ahead (see `typeAhead`). */
  typeAhead?: TypeAheadFor;
  maxLength?: number;
  /** Keys typed in the field that are `onKey`'s, not text (the palette's arrows). */
  keys?: string[];
  onKey?(key: string): void;
  /** What a screen reader says from the field (the palette's selected row). */
  status?: string;
}

/** Whose keys typed ahead a field takes. */
export type TypeAheadFor = 'comment' | 'palette';

/**
 * The fields that take type-ahead (keys that reached the page's window, or were handed over from
 * another frame, before the field had the focus): one at a time in a frame for the comment
 * editor, one for the palette.
 */
const typeAheadFields = new Map<TypeAheadFor, { type(text: string, back: number): boolean; selectAll(): void; waiting(): boolean }>();

/**
 * Types `text` (after deleting `back` characters) into the open field that takes type-ahead,
 * where the coach's typing there began. False when there is no such field.
 */
export function typeAhead(text: string, back: number, into: TypeAheadFor = 'comment'): boolean {
  return typeAheadFields.get(into)?.type(text, back) ?? false;
}

/** Ctrl+A typed ahead into the open field that takes type-ahead. False when there is no such field. */
export function selectAllAhead(): boolean {
  const field = typeAheadFields.get('comment');
  field?.selectAll();
  return !!field;
}

/**
 * The field that takes type-ahead has not had the focus yet: it has not answered (it is
 * loading, or failing), or it was given the focus a moment ago and the focus is still on its
 * way (the page's window may get a key meanwhile). Keys typed now are its type-ahead.
 */
export function typeAheadWaiting(): boolean {
  return typeAheadFields.get('comment')?.waiting() ?? false;
}

/**
 * Runs what a key typed in a field asks for (a palette row moved to, Enter, Escape) in order
 * with keys typed before it in another frame and still on their way (Drive's file page: see
 * entrypoints/video.content/frame-relay.ts). At once unless the content script says otherwise.
 */
let inOrder = (run: () => void): void => run();

/** Sets how a field's keys wait for keys still on their way from another frame. */
export function orderFieldKeys(after: (run: () => void) => void): void {
  inOrder = after;
}

export interface FieldLink {
  /** Shows `value` unless the field said it held it lately (the coach's caret stays). */
  setValue(value: string): void;
  /**
   * Shows `value` whatever the field said lately, and drops what it reports from before: a new
   * question (the palette asking for an argument starts from an empty text, though the coach's
   * text was empty a moment ago too). Called as the question is asked (on the Enter that asked
   * it), so that letters typed after that Enter are the answer's and the question's are not.
   */
  resetValue(value: string): void;
  /** What a screen reader says from within the field now. */
  setStatus(text: string): void;
  /** Gives the field the focus, the caret at the end. */
  focus(): void;
  dispose(): void;
}

/** The field's page: web-accessible with a per-session address in Chromium (the manifest). */
const fieldUrl = () => browser.runtime.getURL('/field.html');
/**
 * How long after the field is given the focus keys that reach the page's window still count
 * as typed before it had it (on a busy machine the focus took its time, and a key went to
 * Drive's player page meanwhile).
 */
const FOCUS_ON_ITS_WAY_MS = 1000;
/** How long keys typed in the field wait, at most, for letters handed to it before them. */
const TAKE_MS = 2000;
/** How long the field may take to load before a plain one replaces it. */
const LOAD_MS = 4000;

export function linkField(frame: HTMLIFrameElement, options: FieldOptions): FieldLink {
  const url = fieldUrl();
  // Chromium frames the page by its per-session address, but the page's origin is still the
  // extension's own id: that is where the port may go, and nowhere else (a page can navigate
  // a frame it can't read; the port must not follow).
  const origin = url.startsWith('chrome-extension:') ? `chrome-extension://${browser.runtime.id}` : new URL(url).origin;
  let port: MessagePort | null = null;
  /** What the field holds, as it said last or as we told it. */
  let shown = options.value;
  /**
   * What the field reported lately. The overlay's state follows the field a render behind: a
   * value coming back from it that the field held a moment ago is no change from outside, and
   * sending it would wipe the letters typed since.
   */
  const recent: string[] = [];
  let loaded = false;
  /**
   * The field's page has answered on its port: it is ours and works (an error page loads too,
   * and keys typed into one are lost: the frame gets the focus only once this is true).
   */
  let heard = false;
  /** What the field was given as it loaded (`init`): until it answers, type-ahead is kept here and told it then. */
  let given = shown;
  /** Ctrl+A typed ahead before the field answered: the next key typed ahead replaces everything. */
  let allSelected = false;
  /** Changes made from outside (field-protocol.ts `value`). */
  let epoch = 0;
  let status = options.status;
  let wantFocus = false;
  /** The field holds the focus (as it last said). */
  let hasFocus = false;
  /** It has said so once. */
  let hadFocus = false;
  /** When it was last given the focus. */
  let focusGivenAt = -Infinity;
  /** How many times this load of the field has said it took the focus (field-protocol.ts `focus`). */
  let focusHeard = 0;
  const post = (message: ToField) => port?.postMessage(message);
  /** `keys` messages sent on this port, and how many the field has said it put in. */
  let keysSent = 0;
  let keysTaken = 0;
  /**
   * What keys typed in the field ask for (an arrow, Enter, Escape), waiting for letters handed
   * to the field before them to be put in: typed after those, they act on the whole text. (A
   * busy machine: the palette's Enter ran the row for "fra" while the "me" handed over from
   * Drive's file page was still on its way into the box.)
   */
  const afterTaken: Array<() => void> = [];
  let takenTimer = 0;
  const runTaken = () => {
    window.clearTimeout(takenTimer);
    for (const run of afterTaken.splice(0)) run();
  };
  const whenTaken = (run: () => void) => {
    if (keysTaken >= keysSent && !afterTaken.length) return run();
    afterTaken.push(run);
    // A field that never says so (it failed meanwhile) holds nothing up for long.
    if (afterTaken.length === 1) takenTimer = window.setTimeout(runTaken, TAKE_MS);
  };
  /** The field holds `value` (it said so, or will when it loads): the draft follows. */
  const reported = (value: string) => {
    shown = value;
    recent.push(value);
    if (recent.length > 32) recent.shift();
    options.onInput(value);
  };

  const look = (): FieldLook => {
    const css = getComputedStyle(frame);
    return {
      color: css.color,
      placeholder: css.getPropertyValue('--fc-field-placeholder').trim() || css.color,
      font: css.font || `${css.fontSize} ${css.fontFamily}`,
      padding: css.getPropertyValue('--fc-field-padding').trim() || '3px 6px',
      colorScheme: css.colorScheme,
      whiteSpace: css.getPropertyValue('--fc-field-white-space').trim() || 'pre-wrap',
    };
  };

  const onMessage = ({ data }: MessageEvent<FromField>) => {
    const first = !heard;
    heard = true;
    window.clearTimeout(failTimer);
    // Typed ahead while it loaded: it has what it was given, and takes the rest now.
    if (first && shown !== given) post({ type: 'value', value: shown, base: given, epoch: ++epoch });
    if (first && allSelected) post({ type: 'selectAll' });
    allSelected = false;
    // A report from before the field took our latest change is dropped: it reports again once merged.
    if (data.type === 'input') {
      if (data.epoch === epoch) reported(data.value);
      keysTaken = Math.max(keysTaken, data.took);
      if (keysTaken >= keysSent) runTaken();
    } else if (data.type === 'key') inOrder(() => whenTaken(() => options.onKey?.(data.key)));
    else if (data.type === 'submit') inOrder(() => whenTaken(options.onSubmit));
    else if (data.type === 'cancel') inOrder(() => whenTaken(options.onCancel));
    else if (data.type === 'focus') {
      hasFocus = data.focused;
      hadFocus ||= data.focused;
      if (data.focused) focusHeard++;
      if (data.focused) wantFocus = false;
      options.onFocus?.(data.focused);
    }
    // Asked for the focus (or clicked) while it was loading: it takes it now it has answered.
    if (first && !hasFocus && (wantFocus || isActive())) giveFocus();
  };

  const isActive = () => (frame.getRootNode() as Document | ShadowRoot).activeElement === frame;
  const giveFocus = () => {
    if (!loaded || !heard) return;
    focusGivenAt = performance.now();
    frame.focus({ preventScroll: true });
    // Firefox moves the focus into the frame only when its window is asked too (after a click
    // on one of our buttons, the button keeps it otherwise).
    frame.contentWindow?.focus();
    // Test builds: a page marked so has this message arrive late (a busy machine's: the
    // frame's own focus event came first, and the coach moved on before it arrived).
    const ask: ToField = { type: 'focus', heard: focusHeard };
    if (TEST_HOOKS && document.documentElement.hasAttribute('data-fc-test-focus-late')) window.setTimeout(() => post(ask), 800);
    else post(ask);
  };

  // Each load (the first, and again whenever the page moves the overlay, e.g. into fullscreen)
  // gets a new port and what the field should show.
  const token = newId();
  const onLoad = () => {
    const target = frame.contentWindow;
    if (!target) return;
    loaded = true;
    focusHeard = 0;
    // A new load of the field (a new port): nothing more comes from the last one, so nothing waits for it.
    keysSent = keysTaken = 0;
    runTaken();
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = onMessage;
    target.postMessage({ framecoachField: token }, origin, [channel.port2]);
    given = shown;
    post({ type: 'init', value: shown, label: options.label, placeholder: options.placeholder, look: look(), maxLength: options.maxLength, keys: options.keys, status, epoch });
    options.onReady?.();
    // Clicked before it had loaded: the click focused the frame's first, blank page, and the
    // field's page came in without the focus.
    if (wantFocus || isActive()) giveFocus();
  };
  // Before the frame has answered nothing can be typed in it (it has not had the focus): the
  // keys go on the end of what it will be given, and the draft has them at once (Enter typed
  // ahead saves it). After, the field puts them in itself and reports back.
  const early = (text: string, back: number) => {
    if (port && heard) {
      keysSent++;
      // Test builds: a page marked so has the field take them late (a busy machine's frame).
      const to = port;
      const keys: ToField = { type: 'keys', text, back };
      if (TEST_HOOKS && document.documentElement.hasAttribute('data-fc-test-field-keys-late')) window.setTimeout(() => to.postMessage(keys), 1000);
      else to.postMessage(keys);
    } else reported(allSelected ? text : shown.slice(0, shown.length - back) + text);
    allSelected = false;
    return true;
  };
  const selectAll = () => {
    if (port && heard) post({ type: 'selectAll' });
    else allSelected = true;
  };
  const taker = { type: early, selectAll, waiting: () => !heard || (!hadFocus && performance.now() - focusGivenAt < FOCUS_ON_ITS_WAY_MS) };
  if (options.typeAhead) typeAheadFields.set(options.typeAhead, taker);
  frame.addEventListener('load', onLoad);
  // Test builds: a page marked so frames a missing file instead (the plain field's test), or
  // the field a second and a half late (a busy machine's: the keys typed meanwhile).
  const marks = document.documentElement;
  const broken = TEST_HOOKS && marks.hasAttribute('data-fc-test-field-fails');
  const src = `${broken ? url.replace(/field\.html$/, 'no-such-field.html') : url}#${token}${options.multiline ? ';multiline' : ''}`;
  if (TEST_HOOKS && marks.hasAttribute('data-fc-test-field-slow')) window.setTimeout(() => (frame.src = src), 1500);
  else frame.src = src;
  const failTimer = window.setTimeout(() => {
    if (!heard) options.onFail();
  }, LOAD_MS);

  return {
    setValue(value) {
      if (!recent.includes(value)) this.resetValue(value);
    },
    resetValue(value) {
      if (value === shown) return;
      recent.length = 0;
      // Not answered yet: it is told what it shows once it does (onMessage).
      if (port && heard) post({ type: 'value', value, base: shown, epoch: ++epoch });
      shown = value;
    },
    setStatus(text) {
      if (text === status) return;
      status = text;
      post({ type: 'status', text });
    },
    focus() {
      // Asked again while the coach types in it (the comment's frame settled): nothing to do.
      if (hasFocus) return;
      wantFocus = true;
      giveFocus();
    },
    dispose() {
      // Closed while it has the focus (Enter saved the comment): the focus goes back to the page,
      // as from a text box taken away. Left alone, Chromium hands it to another of our frames
      // (the panel's search, seen: the next `k` was typed there instead of playing).
      if (hasFocus || isActive()) frame.blur();
      if (options.typeAhead && typeAheadFields.get(options.typeAhead) === taker) typeAheadFields.delete(options.typeAhead);
      window.clearTimeout(failTimer);
      runTaken();
      frame.removeEventListener('load', onLoad);
      port?.close();
      port = null;
    },
  };
}
