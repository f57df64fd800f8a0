/**
 * Keys typed in one frame for a video in another (Google Drive's player is a cross-origin
 * frame under the file page). A frame whose video FrameCoach is on says so, with the context
 * its keys are resolved in; the background passes that to every frame of the tab. A frame
 * with no video of its own then takes the keys that mean a command over there, keeps them
 * from its page, and hands them over through the background, which only relays within the
 * tab. The frame with the video handles a handed key as if typed there (a comment's
 * type-ahead included).
 */
import type { ContextKeys } from '../../utils/commands/context';
import type { FrameVideoMessage, KeyPress } from '../../utils/messaging/contract';

/** Commands after which the next keys are text for an editor they open over there. */
const OPENS_EDITOR = new Set(['comment.add', 'comment.addRange', 'draw.comment', 'draw.place', 'packet.send']);
/** How long after such a command printable keys still go over (the editor takes the focus by then). */
const TYPE_AHEAD_MS = 1000;

/** What the background passed on about a frame with a video. */
export type FrameVideo = Omit<FrameVideoMessage, 'framecoach' | 'type'>;

export interface FrameRelay {
  /** Frame `frameId` has a video (its context) or none (context null). */
  heard(frame: FrameVideo): void;
  /** For a key this frame has no use for: true when it was handed to the frame with the video. */
  forward(chord: string, event: KeyboardEvent): boolean;
}

export function frameRelay(
  resolve: (chord: string, context: ContextKeys) => string | null,
  send: (frameId: number, key: KeyPress) => Promise<unknown>,
  /**
   * Fullscreen can't be asked for by the frame with the video (the key's user activation is
   * here, not there): this frame puts the frame's element in fullscreen. False when it can't
   * tell which element that is.
   */
  fullscreen: (frame: FrameVideo) => boolean,
): FrameRelay {
  const frames = new Map<number, FrameVideo>(); // in the order they last spoke
  let typingUntil = 0;
  let queue: Promise<unknown> = Promise.resolve(); // keys arrive in the order they were typed
  return {
    heard(frame) {
      frames.delete(frame.frameId);
      if (frame.context) frames.set(frame.frameId, frame);
    },
    forward(chord, event) {
      const frame = [...frames.values()].at(-1);
      if (!frame?.context) return false;
      const { frameId, context } = frame;
      const id = resolve(chord, context);
      if (id === 'view.fullscreen' && fullscreen(frame)) return true;
      const typing = performance.now() < typingUntil && event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (id === null && !typing) return false;
      if (id && OPENS_EDITOR.has(id)) typingUntil = performance.now() + TYPE_AHEAD_MS;
      const { key, shiftKey, ctrlKey, altKey, metaKey } = event;
      queue = queue.then(() =>
        send(frameId, { chord, key, shiftKey, ctrlKey, altKey, metaKey }).catch(() => {
          frames.delete(frameId); // that frame is gone
        }),
      );
      return true;
    },
  };
}

/** Passes on what this frame says of its video only when it changed (JSON-equal news is said once). */
export function onlyChanges<T>(say: (news: T) => void): (news: T) => void {
  let last: string | undefined;
  return (news) => {
    const text = JSON.stringify(news);
    if (text === last) return;
    last = text;
    say(news);
  };
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
