/**
 * The check after a pause (a part of the frame engine, ./video-source): a display can present
 * a last frame before the pause without announcing it, or paint one late on a busy machine,
 * so the frame known as presented need not be the one on screen. Once frames stop arriving,
 * small pictures are compared and the screen is sought to the frame it shows (or back to the
 * one announced), then watched a while for a frame painted late. A seek by the page, or a
 * play, wins over the check at every turn.
 */
import type { FrameRate } from '../frames/rate';
import { justInside } from '../frames/stepper';
import { framePrint, samePrint } from '../dom/frame-grab';
import { wait } from './wait';

/** The frames in flight at a pause have all arrived when none came for this long. */
const SETTLE_MS = 60;
/** How long after the check after a pause the picture is looked at once more. */
const LATE_FRAME_MS = 120;
/**
 * After that, the picture is watched a while longer (a cheap 64×36 read each time) for a frame
 * painted late on a busy machine: seen once at a clip's end, HUD F478 with 479 on screen.
 */
const WATCH_MS = 1000;
const WATCH_EVERY_MS = 100;
/**
 * How far past the last announced frame the screen may be after a pause: about one refresh
 * of a 60 Hz display (a 240 fps clip: up to 4 or 5 frames), with room for a busy machine.
 */
const UNANNOUNCED_S = 0.06;
/** With no rate known, how far past the start of the frame announced the check seeks (inside a 240 fps frame). */
const NO_RATE_INSIDE_S = 0.001;
/** How long the check waits for the frame of a seek the page made just before it. */
const PAGE_SEEK_MS = 500;
/** Late frames found since the last play, at most: a picture that never stops changing is not checked forever. */
const MAX_LATE = 2;

/** What the check reads of the engine it belongs to. */
export interface PauseCheckDeps {
  readonly video: HTMLVideoElement;
  /** Where the frame known as presented starts (null: none yet). */
  shown(): number | null;
  rate(): FrameRate | null;
  /** The engine's seek: resolves with the frame shown. */
  seek(time: number): Promise<number | null>;
  /** Seeks someone else made so far (the page's seek bar). */
  otherSeeks(): number;
  /** Seeks the engine made so far. */
  ownSeeks(): number;
  /** The page's last seek has had a frame announced (Gecko fires its `seeked` before that). */
  pageSeekShown(): boolean;
  /** When the last frame was announced (performance.now()). */
  lastFrameAt(): number;
  /** The rate probe has the video: its own pause is followed by its own seek back. */
  probing(): boolean;
  disposed(): boolean;
}

export interface PauseCheck {
  /** Playback started: the frame on screen after the next pause is to be checked. */
  played(): void;
  /** The frame on screen is known (the engine put it there itself, paused). */
  known(): void;
  /** After a pause: the check (the one under way, if any); at once when nothing is to check. */
  settle(): Promise<void>;
  /** Runs `task` as a check: steps wait for it (`settle`), and listeners are told. */
  run(task: () => Promise<void>): Promise<void>;
  /** Frames already queued may still be presented after a pause: waits until they stop arriving. */
  framesStop(): Promise<void>;
  /** Told when a check starts (true) and ends (false). */
  onChecking(listener: (checking: boolean) => void): () => void;
  dispose(): void;
}

