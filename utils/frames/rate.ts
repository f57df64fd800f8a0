/**
 * Frame-rate detection from requestVideoFrameCallback `mediaTime` samples.
 *
 * No browser API reports a video's frame rate, so we measure it: the gaps between the
 * timestamps of presented frames. Timestamps are imprecise (WebM rounds to 1 ms, a set
 * `currentTime` is truncated to µs) and playback drops frames, so the base gap is the
 * smallest well-populated cluster of gaps, refined by a least-squares fit over runs of
 * frames whose gaps are whole multiples of it. Which standard clock the timestamps sit on,
 * under a phone's jitter and dropped frames, is clock.ts's part. Pure: no DOM.
 */

import type { VideoClock } from '../model/types';
import { STANDARD_RATES, WOBBLE, fitClock, increasing, mean, offClock, roundUnlessClear, snapToStandard } from './clock';
import { decodedRate } from './decoded-count';
import { frameIndexAt, tableIndexAt } from './timecode';

export { STANDARD_RATES, refineFamily, snapToStandard } from './clock';
export { decodedCount, decodedRate, type DecodedCount } from './decoded-count';

export interface FrameRate {
  /** Nominal fps: the standard rate within 0.5 % if any, else the measured rate. */
  fps: number;
  /** Seconds: smallest real gap between consecutive frames (for CFR, 1 / fps). */
  minGap: number;
  /** Variable frame rate detected. */
  variable: boolean;
  /** How many gaps the estimate rests on (seeks and stalls excluded). */
  samples: number;
  /**
   * A constant rate with frames missing from its clock (a phone dropping frames in low light,
   * every fifth frame left out): frame numbers are slots on the clock, and a step of n frames
   * has to find n real ones.
   */
  dropped?: boolean;
  /** Seconds the timestamps sit off the clock at most (phones: a few ms); 0 or absent when exact. */
  jitter?: number;
  /** Media time of the first frame (frame 0), when known and not 0. */
  origin?: number;
  /** Every frame's time, sorted, when the file's own frame table was read: frame numbers are exact on any rate. */
  frames?: readonly number[];
  /**
   * Counted from decoded frames only, no frame's own time seen (a browser without frame
   * callbacks): the nearest usual rate, so frame numbers are estimates.
   */
  estimated?: boolean;
  /** The decoded-frame count an estimate was taken from (frames per second). */
  counted?: number;
  /** Seconds: one frame's length, measured on the picture, that an estimate was checked by. */
  frameLength?: number;
}

/** Frame numbers on this rate are exact: a clock, or the file's frame table. Else they are estimates. */
export const exactNumbers = (rate: FrameRate | null): rate is FrameRate => !!rate && (!!rate.frames || (!rate.variable && !rate.estimated));

/** The number of the frame at `time` where numbers are exact on this rate; null where they would be estimates, or no rate is known yet. */
export const frameAt = (time: number, rate: FrameRate | null): number | null => (exactNumbers(rate) ? frameIndexAt(time, rate) : null);

/** A time this far past the clock's start of its frame is a position inside it, not that frame's own (jittered) start. */
const INSIDE_S = 0.0015;

/**
 * The frame `time` shows and where it starts, on a rate whose numbers are exact (null: not
 * yet). A browser that reports only positions (Firefox after a seek, before the rate is known)
 * leaves a time inside a frame (its middle, where the page's seek put it); pinned to the frame,
 * it is that frame's start, as a browser that reports frames would have said (a stopwatch
 * marked at a frame's middle and at another's start read 183 ms, not 200). A frame's own start,
 * on a clock with jitter, stays as it is.
 */
