/**
 * Reads the frame index that the barcoded test clips (tests/fixtures/clips, made by
 * scripts/make-clips.sh) draw along their top edge, from the frame a <video> shows now.
 *
 * The in-page functions below are serialized by Playwright (`fn.toString()`) and run in the
 * page through CDP, so they must be self-contained: no imports, no closures, no helpers.
 * They run in any frame and on videos inside open shadow roots (pass an ElementHandle, or a
 * selector: Playwright's CSS engine pierces open shadow roots).
 */
import type { ElementHandle, Frame, JSHandle, Page } from 'playwright-core';
import clipsDoc from '../fixtures/clips/clips.json';
import { isFirefox } from './browser';

export interface BarcodeLayout {
  /** Number of boxes (bits), LSB first, box 0 leftmost. */
  bits: number;
  /** Left edge of box 0, intrinsic video pixels. */
  x0: number;
  /** Distance between the left edges of consecutive boxes. */
  pitch: number;
  boxWidth: number;
  /** Top edge of the boxes. */
  y: number;
  height: number;
}

export interface ClipInfo {
  file: string;
  codec: 'h264' | 'vp9';
  /** Nominal frame rate, null for the variable-frame-rate clip. */
  fps: number | null;
  /** The exact rate as "num/den", null when variable. */
  rate: string | null;
  variable: boolean;
  frames: number;
  width: number;
  height: number;
  durationSec: number;
  /** VFR only: the repeating cycle of frame durations. */
  frameDurationsMs?: number[];
  /** Time of the first frame (0 unless the clip was cut from a longer recording). */
  startSec: number;
  /** VFR and clips with dropped frames: the start (presentation) time of every frame, seconds. */
  frameTimes?: number[];
  /** A clock (fps) with frames missing: each frame's slot on it, which its barcode shows. */
  dropped?: boolean;
  /** How far (ms) timestamps sit off the clock, on a clip with dropped frames. */
  jitterMs?: number;
  /** With `dropped`: the number (barcode) of every frame, in order. */
  frameNumbers?: number[];
}

export const BARCODE: BarcodeLayout = clipsDoc.barcode;
/** Every committed clip: the e2e suite holds each to 100 % exact steps (99 % on VFR), the bench measures them. */
export const CLIPS: ClipInfo[] = clipsDoc.clips as ClipInfo[];

/** A committed clip by its file name. */
export function clipByFile(file: string): ClipInfo {
  const clip = CLIPS.find((c) => c.file === file);
  if (!clip) throw new Error(`No clip ${file} in clips.json`);
  return clip;
}

/**
 * Where the media element's clock starts: Chromium's currentTime is the file's own timestamp (a
 * clip whose first frame is at 0.41 s shows it at 0.41); Firefox's starts at the first frame.
 */
function timelineOrigin(clip: ClipInfo): number {
  return isFirefox ? clip.startSec : 0;
}

/** Start time (s) of the clip's k-th frame on the video element's clock (k counts the frames in the file, from 0). */
export function frameStart(clip: ClipInfo, k: number): number {
  if (clip.frameTimes) return clip.frameTimes[k]! - timelineOrigin(clip);
  return clip.startSec + k / clip.fps! - timelineOrigin(clip);
}

/** The number (barcode) of the clip's k-th frame: k, or its slot on the clock when frames were dropped. */
export function numberOf(clip: ClipInfo, k: number): number {
  return clip.frameNumbers ? clip.frameNumbers[k]! : k;
}

/** The number (barcode) of the frame on screen at media time `t` (a presented frame's start, give or take 0.6 ms). */
export function numberAtTime(clip: ClipInfo, t: number): number {
  let k = 0;
  while (k + 1 < clip.frames && frameStart(clip, k + 1) <= t + 0.0006) k++;
  return numberOf(clip, k);
}

/**
 * The number (barcode) of the frame `delta` frames from the one numbered `n`: n + delta, or on a
 * clip with dropped frames the one that many frames on in the file (dropped slots are no frames).
 * NaN past either end, or when no frame is numbered `n`.
 */
export function stepNumber(clip: ClipInfo, n: number, delta: number): number {
  if (!clip.frameNumbers) return n + delta >= 0 && n + delta < clip.frames ? n + delta : NaN;
  const k = clip.frameNumbers.indexOf(n);
  return k < 0 ? NaN : (clip.frameNumbers[k + delta] ?? NaN);
}

/** Middle (s) of frame k: the time to seek to when frame k must be shown. */
export function frameMiddle(clip: ClipInfo, k: number): number {
  const start = frameStart(clip, k);
  const end = k + 1 < clip.frames ? frameStart(clip, k + 1) : clip.durationSec - timelineOrigin(clip);
  return (start + end) / 2;
}

/**
 * Runs IN THE PAGE. Draws the video's current frame at its intrinsic size into a canvas and
 * decodes the barcode. Returns the frame index, or -1 when there is no frame or a box is
 * neither clearly dark nor clearly light. Throws if the canvas is tainted (cross-origin).
 */
