import { afterEach, describe, expect, it, vi } from 'vitest';
import { frameElementFor, frameRelay, onlyChanges, type FrameVideo } from '../../entrypoints/video.content/frame-relay';
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
  ...patch,
});

/** What the background passes on about frame `frameId`. */
const video = (frameId: number, ctx: ContextKeys | null, url: string | null = null): FrameVideo => ({ frameId, context: ctx, url, size: null });

/** A key event as the relay reads it. */
const press = (key: string, mods: Partial<KeyPress> = {}) =>
  ({ key, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, ...mods }) as KeyboardEvent;

/** `.` steps, `c` opens a comment, `k` plays only while paused (as the real keys do). */
const resolve = (chord: string, ctx: ContextKeys): string | null =>
  chord === 'shift+f' ? 'view.fullscreen' : chord === '.' ? 'player.stepForward' : chord === 'c' ? 'comment.add' : chord === 'k' && ctx.paused ? 'playback.toggle' : null;

function relay() {
  const sent: Array<[number, KeyPress]> = [];
  const fullscreened: FrameVideo[] = [];
  const r = frameRelay(resolve, async (frameId, key) => void sent.push([frameId, key]), (frame) => {
    if (!frame.url) return false;
    fullscreened.push(frame);
    return true;
  });
  return { r, sent, fullscreened, settle: () => new Promise((done) => setTimeout(done, 0)) };
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

  it('fullscreen is done here, on the frame element, when it can be found (else handed over)', async () => {
    const { r, sent, fullscreened, settle } = relay();
    r.heard(video(6, context(), 'https://youtube.googleapis.com/embed/?docid=x'));
    expect(r.forward('shift+f', press('F', { shiftKey: true }))).toBe(true);
    expect(fullscreened.map((f) => f.frameId)).toEqual([6]);
    r.heard(video(6, context(), null)); // the element can't be told: the frame gets the key
    expect(r.forward('shift+f', press('F', { shiftKey: true }))).toBe(true);
    await settle();
    expect(sent.map(([f, k]) => [f, k.chord])).toEqual([[6, 'shift+f']]);
  });

  it('a frame that is gone is dropped when a key can not reach it', async () => {
    const r = frameRelay(resolve, () => Promise.reject(new Error('Could not establish connection')), () => false);
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
    announce({ context: context() });
    announce({ context: context() });
    announce({ context: context({ paused: false }) });
    announce({ context: null });
    announce({ context: null });
    expect(said).toEqual([{ context: context() }, { context: context({ paused: false }) }, { context: null }]);
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
  });

  it('refuses what is not a key, a frame or a context, and sends nothing', async () => {
    const { h, calls } = handlers();
    const key = { chord: '.', key: '.', shiftKey: false, ctrlKey: false, altKey: false, metaKey: false };
    await expect(h['frame.key']({ frameId: -1, key }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1.5, key }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1, key: { ...key, chord: 'x'.repeat(500) } }, tab)).rejects.toThrow(/Not a key/);
    await expect(h['frame.key']({ frameId: 1, key }, {})).rejects.toThrow(/tab/);
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
