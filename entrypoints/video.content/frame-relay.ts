/**
 * Keys typed in one frame for a video in another (Google Drive's player is a cross-origin
 * frame under the file page). A frame whose video FrameCoach is on says so, with the context
 * its keys are resolved in; the background passes that to every frame of the tab. A frame
 * with no video of its own then takes the keys that mean a command over there, keeps them
 * from its page, and hands them over through the background, which only relays within the
 * tab. The frame with the video handles a handed key as if typed there (a comment's
 * type-ahead included).
 *
 * The focus can move while keys are on their way: the frame with the video gives it to its
 * comment box or palette, and the coach's next keys are typed there (or on its page, on the
 * way). Those were typed after every key handed over before; this frame says when it has
 * lost the focus (a last, empty hand-over), and the frame with the video holds what is typed
 * there until it has heard that (`keysInOrder`).
 */
import type { ContextKeys } from '../../utils/commands/context';
import type { FrameVideoMessage, KeyPress } from '../../utils/messaging/contract';
import { TEST_HOOKS } from '../../utils/dom/test-hooks';

/** Commands after which the next keys are text for an editor (or the palette) they open over there. */
const OPENS_EDITOR = new Set(['comment.add', 'comment.addRange', 'draw.comment', 'draw.place', 'packet.send', 'view.palette']);
/** How long after such a command typed keys still go over (the editor takes the focus by then). */
const TYPE_AHEAD_MS = 1000;
/** Keys an editor takes besides characters. */
const EDITOR_KEYS = new Set(['Enter', 'Escape', 'Backspace']);
/** And the palette (its rows). */
const PALETTE_KEYS = new Set([...EDITOR_KEYS, 'ArrowUp', 'ArrowDown']);
/** A key handed over that gets no answer in this time no longer holds up the next ones. */
const SEND_TIMEOUT_MS = 2000;
/** A held key's repeats are dropped while this many keys are still on their way. */
const MAX_PENDING_REPEATS = 2;

/** What the background passed on about a frame with a video. */
export type FrameVideo = Omit<FrameVideoMessage, 'framecoach' | 'type'>;

export interface FrameRelay {
  /** Frame `frameId` has a video (its context) or none (context null). */
  heard(frame: FrameVideo): void;
  /** For a key this frame has no use for: true when it was handed to the frame with the video (or fullscreened it). */
  forward(chord: string, event: KeyboardEvent): boolean;
  /** This frame has lost the focus: the frame it handed keys to since it had it hears they were all. */
  left(): void;
}

/** This document's side of a frame with a video: its element, if it is one a coach works in. */
export interface FrameSide {
  /** The frame's element here when it is on screen and big enough to be the player being worked on (not an ad). */
  element(frame: FrameVideo): Element | null;
  /**
   * Fullscreen can't be asked for by the frame with the video (the key's user activation is
   * here, not there): this document fullscreens the frame's element (or leaves fullscreen).
   */
  fullscreen(element: Element): Promise<void>;
}

