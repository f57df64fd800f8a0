/**
 * Standard frame clocks (23.976 … 240 fps) and which one timestamps sit on: under a phone's
 * jitter and dropped frames (`fitClock`), between the members of a family such as 29.97 and
 * 30 (`refineFamily`, `roundUnlessClear`), and how far off a clock they sit (`offClock`).
 * Used by the rate detection in rate.ts. Pure: no DOM.
 */
import type { FrameRate } from './rate';

/** Standard rates, as exact fractions (NTSC rates are n·1000/1001). */
export const STANDARD_RATES: readonly number[] = [
  24000 / 1001, 24, 25, 30000 / 1001, 30, 48, 50, 60000 / 1001, 60, 120, 240,
];

/** Nearest standard rate within `tolerance` (relative), or null. */
export function snapToStandard(fps: number, tolerance = 0.005): number | null {
  if (!Number.isFinite(fps) || fps <= 0) return null;
  let best: number | null = null;
  let bestError = Infinity;
  for (const rate of STANDARD_RATES) {
    const error = Math.abs(fps - rate) / rate;
    if (error <= tolerance && error < bestError) {
      best = rate;
      bestError = error;
    }
  }
  return best;
}

/**
 * Which of a family of standard rates (23.976/24, 29.97/30, 59.94/60) the frames sit on,
 * judged over every frame seen so far (seeks included: a clock's frames all lie on one grid).
 * One short play can't tell them apart (0.1 % is 0.03 frames over a second, under WebM's
 * 1 ms rounding); frames seen across the clip can. Keeps `rate` unless the other member fits
 * clearly better over at least two seconds.
 */
export function refineFamily(rate: FrameRate, all: readonly number[]): FrameRate {
  if (rate.variable || all.length < 12) return rate;
  const every = Math.ceil(all.length / 2000);
  const times = every > 1 ? all.filter((_, i) => i % every === 0) : all;
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 0;
  if (last - first < 2) return rate;
  const family = STANDARD_RATES.filter((f) => f !== rate.fps && Math.abs(f - rate.fps) / rate.fps < 0.005);
  const own = offClock(times, rate.fps);
  for (const fps of family) {
    if (offClock(times, fps) < own * CLEARLY_BETTER) return { ...rate, fps, minGap: 1 / fps };
  }
  return rate;
}

/** Another member of a family is taken when the timestamps sit this much closer to its clock. */
const CLEARLY_BETTER = 0.6;
/**
 * On wobbling timestamps, the NTSC member is taken when they sit this much closer to its clock
 * than to the round one's: over a short play they sit as close to either (ratio near 1), over
 * a few seconds an NTSC clock's drift from the round one shows (ratio near 0.6).
 */
const NTSC_BETTER = 0.8;
/** Timestamps this far off a clock, in frames (95th percentile), are jitter; beyond it, another clock or none. */
const CLOCK_JITTER = 0.2;
/** The share of timestamps that may sit further off (a stray frame, a seek's neighbour). */
const CLOCK_OUTLIERS = 0.05;
/** Seconds off the clock (95th percentile) beyond timestamp rounding (WebM: 0.5 ms): a wobbling clock. */
export const WOBBLE = 0.0015;

/** A clock may run at most this much faster than the frames seen (a low-light stretch at 20 of 30 fps). */
const MAX_MISSING = 1.6;

/** The finite samples that follow an earlier one (a seek back starts afresh). */
export function increasing(mediaTimes: readonly number[]): number[] {
  return mediaTimes.filter((t, i) => Number.isFinite(t) && (i === 0 || t > (mediaTimes[i - 1] ?? -Infinity)));
}

/**
 * A standard clock the frames sit on, within jitter, when their gaps alone look variable: the
 * lowest family of standard rates (23.976/24, 29.97/30, …) at least as fast as the frames
 * seen, on whose grid (phase fitted) 95 % of the timestamps sit within a fifth of a frame;
 * within the family, the rate of the least-squares fit of time against slot, the round one
 * (30 rather than 29.97) when the fit can't tell them apart. Gaps of two or more slots are
 * frames missing from the clock. Null when no clock fits (a real VFR clip).
 */
export function fitClock(mediaTimes: readonly number[], gaps: readonly number[]): FrameRate | null {
  const times = increasing(mediaTimes);
  if (times.length < 6) return null;
  const seen = gaps.length / gaps.reduce((sum, g) => sum + g, 0);
  let best: { fps: number; score: number } | null = null;
  for (const fps of STANDARD_RATES) {
    if (fps < seen * 0.98) continue;
    // A clock with most of its frames missing explains anything (120 fits 33 and 42 ms gaps).
    if (fps > seen * MAX_MISSING) break;
    // Same family as the best so far (within 0.5 %): the better fit; a faster family: stop.
    if (best && fps > best.fps * 1.005) break;
    const score = offClock(times, fps);
    if (score <= CLOCK_JITTER && (!best || score < best.score)) best = { fps, score };
  }
  if (!best) return null;
  const phase = clockPhase(times, best.fps);
  const slots = times.map((t) => Math.round(t * best.fps - phase));
  const fps = roundUnlessClear(times, snapToStandard(1 / slope(slots, times)) ?? best.fps);
  let dropped = false;
  for (let i = 1; i < slots.length; i++) if ((slots[i] ?? 0) - (slots[i - 1] ?? 0) >= 2) dropped = true;
  const jitter = best.score / best.fps;
  return { fps, minGap: 1 / fps, variable: false, samples: gaps.length, dropped: dropped || jitter > WOBBLE, jitter };
}

/** Where on a clock of `fps` frames start: the circular mean of their fractional slots, in (-½, ½]. */
function clockPhase(times: readonly number[], fps: number): number {
  let x = 0;
  let y = 0;
  for (const t of times) {
    const angle = 2 * Math.PI * (t * fps);
    x += Math.cos(angle);
    y += Math.sin(angle);
  }
  return Math.atan2(y, x) / (2 * Math.PI);
}

/** How far the timestamps sit off a clock of `fps` (its phase fitted), in frames: the 95th percentile. */
export function offClock(times: readonly number[], fps: number): number {
  const phase = clockPhase(times, fps);
  const off = times.map((t) => {
    const slot = t * fps - phase;
    return Math.abs(slot - Math.round(slot));
  });
  off.sort((a, b) => a - b);
  return off[Math.min(off.length - 1, Math.floor(off.length * (1 - CLOCK_OUTLIERS)))] ?? Infinity;
}

/** Least-squares slope of y against x. */
function slope(xs: readonly number[], ys: readonly number[]): number {
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  xs.forEach((x, i) => {
    sxy += (x - mx) * ((ys[i] ?? my) - my);
    sxx += (x - mx) ** 2;
  });
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * Within a family (29.97 or 30), on timestamps that wobble: the round rate unless the other
 * fits them clearly better. A phone's jitter over a short play hides the 0.1 % between them,
 * and phones record round rates; an NTSC clock shows itself over a longer stretch.
 */
export function roundUnlessClear(times: readonly number[], fps: number): number {
  const round = Math.round(fps);
  if (round === fps || !STANDARD_RATES.includes(round)) return fps;
  return offClock(times, fps) < offClock(times, round) * NTSC_BETTER ? fps : round;
}

export function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}
