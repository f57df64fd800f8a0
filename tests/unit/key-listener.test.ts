// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isEditableTarget, listenForKeys } from '../../utils/dom/key-listener';

type Handler = (chord: string, event: KeyboardEvent) => boolean;

let abort: AbortController;
let handled: string[];
let page: string[];
/** Chords the fake command layer accepts. */
let accept: Set<string>;

const handler: Handler = (chord) => {
  handled.push(chord);
  return accept.has(chord);
};

/** The page's own listeners, registered after ours (as a page script would be). */
function listenLikeAPage(): void {
  for (const type of ['keydown', 'keypress', 'keyup']) {
    document.addEventListener(type, (e) => page.push(`doc-capture:${e.type}:${(e as KeyboardEvent).key}`), {
      capture: true,
      signal: abort.signal,
    });
    document.addEventListener(type, (e) => page.push(`doc:${e.type}:${(e as KeyboardEvent).key}`), {
      signal: abort.signal,
    });
    window.addEventListener(type, (e) => page.push(`win-capture:${e.type}:${(e as KeyboardEvent).key}`), {
      capture: true,
      signal: abort.signal,
    });
  }
}

function press(
  target: EventTarget,
  key: string,
  init: KeyboardEventInit = {},
  type: 'keydown' | 'keypress' | 'keyup' = 'keydown',
): KeyboardEvent {
  const event = new KeyboardEvent(type, { key, bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(event);
  return event;
}

beforeEach(() => {
  document.body.innerHTML = '';
  abort = new AbortController();
  handled = [];
  page = [];
  accept = new Set(['.', 'shift+h', 'k']);
  listenForKeys(window, handler, abort.signal);
  listenLikeAPage();
});

afterEach(() => abort.abort());

describe('listenForKeys: handled keys', () => {
  it('prevents a handled key and keeps it from the page', () => {
    const event = press(document.body, '.', { code: 'Period' });
    expect(handled).toEqual(['.']);
    expect(event.defaultPrevented).toBe(true);
    expect(page).toEqual([]);
  });

  it('passes the chord and the event to the handler', () => {
    abort.abort(); // only the spy listens
    abort = new AbortController();
    const spy = vi.fn<Handler>(() => true);
    listenForKeys(window, spy, abort.signal);
    const event = press(document.body, 'H', { code: 'KeyH', shiftKey: true });
    expect(spy).toHaveBeenCalledTimes(1);
    expect(spy).toHaveBeenCalledWith('shift+h', event);
  });

  it('swallows the keypress and keyup of a handled key, once', () => {
    press(document.body, '.', { code: 'Period' });
    const keypress = press(document.body, '.', { code: 'Period' }, 'keypress');
    const keyup = press(document.body, '.', { code: 'Period' }, 'keyup');
    expect(keypress.defaultPrevented).toBe(true);
    expect(keyup.defaultPrevented).toBe(true);
    expect(page).toEqual([]);
    // The next keyup of that key, with no handled keydown before it, is the page's.
    press(document.body, '.', { code: 'Period' }, 'keyup');
    expect(page).toEqual(['win-capture:keyup:.', 'doc-capture:keyup:.', 'doc:keyup:.']);
  });

  it('swallows the keyup of a handled letter even though Shift was released first', () => {
    press(document.body, 'H', { code: 'KeyH', shiftKey: true });
    press(document.body, 'Shift', { code: 'ShiftLeft' }, 'keyup');
    press(document.body, 'h', { code: 'KeyH' }, 'keyup');
    expect(page).toEqual(['win-capture:keyup:Shift', 'doc-capture:keyup:Shift', 'doc:keyup:Shift']);
  });

  it('identifies keys by key when there is no code', () => {
    press(document.body, '.');
    press(document.body, '.', {}, 'keyup');
    expect(page).toEqual([]);
  });

  it('a lost keyup does not swallow the next press of that key in an input', () => {
    press(document.body, '.', { code: 'Period' }); // handled; focus leaves before keyup
    const input = document.body.appendChild(document.createElement('input'));
    press(input, '.', { code: 'Period' });
    const keypress = press(input, '.', { code: 'Period' }, 'keypress');
    const keyup = press(input, '.', { code: 'Period' }, 'keyup');
    expect(keypress.defaultPrevented).toBe(false);
    expect(keyup.defaultPrevented).toBe(false);
    expect(page.filter((p) => p.startsWith('doc:'))).toEqual(['doc:keydown:.', 'doc:keypress:.', 'doc:keyup:.']);
  });

  it('key repeat: every handled repeat is kept from the page, and the one keyup too', () => {
    for (let i = 0; i < 3; i++) press(document.body, '.', { code: 'Period', repeat: i > 0 });
    press(document.body, '.', { code: 'Period' }, 'keyup');
    expect(handled).toEqual(['.', '.', '.']);
    expect(page).toEqual([]);
  });
});

describe('listenForKeys: keys that pass through', () => {
  it.each([
    ['a key no command takes', 'x', { code: 'KeyX' }, ['x']],
    ['a taken key with an extra modifier', '.', { code: 'Period', ctrlKey: true }, ['ctrl+.']],
    ['Shift alone', 'Shift', { code: 'ShiftLeft', shiftKey: true }, []],
    ['a dead key', 'Dead', { code: 'Quote' }, []],
  ] as [string, string, KeyboardEventInit, string[]][])('%s', (_, key, init, expectedHandled) => {
    const event = press(document.body, key, init);
    expect(handled).toEqual(expectedHandled);
    expect(event.defaultPrevented).toBe(false);
    expect(page).toEqual([`win-capture:keydown:${key}`, `doc-capture:keydown:${key}`, `doc:keydown:${key}`]);
    press(document.body, key, init, 'keyup');
    expect(page.filter((p) => p.startsWith('doc:'))).toEqual([`doc:keydown:${key}`, `doc:keyup:${key}`]);
  });

  it.each([
    ['isComposing', { isComposing: true }],
    ['keyCode 229', { keyCode: 229 }],
  ] as [string, KeyboardEventInit][])('IME composition (%s) never reaches the handler', (_, init) => {
    const event = press(document.body, '.', { code: 'Period', ...init });
    expect(handled).toEqual([]);
    expect(event.defaultPrevented).toBe(false);
    expect(page).toContain('doc:keydown:.');
  });
});

describe('listenForKeys: typing', () => {
  const editables: [string, () => { host: Element; target: Element }][] = [
    ['an input', () => one(document.createElement('input'))],
    ['a text input', () => one(Object.assign(document.createElement('input'), { type: 'text' }))],
    ['a textarea', () => one(document.createElement('textarea'))],
    ['a select', () => one(document.createElement('select'))],
    ['a contenteditable div', () => one(editable(document.createElement('div')))],
    [
      'a span inside a contenteditable div',
      () => {
        const div = editable(document.createElement('div'));
        const span = div.appendChild(document.createElement('span'));
        return { host: div, target: span };
      },
    ],
    [
      'an input inside an open shadow root',
      () => {
        const host = document.createElement('fancy-search');
        const input = host.attachShadow({ mode: 'open' }).appendChild(document.createElement('input'));
        return { host, target: input };
      },
    ],
    [
      'a textarea two shadow roots deep',
      () => {
        const outer = document.createElement('outer-el');
        const inner = outer.attachShadow({ mode: 'open' }).appendChild(document.createElement('inner-el'));
        const textarea = inner.attachShadow({ mode: 'open' }).appendChild(document.createElement('textarea'));
        return { host: outer, target: textarea };
      },
    ],
  ];

  function one(target: Element) {
    return { host: target, target };
  }
  function editable<T extends HTMLElement>(element: T): T {
    element.setAttribute('contenteditable', 'true');
    return element;
  }

  it.each(editables)('keys typed in %s never reach the handler', (_, make) => {
    const { host, target } = make();
    document.body.appendChild(host);
    for (const [key, init] of [
      ['.', { code: 'Period' }],
      ['k', { code: 'KeyK' }],
      ['H', { code: 'KeyH', shiftKey: true }],
    ] as [string, KeyboardEventInit][]) {
      const event = press(target, key, init);
      expect(event.defaultPrevented).toBe(false);
      press(target, key, init, 'keyup');
    }
    expect(handled).toEqual([]);
    expect(page.filter((p) => p.startsWith('doc:'))).toEqual([
      'doc:keydown:.',
      'doc:keyup:.',
      'doc:keydown:k',
      'doc:keyup:k',
      'doc:keydown:H',
      'doc:keyup:H',
    ]);
  });

  // Browsers retarget event.target to the shadow host for a listener outside the shadow
  // root; happy-dom does not, so this case drives the listener with such an event directly.
  it.each([
    ['an input in a shadow root (target retargeted to the host)', 'input', false],
    ['a div in a shadow root', 'div', true],
  ])('reads the composed path for %s', (_, tag, expected) => {
    const host = document.body.appendChild(document.createElement('fancy-search'));
    const inner = host.attachShadow({ mode: 'open' }).appendChild(document.createElement(tag));
    const listeners = new Map<string, (event: KeyboardEvent) => void>();
    const fakeWin = {
      addEventListener: (type: string, listener: (event: KeyboardEvent) => void) => listeners.set(type, listener),
    } as unknown as Window;
    const spy = vi.fn<Handler>(() => true);
    listenForKeys(fakeWin, spy, abort.signal);
    const event = {
      type: 'keydown',
      key: '.',
      code: 'Period',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      isComposing: false,
      keyCode: 190,
      target: host,
      composedPath: () => [inner, host.shadowRoot, host, document.body, document.documentElement, document, window],
      preventDefault: vi.fn(),
      stopImmediatePropagation: vi.fn(),
    };
    listeners.get('keydown')!(event as unknown as KeyboardEvent);
    expect(spy).toHaveBeenCalledTimes(expected ? 1 : 0);
    expect(event.preventDefault).toHaveBeenCalledTimes(expected ? 1 : 0);
  });

  it('the shadow host itself is not an input: keys on it are handled', () => {
    const host = document.body.appendChild(document.createElement('fancy-search'));
    host.attachShadow({ mode: 'open' }).appendChild(document.createElement('input'));
    expect(press(host, '.', { code: 'Period' }).defaultPrevented).toBe(true);
    expect(handled).toEqual(['.']);
  });

  it.each([
    ['a button', () => document.createElement('button')],
    ['a div', () => document.createElement('div')],
    ['a video', () => document.createElement('video')],
    ['contenteditable="false"', () => Object.assign(document.createElement('div'), { contentEditable: 'false' })],
  ])('keys on %s are handled', (_, make) => {
    const target = document.body.appendChild(make());
    expect(press(target, 'k', { code: 'KeyK' }).defaultPrevented).toBe(true);
    expect(handled).toEqual(['k']);
  });
});

describe('listenForKeys: abort', () => {
  it('removes every listener when the signal aborts', () => {
    press(document.body, '.', { code: 'Period' });
    expect(handled).toEqual(['.']);
    abort.abort();
    page = [];
    handled = [];
    const pageAfter: string[] = [];
    document.addEventListener('keydown', (e) => pageAfter.push(e.type));
    document.addEventListener('keyup', (e) => pageAfter.push(e.type));
    const down = press(document.body, '.', { code: 'Period' });
    // The keyup of the press handled before the abort is not swallowed either.
    const up = press(document.body, '.', { code: 'Period' }, 'keyup');
    expect(handled).toEqual([]);
    expect(down.defaultPrevented).toBe(false);
    expect(up.defaultPrevented).toBe(false);
    expect(pageAfter).toEqual(['keydown', 'keyup']);
  });
});

describe('listenForKeys: keys typed in our own UI', () => {
  // The overlay's host and its (closed, in the release build) shadow root: the element a key is
  // for is read from the root, not from the event's path.
  let own: { host: HTMLElement; field: HTMLTextAreaElement; button: HTMLButtonElement; keys: string[] };
  beforeEach(() => {
    abort.abort();
    abort = new AbortController();
    page = [];
    const host = document.body.appendChild(document.createElement('framecoach-overlay'));
    const root = host.attachShadow({ mode: 'open' });
    own = { host, field: root.appendChild(document.createElement('textarea')), button: root.appendChild(document.createElement('button')), keys: [] };
    let focused: Element = own.field;
    listenForKeys(window, handler, abort.signal, {
      target: (event) => (event.composedPath().includes(host) ? focused : null),
      onKey: (event, target) => own.keys.push(`${event.key}@${target.tagName.toLowerCase()}`),
    });
    listenLikeAPage();
    own.button.addEventListener('focus', () => (focused = own.button));
  });
  const trustedPress = (target: EventTarget, key: string, type: 'keydown' | 'keyup' = 'keydown') => {
    const event = new KeyboardEvent(type, { key, bubbles: true, cancelable: true, composed: true });
    Object.defineProperty(event, 'isTrusted', { value: true });
    target.dispatchEvent(event);
    return event;
  };

  it('go to our UI with the element they were typed in, and the page hears none of them', () => {
    for (const key of 'secret') {
      trustedPress(own.field, key);
      trustedPress(own.field, key, 'keyup');
    }
    expect(own.keys).toEqual(['s', 'e', 'c', 'r', 'e', 't'].map((k) => `${k}@textarea`));
    expect(handled, 'typed into a field: never a command').toEqual([]);
    expect(page).toEqual([]);
  });

  it('a key on one of our buttons is still a command', () => {
    own.button.dispatchEvent(new Event('focus'));
    expect(trustedPress(own.button, 'k').defaultPrevented).toBe(true);
    expect(handled).toEqual(['k']);
    expect(page).toEqual([]);
  });

  it("a key a script makes up and aims at our host is neither our UI's nor a command, and the page doesn't get it either", () => {
    press(own.host, 'k', { code: 'KeyK' });
    expect(own.keys).toEqual([]);
    expect(handled).toEqual([]);
    expect(page).toEqual([]);
  });
});

describe('isEditableTarget', () => {
  it.each([
    ['null', () => null, false],
    ['undefined', () => undefined, false],
    ['window', () => window, false],
    ['document', () => document, false],
    ['a text node', () => document.createTextNode('x'), false],
    ['a plain object with a tagName number', () => ({ tagName: 5 }) as unknown as EventTarget, false],
    ['a div', () => document.createElement('div'), false],
    ['an input', () => document.createElement('input'), true],
    ['a textarea', () => document.createElement('textarea'), true],
    ['a select', () => document.createElement('select'), true],
    ['a contenteditable div', () => Object.assign(document.createElement('div'), { contentEditable: 'true' }), true],
    ['a plaintext-only div', () => Object.assign(document.createElement('div'), { contentEditable: 'plaintext-only' }), true],
    ['an SVG element', () => document.createElementNS('http://www.w3.org/2000/svg', 'svg'), false],
  ] as [string, () => EventTarget | null | undefined, boolean][])('%s → %s', (_, make, expected) => {
    expect(isEditableTarget(make())).toBe(expected);
  });
});
