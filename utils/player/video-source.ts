import { detectFrameRate, storedRate, type FrameRate } from '../frames/rate';
import type { VideoClock } from '../model/types';
import type { FrameSource } from '../frames/stepper';
import { createPauseCheck } from './pause-check';
import { wait } from './wait';
import { createTimeline, type Timeline } from '../frames/timeline';
import { frameStartAt, onTable, slotStart } from '../frames/frame-start';
import { frameCallbacks, type FrameCallback } from './frame-callbacks';
import { byFrameLength } from './picture-change';
import { createSeeks } from './seeks';
import { createRateMeter, decodedFrames, playToMeasure } from './rate-meter';
import { GECKO, positionReports } from './position-reports';
import { ownSeeks } from './own-seeks';

/**
 * The browser side of the frame engine: one `<video>`, watched through
 * requestVideoFrameCallback (rVFC). rVFC fires only when a new frame is presented, so a
 * paused video costs nothing. Where a browser has no rVFC, a stand-in reports positions
 * (./frame-callbacks): frames are then found from the file's table or the rate's clock, and
 * the rate is counted from decoded frames.
 */
export interface VideoSource extends FrameSource {
  readonly video: HTMLVideoElement;
  /** The rate measured so far, if any. */
  knownRate(): FrameRate | null;
  /** Every frame timestamp presented so far. */
  readonly timeline: Timeline;
  /** The rate, measuring it with a short muted play if nothing was measured yet. */
  rate(): Promise<FrameRate | null>;
  /**
   * A constant rate known from before (measured on an earlier visit, or by a packet's
   * sender), used until this page measures one: frame numbers show, and the first step does
   * not have to play the video to measure.
   */
  assume(fps: number, clock?: VideoClock): void;
  /**
   * After playback pauses: waits for frames in flight, then makes sure the frame known as
   * presented is the one on screen (a display can show a last frame it never announced).
   */
  settle(): Promise<void>;
  /**
   * Told when a check of the frame on screen starts (true) and ends (false): after a pause,
   * and when a frame painted late (never announced) is found while the video stands still.
   */
  onChecking(listener: (checking: boolean) => void): () => void;
  /**
   * Every frame's time from the file's own table (best of all sources): the rate, frame 0,
   * frames missing or not, exact numbers on a variable rate, and steps without playing. Set
   * aside as soon as the browser presents a frame the table does not have.
   */
  useTable(times: readonly number[]): void;
  /** Called for every presented frame with its media time. */
  onFrame(listener: (mediaTime: number) => void): () => void;
  /** Seeks made by someone else (the page's seek bar) so far. */
  pageSeeks(): number;
  dispose(): void;
}

/** Frames a table may give (longer files step without one). */
const TABLE_LIMIT = 200_000;
/**
 * Gecko: a frame announced this far past the playback position (at 1x) is not the one on
 * screen. Not Chromium: its rVFC announces frames the compositor presented, and its position
 * can lag them by more than this on a busy machine (0.056 s seen beside another test run; the
 * guard then dropped 40 frames of a 240 fps clip, and the check after a pause started there).
 */
const AHEAD_S = 0.1;
/** How long a step waits for the frame of a seek the page just made. */
const CATCH_UP_MS = 500;

/**
 * Gecko's timeline starts at the file's first frame: a clip whose first frame is at 0.41 s
 * shows it at 0 (Chromium at 0.41). The file's own times are moved to match.
 */
const STARTS_AT_FIRST_FRAME = GECKO;

