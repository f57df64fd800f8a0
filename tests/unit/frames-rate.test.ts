import { prng } from '../shared/prng';
import { describe, expect, it } from 'vitest';
import { STANDARD_RATES, combineRates, decodedCount, decodedRate, detectFrameRate, refineFamily, snapToStandard } from '../../utils/frames/rate';

type Quantize = (t: number) => number;
const exact: Quantize = (t) => t;
const webm: Quantize = (t) => Math.round(t * 1000) / 1000;
const micro: Quantize = (t) => Math.floor(t * 1e6) / 1e6;
const mp4: Quantize = (t) => Math.round(t * 90000) / 90000;

/** Presented-frame times for frame indices on a CFR grid. */
function cfr(fps: number, indices: readonly number[], quantize: Quantize): number[] {
  return indices.map((k) => quantize(k / fps));
}

/** Timestamps whose gaps repeat `gaps`, quantized. */
function pattern(gaps: readonly number[], count: number, quantize: Quantize): number[] {
  const times = [0];
  let t = 0;
  for (let i = 0; i < count; i++) {
    t += gaps[i % gaps.length] ?? 0;
    times.push(quantize(t));
  }
  return times;
}

function range(from: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => from + i);
}

/** Six seconds of frames: enough for 1 ms timestamps to tell 29.97 from 30. */
function sixSeconds(fps: number): number[] {
  return range(0, Math.ceil(6 * fps));
}

const label = (fps: number) => fps.toFixed(3);
const rates = STANDARD_RATES.map((fps) => [label(fps), fps] as const);

function expectCfr(times: readonly number[], fps: number) {
  const rate = detectFrameRate(times);
  expect(rate).not.toBeNull();
  expect(rate?.fps).toBe(fps);
  expect(rate?.minGap).toBeCloseTo(1 / fps, 12);
  expect(rate?.variable).toBe(false);
}

describe('snapToStandard', () => {
  it.each([
    [29.97, 30000 / 1001],
    [29.9, 30000 / 1001],
    [23.98, 24000 / 1001],
    [24.1, 24],
    [59.95, 60000 / 1001],
    [60.2, 60],
    [119.5, 120],
    [25, 25],
  ])('%s → %s', (fps, expected) => {
    expect(snapToStandard(fps)).toBe(expected);
  });

  it.each([[29.5], [27], [40], [15], [0], [-30], [NaN], [Infinity], [-Infinity]])(
    '%s → null',
    (fps) => {
      expect(snapToStandard(fps)).toBeNull();
    },
  );

  it('takes a tolerance', () => {
    expect(snapToStandard(28.6, 0.05)).toBe(30000 / 1001);
    expect(snapToStandard(28.6)).toBeNull();
  });
});

