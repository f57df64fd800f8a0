// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keepPrivate, ownPointer, privateCopy, TEXT_EVENTS } from '../../utils/dom/private-events';

let abort: AbortController;
let host: HTMLElement;
let field: HTMLTextAreaElement;
/** What the page's listeners heard (registered after ours, as a page script's are). */
let page: string[];
/** What our field's own listeners heard. */
let ours: Array<{ type: string; data: string | null; composed: boolean }>;

/** A browser's event: made by the browser, so `isTrusted` (a script's own events are not). */
function trusted<T extends Event>(event: T): T {
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}
const typed = (type: string, data: string) => new InputEvent(type, { data, inputType: 'insertText', bubbles: true, cancelable: type === 'beforeinput', composed: true });

beforeEach(() => {
  document.body.innerHTML = '';
  abort = new AbortController();
  page = [];
  ours = [];
  host = document.body.appendChild(document.createElement('framecoach-overlay'));
  field = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('textarea'));
  keepPrivate(window, TEXT_EVENTS, (event) => (event.composedPath().includes(host) ? field : null), abort.signal);
  for (const type of TEXT_EVENTS) {
    const log = (where: string) => (e: Event) => page.push(`${where}:${e.type}:${(e as InputEvent).data ?? ''}`);
    window.addEventListener(type, log('win-capture'), { capture: true, signal: abort.signal });
    document.addEventListener(type, log('doc'), { signal: abort.signal });
    host.addEventListener(type, log('host'), { signal: abort.signal });
    field.addEventListener(type, (e) => void ours.push({ type: e.type, data: (e as InputEvent).data ?? null, composed: e.composed }), { signal: abort.signal });
  }
});

afterEach(() => abort.abort());

describe('keepPrivate: text events', () => {
  it("what is typed into FrameCoach's field reaches the field and no listener of the page", () => {
    for (const ch of 'secret') {
      field.dispatchEvent(trusted(typed('beforeinput', ch)));
      field.dispatchEvent(trusted(typed('input', ch)));
    }
    expect(page).toEqual([]);
    expect(ours.map((e) => e.data).join('')).toBe('sseeccrreett');
    expect(ours.every((e) => !e.composed)).toBe(true);
  });

  it("our handler's preventDefault on the copy cancels the browser's own event", () => {
    field.addEventListener('beforeinput', (e) => e.preventDefault(), { signal: abort.signal });
    const event = trusted(typed('beforeinput', 'x'));
    field.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(page).toEqual([]);
  });

  it('an event a script aims at our host is stopped and never handed to our field', () => {
    host.dispatchEvent(typed('input', 'forged'));
    expect(ours).toEqual([]);
    expect(page).toEqual([]);
  });

  it("the page's own fields are not ours: their events reach the page untouched", () => {
    const input = document.body.appendChild(document.createElement('input'));
    input.dispatchEvent(trusted(typed('input', 'a')));
    expect(page).toEqual(['win-capture:input:a', 'doc:input:a']);
    expect(ours).toEqual([]);
  });
});

describe('privateCopy', () => {
  // Composition events (happy-dom has no CompositionEvent) are checked in Chromium: tests/e2e/privacy.test.ts.
  it('keeps what each kind carries, and never leaves the shadow root', () => {
    const input = privateCopy(new InputEvent('beforeinput', { data: 'é', inputType: 'insertCompositionText', isComposing: true, bubbles: true, cancelable: true, composed: true })) as InputEvent;
    expect([input.type, input.data, input.inputType, input.isComposing, input.cancelable, input.composed]).toEqual(['beforeinput', 'é', 'insertCompositionText', true, true, false]);
    const plain = privateCopy(new Event('input', { bubbles: true, composed: true }))!;
    expect([plain.type, plain.bubbles, plain.composed]).toEqual(['input', true, false]);
    expect(privateCopy(new Event('textInput', { bubbles: true, composed: true }))).toBeNull();
    const pointer = privateCopy(new PointerEvent('pointermove', { pointerId: 7, clientX: 120, clientY: 80, buttons: 1, pointerType: 'pen', bubbles: true, cancelable: true, composed: true })) as PointerEvent;
    expect([pointer.type, pointer.pointerId, pointer.clientX, pointer.clientY, pointer.buttons, pointer.pointerType, pointer.composed]).toEqual(['pointermove', 7, 120, 80, 1, 'pen', false]);
    const click = privateCopy(new MouseEvent('dblclick', { clientX: 5, clientY: 6, detail: 2, bubbles: true, composed: true })) as MouseEvent;
    expect([click.type, click.clientX, click.clientY, click.detail, click.composed]).toEqual(['dblclick', 5, 6, 2, false]);
  });
});

