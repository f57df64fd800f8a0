import type { FrameRate } from '../frames/rate';
import type { Timeline } from '../frames/timeline';
import { slotStart } from '../frames/frame-start';
import { pictureCheck, type PictureCheck } from '../dom/frame-grab';
import type { FrameCallback, FrameCallbacks } from './frame-callbacks';
import { wait } from './wait';

/**
 * The video source's seeks (./video-source): one seek that answers with the frame it put on
 * screen, and, where a report after a seek is a position (Gecko, or no rVFC), a seek over a
 * clock that finds the frame's start by its picture.
 */
export interface Seeks {
  /** Seeks to `time`; the start of the frame then shown (or a position, see `SeekHost.found`). */
  once(time: number): Promise<number | null>;
  /** As `once`, with the frame's start found by whether the picture changed. */
  byPicture(time: number, clock: FrameRate): Promise<number | null>;
}

/** What the seeks read from the source, and tell it. */
export interface SeekHost {
  readonly video: HTMLVideoElement;
  readonly callbacks: FrameCallbacks;
  readonly timeline: Timeline;
  /** Where a reported frame starts; null: a position whose frame's start is not known yet. */
  frameTime(mediaTime: number): number | null;
  /** The frame known to be on screen. */
  shown(): number | null;
  /** That frame is known only by a position inside it. */
  positional(): boolean;
  rate(): FrameRate | null;
  /** Seeks the page made so far. */
  otherSeeks(): number;
  /** A seek of ours is under way to `target` (where the video put its position). */
  aimed(target: number): void;
  /** A seek to 0 left a paused video at `start`: its first frame starts there. */
  startsAt(start: number): void;
  /** The frame on screen, found by its picture: its start, or a position inside it. */
  found(time: number, isPosition: boolean): void;
}

const SEEK_TIMEOUT_MS = 1500;
/**
 * A picture that looks unchanged after a seek is looked at again this much later: Gecko under
 * load can paint a seek's frame after it said it landed, and the frame before, read as the
 * seek's, made a step back skip a frame (31 → 29 on a phone clip, Firefox beside another suite).
 */
const REPAINT_MS = 80;

/** Whether the picture changed; an unchanged one is read again a moment later before that is believed. */
async function changedSettled(check: PictureCheck | null): Promise<boolean | null> {
  const now = check?.changed() ?? null;
  if (now !== false) return now;
  await wait(REPAINT_MS);
  return check!.changed();
}
/** After `seeked`, how long a frame of the seek's own may still be announced. */
const SEEKED_GRACE_MS = 250;

export function createSeeks(host: SeekHost): Seeks {
  const { video, callbacks } = host;

  function once(time: number): Promise<number | null> {
    return new Promise((resolve) => {
      let settled = false;
      let seeked = false;
      const before = host.shown();
      // A seek to `time` shows a frame that starts at or before it. A later frame is one
      // still in flight from playback: wait for the seek's own frame instead.
      let shown: number | null = null;
      const onSeekFrame: FrameCallback = (_now, meta) => {
        if (!seeked && meta.mediaTime > time + 0.002) {
          id = callbacks.request(onSeekFrame);
          return;
        }
        // The frame can be announced a moment before the seek completes, when reading its
        // pixels (drawImage, a capture) may still give the old picture: wait for both.
        const media = host.frameTime(meta.mediaTime) ?? meta.mediaTime;
        if (seeked || !video.seeking) finish(media);
        else shown = media;
      };
      let id = callbacks.request(onSeekFrame);
      const finish = (mediaTime: number | null) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(seekedTimer);
        callbacks.cancel(id);
        video.removeEventListener('seeked', onSeeked);
        resolve(mediaTime);
      };
      // A seek that lands on the frame already shown may present nothing new.
      let seekedTimer: ReturnType<typeof setTimeout> | undefined;
      const onSeeked = () => {
        // Gecko may fire the `seeked` of the seek before this one (superseded, or just done)
        // once this one is under way: this seek is not done until `seeking` is over.
        if (video.seeking) return;
        seeked = true;
        // Sought to 0 on a clip that starts later: the browser put the position at the first
        // frame. (Only then: a position past a later target is playback or another seek.)
        if (time === 0 && video.paused && video.currentTime > 0) host.startsAt(video.currentTime);
        if (shown !== null) finish(shown);
        else seekedTimer = setTimeout(() => finish(host.shown() ?? before), SEEKED_GRACE_MS);
      };
      const timer = setTimeout(() => finish(host.shown() ?? before), SEEK_TIMEOUT_MS);
      video.addEventListener('seeked', onSeeked);
      video.currentTime = time;
      host.aimed(video.currentTime);
    });
  }

  /**
   * Gecko reports a seek's target, not the frame's start, and on a clock with frames missing no
   * time says which frame that is (a slot with no frame shows the one before). The picture
   * does: unchanged, the frame shown before; changed, the frame that starts in the target's
   * slot, or where slots before it are empty, in an earlier one (looked at going back).
   * Frames that look exactly alike read as one frame.
   */
  async function byPicture(time: number, clock: FrameRate): Promise<number | null> {
    const before = host.shown();
    const beforePositional = host.positional();
    const was = pictureCheck(video);
    const seeks = host.otherSeeks();
    const shown = await once(time);
    const changed = await changedSettled(was);
    // The page sought meanwhile: the picture is its seek's (announced as such), not this one's.
    const pageSought = () => seeks !== host.otherSeeks() || video.seeking;
    if (pageSought()) return shown;
    if (shown === null || !host.positional() || changed === null || host.rate() !== clock) return shown;
    const known = (start: number, isPosition = false) => {
      host.found(start, isPosition);
      if (!isPosition && !clock.jitter) host.timeline.add(start);
      return start;
    };
    if (!changed && before !== null) return known(before, beforePositional);
    const gap = 1 / clock.fps;
    const origin = clock.origin ?? 0;
    let start = slotStart(time, clock);
    // Coming from a later frame (a step back), the slot may be empty: the frame began earlier.
    if (before !== null && before > start) {
      const here = pictureCheck(video);
      let back = 0;
      while (here && back < 3 && start - gap >= origin - 1e-6) {
        await once(start - gap / 2);
        // The page sought meanwhile: its seek wins.
        if (pageSought()) return shown;
        if ((await changedSettled(here)) !== false) break;
        start -= gap;
        back++;
      }
      // The last look went one slot too far: back into the frame's own.
      if (here?.changed() !== false) await once(start + gap / 2);
    }
    return known(start);
  }

  return { once, byPicture };
}