describe('detectFrameRate: constant frame rate', () => {
  it.each(rates)('%s fps, exact timestamps', (_, fps) => {
    expectCfr(cfr(fps, sixSeconds(fps), exact), fps);
  });

  it.each(rates)('%s fps, WebM 1 ms timestamps', (_, fps) => {
    expectCfr(cfr(fps, sixSeconds(fps), webm), fps);
  });

  it.each(rates)('%s fps, WebM 1 ms timestamps starting at 1 h', (_, fps) => {
    expectCfr(cfr(fps, range(Math.round(3600 * fps), Math.ceil(6 * fps)), webm), fps);
  });

  it.each(rates)('%s fps, one second of WebM timestamps at any offset', (_, fps) => {
    for (let start = 0; start < 2000; start += 37) {
      expectCfr(cfr(fps, range(start, Math.ceil(fps) + 1), webm), fps);
    }
  });

  it.each(rates)('%s fps, µs-truncated timestamps', (_, fps) => {
    expectCfr(cfr(fps, sixSeconds(fps), micro), fps);
  });

  it.each(rates)('%s fps, MP4 90 kHz timestamps', (_, fps) => {
    expectCfr(cfr(fps, sixSeconds(fps), mp4), fps);
  });

  it.each(rates)('%s fps, dropped frames (1, 2 and 3 in a row)', (_, fps) => {
    const dropped = new Set([7, 20, 21, 40, 41, 42, 77, 90]);
    const indices = sixSeconds(fps).filter((k) => !dropped.has(k));
    expectCfr(cfr(fps, indices, webm), fps);
  });

  it.each(rates)('%s fps, every other frame dropped for a while', (_, fps) => {
    const indices = sixSeconds(fps).filter((k) => k < 30 || k > 80 || k % 2 === 0);
    expectCfr(cfr(fps, indices, webm), fps);
  });

  it.each(rates)('%s fps, forward seek in the middle', (_, fps) => {
    const half = Math.ceil(3 * fps);
    expectCfr(cfr(fps, [...range(0, half), ...range(10 * half, half)], webm), fps);
  });

  it.each(rates)('%s fps, backward seek (loop) in the middle', (_, fps) => {
    const half = Math.ceil(3 * fps);
    expectCfr(cfr(fps, [...range(5 * half, half), ...range(0, half)], webm), fps);
  });

  it.each(rates)('%s fps, duplicate samples', (_, fps) => {
    const indices = sixSeconds(fps).flatMap((k) => (k % 3 === 0 ? [k, k, k] : [k]));
    expectCfr(cfr(fps, indices, webm), fps);
  });

  it('reports a non-standard rate as measured', () => {
    const rate = detectFrameRate(cfr(40, range(0, 100), exact));
    expect(rate?.fps).toBeCloseTo(40, 9);
    expect(rate?.minGap).toBeCloseTo(0.025, 12);
    expect(rate?.variable).toBe(false);
  });

  it('counts the gaps it used, without seeks and duplicates', () => {
    const times = cfr(25, [0, 1, 2, 2, 3, 4, 500, 501, 502], exact);
    expect(detectFrameRate(times)).toEqual({ fps: 25, minGap: 0.04, variable: false, samples: 6, dropped: false });
  });

  it('works from the minimum of 3 gaps', () => {
    expect(detectFrameRate([0, 0.04, 0.08, 0.12])?.fps).toBe(25);
  });

  it('ignores NaN and Infinity samples', () => {
    const times = [0, 0.04, NaN, 0.08, 0.12, Infinity, 0.16, 0.2, -Infinity, 0.24, 0.28];
    expect(detectFrameRate(times)?.fps).toBe(25);
  });
});

describe('detectFrameRate: variable frame rate', () => {
  /** Times from a repeating gap pattern, in seconds. */

  it.each([
    ['33.3/33.3/41.7/41.7/25/50 ms, 90 kHz', [1 / 30, 1 / 30, 1 / 24, 1 / 24, 1 / 40, 1 / 20], mp4, 0.025, 5 / 0.175],
    ['33.3/33.3/41.7/41.7/25/50 ms, 1 ms', [1 / 30, 1 / 30, 1 / 24, 1 / 24, 1 / 40, 1 / 20], webm, 0.025, 5 / 0.175],
    ['33.3/33.3/41.7/41.7/25/50 ms, exact', [1 / 30, 1 / 30, 1 / 24, 1 / 24, 1 / 40, 1 / 20], exact, 0.025, 5 / 0.175],
    ['30 fps, then 24 (low light)', [...Array<number>(20).fill(1 / 30), ...Array<number>(20).fill(1 / 24)], mp4, 1 / 30, 40 / (20 / 30 + 20 / 24)],
    ['33.3/50 ms, 1 ms', [1 / 30, 1 / 30, 1 / 20], webm, 1 / 30, 3 / (2 / 30 + 1 / 20)],
    ['16.7/40 ms, 90 kHz', [1 / 60, 1 / 25], mp4, 1 / 60, 1 / (1 / 120 + 1 / 50)],
  ])('%s', (_, gaps, quantize, minGap, fps) => {
    const rate = detectFrameRate(pattern(gaps, 120, quantize));
    expect(rate?.variable).toBe(true);
    expect(rate?.minGap).toBeCloseTo(minGap, 3);
    expect(rate?.fps).toBeCloseTo(fps, 1);
  });

  it('snaps the smallest gap when it is a standard frame duration', () => {
    const rate = detectFrameRate(pattern([1001 / 60000, 0.04], 120, mp4));
    expect(rate?.minGap).toBe(1001 / 60000);
  });

  it('still reports VFR with dropped frames mixed in', () => {
    const times = pattern([1 / 30, 1 / 30, 1 / 24, 1 / 24, 1 / 40, 1 / 20], 120, webm).filter((_, i) => i % 11 !== 5);
    const rate = detectFrameRate(times);
    expect(rate?.variable).toBe(true);
    expect(rate?.minGap).toBeCloseTo(0.025, 3);
  });
});

