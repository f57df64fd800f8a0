// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findVideos, type VideoFinder } from '../../utils/dom/video-finder';

/** Longer than the finder's 50 ms wait for late shadow roots. */
const LATE_SCAN_MS = 80;

let abort: AbortController;
let onChange: ReturnType<typeof vi.fn<() => void>>;

const microtasks = () => new Promise<void>((r) => setTimeout(r, 0));
const lateScan = () => new Promise<void>((r) => setTimeout(r, LATE_SCAN_MS));

function html(markup: string): void {
  document.body.innerHTML = markup;
}
const video = (id?: string) => Object.assign(document.createElement('video'), id ? { id } : {});
const start = (): VideoFinder => findVideos(document, onChange, abort.signal);
const ids = (finder: VideoFinder) => [...finder.videos()].map((v) => v.id).sort();

beforeEach(() => {
  document.body.innerHTML = '';
  abort = new AbortController();
  onChange = vi.fn<() => void>();
});
afterEach(() => abort.abort());

describe('findVideos at start', () => {
  it('finds the videos already on the page, at any depth', () => {
    html('<video id="a"></video><div><section><video id="b"></video></section></div><audio id="c"></audio>');
    const finder = start();
    expect(ids(finder)).toEqual(['a', 'b']);
  });

  it('calls onChange once, after the current task, for all of them', async () => {
    html('<video id="a"></video><video id="b"></video>');
    start();
    expect(onChange).not.toHaveBeenCalled();
    await microtasks();
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('finds nothing and calls nothing on a page without video', async () => {
    html('<div><p>text</p></div>');
    const finder = start();
    await microtasks();
    expect(finder.videos().size).toBe(0);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('finds videos inside open shadow roots, nested too', () => {
    html('<player-one></player-one><div><player-two></player-two></div>');
    const one = document.querySelector('player-one')!.attachShadow({ mode: 'open' });
    one.appendChild(video('in-one'));
    const two = document.querySelector('player-two')!.attachShadow({ mode: 'open' });
    const inner = two.appendChild(document.createElement('inner-el'));
    inner.attachShadow({ mode: 'open' }).appendChild(video('deep'));
    const finder = start();
    expect(ids(finder)).toEqual(['deep', 'in-one']);
  });

  it('cannot see into closed shadow roots', () => {
    html('<closed-player></closed-player>');
    document.querySelector('closed-player')!.attachShadow({ mode: 'closed' }).appendChild(video('hidden'));
    expect(start().videos().size).toBe(0);
  });
});

describe('findVideos: videos added later', () => {
  it('finds a video appended to the body, and says so', async () => {
    const finder = start();
    document.body.appendChild(video('late'));
    await microtasks();
    expect(ids(finder)).toEqual(['late']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('finds videos nested in an added subtree', async () => {
    const finder = start();
    const wrap = document.createElement('div');
    wrap.innerHTML = '<div class="player"><video id="x"></video></div><p><video id="y"></video></p>';
    document.body.appendChild(wrap);
    await microtasks();
    expect(ids(finder)).toEqual(['x', 'y']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('calls onChange once for several videos added in one task', async () => {
    const finder = start();
    for (const id of ['a', 'b', 'c']) document.body.appendChild(video(id));
    await microtasks();
    expect(finder.videos().size).toBe(3);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('ignores added text and non-video elements', async () => {
    const finder = start();
    document.body.appendChild(document.createTextNode('hello'));
    document.body.appendChild(document.createElement('img'));
    await lateScan();
    expect(finder.videos().size).toBe(0);
    expect(onChange).not.toHaveBeenCalled();
  });

  it('finds a video added later inside a shadow root that was there at start', async () => {
    html('<my-player></my-player>');
    const shadow = document.querySelector('my-player')!.attachShadow({ mode: 'open' });
    const finder = start();
    shadow.appendChild(video('into-shadow'));
    await microtasks();
    expect(ids(finder)).toEqual(['into-shadow']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('finds a video in a shadow root attached to a custom element after insertion', async () => {
    const finder = start();
    const host = document.body.appendChild(document.createElement('late-player'));
    await microtasks();
    // The element's constructor or connectedCallback attaches its shadow a moment later.
    host.attachShadow({ mode: 'open' }).appendChild(video('late-shadow'));
    await lateScan();
    expect(ids(finder)).toEqual(['late-shadow']);
    expect(onChange).toHaveBeenCalled();
    // Its shadow root is watched from then on.
    host.shadowRoot!.appendChild(video('later-still'));
    await microtasks();
    expect(ids(finder)).toEqual(['late-shadow', 'later-still']);
  });

  it('finds a video in the shadow root of an element inserted with its shadow already attached', async () => {
    const finder = start();
    const host = document.createElement('div'); // any element can host a shadow root
    host.attachShadow({ mode: 'open' }).appendChild(video('ready'));
    document.body.appendChild(host);
    await lateScan();
    expect(ids(finder)).toEqual(['ready']);
  });

  it('finds a video in the shadow root of a custom element nested in an added subtree', async () => {
    const finder = start();
    const wrap = document.createElement('div');
    const host = wrap.appendChild(document.createElement('section')).appendChild(document.createElement('nested-player'));
    host.attachShadow({ mode: 'open' }).appendChild(video('nested'));
    document.body.appendChild(wrap);
    await lateScan();
    expect(ids(finder)).toEqual(['nested']);
  });

  it('finds the video of a custom element whose definition arrives 2 s after it is in the page', async () => {
    vi.useFakeTimers();
    try {
      const finder = start();
      document.body.appendChild(document.createElement('lazy-player'));
      await vi.advanceTimersByTimeAsync(1000);
      expect(finder.videos().size).toBe(0);
      // The page loads the player's code: the definition upgrades the element, which attaches its shadow root.
      customElements.define(
        'lazy-player',
        class extends HTMLElement {
          constructor() {
            super();
            this.attachShadow({ mode: 'open' }).appendChild(Object.assign(document.createElement('video'), { id: 'lazy' }));
          }
        },
      );
      await vi.advanceTimersByTimeAsync(1000);
      expect(ids(finder)).toEqual(['lazy']);
      expect(onChange).toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });

  it('looks for definitions more and more rarely, and stops when none is waited for', async () => {
    vi.useFakeTimers();
    try {
      start();
      const never = document.body.appendChild(document.createElement('never-defined'));
      const matches = vi.spyOn(never, 'matches');
      await vi.advanceTimersByTimeAsync(60_000);
      const inFirstMinute = matches.mock.calls.length;
      await vi.advanceTimersByTimeAsync(60_000);
      // At most one look every 5 s once the waits have grown.
      expect(matches.mock.calls.length - inFirstMinute).toBeLessThanOrEqual(12);
      expect(inFirstMinute).toBeLessThan(30);
      never.remove();
      await vi.advanceTimersByTimeAsync(10_000);
      const afterRemoval = matches.mock.calls.length;
      await vi.advanceTimersByTimeAsync(60_000);
      expect(matches.mock.calls.length).toBe(afterRemoval);
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('does not scan a custom element removed before the late scan', async () => {
    const finder = start();
    const host = document.body.appendChild(document.createElement('gone-player'));
    host.attachShadow({ mode: 'open' }).appendChild(video('gone'));
    host.remove();
    await lateScan();
    expect(finder.videos().size).toBe(0);
  });
});

describe('findVideos: removed videos', () => {
  it('drops a removed video and says so', async () => {
    html('<video id="a"></video><video id="b"></video>');
    const finder = start();
    await microtasks();
    onChange.mockClear();
    document.getElementById('a')!.remove();
    await microtasks();
    expect(ids(finder)).toEqual(['b']);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('drops videos whose ancestor was removed', async () => {
    html('<div id="wrap"><div><video id="a"></video></div></div><video id="b"></video>');
    const finder = start();
    document.getElementById('wrap')!.remove();
    await microtasks();
    expect(ids(finder)).toEqual(['b']);
  });

  it('drops a video removed from inside a shadow root, and one whose host was removed', async () => {
    html('<p-one></p-one><p-two></p-two>');
    const one = document.querySelector('p-one')!.attachShadow({ mode: 'open' });
    one.appendChild(video('one'));
    document.querySelector('p-two')!.attachShadow({ mode: 'open' }).appendChild(video('two'));
    const finder = start();
    expect(ids(finder)).toEqual(['one', 'two']);
    one.querySelector('video')!.remove();
    await microtasks();
    expect(ids(finder)).toEqual(['two']);
    document.querySelector('p-two')!.remove();
    await microtasks();
    expect(ids(finder)).toEqual([]);
  });

  it('keeps a video that was moved within the page', async () => {
    html('<div id="from"><video id="a"></video></div><div id="to"></div>');
    const finder = start();
    document.getElementById('to')!.appendChild(document.getElementById('a')!);
    await microtasks();
    expect(ids(finder)).toEqual(['a']);
  });

  it('a video replaced by another', async () => {
    html('<div id="slot"><video id="old"></video></div>');
    const finder = start();
    document.getElementById('old')!.replaceWith(video('new'));
    await microtasks();
    expect(ids(finder)).toEqual(['new']);
  });
});

describe('findVideos: interaction', () => {
  const pointerdown = (target: EventTarget, init: MouseEventInit = {}) =>
    target.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true, ...init }));

  it('starts with no interacted video', () => {
    html('<video id="a"></video>');
    expect(start().lastInteracted()).toBeNull();
  });

  it('marks the video under a pointerdown, and says so', async () => {
    html('<video id="a"></video><video id="b"></video>');
    const finder = start();
    await microtasks();
    onChange.mockClear();
    pointerdown(document.getElementById('b')!);
    expect(finder.lastInteracted()?.id).toBe('b');
    await microtasks();
    expect(onChange).toHaveBeenCalledTimes(1);
    pointerdown(document.getElementById('a')!);
    expect(finder.lastInteracted()?.id).toBe('a');
  });

  it('marks a video in a shadow root through the composed path', () => {
    html('<s-player></s-player>');
    const shadow = document.querySelector('s-player')!.attachShadow({ mode: 'open' });
    const controls = shadow.appendChild(document.createElement('div'));
    const v = controls.appendChild(video('sv'));
    const finder = start();
    pointerdown(v);
    expect(finder.lastInteracted()).toBe(v);
  });

  it('marks a found video under a transparent layer that took the pointer', () => {
    html('<div id="player"><video id="a"></video><div id="cover"></div></div>');
    const v = document.getElementById('a') as HTMLVideoElement;
    // happy-dom does no layout: give the video a box.
    v.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 50, width: 640, height: 360 });
    const finder = start();
    pointerdown(document.getElementById('cover')!, { clientX: 50, clientY: 60 });
    expect(finder.lastInteracted()).toBeNull();
    pointerdown(document.getElementById('cover')!, { clientX: 300, clientY: 200 });
    expect(finder.lastInteracted()).toBe(v);
  });

  it('a pointerdown elsewhere changes nothing', async () => {
    html('<video id="a"></video><button id="btn"></button>');
    const finder = start();
    pointerdown(document.getElementById('a')!);
    await microtasks();
    onChange.mockClear();
    // Away from (0, 0): happy-dom does no layout, so every box is empty there.
    pointerdown(document.getElementById('btn')!, { clientX: 500, clientY: 300 });
    await microtasks();
    expect(finder.lastInteracted()?.id).toBe('a');
    expect(onChange).not.toHaveBeenCalled();
  });

  it('a video that starts playing becomes the interacted one', () => {
    html('<video id="a"></video><video id="b"></video>');
    const finder = start();
    document.getElementById('b')!.dispatchEvent(new Event('play')); // play does not bubble
    expect(finder.lastInteracted()?.id).toBe('b');
  });

  it('a video that starts playing inside a shadow root becomes the interacted one (play does not cross the boundary)', () => {
    html('<video id="a"></video><my-player></my-player>');
    const shadow = document.querySelector('my-player')!.attachShadow({ mode: 'open' });
    shadow.appendChild(video('inner'));
    const finder = start();
    shadow.getElementById('inner')!.dispatchEvent(new Event('play'));
    expect(finder.lastInteracted()?.id).toBe('inner');
  });

  it('a removed interacted video is forgotten', async () => {
    html('<video id="a"></video>');
    const finder = start();
    pointerdown(document.getElementById('a')!);
    document.getElementById('a')!.remove();
    await microtasks();
    expect(finder.lastInteracted()).toBeNull();
  });
});

describe('findVideos: stopping', () => {
  it('abort disconnects the observer and the listeners', async () => {
    html('<video id="a"></video>');
    const finder = start();
    await microtasks();
    onChange.mockClear();
    abort.abort();
    document.body.appendChild(video('after'));
    document.getElementById('a')!.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    await lateScan();
    expect(ids(finder)).toEqual(['a']);
    expect(finder.lastInteracted()).toBeNull();
    expect(onChange).not.toHaveBeenCalled();
  });

  it('no onChange after abort, even for work queued before it', async () => {
    const finder = start();
    document.body.appendChild(video('queued')); // seen by the observer, onChange not yet called
    const host = document.body.appendChild(document.createElement('late-player'));
    await Promise.resolve(); // the observer runs; onChange and the late scan are queued
    host.attachShadow({ mode: 'open' }).appendChild(video('late'));
    abort.abort();
    await lateScan();
    expect(onChange).not.toHaveBeenCalled();
    expect(ids(finder)).not.toContain('late');
  });

  it('dispose disconnects the observer', async () => {
    const finder = start();
    finder.dispose();
    document.body.appendChild(video('after'));
    await lateScan();
    expect(finder.videos().size).toBe(0);
    expect(onChange).not.toHaveBeenCalled();
  });
});

// A page that rewrites its DOM all the time (a feed, a ticker): reading every change record
// was most of what the content script cost there. The finder stops observing and walks the
// page now and then instead, and still finds what it must.
describe('findVideos on a page that changes its DOM all the time', () => {
  /** One task of a busy page: 200 texts rewritten (200 change records). */
  function churn(): void {
    const box = document.getElementById('churn') ?? document.body.appendChild(Object.assign(document.createElement('div'), { id: 'churn' }));
    if (!box.children.length) for (let i = 0; i < 200; i++) box.appendChild(document.createElement('span'));
    for (const span of box.children) span.textContent = String(Math.random());
  }
  /** A web component that comes with its shadow root, holding a video. */
  function player(id: string): HTMLElement {
    const host = document.createElement('fc-test-player');
    host.attachShadow({ mode: 'open' }).appendChild(video(id));
    return host;
  }

  it('stops reading change records, and walks the page within 250 ms instead: a video in a new shadow root is found', async () => {
    vi.useFakeTimers();
    try {
      const finder = start();
      const observe = vi.spyOn(MutationObserver.prototype, 'observe');
      churn();
      await vi.advanceTimersByTimeAsync(0);
      // Not observing now: the busy page's next changes cost it nothing.
      const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
      document.body.appendChild(player('in-shadow'));
      for (let i = 0; i < 5; i++) {
        churn();
        await vi.advanceTimersByTimeAsync(16);
      }
      expect(finder.videos().size).toBe(0);
      await vi.advanceTimersByTimeAsync(250);
      expect(ids(finder)).toEqual(['in-shadow']);
      expect(onChange).toHaveBeenCalled();
      // The walk observed the page again (and the shadow root it found).
      expect(observe).toHaveBeenCalledWith(document, expect.anything());
      expect(disconnect).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('a video added to the page itself meanwhile is found as soon as it starts loading', async () => {
    vi.useFakeTimers();
    try {
      const finder = start();
      const disconnect = vi.spyOn(MutationObserver.prototype, 'disconnect');
      churn();
      await vi.advanceTimersByTimeAsync(0);
      expect(disconnect).toHaveBeenCalled(); // not observing: only loadstart can tell
      const v = document.body.appendChild(video('light'));
      v.dispatchEvent(new Event('loadstart'));
      await vi.advanceTimersByTimeAsync(0);
      expect(ids(finder)).toEqual(['light']);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it('a video removed meanwhile is dropped by the walk, and the page is followed change by change again once it calms down', async () => {
    vi.useFakeTimers();
    try {
      document.body.appendChild(video('old'));
      const finder = start();
      expect(ids(finder)).toEqual(['old']);
      churn();
      await vi.advanceTimersByTimeAsync(0);
      document.getElementById('old')!.remove();
      await vi.advanceTimersByTimeAsync(300);
      expect(ids(finder)).toEqual([]);
      // Quiet again: a video added now is found at once, from its change record.
      await vi.advanceTimersByTimeAsync(1100);
      document.body.appendChild(video('new'));
      await vi.advanceTimersByTimeAsync(0);
      expect(ids(finder)).toEqual(['new']);
    } finally {
      vi.useRealTimers();
    }
  });
});