export function readBarcodeInPage(video: HTMLVideoElement, layout: BarcodeLayout): number {
  if (!video || video.readyState < 2 || !video.videoWidth || !video.videoHeight) return -1;
  const w = video.videoWidth;
  const h = layout.y + layout.height + 2;
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) return -1;
  // Only the top rows matter: copy them 1:1 from the intrinsic frame.
  ctx.drawImage(video, 0, 0, w, h, 0, 0, w, h);
  const data = ctx.getImageData(0, 0, w, h).data;
  const cy = layout.y + Math.floor(layout.height / 2);
  let n = 0;
  for (let i = 0; i < layout.bits; i++) {
    const cx = layout.x0 + i * layout.pitch + Math.floor(layout.boxWidth / 2);
    // Mean luma of a 3x3 patch around the box centre.
    let sum = 0;
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        const o = ((cy + dy) * w + (cx + dx)) * 4;
        sum += 0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!;
      }
    }
    const luma = sum / 9;
    if (luma > 72 && luma < 184) return -1;
    if (luma >= 128) n |= 1 << i;
  }
  return n;
}

/** The in-page reader as source text, e.g. for `new Function` or an injected script. */
export const readBarcodeSource: string = readBarcodeInPage.toString();

type Target = Page | Frame | ElementHandle | JSHandle<HTMLVideoElement>;

function isHandle(t: Target): t is ElementHandle | JSHandle<HTMLVideoElement> {
  return typeof (t as ElementHandle).asElement === 'function';
}

/**
 * Reads the barcode of the frame shown by a video.
 * @param target a Page or Frame (the video is found with `selector`, which pierces open
 *   shadow roots), or an ElementHandle of the <video> itself.
 * @param selector CSS selector used with a Page or Frame; default `video`.
 * @returns the frame index, or -1 when unreadable (no frame yet, ambiguous pixels).
 */
export async function readBarcode(target: Target, selector = 'video'): Promise<number> {
  const handle = isHandle(target) ? target : await target.waitForSelector(selector, { state: 'attached' });
  if (!handle) throw new Error(`readBarcode: no element for ${selector}`);
  try {
    return await (handle as JSHandle<HTMLVideoElement>).evaluate(readBarcodeInPage, BARCODE);
  } finally {
    if (handle !== target) await handle.dispose();
  }
}

export interface SeekResult {
  /** Barcode of the frame shown after the seek (-1 if unreadable). */
  index: number;
  /** rVFC metadata.mediaTime of the presented frame, null if rVFC did not fire in time. */
  mediaTime: number | null;
  /** video.currentTime after the seek. */
  currentTime: number;
  /** Whether rVFC fired (false: timed out, e.g. the seek kept the same frame on screen). */
  presented: boolean;
}

/**
 * Runs IN THE PAGE. Sets currentTime, waits for `seeked` and for the next
 * requestVideoFrameCallback (bounded by timeoutMs: rVFC only fires when a new frame is
 * presented), then returns the rVFC mediaTime.
 */
export function seekInPage(
  video: HTMLVideoElement,
  args: { time: number; timeoutMs: number },
): Promise<{ mediaTime: number | null; currentTime: number; presented: boolean }> {
  // No named inner functions here: tools that add `__name(...)` wrappers (esbuild's
  // keepNames, used by tsx) would make the serialized function fail in the page.
  return new Promise((resolve) => {
    const s = { mediaTime: null as number | null, presented: false, seeked: false, done: false, timer: 0 };
    video.requestVideoFrameCallback((_now, meta) => {
      s.mediaTime = meta.mediaTime;
      s.presented = true;
      if (s.seeked && !s.done) {
        s.done = true;
        clearTimeout(s.timer);
        resolve({ mediaTime: s.mediaTime, currentTime: video.currentTime, presented: true });
      }
    });
    // A `seeked` while a seek is still under way ends an earlier one (FrameCoach's check after a
    // pause, interrupted by this seek), and the picture is not this seek's yet. (Suspected in a
    // Firefox run where a seek to frame 40 read 13, the frame FrameCoach was checking.)
    // (An inline listener, left in place: it does nothing once this seek is done.)
    video.addEventListener('seeked', () => {
      if (s.done || s.seeked || video.seeking) return;
      s.seeked = true;
      if (s.presented) {
        s.done = true;
        clearTimeout(s.timer);
        resolve({ mediaTime: s.mediaTime, currentTime: video.currentTime, presented: true });
      }
    });
    s.timer = window.setTimeout(() => {
      if (s.done) return;
      s.done = true;
      resolve({ mediaTime: s.mediaTime, currentTime: video.currentTime, presented: s.presented });
    }, args.timeoutMs);
    video.currentTime = args.time;
  });
}

/**
 * Seeks a (paused) video to `time`, waits until the frame is presented (rVFC, with a
 * timeout) and reads the barcode.
 */
export async function seekAndRead(
  target: Target,
  time: number,
  opts: { selector?: string; timeoutMs?: number } = {},
): Promise<SeekResult> {
  const selector = opts.selector ?? 'video';
  const handle = isHandle(target) ? target : await target.waitForSelector(selector, { state: 'attached' });
  if (!handle) throw new Error(`seekAndRead: no element for ${selector}`);
  try {
    const video = handle as JSHandle<HTMLVideoElement>;
    const r = await video.evaluate(seekInPage, { time, timeoutMs: opts.timeoutMs ?? 1500 });
    const index = await video.evaluate(readBarcodeInPage, BARCODE);
    return { index, ...r };
  } finally {
    if (handle !== target) await handle.dispose();
  }
}