describe('detectFrameRate: a clock with frames missing and timestamps that wobble', () => {
  /** Frames on slots of an `fps` clock, each `jitter(slot)` seconds off it. */
  const onClock = (fps: number, slots: number[], jitter: (slot: number) => number = () => 0) =>
    slots.map((k) => (k === 0 ? 0 : k / fps + jitter(k)));
  /** ±4 ms, a fixed pseudo-random pattern (as the phone clip's). */
  const wobble = (k: number) => (((k * k * 7 + k * 3) % 9) - 4) / 1000;

  it('a 25/33.3/41.7 ms cycle sits within 4.2 ms of a 30 fps clock: 30 fps, wobbling (frames may go missing)', () => {
    const rate = detectFrameRate(pattern([1 / 40, 1 / 30, 1 / 24], 120, mp4));
    expect(rate).toMatchObject({ fps: 30, variable: false, dropped: true });
    expect(rate!.jitter!).toBeGreaterThan(0.003);
    expect(rate!.jitter!).toBeLessThan(0.0065);
  });

  it('a phone: 30 fps, ±4 ms, a 20 fps stretch and single frames missing', () => {
    const slots = range(0, 120).filter((k) => !((k >= 36 && k <= 71 && k % 3 === 2) || (k * 7 + 3) % 23 === 0));
    const rate = detectFrameRate(onClock(30, slots, wobble));
    expect(rate).toMatchObject({ fps: 30, variable: false, dropped: true });
    expect(rate!.minGap).toBeCloseTo(1 / 30, 9);
    expect(rate!.jitter!).toBeLessThanOrEqual(0.005);
  });

  it('29.97 and 30 are told apart through the jitter', () => {
    const slots = range(0, 200).filter((k) => k % 7 !== 3);
    expect(detectFrameRate(onClock(30000 / 1001, slots, wobble))?.fps).toBe(30000 / 1001);
    expect(detectFrameRate(onClock(30, slots, wobble))?.fps).toBe(30);
  });

  it('a short play of a phone clock reads as 30, never 29.97, when the jitter hides the difference (a busy machine skipping frames too)', () => {
    const random = prng(42);
    const read: number[] = [];
    for (let trial = 0; trial < 300; trial++) {
      const from = Math.floor(random() * 60);
      // 0.9 s of play; a busy machine presents only some of the frames.
      const slots = range(from, 27).filter(() => random() > 0.25);
      const times = onClock(30, slots, () => (random() - 0.5) * 0.008);
      const rate = detectFrameRate(times);
      if (rate) read.push(rate.fps);
    }
    expect(read.length).toBeGreaterThan(250);
    // Never the NTSC member; the rest of the misses are 20 frames too noisy to call a clock (read as VFR).
    expect(read).not.toContain(30000 / 1001);
    expect(read.filter((fps) => fps === 30).length / read.length).toBeGreaterThan(0.9);
  });

  it('60 fps with every fifth frame missing: 60, frames missing', () => {
    const rate = detectFrameRate(onClock(60, range(0, 240).filter((k) => k % 5 !== 4), (k) => (k % 2 ? 0.0005 : 0)));
    expect(rate).toMatchObject({ fps: 60, variable: false, dropped: true });
    expect(rate!.jitter ?? 0).toBeLessThan(0.0015);
  });

  it('a clock with most frames missing is not taken (120 fits 33 and 42 ms gaps)', () => {
    expect(detectFrameRate(pattern([1 / 30, 1 / 24], 120, mp4))?.variable).toBe(true);
  });

  it('exact timestamps on a clock, nothing missing: no frames missing, no wobble', () => {
    const rate = detectFrameRate(cfr(30, range(0, 90), webm));
    expect(rate).toMatchObject({ fps: 30, dropped: false });
    expect(rate!.jitter).toBeUndefined();
  });

  it('one odd gap is not VFR', () => {
    const times = cfr(30, range(0, 60), exact);
    times.push(times[times.length - 1]! + 0.05);
    expect(detectFrameRate(times)?.variable).toBe(false);
  });
});