export function pinToFrame(time: number, rate: FrameRate | null): { time: number; frame: number } | null {
  if (!exactNumbers(rate)) return null;
  const frame = frameIndexAt(time, rate);
  // The file's table has the frame's own start (on a clock with frames missing, numbers are
  // the clock's slots, not places in the table).
  if (rate.frames?.length) return { time: rate.frames[tableIndexAt(time, rate.frames)]!, frame };
  const start = (rate.origin ?? 0) + frame / rate.fps;
  return { time: time - start > Math.max(rate.jitter ?? 0, INSIDE_S) ? start : time, frame };
}

/**
 * What is worth keeping about a constant rate's clock beside the rate (a video's record), or
 * null on a variable rate or an estimate. Jitter is rounded up to a tenth of a millisecond, so a new
 * measurement of the same clock says the same.
 */
export function clockFacts(rate: FrameRate): VideoClock | null {
  if (rate.variable || rate.estimated) return null;
  return { origin: rate.origin ?? 0, dropped: !!rate.dropped, jitter: Math.ceil((rate.jitter ?? 0) * 1e4) / 1e4 };
}

/** The rate a video's record holds, with its clock, before anything is measured here. */
export function storedRate(fps: number, clock?: VideoClock): FrameRate {
  return {
    fps,
    minGap: 1 / fps,
    variable: false,
    samples: 0,
    ...(clock?.origin ? { origin: clock.origin } : {}),
    ...(clock?.dropped ? { dropped: true } : {}),
    ...(clock?.jitter ? { jitter: clock.jitter } : {}),
  };
}

/** Gaps longer than this many base gaps are seeks or stalls, not frames. */
const MAX_MULTIPLE = 6;
/** Off-grid gaps needed to call a clip variable: this share of gaps, and at least 2. */
const VFR_SHARE = 0.1;
const VFR_MIN_COUNT = 2;
/** The base cluster needs this share of gaps (and at least 2), so one stray gap is not it. */
const BASE_SHARE = 0.05;

/** How far a gap may sit from a multiple of `base` (or from a cluster's anchor). */
function tolerance(base: number): number {
  return 0.1 * base + 0.0015;
}

/** Gaps between strictly increasing, finite consecutive samples. */
function usableGaps(mediaTimes: readonly number[]): number[] {
  const gaps: number[] = [];
  for (let i = 1; i < mediaTimes.length; i++) {
    const gap = (mediaTimes[i] ?? NaN) - (mediaTimes[i - 1] ?? NaN);
    if (Number.isFinite(gap) && gap > 0) gaps.push(gap);
  }
  return gaps;
}

/** Clusters of sorted gaps: each holds values within tolerance of its smallest member. */
function clusters(sorted: readonly number[]): number[][] {
  const result: number[][] = [];
  let current: number[] = [];
  for (const gap of sorted) {
    const anchor = current[0];
    if (anchor !== undefined && gap - anchor > tolerance(anchor)) {
      result.push(current);
      current = [];
    }
    current.push(gap);
  }
  if (current.length > 0) result.push(current);
  return result;
}


/** Whole multiple of `base` that `gap` sits on, or 0 when it is off the grid. */
function multipleOf(gap: number, base: number): number {
  const k = Math.round(gap / base);
  return k >= 1 && Math.abs(gap - k * base) <= tolerance(base) ? k : 0;
}

/**
 * Fits the base gap by least squares over runs of on-grid samples (frame number from the
 * whole multiples, one intercept per run, one shared slope). Far less sensitive to 1 ms
 * timestamp rounding than the mean gap or span / frames.
 */
function fitBase(mediaTimes: readonly number[], base: number): number {
  let sxy = 0;
  let sxx = 0;
  let xs: number[] = [];
  let ys: number[] = [];
  const flush = () => {
    if (xs.length >= 2) {
      const mx = mean(xs);
      const my = mean(ys);
      xs.forEach((x, i) => {
        sxy += (x - mx) * ((ys[i] ?? my) - my);
        sxx += (x - mx) ** 2;
      });
    }
    xs = [];
    ys = [];
  };
  for (const t of mediaTimes) {
    const last = ys[ys.length - 1];
    if (!Number.isFinite(t)) {
      flush();
      continue;
    }
    if (last === t) continue; // duplicate sample
    const gap = last === undefined ? NaN : t - last;
    const k = gap > 0 && gap <= (MAX_MULTIPLE + 0.5) * base ? multipleOf(gap, base) : 0;
    if (k === 0) flush();
    xs.push((xs[xs.length - 1] ?? 0) + k);
    ys.push(t);
  }
  flush();
  return sxx > 0 ? sxy / sxx : base;
}

