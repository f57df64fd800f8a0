import { combineRates, countedRate, decodedRate, detectFrameRate, pickByGap, refineFamily, storedRate, type FrameRate } from '../frames/rate';
import type { VideoClock } from '../model/types';
import type { FrameSource } from '../frames/stepper';
import { pictureCheck } from '../dom/frame-grab';
import { createPauseCheck } from './pause-check';
import { wait } from './wait';
import { createTimeline, type Timeline } from '../frames/timeline';
import { frameStartAt, onTable, slotStart } from '../frames/frame-start';
import { frameCallbacks, type FrameCallback } from './frame-callbacks';
import { pictureChange } from './picture-change';

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

const SEEK_TIMEOUT_MS = 1500;
/** Frames a table may give (longer files step without one). */
const TABLE_LIMIT = 200_000;
/** How long a step waits for the frame of a seek the page just made. */
const CATCH_UP_MS = 500;
const MAX_SAMPLES = 240;
const PROBE_FRAMES = 12;
const PROBE_MS = 1500;
/** Media seconds the probe plays at least, for decoded-frame counts (a 240 fps clip: ~120 frames). */
const PROBE_SPAN = 0.5;
/** Without frame callbacks the count alone gives the rate: media seconds the probe plays then. */
const COUNT_SPAN = 1.2;
/** How far ahead of playback the decoder runs (0.09 s measured on a 240 fps clip), with room. */
const DECODER_AHEAD_S = 0.2;

/** Firefox's engine, whose media timeline differs from Chromium's in two ways (below). */
const GECKO = typeof navigator !== 'undefined' && /\bGecko\/\d/.test(navigator.userAgent);
/**
 * Gecko, after a seek, reports the time sought to as the frame's media time: its decoder moves
 * the frame's start to the seek target (MediaDecoderStateMachine, DropVideoUpToSeekTarget);
 * Chromium reports the frame's own start. Seen here: 1.285 and 1.3 for a frame at 1.28.
 */
const REPORTS_POSITION = GECKO;
/**
 * Gecko's timeline starts at the file's first frame: a clip whose first frame is at 0.41 s
 * shows it at 0 (Chromium at 0.41). The file's own times are moved to match.
 */
const STARTS_AT_FIRST_FRAME = GECKO;

/** Frames decoded so far (shown or skipped by the display), where the browser counts them. */
function decodedFrames(video: HTMLVideoElement): number | null {
  const quality = (video as Partial<Pick<HTMLVideoElement, 'getVideoPlaybackQuality'>>).getVideoPlaybackQuality?.();
  return quality && Number.isFinite(quality.totalVideoFrames) ? quality.totalVideoFrames : null;
}