describe('detectFrameRate: junk', () => {
  it.each([
    ['empty', []],
    ['one sample', [1]],
    ['two gaps', [0, 0.04, 0.08]],
    ['all NaN', [NaN, NaN, NaN, NaN, NaN]],
    ['all Infinity', [Infinity, Infinity, Infinity, Infinity]],
    ['all equal', [1, 1, 1, 1, 1, 1]],
    ['decreasing', [5, 4, 3, 2, 1, 0]],
    ['NaN breaks pairs', [0, 0.04, NaN, 0.08, 0.12]],
    ['mixed junk', [NaN, -Infinity, 3, 3, 2, NaN, Infinity, 1]],
  ] as const)('%s → null', (_, times) => {
    expect(detectFrameRate(times)).toBeNull();
  });

  it('accepts negative times', () => {
    expect(detectFrameRate([-0.12, -0.08, -0.04, 0, 0.04])?.fps).toBe(25);
  });
});

describe('decoded-frame counts (a display that skips frames of a high-rate clip)', () => {
  /** Pairs as sampled on presented frames: a 60 Hz display shows every n-th frame; the decoder counts them all (a few ahead). */
  const pairs = (fps: number, seconds: number, every: number, ahead = 3) =>
    Array.from({ length: Math.floor((seconds * fps) / every) }, (_, i) => ({ media: (i * every) / fps, frames: 10 + i * every + ahead + (i % 2) }));

  it.each([
    [120, 2],
    [240, 4],
  ])('%d fps presented every %d-th frame reads %d from the decoded counts', (fps, every) => {
    const presented = detectFrameRate(pairs(fps, 1, every).map((p) => p.media));
    expect(presented?.fps).toBeCloseTo(fps / every, 3); // what the gaps alone say
    const combined = combineRates(presented, decodedRate(pairs(fps, 1, every)), pairs(fps, 1, every).map((p) => p.media));
    expect(combined).toMatchObject({ fps, variable: false });
    expect(combined?.minGap).toBeCloseTo(1 / fps, 9);
  });

  it('keeps the presented rate when decoded and presented agree (60 fps on a 60 Hz display), and on a variable rate', () => {
    const sixty = detectFrameRate(pairs(60, 1, 1).map((p) => p.media));
    expect(combineRates(sixty, 59.8)).toBe(sixty);
    const vfr = { fps: 48, minGap: 1 / 60, variable: true, samples: 40 };
    expect(combineRates(vfr, 47.97)).toBe(vfr);
  });

  it('needs a long enough stretch', () => {
    expect(decodedRate(pairs(240, 0.2, 4))).toBeNull();
    expect(decodedRate([])).toBeNull();
  });

  it.each([
    [120, 2],
    [240, 4],
  ])('a steady count over half a second is clear: %d fps presented every %d-th frame still reads it', (fps, every) => {
    const sampled = pairs(fps, 0.5, every);
    const count = decodedCount(sampled)!;
    expect(count.spread).toBeLessThan(fps * 0.1);
    const times = sampled.map((p) => p.media);
    expect(combineRates(detectFrameRate(times), count.rate, times, count.spread)).toMatchObject({ fps });
  });
});

describe('a count the decoder swung within its stretch decides nothing', () => {
  // Recorded in Chromium on the 29.97 fps clip, three browsers playing at once: playback stalled
  // six frames as it started, then the decoder caught up at once (media time, frames decoded).
  const stalled = [[0.0334, 5], [0.2336, 9], [0.2669, 13], [0.3003, 15], [0.3337, 16], [0.367, 17], [0.4004, 18]].map(([media, frames]) => ({ media: media!, frames: frames! }));
  const times = stalled.map((p) => p.media);

  it('the count alone read 59.94 with frames missing; with its spread it reads nothing', () => {
    const count = decodedCount(stalled)!;
    expect(count.rate).toBeGreaterThan(45);
    expect(combineRates(detectFrameRate(times), count.rate, times)?.fps).toBeCloseTo(60000 / 1001, 6);
    expect(combineRates(detectFrameRate(times), count.rate, times, count.spread)).toBeNull();
  });

  it('the same clip playing steadily reads 29.97 (the count in step with the frames)', () => {
    const steady = Array.from({ length: 12 }, (_, k) => ({ media: (k + 1) * (1001 / 30000), frames: 5 + k }));
    const count = decodedCount(steady)!;
    const shown = steady.map((p) => p.media);
    expect(combineRates(detectFrameRate(shown), count.rate, shown, count.spread)?.fps).toBeCloseTo(30000 / 1001, 6);
  });

  it('a jump in one reading is doubt however the readings fall (the count alone read 59.94 on these)', () => {
    const ntsc = 30000 / 1001;
    for (const slots of [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12], [2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]) {
      const counted = slots.map((k, i) => ({ media: k / ntsc, frames: 4 + k + (i >= 5 ? 10 : 0) }));
      const shown = counted.map((p) => p.media);
      const count = decodedCount(counted)!;
      expect(combineRates(detectFrameRate(shown), count.rate, shown)?.fps, slots.join()).toBeCloseTo(2 * ntsc, 6);
      expect(combineRates(detectFrameRate(shown), count.rate, shown, count.spread), slots.join()).toBeNull();
    }
  });

  it('a count near the presented rate, a little unsure, still keeps it (only another rate within the spread is doubt)', () => {
    const shown = Array.from({ length: 12 }, (_, k) => k / 30);
    expect(combineRates(detectFrameRate(shown), 32, shown, 8)?.fps).toBe(30);
    expect(combineRates(detectFrameRate(shown), 50, shown, 15)).toBeNull();
  });
});