/** Decoded frames this far below a clock's rate: frames are missing from the file (phones: 0.8 of it). */
const MISSING_BY_COUNT = 0.9;
/** A presented rate this far below the decoded one is a display skipping frames, not the video's rate. */
const SKIPPED_BY_DISPLAY = 1.3;

/** High rates phones and action cameras film at (slow motion), besides the standard ones. */
const HIGH_RATES: readonly number[] = [100, 120, 200, 240, 480, 960];

/** A decoded-frame count this close (relative) to a usual rate is taken as that rate. */
const COUNT_NEAR = 0.08;
/** Media seconds of counting a rate from decoded frames alone rests on. */
const COUNT_MIN_SPAN = 0.8;

/**
 * The rate where decoded-frame counts are all there is (no presented frame's time: a browser
 * without frame callbacks): the nearest whole rate cameras film at, within COUNT_NEAR, else the
 * count itself. A count can't tell 29.97 from 30; phones film round rates. An estimate.
 */
export function countedRate(all: readonly { media: number; frames: number }[]): FrameRate | null {
  const counted = decodedRate(all, COUNT_MIN_SPAN);
  if (counted === null || !(counted > 0)) return null;
  const near = usualNear(counted)[0];
  const fps = near ?? Math.round(counted * 100) / 100;
  return { fps, minGap: 1 / fps, variable: false, samples: all.length, counted, estimated: true };
}

/** Whole rates cameras film at within `near` (relative) of a count, nearest first. */
function usualNear(counted: number, near = COUNT_NEAR): number[] {
  const off = (f: number) => Math.abs(f / counted - 1);
  return [...STANDARD_RATES.filter(Number.isInteger), ...HIGH_RATES].filter((f) => off(f) <= near).sort((a, b) => off(a) - off(b));
}

/** A frame's length measured from the picture (two changes of it while seeking) fits a rate this closely. */
const GAP_FIT = 0.025;
/**
 * How far off a count may be where a frame's length decides: a busy machine's count runs ahead
 * by more than COUNT_NEAR now and then (the decoder works in bursts), yet a length never confuses
 * rates a factor of 2 apart (a frame missing, a still scene: two frames' length).
 */
const COUNT_CHECKED = 0.15;

/**
 * A count over a second can't tell rates a few percent apart (24 from 25: a frame more or less
 * decoded). One frame's length, measured where the picture changes, can: of the usual rates the
 * count allows, the one that length fits best. Else (frames missing there, a still scene) the count's.
 */
export function pickByGap(estimate: FrameRate, gap: number): FrameRate {
  const misfit = (f: number) => Math.abs(f * gap - 1);
  const fits = usualNear(estimate.counted ?? estimate.fps, COUNT_CHECKED)
    .filter((f) => misfit(f) <= GAP_FIT)
    .sort((a, b) => misfit(a) - misfit(b))[0];
  return fits === undefined ? { ...estimate, frameLength: gap } : { ...estimate, fps: fits, minGap: 1 / fits, frameLength: gap };
}
/**
 * How far a decoded-frame count over a short stretch may be off, as factors. The decoder runs
 * ahead in bursts, so a count is mostly too high (+45 % over a third of a second of a 240 fps
 * clip was seen), rarely much too low. Where the grid leaves only rates a factor of 2 or more
 * apart to choose from (a rate and its multiples), the lowest one the count allows is right;
 * where it leaves closer ones (frames shown far apart), the count can't choose (combineRates).
 */
