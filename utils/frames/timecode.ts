/**
 * Frame indices and human-readable times on a constant-frame-rate grid starting at 0.
 *
 * Timecodes here are NOT SMPTE drop-frame: HH:MM:SS is the real media time (it agrees with
 * `formatClock`), and FF counts the frames whose start falls inside that second. At 29.97
 * fps a second holds 29 or 30 frame starts, so FF runs 0..29 and now and then skips 29;
 * the clock never drifts from media time. Pure: no DOM.
 */

/** Slack for timestamps stored a little early (WebM rounds to 1 ms), capped at ¼ frame. */
const EARLY_SLACK_SECONDS = 0.0015;
const MAX_SLACK_FRAMES = 0.25;
/** Float noise allowance, in frames, when splitting frame indices into seconds. */
const EPSILON_FRAMES = 1e-6;

const PLACEHOLDER_TIMECODE = '--:--:--';
const PLACEHOLDER_CLOCK = '-:--.---';

function validFps(fps: number | null): fps is number {
  return fps !== null && Number.isFinite(fps) && fps > 0;
}

/**
 * A frame clock: its rate, where frame 0 starts (a clip cut from a longer recording starts
 * later than 0), and how far timestamps may sit off it (a phone's wobble).
 */
export interface FrameClock {
  fps: number;
  /** Media time of frame 0; 0 when absent. */
  origin?: number;
  /** Seconds a frame's timestamp may be early or late; 0 when absent. */
  jitter?: number;
  /** No clock: numbers come from `frames`, every frame's time (the file's table), when known. */
  variable?: boolean;
  frames?: readonly number[];
}

/** Most slack a wobbling clock gets, in frames: a frame can't be shifted half a frame. */
const MAX_JITTER_FRAMES = 0.45;

/**
 * Index of the frame on screen at `mediaTime`: frame k covers [origin + k/fps, origin +
 * (k+1)/fps). A frame timestamp rounded up to 1.5 ms early (WebM, µs truncation), or early by
 * the clock's jitter, still maps to its own frame, and so does any time inside the frame (e.g.
 * `frameMidTime`). Invalid input → 0.
 */
export function frameIndexAt(mediaTime: number, clock: number | FrameClock): number {
  if (typeof clock !== 'number' && clock.variable && clock.frames) return tableIndexAt(mediaTime, clock.frames);
  const { fps, origin = 0, jitter = 0 } = typeof clock === 'number' ? { fps: clock } : clock;
  const time = mediaTime - (Number.isFinite(origin) ? origin : 0);
  if (!validFps(fps) || !Number.isFinite(time) || time <= 0) return 0;
  const slack = jitter > 0 ? Math.min((EARLY_SLACK_SECONDS + jitter) * fps, MAX_JITTER_FRAMES) : Math.min(EARLY_SLACK_SECONDS * fps, MAX_SLACK_FRAMES);
  return Math.floor(time * fps + slack);
}

/** Index of the last frame in a sorted table that starts at or before `mediaTime` (1.5 ms slack). */
export function tableIndexAt(mediaTime: number, frames: readonly number[]): number {
  let lo = 0;
  let hi = frames.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid]! <= mediaTime + EARLY_SLACK_SECONDS) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo - 1);
}

/** Middle of frame `index` (the seek target that shows exactly that frame). Invalid → 0. */
export function frameMidTime(index: number, fps: number): number {
  if (!validFps(fps) || !Number.isFinite(index)) return 0;
  return (Math.max(0, Math.floor(index)) + 0.5) / fps;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** 'MM:SS' under an hour, 'H:MM:SS' from one hour on. */
function hms(totalSeconds: number): string {
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const seconds = totalSeconds % 60;
  const mmss = `${pad(minutes, 2)}:${pad(seconds, 2)}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Splits a non-negative time into whole milliseconds, rounded. */
function splitMillis(seconds: number): { whole: number; millis: number } {
  const total = Math.round(seconds * 1000);
  return { whole: Math.floor(total / 1000), millis: total % 1000 };
}

/**
 * 'MM:SS:FF' (or 'H:MM:SS:FF' from 1 h) for the frame on screen at `mediaTime`. FF is
 * padded to the digits of ceil(fps) − 1, at least 2. Unknown fps (null, 0, NaN) →
 * 'MM:SS.mmm'. Negative → '-' prefix; NaN/Infinity → '--:--:--'.
 */
export function formatTimecode(mediaTime: number, fps: number | null): string {
  if (!Number.isFinite(mediaTime)) return PLACEHOLDER_TIMECODE;
  const sign = mediaTime < 0 ? '-' : '';
  const time = Math.abs(mediaTime);
  if (!validFps(fps)) {
    const { whole, millis } = splitMillis(time);
    return `${sign}${hms(whole)}.${pad(millis, 3)}`;
  }
  const nominal = Math.ceil(fps - EPSILON_FRAMES);
  const index = frameIndexAt(time, fps);
  const second = Math.floor((index + EPSILON_FRAMES) / fps);
  const firstInSecond = Math.ceil(second * fps - EPSILON_FRAMES);
  const frame = Math.min(Math.max(index - firstInSecond, 0), nominal - 1);
  const width = Math.max(2, String(Math.max(nominal - 1, 0)).length);
  return `${sign}${hms(second)}:${pad(frame, width)}`;
}

/** 'M:SS.mmm' (e.g. '0:12.417'), 'H:MM:SS.mmm' from 1 h; '-' prefix if negative. */
export function formatClock(seconds: number): string {
  if (!Number.isFinite(seconds)) return PLACEHOLDER_CLOCK;
  const sign = seconds < 0 ? '-' : '';
  const { whole, millis } = splitMillis(Math.abs(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor(whole / 60) % 60;
  const secs = `${pad(whole % 60, 2)}.${pad(millis, 3)}`;
  return hours > 0
    ? `${sign}${hours}:${pad(minutes, 2)}:${secs}`
    : `${sign}${minutes}:${secs}`;
}

/** '29.97', '23.976', '25', '59.94': up to 3 decimals, trailing zeros dropped. */
export function formatFps(fps: number): string {
  if (!validFps(fps)) return '--';
  return fps.toFixed(3).replace(/\.?0+$/, '');
}
