import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameElementFor, frameRelay, keysInOrder, onlyChanges, playerSized, type FrameSide, type FrameVideo } from '../../entrypoints/video.content/frame-relay';
import { cleanContext, cleanKey, frameHandlers, type ToTab } from '../../utils/background/frames';
import type { ContextKeys } from '../../utils/commands/context';
import type { KeyPress } from '../../utils/messaging/contract';

const context = (patch: Partial<ContextKeys> = {}): ContextKeys => ({
  videoAttached: true,
  overlayVisible: true,
  paused: true,
  looping: false,
  helpVisible: false,
  commentsOpen: false,
  canUndo: false,
  toolActive: false,
  selecting: false,
  drawingSelected: false,
  canRedo: false,
  canPaste: false,
  sendOpen: false,
  reportOpen: false,
  paletteOpen: false,
  editorOpen: false,
  commentDeleted: false,
  panelFocus: false,
  packetLayerShown: false,
  adPlaying: false,
  packetOffered: false,
  packetSaving: false,
  packetSaved: false,
  reportBusy: false,
  reportWritten: false,
  reportNeedsCapture: false,
  ...patch,
});

/** What the background passes on about frame `frameId`. */
const video = (frameId: number, ctx: ContextKeys | null, url: string | null = `https://player.example/${frameId}`): FrameVideo => ({ frameId, context: ctx, url, size: null });

/** A key event as the relay reads it. */
const press = (key: string, mods: Partial<KeyPress> = {}) =>
  ({ key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods }) as KeyboardEvent;

/** `.` steps, `c` opens a comment, `k` plays only while paused (as the real keys do). */
const resolve = (chord: string, ctx: ContextKeys): string | null =>
  chord === 'shift+f' ? 'view.fullscreen' : chord === '.' ? 'player.stepForward' : chord === 'c' ? 'comment.add' : chord === 'k' && ctx.paused ? 'playback.toggle' : null;

/** Frames whose element here is a player on screen: those with an address, in this fake. */
const side = (fullscreened: Element[] = [], refused = false): FrameSide => ({
  element: (frame) => (frame.url ? ({ id: frame.frameId } as unknown as Element) : null),
  fullscreen: async (element) => {
    fullscreened.push(element);
    if (refused) throw new TypeError('Permissions check failed');
  },
});

function relay(send?: (frameId: number, key: KeyPress | null) => Promise<unknown>, { refused = false } = {}) {
  const sent: Array<[number, KeyPress]> = [];
  /** The frames told that no more keys come (the focus left), in order with the keys. */
  const log: string[] = [];
  const fullscreened: Element[] = [];
  const record = async (frameId: number, key: KeyPress | null) => {
    if (key) sent.push([frameId, key]);
    log.push(key ? key.key : `end:${frameId}`);
  };
  const r = frameRelay(resolve, send ?? record, side(fullscreened, refused));
  return { r, sent, log, fullscreened, settle: () => new Promise((done) => setTimeout(done, 0)) };
}

afterEach(() => vi.useRealTimers());

