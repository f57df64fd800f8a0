// @vitest-environment happy-dom
/**
 * The private field's page (entrypoints/field/main.ts) on its own: the order of what the coach
 * typed when some keys come in late, handed over from another frame (the comment's type-ahead,
 * typed before the field had the focus) and others reach the field's frame directly.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FromField, ToField } from '../../utils/dom/field-protocol';
import { settle } from './settle';

const TOKEN = 'tok3n';
let port: MessagePort;
let reports: FromField[];
/** The listeners the page added to the document and window: removed after each test (each test loads the page anew). */
let added: Array<() => void> = [];

/** Loads the page (its listeners are recorded, to be removed after the test). */
async function loadPage(): Promise<void> {
  const targets = [document, window] as EventTarget[];
  const originals = targets.map((target) => target.addEventListener);
  targets.forEach((target, i) => {
    target.addEventListener = function (this: EventTarget, ...args: Parameters<EventTarget['addEventListener']>) {
      added.push(() => target.removeEventListener(args[0], args[1], args[2]));
      return originals[i]!.apply(this, args);
    };
  });
  try {
    await import('../../entrypoints/field/main');
  } finally {
    targets.forEach((target, i) => (target.addEventListener = originals[i]!));
  }
}

async function openField(value: string): Promise<HTMLTextAreaElement> {
  vi.resetModules();
  document.body.innerHTML = '';
  location.hash = `#${TOKEN};multiline`;
  await loadPage();
  const channel = new MessageChannel();
  port = channel.port1;
  reports = [];
  port.onmessage = ({ data }: MessageEvent<FromField>) => reports.push(data);
  window.dispatchEvent(new MessageEvent('message', { data: { framecoachField: TOKEN }, ports: [channel.port2] }));
  send({ type: 'init', value, label: 'Comment', placeholder: '', look: { color: '', placeholder: '', font: '', padding: '', colorScheme: '', whiteSpace: '' }, epoch: 0 });
  await settle();
  return document.querySelector('textarea')!;
}
const send = (message: ToField) => port.postMessage(message);
/** Type-ahead handed over from another frame (the overlay's `keys`). */
async function handedOver(text: string): Promise<void> {
  for (const key of text) send({ type: 'keys', text: key, back: 0 });
  await settle();
}
/**
 * A key typed in the field's frame while its body, not the field, has the focus: the page puts
 * it in the field. The field's focus event comes after the key, as in Chromium when the frame's
 * window gets the focus with the key.
 */