export function frameRelay(
  resolve: (chord: string, context: ContextKeys) => string | null,
  /** Hands `key` over, or says (null) that no more come: the focus has left this frame. */
  send: (frameId: number, key: KeyPress | null) => Promise<unknown>,
  side: FrameSide,
): FrameRelay {
  const frames = new Map<number, FrameVideo>(); // in the order they last spoke
  let typingUntil = 0;
  /** The keys that window hands over besides letters: the palette's (arrows choose) or an editor's. */
  let aheadKeys = EDITOR_KEYS;
  let pending = 0;
  let queue: Promise<unknown> = Promise.resolve(); // keys arrive in the order they were typed
  /** The frame keys went to since this one last had the focus. */
  let handedTo: number | null = null;
  /** Hands a key to frame `frameId` (null: the last was handed), after the keys typed before it. */
  const hand = (frameId: number, press: KeyPress | null): void => {
    handedTo = press ? frameId : null;
    pending++;
    queue = queue.then(() =>
      Promise.race([send(frameId, press), new Promise((done) => setTimeout(done, SEND_TIMEOUT_MS))])
        .catch(() => {
          frames.delete(frameId); // that frame is gone
        })
        .finally(() => pending--),
    );
  };
  return {
    heard(frame) {
      frames.delete(frame.frameId);
      if (frame.context) frames.set(frame.frameId, frame);
    },
    forward(chord, event) {
      if (!frames.size) return false; // every key on every page without a framed video comes here
      // The frame that spoke last among those that are a player on screen here.
      let frame: FrameVideo | undefined;
      let element: Element | null = null;
      for (const f of [...frames.values()].reverse()) if ((element = side.element(f))) {
        frame = f;
        break;
      }
      if (!frame?.context || !element) return false;
      const { frameId, context } = frame;
      const id = resolve(chord, context);
      if (id === 'view.fullscreen') {
        // Refused here (this page's permissions policy): the key goes over after all, and the
        // frame with the video tries itself and tells the coach when it can't either.
        side.fullscreen(element).catch(() => hand(frameId, pressOf(chord, event, false)));
        return true;
      }
      const plain = !event.ctrlKey && !event.metaKey && !event.altKey;
      // While the palette is open over there (its box may not have the focus: a frame gets it
      // only from a click in it), what is typed here is its text and its choice.
      const palette = context.paletteOpen === true;
      const typing = (palette || performance.now() < typingUntil) && plain && (event.key.length === 1 || (palette ? PALETTE_KEYS : aheadKeys).has(event.key));
      if (id === null && !typing) return false;
      // A key that opens a box over there, typed when no text is being typed. Typed in the text it
      // is a letter: the `p` of "hip", handed over late on a busy machine, opened the palette.
      const opens = !typing && id !== null && OPENS_EDITOR.has(id);
      // Until the frame says the palette it was asked for is open, its arrows go over all the same.
      if (opens) aheadKeys = id === 'view.palette' ? PALETTE_KEYS : EDITOR_KEYS;
      // The window slides while the coach types on: the box over there takes the focus only once
      // it has loaded (on a busy machine, after more than a second of typing at full speed).
      // Enter (a comment saved, a row run) and Escape close the box: the next key is a command.
      const closes = typing && (event.key === 'Escape' || (event.key === 'Enter' && !event.shiftKey));
      if (closes) typingUntil = 0;
      else if (opens || (typing && !palette)) typingUntil = performance.now() + TYPE_AHEAD_MS;
      if (event.repeat && pending > MAX_PENDING_REPEATS) return true; // still kept from the page
      // Text for the comment over there, whenever it arrives (the queue through the background can be slow).
      hand(frameId, pressOf(chord, event, typing && !palette));
      return true;
    },
    left() {
      if (handedTo !== null) hand(handedTo, null);
    },
  };
}

/**
 * The relay of `win`'s document: keys handed over by `handOver` (to the background), and their
 * end said when the window loses the focus (to a frame below, the player's, or away).
 */
export function documentRelay(
  win: Window,
  resolve: (chord: string, context: ContextKeys) => string | null,
  handOver: (frameId: number, key: KeyPress | null) => Promise<unknown>,
  signal: AbortSignal,
): FrameRelay {
  const marks = win.document.documentElement;
  const relay = frameRelay(
    resolve,
    // Test builds: a page marked so hands its keys over late (a busy machine's background).
    (frameId, key) =>
      TEST_HOOKS && marks.hasAttribute('data-fc-test-relay-slow')
        ? new Promise((done) => setTimeout(done, 150)).then(() => handOver(frameId, key))
        : handOver(frameId, key),
    documentSide(win),
  );
  win.addEventListener('blur', () => relay.left(), { signal });
  return relay;
}