export function createPauseCheck(deps: PauseCheckDeps): PauseCheck {
  const { video } = deps;
  /** False from playback until the frame on screen after the pause is confirmed. */
  let confirmed = true;
  /** Plays so far: a check that a play overtook (a `k` during it) is no longer about the frame on screen. */
  let plays = 0;
  /** `plays` when the check under way began. */
  let checkPlays = 0;
  let settling: Promise<void> | null = null;
  const checkingListeners = new Set<(checking: boolean) => void>();
  /** Bumped to stop the watch for a late frame. */
  let watchRun = 0;
  let lateFound = 0;

  async function framesStop(): Promise<void> {
    const start = performance.now();
    while (performance.now() - start < 500) {
      await wait(SETTLE_MS / 3);
      if (performance.now() - deps.lastFrameAt() >= SETTLE_MS) break;
    }
  }

  function settle(): Promise<void> {
    if (settling) return settling;
    // The probe's own pause is followed by its own seek back.
    if (confirmed || deps.probing() || !video.paused) return Promise.resolve();
    return checking(async () => {
      let seeks: number;
      // Played and paused again while a check ran (`k` as the end was checked): that pause
      // found the check under way, and its frame is checked next, by the same promise.
      do {
        // A seek by the page or the coach from here on wins: the whole check gives way to it.
        seeks = deps.otherSeeks();
        checkPlays = plays;
        await framesStop();
        await confirmOnScreen(seeks);
        await lateFrame(seeks);
      } while (!confirmed && video.paused && !deps.disposed());
      watchLate(seeks);
    });
  }

  function checking(task: () => Promise<void>): Promise<void> {
    watchRun++;
    for (const listener of checkingListeners) listener(true);
    settling = task().finally(() => {
      settling = null;
      for (const listener of checkingListeners) listener(false);
    });
    return settling;
  }

  /**
   * Watches the still picture for a while after the check: a change that no frame announced
   * and no seek made is a frame painted late, and is checked like a pause's last frame.
   */
  function watchLate(seeks: number): void {
    const run = ++watchRun;
    const moves = deps.ownSeeks();
    const until = performance.now() + WATCH_MS;
    let print = framePrint(video);
    let announced = deps.lastFrameAt();
    const look = () => {
      const still = video.paused && !video.seeking && seeks === deps.otherSeeks() && moves === deps.ownSeeks() && plays === checkPlays && !deps.disposed();
      if (run !== watchRun || !still || !print || performance.now() > until) return;
      const now = framePrint(video);
      if (now && !samePrint(now, print)) {
        if (announced === deps.lastFrameAt()) {
          if (++lateFound > MAX_LATE) return;
          confirmed = false;
          void settle();
          return;
        }
        // Announced: the frame is known. The watch goes on from this picture.
        print = now;
        announced = deps.lastFrameAt();
      }
      setTimeout(look, WATCH_EVERY_MS);
    };
    setTimeout(look, WATCH_EVERY_MS);
  }

  /**
   * A display can present a last frame before the pause without announcing it (rVFC skips a
   * callback): the screen is then a few frames past what is known. Comparing small pictures
   * finds it: the frame announced last (nothing visibly changes: the usual case), then the
   * next ones. Where the picture can't be read (another site's video), the screen goes back
   * to the frame announced, so what is known is what is shown.
   */
  async function confirmOnScreen(seeks: number): Promise<void> {
    // A seek by the page that has landed before its frame was announced: the frame known is
    // the one before it, and a seek there would undo the page's (Firefox under load: the page
    // went to frame 10 right after the pause, the check put 24 back). Its frame is on its way.
    const until = performance.now() + PAGE_SEEK_MS;
    while (!deps.pageSeekShown() && performance.now() < until && !deps.disposed()) await wait(10);
    const at = deps.shown();
    const known = deps.rate();
    const ended = video.ended;
    // A seek under way once ours has landed is the page's, set before its `seeking` event came
    // (a page that seeks from its own `seeked` listener, as ours resolves): seeking again would
    // undo it (seen in Firefox: the page went to frame 20, the check put 14 back).
    // (Nothing announced for the page's seek, it went to the frame already shown: it wins as it is.)
    const still = () => video.paused && !video.seeking && seeks === deps.otherSeeks() && deps.pageSeekShown() && plays === checkPlays && !deps.disposed();
    // Given way to another seek: its frame is announced like any seek's, so what is known is shown.
    // Overtaken by a play: the pause after it is checked when this check ends.
    const done = () => void (confirmed = video.paused && plays === checkPlays && !deps.disposed());
    // A seek already under way is someone else's (the page's seek bar): it wins.
    if (at === null || !still()) return done();
    if (!known) {
      // No rate yet (a play too short to measure one): nothing says which frame the picture
      // is. Back to the frame announced, so what is known is what is shown.
      await deps.seek(at + NO_RATE_INSIDE_S);
      return done();
    }
    const gap = known.minGap;
    const screen = framePrint(video);
    const first = known.variable ? justInside(at, gap) : at + gap / 2;
    const order = screen ? candidates(Math.floor((video.currentTime - at) / gap + 1e-6), Math.ceil(UNANNOUNCED_S / gap)) : [0];
    const tries = order.length;
    for (let i = 0; i < tries; i++) {
      await deps.seek(i === 0 ? first : at + (order[i]! + 0.5) * gap);
      if (!still()) return done();
      const now = screen && framePrint(video);
      if (!screen || (now && samePrint(now, screen))) break;
      // None matched (a picture that changes as it is read?): back to the frame announced.
      if (i === tries - 1) await deps.seek(first);
    }
    // Played to the end: the seeks above went into the last frame, which leaves `ended`. Back
    // to the end (the same picture), so a play starts over as in any player, not a frame on.
    if (ended && !video.ended && still()) await deps.seek(video.duration);
    done();
  }

  /**
   * On a busy machine a frame decoded before the pause can still be painted after the check
   * (seen once: HUD F58, screen 59): a moment later, a picture that changed is checked again.
   */
  async function lateFrame(seeks: number): Promise<void> {
    if (seeks !== deps.otherSeeks() || video.seeking) return;
    const before = framePrint(video);
    await wait(LATE_FRAME_MS);
    if (!before || !video.paused || seeks !== deps.otherSeeks() || plays !== checkPlays || video.seeking || deps.disposed()) return;
    const now = framePrint(video);
    if (now && samePrint(now, before)) return;
    confirmed = false;
    await confirmOnScreen(seeks);
  }

  return {
    played() {
      confirmed = false;
      lateFound = 0;
      plays++;
    },
    known() {
      confirmed = video.paused;
    },
    settle,
    run: checking,
    framesStop,
    onChecking(listener) {
      checkingListeners.add(listener);
      return () => checkingListeners.delete(listener);
    },
    dispose() {
      checkingListeners.clear();
    },
  };
}

/**
 * Frames past the announced one to compare, nearest first: the announced frame, then the one
 * at the playback position (the picture a pause leaves; on a busy machine rVFC can fall a
 * tenth of a second behind it), its neighbours, and the next few after the announced one.
 */
export function candidates(atPosition: number, few: number): number[] {
  const order = [0, atPosition, atPosition - 1, atPosition + 1];
  for (let k = 1; k <= few; k++) order.push(k);
  return [...new Set(order.filter((k) => k >= 0))].slice(0, 16);
}

