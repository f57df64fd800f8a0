import { combineRates, countedRate, decodedCount, detectFrameRate, refineFamily, type FrameRate } from '../frames/rate';
import type { Timeline } from '../frames/timeline';
import { TEST_HOOKS } from '../dom/test-hooks';
import { wait } from './wait';

/**
 * The rate measured while a video plays (for ./video-source): the gaps between presented
 * frames and the decoder's count of frames over the same stretch, or the count alone where
 * reports are positions (no rVFC). A seek or a pause ends a stretch (`clear`).
 */
export interface RateMeter {
  /** A frame presented during playback, at its start: true when there is enough to measure again. */
  presented(media: number): boolean;
  /** The stand-in's position during playback (no frame's start): true as above. */
  position(position: number): boolean;
  /**
   * What the stretch says, given the rate `known` so far: `known` itself when it has nothing
   * better. `lengthChecked`: the stand-in's estimate was checked on the picture and stays.
   */
  measure(known: FrameRate | null, lengthChecked: boolean): FrameRate | null;
  clear(): void;
}

const MAX_SAMPLES = 240;
const PROBE_FRAMES = 12;
const PROBE_MS = 1500;
/** Media seconds the probe plays at least, for decoded-frame counts (a 240 fps clip: ~120 frames). */
const PROBE_SPAN = 0.5;
/** Without frame callbacks the count alone gives the rate: media seconds the probe plays then. */
const COUNT_SPAN = 1.2;
/** How far ahead of playback the decoder runs (0.09 s measured on a 240 fps clip), with room. */
const DECODER_AHEAD_S = 0.2;

/** Frames decoded so far (shown or skipped by the display), where the browser counts them. */
export function decodedFrames(video: HTMLVideoElement): number | null {
  const quality = (video as Partial<Pick<HTMLVideoElement, 'getVideoPlaybackQuality'>>).getVideoPlaybackQuality?.();
  return quality && Number.isFinite(quality.totalVideoFrames) ? quality.totalVideoFrames : null;
}

/**
 * Test builds: on a page marked so, the decoder's count runs 10 frames ahead from the sixth
 * reading of a stretch on (a decoder starved as playback starts on a busy machine, catching up
 * at once). 0 elsewhere.
 */
function testBurst(video: HTMLVideoElement, readings: number): number {
  return TEST_HOOKS && readings >= 5 && video.ownerDocument.documentElement.hasAttribute('data-fc-test-count-burst') ? 10 : 0;
}

/**
 * Test builds: on a page marked so, the meter sees only every sixth frame presented during
 * playback (a display starved on a busy machine). False elsewhere.
 */
function testSparse(video: HTMLVideoElement, seen: number): boolean {
  return TEST_HOOKS && seen % 6 !== 0 && video.ownerDocument.documentElement.hasAttribute('data-fc-test-sparse-frames');
}