/** The frame with the video's side: keys typed here wait for those typed before them in another frame. */
export interface KeysInOrder {
  /** A key handed over from another frame arrives (null: that frame has lost the focus, no more come). */
  relayed(key: KeyPress | null): void;
  /**
   * A key typed here: `handle` takes it at once (its answer: whether a command took it) when no
   * key typed before it is still on its way from another frame; else after those (`held`), and
   * the key counts as taken.
   */
  typedHere(handle: (held: boolean) => boolean): boolean;
}

/**
 * Keys handed over from another frame (through the background: slow on a busy machine) were
 * typed before any typed here since; until that frame says it has lost the focus, or no key
 * has come from it for `holdMs`, what is typed here waits. (A comment typed on Drive's file
 * page came out as "land uinder the hp": the focus reached the comment box during "under",
 * and an `i` typed on the way went in before the "nder" still on its way.)
 */
export function keysInOrder(holdMs = SEND_TIMEOUT_MS): KeysInOrder {
  let onTheirWay = false;
  const held: Array<() => void> = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    onTheirWay = false;
    clearTimeout(timer);
    for (const run of held.splice(0)) run();
  };
  const wait = () => {
    clearTimeout(timer);
    timer = setTimeout(release, holdMs);
  };
  return {
    relayed(key) {
      if (!key) return release();
      onTheirWay = true;
      if (held.length) wait();
    },
    typedHere(handle) {
      if (!onTheirWay) return handle(false);
      held.push(() => handle(true));
      if (held.length === 1) wait();
      return true;
    },
  };
}

/** The key as handed over. */
export function pressOf(chord: string, event: KeyboardEvent, typed: boolean): KeyPress {
  const { key, shiftKey, ctrlKey, altKey, metaKey } = event;
  return { chord, key, shiftKey, ctrlKey, altKey, metaKey, ...(typed ? { typed } : {}) };
}

/** The side of `win`'s document: frame elements found by address or size, and fullscreened from here. */
export function documentSide(win: Window): FrameSide {
  const doc = win.document;
  return {
    element(frame) {
      const element = frameElementFor(doc, frame.url, frame.size);
      return playerSized(element, { width: win.innerWidth, height: win.innerHeight }) ? element : null;
    },
    fullscreen: (element) => (doc.fullscreenElement ? doc.exitFullscreen() : element.requestFullscreen()),
  };
}

/** Passes on what this frame says of its video only when it changed (JSON-equal news is said once); `forget` says the next one anyway. */
export function onlyChanges<T>(say: (news: T) => void): { say(news: T): void; forget(): void } {
  let last: string | undefined;
  return {
    say(news) {
      const text = JSON.stringify(news);
      if (text === last) return;
      last = text;
      say(news);
    },
    forget() {
      last = undefined;
    },
  };
}

/** A frame element a coach works in: on screen, at least 320×180 and a tenth of the viewport. */
export function playerSized(element: Element | null, viewport: { width: number; height: number }): boolean {
  if (!element) return false;
  const r = element.getBoundingClientRect();
  const w = Math.min(r.right, viewport.width) - Math.max(r.left, 0);
  const h = Math.min(r.bottom, viewport.height) - Math.max(r.top, 0);
  return r.width >= 320 && r.height >= 180 && w > 0 && h > 0 && r.width * r.height >= (viewport.width * viewport.height) / 10;
}

/**
 * The frame element in `doc` that holds a frame at `url` of `size` (CSS px): by its address,
 * else by its size; null unless exactly one fits.
 */
export function frameElementFor(doc: Document, url: string | null, size: readonly [number, number] | null): HTMLIFrameElement | null {
  const frames = [...doc.querySelectorAll('iframe')];
  const one = (list: HTMLIFrameElement[]) => (list.length === 1 ? list[0]! : null);
  const bySrc = url ? frames.filter((f) => f.src === url) : [];
  if (bySrc.length) return one(bySrc);
  return size ? one(frames.filter((f) => f.clientWidth === size[0] && f.clientHeight === size[1])) : null;
}