describe('frameRelay: keys typed in a frame without a video', () => {
  it('takes nothing while no frame of the tab has a video', () => {
    const { r, sent } = relay();
    expect(r.forward('.', press('.'))).toBe(false);
    expect(sent).toEqual([]);
  });

  it('hands a key that means a command to the frame with the video, in the order typed', async () => {
    const { r, sent, settle } = relay();
    r.heard(video(3, context()));
    expect(r.forward('.', press('.'))).toBe(true);
    expect(r.forward('k', press('k'))).toBe(true);
    await settle();
    expect(sent.map(([f, k]) => [f, k.chord])).toEqual([[3, '.'], [3, 'k']]);
  });

  it('leaves the page its keys: unbound ones, and those not enabled in that frame now', () => {
    const { r } = relay();
    r.heard(video(3, context({ paused: false })));
    expect(r.forward('q', press('q'))).toBe(false);
    expect(r.forward('k', press('k'))).toBe(false); // `k` only while paused, in this fake
  });

  it('follows the frame that spoke last, and forgets a frame whose video went', () => {
    const { r, sent } = relay();
    r.heard(video(3, context()));
    r.heard(video(5, context()));
    r.forward('.', press('.'));
    r.heard(video(5, null));
    r.forward('.', press('.'));
    r.heard(video(3, null));
    expect(r.forward('.', press('.'))).toBe(false);
    return new Promise((done) => setTimeout(done, 0)).then(() => expect(sent.map(([f]) => f)).toEqual([5, 3]));
  });

  it('after a key that opens a comment, the letters typed next go over too (for a second)', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { r, sent } = relay();
    r.heard(video(2, context()));
    expect(r.forward('q', press('q'))).toBe(false);
    r.forward('c', press('c'));
    expect(r.forward('q', press('q'))).toBe(true);
    expect(r.forward('ctrl+q', press('q', { ctrlKey: true }))).toBe(false);
    vi.advanceTimersByTime(1001);
    expect(r.forward('q', press('q'))).toBe(false);
    vi.useRealTimers();
    await new Promise((done) => setTimeout(done, 0));
    expect(sent.map(([, k]) => k.key)).toEqual(['c', 'q']);
  });

  it('typing on after the key that opened a comment keeps going over, marked as its text, until a pause of a second', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { r, sent } = relay();
    r.heard(video(2, context()));
    r.forward('c', press('c'));
    // A busy machine: the box over there has not taken the focus after three seconds of typing.
    for (const letter of 'kneeover') {
      vi.advanceTimersByTime(400);
      expect(r.forward(letter, press(letter)), letter).toBe(true);
    }
    vi.advanceTimersByTime(1001);
    expect(r.forward('k', press('k', {}))).toBe(true); // still a command over there (play), not text
    vi.useRealTimers();
    await new Promise((done) => setTimeout(done, 0));
    expect(sent.map(([, k]) => [k.key, k.typed ?? false])).toEqual([['c', false], ...[...'kneeover'].map((l) => [l, true]), ['k', false]]);
  });

  it('fullscreen is done here, on the frame element (the key\'s user activation is here), never handed over', async () => {
    const { r, sent, fullscreened, settle } = relay();
    r.heard(video(6, context()));
    expect(r.forward('shift+f', press('F', { shiftKey: true }))).toBe(true);
    expect(fullscreened).toEqual([{ id: 6 }]);
    await settle();
    expect(sent).toEqual([]);
  });

  it('fullscreen refused here (the page forbids it) hands the key over: the frame with the video tries, and says so when it can not', async () => {
    const { r, sent, fullscreened, settle } = relay(undefined, { refused: true });
    r.heard(video(6, context()));
    expect(r.forward('shift+f', press('F', { shiftKey: true }))).toBe(true);
    expect(fullscreened).toEqual([{ id: 6 }]);
    await settle();
    expect(sent).toEqual([[6, { chord: 'shift+f', key: 'F', shiftKey: true, ctrlKey: false, altKey: false, metaKey: false }]]);
  });

  it('keys go only to a frame that is a player on screen here (not an ad box, not a frame it can not place)', async () => {
    const { r, sent, settle } = relay();
    r.heard(video(7, context(), null)); // no element here that is a player
    expect(r.forward('.', press('.'))).toBe(false);
    r.heard(video(8, context())); // a player…
    r.heard(video(9, context(), null)); // …and, speaking later, a frame that is not one
    expect(r.forward('.', press('.'))).toBe(true);
    await settle();
    expect(sent.map(([f]) => f)).toEqual([8]);
  });

  it('while the palette is open over there, its text and its keys (arrows, Enter, Escape) go over, as long as it stays open', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const { r, sent } = relay();
    r.heard(video(2, context({ paletteOpen: true })));
    vi.advanceTimersByTime(60_000); // long after the key that opened it
    for (const key of ['n', 'e', 'x', 't', ' ', 'Backspace', 'ArrowDown', 'ArrowUp', 'Enter']) expect(r.forward(key.toLowerCase(), press(key)), key).toBe(true);
    expect(r.forward('ctrl+n', press('n', { ctrlKey: true }))).toBe(false);
    r.heard(video(2, context({ paletteOpen: false })));
    expect(r.forward('n', press('n'))).toBe(false);
    expect(r.forward('arrowdown', press('ArrowDown'))).toBe(false);
    vi.useRealTimers();
    await new Promise((done) => setTimeout(done, 0));
    expect(sent.map(([, k]) => k.key).join('|')).toBe('n|e|x|t| |Backspace|ArrowDown|ArrowUp|Enter');
  });

  it('letters and arrows typed at once after the key that opens the palette go over before the frame says it is open', async () => {
    // Round 24 B (Firefox, beside another copy): an ArrowDown pressed just after `p` and a word,
    // before the file page had heard that the palette was open, went to Drive's own handlers.
    const sent: Array<[number, KeyPress]> = [];
    const opening = frameRelay((chord) => (chord === 'p' ? 'view.palette' : null), async (frameId, key) => void (key && sent.push([frameId, key])), side());
    opening.heard(video(2, context()));
    for (const key of ['p', 'n', 'f', 'ArrowDown', 'ArrowUp']) expect(opening.forward(key.toLowerCase(), press(key)), key).toBe(true);
    await new Promise((done) => setTimeout(done, 0));
    expect(sent.map(([, k]) => k.key)).toEqual(['p', 'n', 'f', 'ArrowDown', 'ArrowUp']);
    // After `c` an arrow is no text for the comment box: it stays the page's.
    const commenting = frameRelay((chord) => (chord === 'c' ? 'comment.add' : null), async () => undefined, side());
    commenting.heard(video(2, context()));
    commenting.forward('c', press('c'));
    expect(commenting.forward('arrowdown', press('ArrowDown'))).toBe(false);
  });

  it('after `c`, Enter, Escape and Backspace go over too (the box may not have the focus yet)', async () => {
    const { r, sent, settle } = relay();
    r.heard(video(2, context()));
    r.forward('c', press('c'));
    for (const key of ['Backspace', 'Enter']) expect(r.forward(key.toLowerCase(), press(key))).toBe(true);
    r.forward('c', press('c'));
    expect(r.forward('escape', press('Escape'))).toBe(true);
    await settle();
    expect(sent.map(([, k]) => k.key)).toEqual(['c', 'Backspace', 'Enter', 'c', 'Escape']);
  });

  it("letters typed in the text that are keys over there (`p`, `c`) go over as the text's, however late they arrive", async () => {
    // A copy beside another: "land under the hip" typed at once on Drive's file page, handed
    // over slowly; the `p` (the palette's key) went over as a command, arrived after the
    // comment's second of type-ahead, and opened the palette: the comment read "land under the hi".
    const sent: Array<[number, KeyPress]> = [];
    const keys = (chord: string) => (chord === 'p' ? 'view.palette' : chord === 'c' ? 'comment.add' : chord === 'k' ? 'playback.toggle' : null);
    const r = frameRelay(keys, async (frameId, key) => void (key && sent.push([frameId, key])), side());
    r.heard(video(2, context()));
    for (const key of 'cpick up') expect(r.forward(key, press(key)), key).toBe(true);
    // In a comment an arrow is still not its text: the `p` typed in it did not make the palette's keys go over.
    expect(r.forward('arrowdown', press('ArrowDown'))).toBe(false);
    await new Promise((done) => setTimeout(done, 0));
    expect(sent.map(([, k]) => `${k.key}${k.typed ? '' : '!'}`).join('')).toBe('c!pick up');
  });

  it('Enter (not Shift+Enter) and Escape end the text: the key after them is a command again', async () => {
    vi.useFakeTimers({ toFake: ['performance'] });
    const sent: Array<[number, KeyPress]> = [];
    const keys = (chord: string) => (chord === 'p' ? 'view.palette' : chord === 'c' ? 'comment.add' : null);
    const r = frameRelay(keys, async (frameId, key) => void (key && sent.push([frameId, key])), side());
    r.heard(video(2, context()));
    for (const key of ['c', 'o', 'k', 'Enter', 'c', 'u', 'p', 'Escape', 'p', 'x']) r.forward(key.toLowerCase(), press(key));
    r.forward('shift+enter', press('Enter', { shiftKey: true }));
    r.forward('c', press('c'));
    vi.advanceTimersByTime(1001);
    expect(r.forward('x', press('x'))).toBe(false); // a pause of a second ends it too
    vi.useRealTimers();
    await new Promise((done) => setTimeout(done, 0));
    // `!`: handed over as a command, not as text.
    expect(sent.map(([, k]) => `${k.key}${k.typed ? '' : '!'}`)).toEqual(['c!', 'o', 'k', 'Enter', 'c!', 'u', 'p', 'Escape', 'p!', 'x', 'Enter', 'c']);
  });

  it('a held key does not pile up: its repeats are dropped (still kept from the page) while keys are on their way', async () => {
    const answers: Array<() => void> = [];
    const sent: string[] = [];
    const { r } = relay((_f, key) => new Promise<void>((done) => answers.push(() => (sent.push(key!.chord), done()))));
    r.heard(video(2, context()));
    r.forward('.', press('.'));
    for (let i = 0; i < 20; i++) expect(r.forward('.', { ...press('.'), repeat: true } as KeyboardEvent)).toBe(true);
    // The first is on its way, at most a few repeats queued behind it.
    const tick = () => new Promise((done) => setTimeout(done, 0));
    await tick();
    while (answers.length) {
      answers.shift()!();
      await tick();
    }
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(sent.length).toBeGreaterThanOrEqual(1);
  });

  it('losing the focus says so to the frame the keys went to, after them, once; not when none went', async () => {
    const { r, log, settle } = relay();
    r.left(); // nothing handed: nothing said
    r.heard(video(4, context()));
    r.forward('c', press('c'));
    r.forward('l', press('l'));
    r.left();
    r.left(); // said once
    await settle();
    expect(log).toEqual(['c', 'l', 'end:4']);
  });

  it('a key with no answer holds the next ones up for 2 s at most', async () => {
    vi.useFakeTimers();
    const sent: string[] = [];
    const { r } = relay((_f, key) => {
      sent.push(key!.chord);
      return key!.chord === '.' ? new Promise(() => undefined) : Promise.resolve();
    });
    r.heard(video(2, context()));
    r.forward('.', press('.'));
    r.forward('k', press('k'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual(['.']);
    await vi.advanceTimersByTimeAsync(1100);
    expect(sent).toEqual(['.', 'k']);
  });

  it('a frame that is gone is dropped when a key can not reach it', async () => {
    const { r } = relay(() => Promise.reject(new Error('Could not establish connection')));
    r.heard(video(4, context()));
    expect(r.forward('.', press('.'))).toBe(true);
    await new Promise((done) => setTimeout(done, 0));
    expect(r.forward('.', press('.'))).toBe(false);
  });
});