const COUNT_HIGH = 1.6;
const COUNT_LOW = 1.5;

/**
 * How far, on average, the presented frames sit off the grid of `fps` started by the first
 * one, in frames (0: every one on it; WebM's 1 ms rounding adds a little). Every multiple of a
 * rate fits as well as the rate itself: the decoded count tells those apart.
 */
function offGrid(mediaTimes: readonly number[], fps: number): number {
  const t0 = mediaTimes[0];
  if (t0 === undefined || mediaTimes.length < 2) return 0;
  let sum = 0;
  for (const t of mediaTimes) {
    const frames = (t - t0) * fps;
    sum += Math.abs(frames - Math.round(frames));
  }
  return sum / mediaTimes.length;
}
/** Off by less than this on average: on the grid. */
const ON_GRID = 0.12;

/** `f` is `base`'s rate or its family's other member (30 beside 29.97), or a whole multiple of it (59.94, 60, 120 for 29.97). */
function sameOrMultiple(f: number, base: number): boolean {
  const times = f / base;
  return Math.abs(times - Math.round(times)) <= 0.01;
}

/**
 * The rate to use, from presented-frame gaps and (when there is one) the decoded-frame rate.
 * When the presented frames are clearly fewer than the decoded ones (a display skipping frames
 * of a high-rate clip), the rate is the lowest standard one the decoded count allows on whose
 * grid the presented frames sit: the count says roughly how many, the presented timestamps say
 * exactly which grid; null when the grid of another rate the count allows fits as well (not
 * the family's other member, not a multiple). Otherwise the presented-gap rate (it also tells a
 * variable rate from dropped frames). With a `spread` (decodedCount's): null when another count
 * within it would say another rate.
 */
export function combineRates(presented: FrameRate | null, decoded: number | null, presentedTimes: readonly number[] = [], spread = 0): FrameRate | null {
  if (decoded === null || !Number.isFinite(decoded) || decoded <= 0) return presented;
  if (spread > 0) {
    // A count that could say another rate anywhere within its spread says nothing yet: a longer
    // stretch will (29.97 fps counted at 50 ± 15 after a stall read 59.94).
    const found = combineRates(presented, decoded, presentedTimes);
    const fps = (count: number) => combineRates(presented, count, presentedTimes)?.fps;
    return fps(Math.max(decoded - spread, 0)) === found?.fps && fps(decoded + spread) === found?.fps ? found : null;
  }
  if (presented && decoded < presented.fps * SKIPPED_BY_DISPLAY) {
    // Fewer frames decoded than the clock has slots: frames are missing from the file (a busy
    // display skipping frames makes presented gaps say the same of any clip: the count doesn't).
    // Either telling is enough: a count over a short stretch runs high, presented gaps see only some.
    return presented.variable || presented.dropped || decoded >= presented.fps * MISSING_BY_COUNT ? presented : { ...presented, dropped: true };
  }
  // Sorted, so a family's NTSC member (29.97) comes before its round one (30).
  const fits = [...STANDARD_RATES, ...HIGH_RATES]
    .filter((f) => f >= decoded / COUNT_HIGH && f <= decoded * COUNT_LOW && offGrid(presentedTimes, f) <= ON_GRID)
    .sort((a, b) => a - b);
  const lowest = fits[0];
  const samples = presented?.samples ?? 0;
  if (lowest === undefined) return { fps: decoded, minGap: 1 / decoded, variable: false, samples };
  // Frames presented far apart (a starved display showing every sixth of a 29.97 fps clip) sit on
  // the grids of rates closer than the count can tell (25 and 29.97): nothing is set yet.
  if (fits.some((f) => !sameOrMultiple(f, lowest))) return null;
  // The display skipped frames (high-rate clip, or a busy machine), so presented gaps can't say
  // which frames are missing from the file. Within the family the timestamps decide (exact ones
  // sit on the NTSC clock clearly better; a phone's wobble can't tell, and phones film round
  // rates); frames are missing when the decoder counts clearly fewer than the clock has, or
  // when the timestamps wobble off it (a phone drops frames where it likes).
  const times = increasing(presentedTimes);
  const fps = times.length >= 2 ? roundUnlessClear(times, lowest) : lowest;
  const jitter = times.length >= 2 ? offClock(times, fps) / fps : 0;
  const wobbles = jitter > WOBBLE;
  return {
    fps,
    minGap: 1 / fps,
    variable: false,
    samples,
    ...(wobbles || decoded < fps * MISSING_BY_COUNT ? { dropped: true } : {}),
    ...(wobbles ? { jitter } : {}),
  };
}