export function createVideoSource(video: HTMLVideoElement): VideoSource {
  const callbacks = frameCallbacks(video);
  /** Reports are positions, never a frame's start: the stand-in for rVFC. */
  const positionsOnly = !callbacks.native;
  /** Reports after a seek or a pause may be a position (Gecko) or always are (the stand-in). */
  const reportsPosition = GECKO || positionsOnly;
  const listeners = new Set<(mediaTime: number) => void>();
  let presented: number | null = null;
  const timeline = createTimeline(TABLE_LIMIT);
  let lastFrameAt = 0;
  const meter = createRateMeter(video, timeline, positionsOnly);
  let rate: FrameRate | null = null;
  /** The file's frame table while the browser agrees with it. */
  let table: readonly number[] | null = null;
  let callbackId = 0;
  let disposed = false;
  /** Seeks this source made so far (a step, a check): the picture moved, and was announced. */
  let ownSeekCount = 0;
  let probing = false;
  /** The stand-in's estimate was checked against a frame's length measured on the picture. */
  let lengthChecked = false;
  /** Our seeks' `seeking` events, told from the page's (./own-seeks). */
  const ours = ownSeeks();
  /** Seeks this source did not start (the site's controls): a confirmation in flight gives way. */
  let otherSeeks = 0;
  /** `otherSeeks` when a frame was last presented: behind it, the page's last seek is not on screen yet. */
  let seeksSeen = 0;
  const abort = new AbortController();
  /** The check after a pause that the frame known is the frame on screen (./pause-check). */
  const check = createPauseCheck({
    video,
    shown: () => shownFrame(),
    rate: () => rate,
    seek: (time) => seek(time),
    otherSeeks: () => otherSeeks,
    ownSeeks: () => ownSeekCount,
    pageSeekShown: () => seeksSeen === otherSeeks,
    lastFrameAt: () => lastFrameAt,
    probing: () => probing,
    disposed: () => disposed,
  });
  /**
   * Where frame 0 starts, when not at 0 (a clip cut from a longer recording): the browser's
   * timeline starts at the first frame, so a seek before it lands there.
   */
  let origin: number | null = null;
  /** Neither played nor sought since it loaded: a position past 0 may be where the video starts. */
  let untouched = video.played.length === 0;
  const withOrigin = (found: FrameRate): FrameRate => (origin !== null && origin > 0 ? { ...found, origin } : found);
  const learnOrigin = (start: number) => {
    if (!(start > 0) || origin === start) return;
    origin = start;
    if (rate) rate = withOrigin(rate);
  };

  /** A report is the video's position, not a frame's own start (./position-reports). */
  const isPosition = positionReports(video, positionsOnly, abort.signal);
  /** Where a presented frame starts (null: a position whose frame's start is not known yet). */
  const frameTime = (mediaTime: number): number | null => (isPosition(mediaTime) ? frameStartAt(mediaTime, timeline, rate, table !== null) : mediaTime);
  /** `presented` is such a position: its frame's start is found once the rate or the table is known. */
  let positional = false;
  /**
   * The position `presented` was worked out from (by the rate's clock, the frames seen, or the
   * picture), when it was: no frame the browser announced. A rate kept from before can be wrong
   * (seeded at 25 for a 30 fps clip: frame 20's middle read as a frame at 0.68), and such a
   * start must not turn the file's own table away when it comes; the table finds the frame.
   */
  let workedOut: number | null = null;
  const shownFrame = (): number | null => {
    if (!positional || presented === null) return presented;
    const start = frameStartAt(presented, timeline, rate, table !== null);
    if (start !== null) return start;
    // A clock with frames missing or a wobble: the slot the position falls in. (Taken as a
    // start, a page's seek to a frame's middle made the next `.` land two frames on.)
    return rate && !rate.variable ? slotStart(presented, rate) : presented;
  };

  const seeks = createSeeks({
    video,
    callbacks,
    timeline,
    frameTime,
    shown: () => shownFrame(),
    positional: () => positional,
    rate: () => rate,
    otherSeeks: () => otherSeeks,
    aimed(target) {
      ownSeekCount++;
      ours.aimed(target);
    },
    startsAt: (start) => learnOrigin(start),
    found(time, isPosition) {
      presented = time;
      positional = isPosition;
      workedOut = isPosition ? null : video.currentTime;
    },
  });
  const seekOnce = seeks.once;

  const onFrame: FrameCallback = (now, meta) => {
    if (disposed) return;
    callbackId = callbacks.request(onFrame);
    // Gecko, as playback starts, can announce a frame well past the playback position (frame 18
    // with the video at 0.31 s, frame 24 at 0.53 s): it is not on screen. Taken as shown, the
    // check after the pause sought forward to it, and the rate was measured on it.
    if (GECKO && !video.paused && !video.seeking && meta.mediaTime - video.currentTime > AHEAD_S * Math.max(1, video.playbackRate)) return;
    const fromPosition = isPosition(meta.mediaTime);
    const start = fromPosition ? frameStartAt(meta.mediaTime, timeline, rate, table !== null) : meta.mediaTime;
    const media = start ?? meta.mediaTime;
    presented = media;
    positional = start === null;
    workedOut = fromPosition && start !== null ? meta.mediaTime : null;
    if (!video.seeking) seeksSeen = otherSeeks;
    // A frame before frame 0 says frame 0 was wrong.
    if (origin !== null && media < origin - 0.001) {
      origin = null;
      if (rate?.origin !== undefined) rate = { ...rate, origin: undefined };
    }
    if (table && !onTable(table, media)) {
      table = null;
      timeline.clear();
      rate = null;
    }
    // A position whose frame's start is not known yet is no frame time to keep.
    if (start !== null) timeline.add(media);
    lastFrameAt = performance.now();
    // The stand-in's positions are no frame's start: its rate comes from the decoded-frame count alone.
    if (positionsOnly ? meter.position(meta.mediaTime) : start !== null && meter.presented(media)) measure();
    for (const listener of listeners) listener(media);
  };
  callbackId = callbacks.request(onFrame);

  function measure(): void {
    if (table) return; // the file's own table knows better than any measurement
    const found = meter.measure(rate, lengthChecked);
    if (found !== rate) rate = found && withOrigin(found);
  }
  const breakSegment = () => {
    measure();
    meter.clear();
  };
  const reset = () => {
    presented = null;
    positional = false;
    workedOut = null;
    table = null;
    origin = null;
    untouched = true;
    lengthChecked = false;
    timeline.clear();
    meter.clear();
    rate = null;
  };
  const opts = { signal: abort.signal };
  video.addEventListener('seeking', breakSegment, opts);
  video.addEventListener(
    'seeking',
    () => {
      if (!ours.seeking(video.currentTime)) {
        otherSeeks++;
        untouched = false;
      }
    },
    opts,
  );
  video.addEventListener(
    'play',
    () => {
      check.played();
    },
    opts,
  );
  video.addEventListener('pause', breakSegment, opts);
  video.addEventListener('emptied', reset, opts);
  video.addEventListener('loadstart', reset, opts);
  video.addEventListener('play', () => void (untouched = false), opts);
  /**
   * A video that sits past 0 before anyone played or sought it either starts there or was put
   * there by the page (a link to a moment): a seek to 0 tells (the browser keeps the position
   * at the first frame), and goes back when it was the page.
   */
  const findStart = () => {
    const at = video.currentTime;
    // A seek under way is the page's (FrameCoach may come after the page acted): its frame is announced.
    if (!untouched || !video.paused || video.seeking || video.readyState < 2 || disposed) return;
    // At 0 and its frame announced: nothing to find. (Not announced: FrameCoach came after the
    // video showed it, and a paused video announces nothing; the seek to 0 makes it known.)
    if (!(at > 0) && presented !== null) return;
    untouched = false;
    // Steps wait for it (settle): a step meanwhile would be undone by the seek to 0.
    check.run(async () => {
      await seek(0);
      if (at > 0 && Math.abs(video.currentTime - at) > 1e-6 && video.paused) await seek(at);
    });
  };
  video.addEventListener('loadeddata', () => void findStart(), opts);

  /** A seek; where reports are positions over a clock without the file's table, the frame's start found by its picture. */
  function seek(time: number): Promise<number | null> {
    return reportsPosition && rate && !rate.variable && !table ? seeks.byPicture(time, rate) : seekOnce(time);
  }

  async function pause(): Promise<void> {
    if (!video.paused) video.pause();
    await check.settle();
    await caughtUp();
  }

  /**
   * A seek the page made (its seek bar) just before a step: the step must start from where
   * it went, not from the frame announced before it (seen: a `.` right after a seek to frame
   * 30 landed on frame 1). Waits, briefly, until that seek's frame is presented.
   */
  async function caughtUp(): Promise<void> {
    const until = performance.now() + CATCH_UP_MS;
    while ((video.seeking || seeksSeen !== otherSeeks) && performance.now() < until && !disposed) await wait(10);
    seeksSeen = otherSeeks; // a seek to the frame already shown presents nothing new
  }

  async function probe(): Promise<FrameRate | null> {
    const shown = shownFrame();
    // A position (Gecko, the rate unknown) is inside its frame already: back to it, not past it.
    const shownIsPosition = positional;
    const resumeAt = video.currentTime;
    probing = true;
    const probeSamples = await playToMeasure(video, { onFrame: source.onFrame, positionsOnly, stopped: () => check.framesStop(), measured: () => rate !== null });
    // The probe's own stretch was measured as it played (onFrame): that is the best it knows.
    // (The stand-in's reports are positions, no frame's start: its rate is the count's, above.)
    // Presented gaps alone, only where the browser counts no decoded frames: where it does and
    // the count said nothing, they would say 5 on a starved display showing every sixth frame.
    const found = rate ?? (positionsOnly || decodedFrames(video) !== null ? null : detectFrameRate(probeSamples));
    if (found && !rate) rate = withOrigin(found);
    if (rate?.estimated && !lengthChecked) {
      const checked = await byFrameLength(video, seekOnce, rate);
      // A measured length makes it the rate to keep for this visit (a new count no longer replaces it).
      if (checked) {
        lengthChecked = true;
        rate = withOrigin(checked);
      }
    }
    // Back to the frame that was on screen: its middle, or where the user left it.
    await seek(shown !== null && rate ? (shownIsPosition ? shown : shown + rate.minGap / 2) : resumeAt);
    // The seek above put a known frame on screen.
    probing = false;
    check.known();
    return rate;
  }

  void findStart();

  const source: VideoSource = {
    video,
    timeline,
    presented: shownFrame,
    pageSeeks: () => otherSeeks,
    seek,
    pause,
    settle: () => check.settle(),
    async sync() {
      if (presented !== null) return shownFrame();
      if (video.readyState < 2) return null;
      return seek(video.currentTime);
    },
    duration: () => video.duration,
    knownRate: () => rate,
    async rate() {
      return rate ?? probe();
    },
    assume(fps, clock) {
      if (rate || !(Number.isFinite(fps) && fps > 0)) return;
      // A first frame's time kept by Chromium is 0 on Gecko's timeline.
      const here = clock && STARTS_AT_FIRST_FRAME ? { ...clock, origin: 0 } : clock;
      if (origin === null && here) learnOrigin(here.origin);
      rate = withOrigin(storedRate(fps, here));
    },
    useTable(fileTimes) {
      const times = STARTS_AT_FIRST_FRAME && fileTimes[0]! > 0 ? fileTimes.map((t) => t - fileTimes[0]!) : fileTimes;
      const at = shownFrame();
      // A frame the browser announced at its own start that the table lacks: the table is not
      // this browser's timeline. (A start worked out from a position decides nothing.)
      if (times.length < 2 || times.length > TABLE_LIMIT || (at !== null && !positional && workedOut === null && !onTable(times, at))) return;
      const found = detectFrameRate(times);
      if (!found) return;
      table = times;
      // Every frame, and only those: starts worked out on another clock go.
      timeline.clear();
      for (const t of times) timeline.add(t);
      if (workedOut !== null) {
        presented = workedOut;
        positional = true;
        workedOut = null;
      }
      learnOrigin(times[0]!);
      rate = withOrigin({ ...found, samples: times.length, frames: times });
    },
    onFrame(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onChecking: (listener) => check.onChecking(listener),
    dispose() {
      disposed = true;
      abort.abort();
      callbacks.dispose();
      callbacks.cancel(callbackId);
      listeners.clear();
      check.dispose();
    },
  };
  return source;
}