describe('the grid the presented frames sit on settles a rough decoded count', () => {
  // 240 fps on a 60 Hz display that beats against it: gaps of 3, 4 and 5 frames.
  const times = [0, 4, 7, 11, 15, 20, 24, 28, 31, 35, 39, 44, 48, 52, 55, 59].map((k) => k / 240);
  it.each([218, 240, 262])('a decoded count of %d reads 240', (count) => {
    expect(combineRates(detectFrameRate(times), count, times)?.fps).toBe(240);
  });
  it('120 fps shown every other frame: a count of 128 reads 120', () => {
    const every2 = Array.from({ length: 30 }, (_, i) => (2 * i) / 120);
    expect(combineRates(detectFrameRate(every2), 128, every2)?.fps).toBe(120);
  });
});

// A copy of the suite beside another: the display, starved, showed a 29.97 fps clip's frames
// six apart (0.2 s): those sit on 25's grid too (every fifth), and the lowest rate the count
// allowed, 25, was set and kept on the video. Where grids of rates the count can't tell apart
// both fit, nothing is set; a longer stretch (a frame one apart) decides.
describe('frames shown far apart fit more than one rate: nothing is set', () => {
  const ntsc = 30000 / 1001;
  const shownEvery = (fps: number, every: number, n = 10) => Array.from({ length: n }, (_, i) => (10 + i * every) / fps);
  it.each([
    ['29.97', ntsc, 6, 30, '25 (every fifth)'],
    ['29.97', ntsc, 5, 30, '23.976 (every fourth)'],
    ['29.97', ntsc, 6, 36, '25, the count running high'],
    ['25', 25, 5, 25, '29.97 (every sixth)'],
    ['120', 120, 6, 120, '100 (every fifth)'],
  ])('%s fps shown every %d frames, counted at %d: fits %s as well', (_name, fps, every, count) => {
    const shown = shownEvery(fps, every);
    expect(combineRates(detectFrameRate(shown), count, shown)).toBeNull();
  });
  it('one frame shown beside the next settles it: 29.97', () => {
    const shown = [...shownEvery(ntsc, 6), (10 + 9 * 6 + 1) / ntsc, (10 + 9 * 6 + 2) / ntsc];
    expect(combineRates(detectFrameRate(shown), 30, shown)?.fps).toBeCloseTo(ntsc, 6);
  });
  it('frames seven apart fit no lower rate: 29.97', () => {
    const shown = shownEvery(ntsc, 7);
    expect(combineRates(detectFrameRate(shown), 30, shown)?.fps).toBeCloseTo(ntsc, 6);
  });
});

describe('between two rates near the count, the grid decides', () => {
  const times = [0, 4, 7, 11, 15, 20, 24, 28, 31, 35, 39, 44, 48, 52, 55, 59].map((k) => k / 240);
  it('a 240 fps clip counted at 272 (nearer 300) reads 240: 300’s grid misses most frames', () => {
    expect(combineRates(detectFrameRate(times), 272, times)?.fps).toBe(240);
  });
  it('the same with WebM’s 1 ms timestamps', () => {
    const rounded = times.map((t) => Math.round(t * 1000) / 1000);
    expect(combineRates(detectFrameRate(rounded), 255, rounded)?.fps).toBe(240);
  });
});