function typedOnBody(field: HTMLTextAreaElement, key: string): void {
  field.blur();
  const focus = field.focus;
  field.focus = () => undefined;
  try {
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  } finally {
    field.focus = focus;
  }
  field.focus();
}
/** A key typed in the field itself (the browser's own typing, as it does it). */
function typedInField(field: HTMLTextAreaElement, key: string): void {
  const at = field.selectionStart;
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
  if (!field.dispatchEvent(event)) return;
  field.setRangeText(key, at, field.selectionEnd, 'end');
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

beforeEach(() => {
  vi.useRealTimers();
});
afterEach(() => {
  port?.close();
  for (const remove of added.splice(0)) remove();
});

describe('the private field page: late type-ahead and keys typed here', () => {
  it('puts type-ahead on the end, in order, while nothing has been typed here', async () => {
    const field = await openField('land');
    await handedOver(' under');
    expect(field.value).toBe('land under');
    // Each of the six hand-overs counted as put in (keys typed here after them wait for that).
    expect(reports.at(-1)).toMatchObject({ type: 'input', value: 'land under', took: 6 });
  });

  it('puts type-ahead that arrives late before a key that reached the frame first, before the field had the focus', async () => {
    // Seen under load on Drive: "land un" given, "der" on its way from the file page, and the
    // space after it reached the field's frame before the field had the focus.
    const field = await openField('land un');
    typedOnBody(field, ' ');
    expect(field.value).toBe('land un ');
    await handedOver('der');
    expect(field.value).toBe('land under ');
    typedInField(field, 't');
    expect(field.value).toBe('land under t');
  });

  it('keeps where the keys typed here began when the field loses the focus and gets it back', async () => {
    const field = await openField('knee');
    field.focus();
    typedInField(field, 'o');
    typedInField(field, 'v');
    field.blur();
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
    await handedOver(' ');
    expect(field.value).toBe('knee ov');
    // The caret stays after what the coach typed here.
    expect(field.selectionStart).toBe(field.value.length);
  });

  it('puts type-ahead after what the overlay held when it comes as a change (`value`) after keys typed here', async () => {
    const field = await openField('');
    field.focus();
    typedInField(field, 'e');
    send({ type: 'value', value: 'kn', base: '', epoch: 1 });
    await settle();
    expect(field.value).toBe('kne');
    await handedOver('e');
    expect(field.value).toBe('knee');
  });
});

describe('the private field page: Ctrl+A typed ahead (Edit, then Ctrl+A and the new words at once)', () => {
  // Seen under load: editing "Land under the hip", Ctrl+A went to the player page (nothing
  // selected) and the new words went on the end: "Land under the hipLand under the hip, not…".
  it('selects what the field holds, and type-ahead after it replaces it', async () => {
    const field = await openField('Land under the hip');
    send({ type: 'selectAll' });
    await handedOver('Lands');
    expect(field.value).toBe('Lands');
    expect(reports.at(-1)).toMatchObject({ type: 'input', value: 'Lands' });
  });

  it('a key typed here after it replaces what the field holds, in the field or on its body, and type-ahead still on its way goes before that key', async () => {
    for (const where of ['field', 'body'] as const) {
      const field = await openField('Land under the hip');
      send({ type: 'selectAll' });
      await settle();
      if (where === 'field') {
        field.focus();
        expect([field.selectionStart, field.selectionEnd]).toEqual([0, 'Land under the hip'.length]);
        typedInField(field, 'p');
      } else typedOnBody(field, 'p');
      expect(field.value, where).toBe('p');
      await handedOver('Ke');
      expect(field.value, where).toBe('Kep');
    }
  });

  it('coming after keys typed here (typed before them), removes what was before them', async () => {
    const field = await openField('old words');
    field.focus();
    typedInField(field, 'n');
    typedInField(field, 'e');
    expect(field.value).toBe('old wordsne');
    send({ type: 'selectAll' });
    await handedOver('O');
    expect(field.value).toBe('One');
    expect(reports.at(-1)).toMatchObject({ type: 'input', value: 'One' });
  });

  it('Backspace typed ahead after it empties the field; Ctrl+A on the frame\'s page selects the field, not the page', async () => {
    const field = await openField('wrong');
    send({ type: 'selectAll' });
    send({ type: 'keys', text: '', back: 0 });
    await settle();
    expect(field.value).toBe('');
    const again = await openField('all of it');
    again.blur();
    const event = new KeyboardEvent('keydown', { key: 'a', ctrlKey: true, bubbles: true, cancelable: true });
    document.body.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect([again.selectionStart, again.selectionEnd]).toEqual([0, 'all of it'.length]);
  });
});

describe('the private field page: the overlay asking for the focus', () => {
  /** Where the focus is now: the field, or elsewhere (a Tab took it to the editor's buttons). */
  const inField = (field: HTMLTextAreaElement) => document.activeElement === field;
  const focusSaid = () => reports.filter((r) => r.type === 'focus' && r.focused).length;

  it('takes it when asked after everything it said (the overlay had heard each time it took it)', async () => {
    const field = await openField('');
    field.blur();
    send({ type: 'focus', heard: focusSaid() });
    await settle();
    expect(inField(field)).toBe(true);
  });

  it('a request that arrives after the field took the focus by itself, and the coach moved it on, does not take it back', async () => {
    const field = await openField('shin vertical');
    field.blur();
    await settle();
    // The overlay asks (having heard nothing yet); the frame's own focus event comes first.
    const ask: ToField = { type: 'focus', heard: focusSaid() };
    field.focus();
    await settle();
    expect(focusSaid()).toBe(ask.type === 'focus' ? ask.heard + 1 : NaN);
    // Tab: the focus goes to the editor's buttons, out of this frame.
    field.blur();
    send(ask);
    await settle();
    expect(inField(field)).toBe(false);
    // Asked again, by an overlay that has heard it: it takes it.
    send({ type: 'focus', heard: focusSaid() });
    await settle();
    expect(inField(field)).toBe(true);
  });
});