export function createVideoSource(video: HTMLVideoElement): VideoSource {
  const rv = video;
  const callbacks = frameCallbacks(video);
  /** Reports are positions, never a frame's start: the stand-in for rVFC. */
  const positionsOnly = !callbacks.native;
  /** Reports after a seek or a pause may be a position (Gecko) or always are (the stand-in). */
  const reportsPosition = REPORTS_POSITION || positionsOnly;
  const listeners = new Set<(mediaTime: number) => void>();
  let presented: number | null = null;
  const timeline = createTimeline(TABLE_LIMIT);
  let lastFrameAt = 0;
  let segment: number[] = [];
  /** Decoded-frame counts against media time over the same stretch of playback. */
  let decoded: { media: number; frames: number }[] = [];
  let rate: FrameRate | null = null;
  /** The file's frame table while the browser agrees with it. */
  let table: readonly number[] | null = null;
  let callbackId = 0;
  let disposed = false;
  /** Seeks this source made so far (a step, a check): the picture moved, and was announced. */
  let ownSeeks = 0;
  let probing = false;
  /** The stand-in's estimate was checked against a frame's length measured on the picture. */
  let lengthChecked = false;
  /**
   * Seeks this source did not start (the site's controls): a confirmation in flight gives way.
   * `seeking` is fired from a task after `currentTime` is set, so a seek is told ours by its
   * target, not by a flag around the assignment.
   */
  let ownTarget: number | null = null;
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
    ownSeeks: () => ownSeeks,
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

  /**
   * Gecko: where the video last stood still (a seek's target, a pause). The first frame played
   * from there is announced at that position, not at the frame's start (before the `play`
   * event): taken as a frame time it read as a frame off the file's table (which was then
   * dropped) and as a rate with frames missing.
   */
  let restedAt: number | null = null;
  /** Where a presented frame starts (null: a position whose frame's start is not known yet). */
  const frameTime = (mediaTime: number): number | null => {
    if (positionsOnly) return frameStartAt(mediaTime, timeline, rate, table !== null);
    if (!REPORTS_POSITION) return mediaTime;
    const position = video.paused ? video.currentTime : restedAt;
    return position !== null && Math.abs(mediaTime - position) <= 1e-6 ? frameStartAt(mediaTime, timeline, rate, table !== null) : mediaTime;
  };
  /** `presented` is such a position: its frame's start is found once the rate or the table is known. */
  let positional = false;
  const shownFrame = (): number | null => {
    if (!positional || presented === null) return presented;
    const start = frameStartAt(presented, timeline, rate, table !== null);
    if (start !== null) return start;
    // A clock with frames missing or a wobble: the slot the position falls in. (Taken as a
    // start, a page's seek to a frame's middle made the next `.` land two frames on.)
    return rate && !rate.variable ? slotStart(presented, rate) : presented;
  };

  const onFrame: FrameCallback = (now, meta) => {
    if (disposed) return;
    callbackId = callbacks.request(onFrame);
    const start = frameTime(meta.mediaTime);
    const media = start ?? meta.mediaTime;
    presented = media;
    positional = start === null;
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
    // Above 1x a 60 Hz screen skips frames: those gaps would understate the rate.
    if (positionsOnly) countDecoded(meta.mediaTime);
    else if (!rv.paused && !rv.seeking && rv.playbackRate <= 1 && start !== null) {
      segment.push(media);
      const frames = decodedFrames(rv);
      // The decoder finishes before playback does: near the end its count stands still.
      if (frames !== null && !(rv.duration - media < DECODER_AHEAD_S)) decoded.push({ media, frames });
      if (segment.length > MAX_SAMPLES) segment = segment.slice(-MAX_SAMPLES);
      if (decoded.length > MAX_SAMPLES) decoded = decoded.slice(-MAX_SAMPLES);
      if (segment.length >= 8 && segment.length % 8 === 0) measure();
    }
    for (const listener of listeners) listener(media);
  };
  callbackId = callbacks.request(onFrame);

  /**
   * The stand-in's positions during playback: no frame's start, so the rate comes from the
   * decoded-frame count alone, over a longer stretch, as an estimate.
   */
  function countDecoded(position: number): void {
    const frames = decodedFrames(rv);
    if (rv.paused || rv.seeking || rv.playbackRate > 1 || frames === null || rv.duration - position < DECODER_AHEAD_S) return;
    decoded.push({ media: position, frames });
    if (decoded.length > MAX_SAMPLES) decoded = decoded.slice(-MAX_SAMPLES);
    if (decoded.length % 8 === 0) measure();
  }

  function measure(): void {
    if (table) return; // the file's own table knows better than any measurement
    if (positionsOnly) {
      const counted = countedRate(decoded);
      // A count over a longer stretch replaces a shorter one's; a measured rate stays (assume).
      if (counted && !lengthChecked && (!rate || (rate.estimated && counted.samples >= rate.samples))) rate = withOrigin(counted);
      return;
    }
    const shown = detectFrameRate(segment);
    const counted = decodedRate(decoded);
    const found = combineRates(shown, counted, segment);
    if (!found) return;
    // The decoded-frame count overruled the presented gaps (a display skipping frames).
    const byCount = found !== shown;
    // Where the browser counts decoded frames, a stretch too short to count them sets nothing:
    // presented gaps alone say 60 on a 120 fps clip, or 30 on a 60 fps one when the machine is busy.
    if (counted === null && decodedFrames(rv) !== null) return;
    // A longer run of evidence replaces a shorter one; a new source starts afresh.
    if (!rate || byCount || found.samples >= rate.samples || found.variable !== rate.variable) rate = withOrigin(found);
    // 29.97 or 30 (and the like): every frame seen so far decides, where one play can't.
    const family = refineFamily(rate, timeline.all());
    if (family !== rate) rate = withOrigin(family);
  }
  const breakSegment = () => {
    measure();
    segment = [];
    decoded = [];
  };
  const reset = () => {
    presented = null;
    positional = false;
    table = null;
    origin = null;
    untouched = true;
    lengthChecked = false;
    timeline.clear();
    segment = [];
    decoded = [];
    rate = null;
  };
  const opts = { signal: abort.signal };
  video.addEventListener('seeking', breakSegment, opts);
  video.addEventListener(
    'seeking',
    () => {
      if (ownTarget !== null && Math.abs(video.currentTime - ownTarget) < 1e-6) ownTarget = null;
      else {
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
  if (reportsPosition) for (const type of ['seeked', 'pause']) video.addEventListener(type, () => void (restedAt = video.currentTime), opts);
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

  /** A seek; on Gecko over a clock without the file's table, the frame's start found by its picture. */
  function seek(time: number): Promise<number | null> {
    return reportsPosition && rate && !rate.variable && !table ? seekByPicture(time, rate) : seekOnce(time);
  }

  /**
   * Gecko reports a seek's target, not the frame's start, and on a clock with frames missing no
   * time says which frame that is (a slot with no frame shows the one before). The picture
   * does: unchanged, the frame shown before; changed, the frame that starts in the target's
   * slot, or where slots before it are empty, in an earlier one (looked at going back).
   * Frames that look exactly alike read as one frame.
   */
  async function seekByPicture(time: number, clock: FrameRate): Promise<number | null> {
    const before = shownFrame();
    const beforePositional = positional;
    const was = pictureCheck(video);
    const seeks = otherSeeks;
    const shown = await seekOnce(time);
    const changed = was?.changed() ?? null;
    // The page sought meanwhile: the picture is its seek's (announced as such), not this one's.
    if (seeks !== otherSeeks || video.seeking) return shown;
    if (shown === null || !positional || changed === null || rate !== clock) return shown;
    const known = (start: number, isPosition = false) => {
      presented = start;
      positional = isPosition;
      if (!isPosition && !clock.jitter) timeline.add(start);
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
        await seekOnce(start - gap / 2);
        // The page sought meanwhile: its seek wins.
        if (seeks !== otherSeeks || video.seeking) return shown;
        if (here.changed() !== false) break;
        start -= gap;
        back++;
      }
      // The last look went one slot too far: back into the frame's own.
      if (here?.changed() !== false) await seekOnce(start + gap / 2);
    }
    return known(start);
  }

  async function seekOnce(time: number): Promise<number | null> {
    ownSeeks++;
    return new Promise((resolve) => {
      let settled = false;
      let seeked = false;
      const before = shownFrame();
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
        const media = frameTime(meta.mediaTime) ?? meta.mediaTime;
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
        if (time === 0 && video.paused && video.currentTime > 0) learnOrigin(video.currentTime);
        if (shown !== null) finish(shown);
        else seekedTimer = setTimeout(() => finish(shownFrame() ?? before), 250);
      };
      const timer = setTimeout(() => finish(shownFrame() ?? before), SEEK_TIMEOUT_MS);
      video.addEventListener('seeked', onSeeked);
      video.currentTime = time;
      ownTarget = video.currentTime;
    });
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

  /**
   * The count's estimate checked against one frame's length: where the picture changes, found by
   * halving the distance between seeks (about 20, while the probe has the video), twice in a row.
   */
  async function byFrameLength(estimate: FrameRate): Promise<FrameRate> {
    const span = 1.5 / estimate.fps;
    const from = video.currentTime;
    if (!(video.duration - from > 3 * span)) return estimate;
    const end = await pictureChange(video, seekOnce, from, span);
    const next = end === null ? null : await pictureChange(video, seekOnce, end, span);
    if (end === null || next === null) return estimate;
    // A measured length makes it the rate to keep for this visit (a new count no longer replaces it).
    lengthChecked = true;
    return pickByGap(estimate, next - end);
  }

  async function probe(): Promise<FrameRate | null> {
    const shown = shownFrame();
    // A position (Gecko, the rate unknown) is inside its frame already: back to it, not past it.
    const shownIsPosition = positional;
    const resumeAt = video.currentTime;
    const muted = video.muted;
    const speed = video.playbackRate;
    const duration = video.duration;
    if (Number.isFinite(duration) && duration - resumeAt < 0.8) video.currentTime = Math.max(0, duration - 1);
    const probeSamples: number[] = [];
    const off = source.onFrame((t) => probeSamples.push(t));
    probing = true;
    try {
      video.muted = true;
      // Above 1x a 60 Hz screen skips frames, and the gaps would halve the rate.
      if (speed > 1) video.playbackRate = 1;
      await video.play();
      const start = performance.now();
      // Enough presented frames, and long enough (in media time) for the decoded-frame count to
      // tell a high rate the display skips from the rate it shows.
      const startMedia = video.currentTime;
      const span = positionsOnly ? COUNT_SPAN : PROBE_SPAN;
      const enough = () => probeSamples.length >= PROBE_FRAMES && (decodedFrames(video) === null || video.currentTime - startMedia >= span);
      while (!enough() && performance.now() - start < PROBE_MS) await wait(20);
      video.pause();
      await check.framesStop();
    } catch {
      // Playback refused: no measurement, the caller says so.
    } finally {
      off();
      video.muted = muted;
      video.playbackRate = speed;
    }
    // The probe's own stretch was measured as it played (onFrame): that is the best it knows.
    // (The stand-in's reports are positions, no frame's start: its rate is the count's, above.)
    const found = rate ?? (positionsOnly ? null : detectFrameRate(probeSamples));
    if (found && !rate) rate = withOrigin(found);
    if (rate?.estimated && !lengthChecked) rate = withOrigin(await byFrameLength(rate));
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
      if (times.length < 2 || times.length > TABLE_LIMIT || (at !== null && !positional && !onTable(times, at))) return;
      const found = detectFrameRate(times);
      if (!found) return;
      table = times;
      for (const t of times) timeline.add(t);
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