describe('ownPointer: the element of our UI a pointer event is for', () => {
  // happy-dom does no hit testing or pointer capture: the root says what is under the pointer
  // (the canvas left of x = 100, the panel right of it) and the canvas which pointers it holds.
  function overlay() {
    const host = document.body.appendChild(document.createElement('framecoach-overlay'));
    const shadow = host.attachShadow({ mode: 'open' });
    const canvas = shadow.appendChild(document.createElement('canvas'));
    canvas.className = 'fc-canvas fc-drawing';
    const panel = shadow.appendChild(document.createElement('div'));
    const captured = new Set<number>();
    Object.assign(canvas, { hasPointerCapture: (id: number) => captured.has(id) });
    Object.assign(shadow, { elementFromPoint: (x: number) => (x < 100 ? canvas : panel) });
    return { host, shadow, canvas, panel, captured };
  }
  const at = (target: Element, type: string, x: number, pointerId = 1) => {
    const event = new PointerEvent(type, { pointerId, clientX: x, clientY: 10, bubbles: true, composed: true });
    let seen: Element | null | undefined;
    const listen = (e: Event) => void (seen = own(e));
    window.addEventListener(type, listen, { capture: true, once: true });
    target.dispatchEvent(event);
    return seen;
  };
  let own: ReturnType<typeof ownPointer>;

  it('is the element under the pointer', () => {
    const o = overlay();
    own = ownPointer(() => o);
    expect(at(o.canvas, 'pointermove', 50)).toBe(o.canvas);
    expect(at(o.panel, 'pointermove', 150)).toBe(o.panel);
  });

  it("a click from the keyboard is the focused element's", () => {
    const o = overlay();
    own = ownPointer(() => o);
    const button = o.shadow.appendChild(document.createElement('button'));
    Object.defineProperty(o.shadow, 'activeElement', { value: button });
    let seen: Element | null | undefined;
    window.addEventListener('click', (e) => void (seen = own(e)), { capture: true, once: true });
    button.dispatchEvent(new MouseEvent('click', { detail: 0, bubbles: true, composed: true }));
    expect(seen).toBe(button);
  });

  it('stays the canvas for a whole stroke, off the picture and to its click', () => {
    const o = overlay();
    own = ownPointer(() => o);
    expect(at(o.canvas, 'pointerdown', 50)).toBe(o.canvas);
    o.captured.add(1);
    expect(at(o.canvas, 'pointermove', 400)).toBe(o.canvas);
    expect(at(o.canvas, 'pointerup', 420)).toBe(o.canvas);
    o.captured.delete(1);
    expect(at(o.panel, 'click', 420), 'the click that ends the stroke').toBe(o.canvas);
    expect(at(o.panel, 'pointermove', 420), 'after it').toBe(o.panel);
    o.canvas.className = 'fc-canvas';
    expect(at(o.canvas, 'pointerdown', 50), 'no tool: not a stroke').toBe(o.canvas);
    expect(at(o.panel, 'pointermove', 420)).toBe(o.panel);
  });

  it("is nothing for the page's own elements", () => {
    const o = overlay();
    own = ownPointer(() => o);
    expect(at(document.body.appendChild(document.createElement('div')), 'pointerdown', 50)).toBeNull();
    own = ownPointer(() => null);
    expect(at(o.canvas, 'pointerdown', 50)).toBeNull();
  });
});