export function createRateMeter(video: HTMLVideoElement, timeline: Timeline, positionsOnly: boolean): RateMeter {
  let segment: number[] = [];
  /** Frames presented in this stretch (the test build's sparse display counts them). */
  let seen = 0;
  /** Decoded-frame counts against media time over the same stretch of playback. */
  let decoded: { media: number; frames: number }[] = [];
  // Above 1x a 60 Hz screen skips frames: those gaps would understate the rate.
  const playingPlainly = () => !video.paused && !video.seeking && video.playbackRate <= 1;
  const count = (media: number) => {
    const frames = decodedFrames(video);
    // The decoder finishes before playback does: near the end its count stands still.
    if (frames === null || video.duration - media < DECODER_AHEAD_S) return false;
    decoded.push({ media, frames: frames + testBurst(video, decoded.length) });
    if (decoded.length > MAX_SAMPLES) decoded = decoded.slice(-MAX_SAMPLES);
    return true;
  };

  return {
    presented(media) {
      if (!playingPlainly() || testSparse(video, seen++)) return false;
      segment.push(media);
      count(media);
      if (segment.length > MAX_SAMPLES) segment = segment.slice(-MAX_SAMPLES);
      return segment.length >= 8 && segment.length % 8 === 0;
    },
    position(position) {
      return playingPlainly() && count(position) && decoded.length % 8 === 0;
    },
    measure(known, lengthChecked) {
      if (positionsOnly) {
        const counted = countedRate(decoded);
        // A count over a longer stretch replaces a shorter one's; a measured rate stays (assume).
        return counted && !lengthChecked && (!known || (known.estimated && counted.samples >= known.samples)) ? counted : known;
      }
      const shown = detectFrameRate(segment);
      const counted = decodedCount(decoded);
      // A count whose spread allows another rate sets nothing either (a longer stretch will).
      const found = combineRates(shown, counted?.rate ?? null, segment, counted?.spread);
      if (!found) return known;
      // Where the browser counts decoded frames, a stretch too short to count them sets nothing:
      // presented gaps alone say 60 on a 120 fps clip, or 30 on a 60 fps one when the machine is busy.
      if (counted === null && decodedFrames(video) !== null) return known;
      // The decoded-frame count overruled the presented gaps (a display skipping frames).
      const byCount = found !== shown;
      // A longer run of evidence replaces a shorter one; a new source starts afresh.
      const next = !known || byCount || found.samples >= known.samples || found.variable !== known.variable ? found : known;
      // 29.97 or 30 (and the like): every frame seen so far decides, where one play can't.
      return refineFamily(next, timeline.all());
    },
    clear() {
      segment = [];
      decoded = [];
      seen = 0;
    },
  };
}

/**
 * The probe: plays the video muted at 1x (from a second before the end, if nearer it than
 * that) until enough frames were presented, over enough media time for the decoded-frame count
 * to tell a high rate the display skips from the rate it shows, then pauses and waits for
 * frames in flight (`stopped`). The frames presented meanwhile; none if playback was refused.
 * Sound and speed are put back.
 */
export async function playToMeasure(
  video: HTMLVideoElement,
  how: {
    onFrame(listener: (media: number) => void): () => void;
    positionsOnly: boolean;
    stopped(): Promise<void>;
    /** The rate is known (the stretch gave one): the probe may stop. */
    measured?(): boolean;
  },
): Promise<number[]> {
  const muted = video.muted;
  const speed = video.playbackRate;
  const duration = video.duration;
  if (Number.isFinite(duration) && duration - video.currentTime < 0.8) video.currentTime = Math.max(0, duration - 1);
  const samples: number[] = [];
  const off = how.onFrame((t) => samples.push(t));
  try {
    video.muted = true;
    // Above 1x a 60 Hz screen skips frames, and the gaps would halve the rate.
    if (speed > 1) video.playbackRate = 1;
    await video.play();
    // Test builds: a page marked so has playback start a second late (a busy machine's).
    if (TEST_HOOKS && video.ownerDocument.documentElement.hasAttribute('data-fc-test-play-late')) {
      video.pause();
      setTimeout(() => void video.play().catch(() => undefined), 1000);
    }
    const start = performance.now();
    const startMedia = video.currentTime;
    const span = how.positionsOnly ? COUNT_SPAN : PROBE_SPAN;
    const enough = () => samples.length >= PROBE_FRAMES && (decodedFrames(video) === null || video.currentTime - startMedia >= span) && (how.measured?.() ?? true);
    // The probe's time runs from when playback moves, and until the count gives a rate (a copy
    // beside another: playback was slow to start, the probe stopped short of the span, and the
    // first `.` said the rate was unknown; or the decoder, starved as playback started, caught up
    // at once and its count allowed two rates).
    let moving: number | null = null;
    const limit = PROBE_MS + span * 1000;
    while (!enough() && performance.now() - (moving ?? start) < limit) {
      await wait(20);
      if (moving === null && video.currentTime > startMedia) moving = performance.now();
    }
    video.pause();
    await how.stopped();
  } catch {
    // Playback refused: no measurement, the caller says so.
  } finally {
    off();
    video.muted = muted;
    video.playbackRate = speed;
  }
  return samples;
}