describe('a rough count, far off, still finds the grid', () => {
  it.each([
    [240, 304],
    [240, 360], // a burst of decoding at the start of a short play
    [240, 190],
    [120, 165],
  ])('%d fps counted at %d', (fps, count) => {
    const every = fps / 60;
    const times = Array.from({ length: 30 }, (_, i) => Math.round(i * every + (fps === 240 ? (i % 3) - 1 : 0)) / fps);
    expect(combineRates(detectFrameRate(times), count, times)?.fps).toBe(fps);
  });
});

describe('a busy machine shows every other frame: the count and the timestamps still tell the clock', () => {
  /** Media times of `slots` on a clock of `fps`, `jitter` seconds off at most (a fixed pseudo-random pattern). */
  const onClock = (fps: number, slots: readonly number[], jitter = 0) =>
    slots.map((k, i) => k / fps + (jitter ? jitter * Math.sin(i * 2.39996) : 0));
  const everyOther = (times: readonly number[]) => times.filter((_, i) => i % 2 === 0);
  const seconds = (fps: number, s: number) => Array.from({ length: Math.round(fps * s) }, (_, k) => k);

  it.each([
    [30000 / 1001, 1.04],
    [30, 1.04],
    [60000 / 1001, 0.98],
    [60, 1.1],
    [25, 1.02],
  ])('exact %d fps, a count %d× the rate: that rate, no frames missing', (fps, over) => {
    const shown = everyOther(onClock(fps, seconds(fps, 0.9)));
    const found = combineRates(detectFrameRate(shown), fps * over, shown);
    expect(found).toMatchObject({ fps, variable: false });
    expect(found?.dropped).toBeFalsy();
  });

  it('WebM’s 1 ms timestamps on 30 fps are rounding, not a wobbling clock', () => {
    const shown = everyOther(onClock(30, seconds(30, 0.9)).map((t) => Math.round(t * 1000) / 1000));
    const found = combineRates(detectFrameRate(shown), 31, shown);
    expect(found).toMatchObject({ fps: 30 });
    expect(found?.dropped).toBeFalsy();
  });

  it('60 fps with every fifth frame left out: the count (48 a second) says frames are missing', () => {
    const slots = seconds(60, 0.9).filter((k) => k % 5 !== 4);
    const shown = everyOther(onClock(60, slots));
    expect(combineRates(detectFrameRate(shown), 48.5, shown)).toMatchObject({ fps: 60, dropped: true });
  });

  it('a phone’s 30 fps, 4 ms of jitter and a few frames left out: 30 (not 29.97), frames missing, the jitter kept', () => {
    const slots = seconds(30, 0.9).filter((k) => k !== 7 && k !== 19);
    const shown = everyOther(onClock(30, slots, 0.004));
    const found = combineRates(detectFrameRate(shown), 28.5, shown);
    expect(found).toMatchObject({ fps: 30, dropped: true });
    expect(found?.jitter).toBeGreaterThan(0.002);
  });
});

describe('refineFamily: 29.97 or 30 from every frame seen', () => {
  const webmTimes = (fps: number, from: number, count: number, offset = 0) =>
    Array.from({ length: count }, (_, i) => Math.round((offset + (from + i) / fps) * 1000) / 1000);
  /** Frames seen in short plays here and there over three seconds (seeks between them). */
  const plays = (fps: number, offset = 0) =>
    [0.17, 1, 1.73, 2.33].flatMap((at) => webmTimes(fps, Math.round(at * fps), 8, offset)).sort((a, b) => a - b);

  it.each([
    [30, 30000 / 1001],
    [30000 / 1001, 30],
    [24, 24000 / 1001],
    [60, 60000 / 1001],
  ])('frames on %f, taken for its neighbour: put right', (truth, wrong) => {
    const times = plays(truth, 0.41);
    const refined = refineFamily({ fps: wrong, minGap: 1 / wrong, variable: false, samples: 8 }, times);
    expect(refined.fps).toBe(truth);
    expect(refined.minGap).toBe(1 / truth);
  });

  it('kept when already right, when the frames span under two seconds, and on a variable rate', () => {
    const right = { fps: 30, minGap: 1 / 30, variable: false, samples: 8 };
    expect(refineFamily(right, plays(30))).toBe(right);
    const wrong = { fps: 30000 / 1001, minGap: 1001 / 30000, variable: false, samples: 8 };
    expect(refineFamily(wrong, webmTimes(30, 0, 40))).toBe(wrong);
    const vfr = { ...wrong, variable: true };
    expect(refineFamily(vfr, plays(30))).toBe(vfr);
  });
});