/** Presented gaps of two or more frames, as a share of all, that say frames are missing. */
const MISSING_SHARE = 0.1;
/**
 * Detects the frame rate from presented-frame timestamps in arrival order. Duplicates,
 * backward jumps (seek, loop), NaN and gaps over 6 frames (forward seek, stall) are
 * ignored; 2x–6x gaps count as dropped frames. Null when fewer than 3 gaps are usable.
 */
export function detectFrameRate(mediaTimes: readonly number[]): FrameRate | null {
  const all = usableGaps(mediaTimes);
  if (all.length < 3) return null;
  const groups = clusters([...all].sort((a, b) => a - b));
  const minSupport = Math.max(2, Math.ceil(BASE_SHARE * all.length));
  const baseGroup = groups.find((g) => g.length >= minSupport) ?? groups[0];
  if (baseGroup === undefined) return null;
  const rough = mean(baseGroup);
  const gaps = all.filter((gap) => gap <= (MAX_MULTIPLE + 0.5) * rough);
  if (gaps.length < 3) return null;
  const base = fitBase(mediaTimes, fitBase(mediaTimes, rough));

  const offGrid = gaps.filter((gap) => multipleOf(gap, base) === 0);
  const variable =
    offGrid.length >= VFR_MIN_COUNT && offGrid.length >= VFR_SHARE * gaps.length;
  const baseFps = 1 / base;
  const snappedBase = snapToStandard(baseFps);
  if (!variable) {
    const fps = snappedBase ?? baseFps;
    // Frames missing from the clock, as far as presented gaps tell (a busy display skipping
    // frames looks the same: then steps of many frames are only slower, never wrong).
    const skipped = gaps.filter((gap) => multipleOf(gap, base) >= 2).length;
    const found: FrameRate = { fps, minGap: 1 / fps, variable, samples: gaps.length, dropped: skipped >= Math.max(2, MISSING_SHARE * gaps.length) };
    // Timestamps that wobble off the clock are a phone's: it drops frames where it likes, so
    // frames may be missing where none was seen yet.
    const times = increasing(mediaTimes);
    if (offClock(times, fps) / fps <= WOBBLE) return found;
    const clock = roundUnlessClear(times, fps);
    return { ...found, fps: clock, minGap: 1 / clock, dropped: true, jitter: offClock(times, clock) / clock };
  }
  // Off a single gap's grid, but maybe on a standard clock with frames missing and timestamps
  // that wobble (a phone): the times, not the gaps, decide.
  const clock = fitClock(mediaTimes, gaps);
  if (clock) return clock;
  // VFR: mean rate over the gaps that are not dropped frames (on-grid multiples ≥ 2).
  const frameGaps = gaps.filter((gap) => multipleOf(gap, base) <= 1);
  const measured = 1 / mean(frameGaps);
  // The shortest frame may have been seen only once: the smallest gap is the safer step.
  const smallest = mean(groups[0] ?? [base]);
  const minGap = snappedBase !== null ? 1 / snappedBase : base;
  return {
    fps: snapToStandard(measured) ?? measured,
    minGap: smallest < minGap - tolerance(smallest) ? smallest : minGap,
    variable,
    samples: gaps.length,
  };
}