describe('onlyChanges', () => {
  it('says a thing once, and again only when it changes', () => {
    const said: Array<{ context: ContextKeys | null }> = [];
    const announce = onlyChanges((news: { context: ContextKeys | null }) => said.push(news));
    announce.say({ context: context() });
    announce.say({ context: context() });
    announce.say({ context: context({ paused: false }) });
    announce.say({ context: null });
    announce.say({ context: null });
    expect(said).toEqual([{ context: context() }, { context: context({ paused: false }) }, { context: null }]);
    announce.forget(); // back from the back/forward cache: said again
    announce.say({ context: null });
    expect(said).toHaveLength(4);
  });
});

describe('background frame relay', () => {
  const tab = { tabId: 7, frameId: 2 };
  function handlers(answer: unknown = { handled: true }) {
    const calls: Array<[number, unknown, number | undefined]> = [];
    const toTab: ToTab = async (tabId, message, frameId) => {
      calls.push([tabId, message, frameId]);
      return answer;
    };
    return { h: frameHandlers(toTab), calls };
  }

  it('passes a frame’s video context to every frame of its own tab, with the sender’s frame id', async () => {
    const { h, calls } = handlers();
    await h['frame.video']({ context: context(), size: [800, 450] }, { ...tab, frameUrl: 'https://youtube.googleapis.com/embed/' });
    expect(calls).toEqual([
      [7, { framecoach: 1, type: 'frame.video', frameId: 2, context: context(), url: 'https://youtube.googleapis.com/embed/', size: [800, 450] }, undefined],
    ]);
    await h['frame.video']({ context: null, size: [-1, 2e9] as [number, number] }, tab);
    expect(calls[1]![1]).toEqual({ framecoach: 1, type: 'frame.video', frameId: 2, context: null, url: null, size: null });
  });

  it('hands a key to one frame of the sender’s tab and answers whether it was taken', async () => {
    const { h, calls } = handlers({ handled: true });
    const key = { chord: '.', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
    expect(await h['frame.key']({ frameId: 4, key }, { tabId: 7, frameId: 0 })).toEqual({ handled: true });
    expect(calls).toEqual([[7, { framecoach: 1, type: 'ui.key', key }, 4]]);
    // The end of the keys from the sender (its focus went elsewhere) goes the same way.
    await h['frame.key']({ frameId: 4, key: null }, { tabId: 7, frameId: 0 });
    expect(calls[1]).toEqual([7, { framecoach: 1, type: 'ui.key', key: null }, 4]);
  });

  it('refuses what is not a key, a frame or a context, and sends nothing', async () => {
    const { h, calls } = handlers();
    const key = { chord: '.', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
    await expect(h['frame.key']({ frameId: -1, key }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1.5, key }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1, key: { ...key, chord: 'x'.repeat(500) } }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1, key }, {})).rejects.toThrow(/tab/);
    await expect(h['frame.key']({ frameId: 1, key: 'end' as unknown as null }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.video']({ context: { paused: { evil: true } } as unknown as ContextKeys, size: null }, tab)).rejects.toThrow(/context/);
    await expect(h['frame.video']({ context: context(), size: null }, { tabId: 7 })).rejects.toThrow(/tab/);
    expect(calls).toEqual([]);
  });

  it('cleanContext and cleanKey keep only the plain shape', () => {
    expect(cleanContext([])).toBeNull();
    expect(cleanContext(Object.fromEntries(Array.from({ length: 41 }, (_, i) => [`k${i}`, true])))).toBeNull();
    expect(cleanContext({ a: true, b: 'x', c: 1, d: null })).toEqual({ a: true, b: 'x', c: 1, d: null });
    expect(cleanContext({ a: Infinity })).toBeNull();
    expect(cleanKey({ chord: '.', key: '.', shiftKey: 'no', ctrlKey: false, altKey: false, metaKey: false })).toBeNull();
    expect(cleanKey({ chord: '', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false })).toBeNull();
    expect(cleanKey({ chord: '.', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, extra: 1 })).toEqual({
      chord: '.', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false,
    });
    // `typed` passes only as true.
    expect(cleanKey({ chord: 'k', key: 'k', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, typed: true })?.typed).toBe(true);
    expect(cleanKey({ chord: 'k', key: 'k', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, typed: 'yes' })).not.toHaveProperty('typed');
  });
});

describe('frameElementFor', () => {
  function page(frames: Array<{ src: string; w: number; h: number }>): Document {
    const list = frames.map((f) => ({ src: f.src, clientWidth: f.w, clientHeight: f.h }));
    return { querySelectorAll: () => list } as unknown as Document;
  }
  it('finds the frame by its address, else by its size, and only when one fits', () => {
    const doc = page([
      { src: 'https://a.example/player', w: 800, h: 450 },
      { src: 'https://b.example/chat', w: 300, h: 450 },
      { src: 'https://c.example/ad', w: 300, h: 450 },
    ]);
    expect(frameElementFor(doc, 'https://a.example/player', null)?.src).toBe('https://a.example/player');
    expect(frameElementFor(doc, 'https://a.example/redirected', [800, 450])?.src).toBe('https://a.example/player');
    expect(frameElementFor(doc, null, [300, 450])).toBeNull(); // two fit
    expect(frameElementFor(doc, null, null)).toBeNull();
  });
});

describe('playerSized', () => {
  const el = (left: number, top: number, width: number, height: number) =>
    ({ getBoundingClientRect: () => ({ left, top, width, height, right: left + width, bottom: top + height }) }) as unknown as Element;
  const viewport = { width: 1280, height: 800 };
  it('a player on screen is; an ad box, a frame off screen or none is not', () => {
    expect(playerSized(el(240, 100, 800, 450), viewport)).toBe(true);
    expect(playerSized(el(0, 0, 300, 250), viewport)).toBe(false); // a medium-rectangle ad
    expect(playerSized(el(0, 2000, 800, 450), viewport)).toBe(false); // scrolled away
    expect(playerSized(el(0, 0, 400, 200), viewport)).toBe(false); // under a tenth of the viewport
    expect(playerSized(null, viewport)).toBe(false);
  });
});

describe('keysInOrder: keys typed in the frame with the video wait for those still on their way', () => {
  /** What the frame handles, in order: `here:x` typed here (held or not), `over:x` handed over. */
  function frame() {
    const order = keysInOrder(2000);
    const done: string[] = [];
    const over = (key: string | null) => {
      order.relayed(key === null ? null : { chord: key, key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, typed: true });
      if (key !== null) done.push(`over:${key}`);
    };
    const here = (key: string) => order.typedHere((held) => (done.push(`here:${key}${held ? ' (held)' : ''}`), key === '.'));
    return { over, here, done };
  }

  it('with nothing on its way a key typed here is handled at once, its answer the command\'s', () => {
    const { here, done } = frame();
    expect(here('.')).toBe(true);
    expect(here('x')).toBe(false);
    expect(done).toEqual(['here:.', 'here:x']);
  });

  it('"land under the hip" typed across the focus move comes out in order: what is typed here waits for the end of the hand-over', () => {
    // Seen on a busy machine: the focus reached the player during "under"; an `i` typed there
    // went in before the "nder" still on its way from the file page.
    const { over, here, done } = frame();
    for (const k of 'land u') over(k);
    expect(here('i')).toBe(true); // taken now, handled later
    expect(here('p')).toBe(true);
    for (const k of 'nder') over(k);
    expect(done.filter((d) => d.startsWith('here'))).toEqual([]);
    over(null);
    expect(done.slice(-6)).toEqual(['over:n', 'over:d', 'over:e', 'over:r', 'here:i (held)', 'here:p (held)']);
    // After the end nothing waits.
    here('x');
    expect(done.at(-1)).toBe('here:x');
  });

  it('when the end never comes (the frame that typed went away), held keys are handled 2 s after the last key from there', () => {
    vi.useFakeTimers();
    const { over, here, done } = frame();
    over('c');
    here('a');
    vi.advanceTimersByTime(1900);
    over('l'); // still coming: still waiting
    vi.advanceTimersByTime(1900);
    expect(done).toEqual(['over:c', 'over:l']);
    vi.advanceTimersByTime(200);
    expect(done).toEqual(['over:c', 'over:l', 'here:a (held)']);
    here('b');
    expect(done.at(-1)).toBe('here:b');
  });
});
