import { describe, expect, it } from 'vitest';
import {
  formatClock,
  formatFps,
  formatTimecode,
  frameIndexAt,
  frameMidTime,
} from '../../utils/frames/timecode';

const NTSC24 = 24000 / 1001;
const NTSC30 = 30000 / 1001;
const NTSC60 = 60000 / 1001;
const RATES = [NTSC24, 24, 25, NTSC30, 30, 48, 50, NTSC60, 60, 120];

const webm = (t: number) => Math.round(t * 1000) / 1000;
const webmFloor = (t: number) => Math.floor(t * 1000) / 1000;
const micro = (t: number) => Math.floor(t * 1e6) / 1e6;

describe('frameIndexAt', () => {
  it.each([
    [0, 30, 0],
    [1 / 30, 30, 1],
    [0.99, 30, 29],
    [0.999, 30, 30], // within 1.5 ms of frame 30: a rounded-early timestamp of it
    [1, 30, 30],
    [33.4, NTSC30, 1001], // frame 1001 starts at 33.400333…, stored as 33.400 in WebM
    [webm(1001 / NTSC30), NTSC30, 1001],
    [micro(1001 / NTSC30), NTSC30, 1001],
    [1.5 / 25, 25, 1],
    [3600, 25, 90000],
  ])('(%s, %s) → %s', (time, fps, expected) => {
    expect(frameIndexAt(time, fps)).toBe(expected);
  });

  it.each(RATES.map((fps) => [fps.toFixed(3), fps]))(
    '%s fps: frame starts (exact, WebM, WebM floored, µs) and middles map back',
    (_, fps) => {
      for (let k = 0; k < 5 * 3600 * fps; k += 997) {
        const start = k / fps;
        for (const t of [start, webm(start), webmFloor(start), micro(start), frameMidTime(k, fps)]) {
          expect(frameIndexAt(t, fps)).toBe(k);
        }
      }
    },
  );

  it.each([
    [NaN, 30],
    [Infinity, 30],
    [-Infinity, 30],
    [-1, 30],
    [1, 0],
    [1, -30],
    [1, NaN],
    [1, Infinity],
  ])('(%s, %s) → 0', (time, fps) => {
    expect(frameIndexAt(time, fps)).toBe(0);
  });
});

describe('frameMidTime', () => {
  it.each([
    [0, 25, 0.02],
    [1, 25, 0.06],
    [1001, NTSC30, 1001.5 / NTSC30],
    [2.7, 25, 0.1], // fractional index → its frame
    [-3, 25, 0.02],
    [NaN, 25, 0],
    [Infinity, 25, 0],
    [5, 0, 0],
    [5, NaN, 0],
    [5, -25, 0],
  ])('(%s, %s) → %s', (index, fps, expected) => {
    expect(frameMidTime(index, fps)).toBeCloseTo(expected, 12);
  });
});

describe('formatTimecode', () => {
  it.each([
    [0, 25, '00:00:00'],
    [0.04, 25, '00:00:01'],
    [0.99, 25, '00:00:24'],
    [1, 25, '00:01:00'],
    [12.4167, 24, '00:12:10'],
    [61.5, 30, '01:01:15'],
    [3599.99, 30, '59:59:29'],
    [3600, 30, '1:00:00:00'],
    [36000 + 62.25, 60, '10:01:02:15'],
    [webm(1001 / NTSC30), NTSC30, '00:33:11'], // second 33 starts with frame 990
    [1001 / NTSC30, NTSC30, '00:33:11'],
    [1.001, NTSC30, '00:01:00'], // frame 30 starts at 1.001 s
    [0.99, NTSC30, '00:00:29'],
    [3600 + 0.5, NTSC30, '1:00:00:14'], // no drop-frame drift: the clock is media time
    [0.5, 120, '00:00:060'],
    [0.5, 10, '00:00:05'],
    [-1.04, 25, '-00:01:01'],
  ])('(%s, %s) → %s', (time, fps, expected) => {
    expect(formatTimecode(time, fps)).toBe(expected);
  });

  it.each([
    [0, null, '00:00.000'],
    [12.4167, null, '00:12.417'],
    [59.9996, null, '01:00.000'],
    [3725.5, null, '1:02:05.500'],
    [12.4167, 0, '00:12.417'],
    [12.4167, NaN, '00:12.417'],
    [12.4167, -30, '00:12.417'],
    [12.4167, Infinity, '00:12.417'],
    [-2.5, null, '-00:02.500'],
  ])('unknown fps: (%s, %s) → %s', (time, fps, expected) => {
    expect(formatTimecode(time, fps)).toBe(expected);
  });

  it.each([[NaN], [Infinity], [-Infinity]])('%s → placeholder', (time) => {
    expect(formatTimecode(time, 30)).toBe('--:--:--');
    expect(formatTimecode(time, null)).toBe('--:--:--');
  });

  it.each(RATES.map((fps) => [fps.toFixed(3), fps]))(
    '%s fps: FF stays in range and timecodes strictly increase frame by frame',
    (_, fps) => {
      const nominal = Math.ceil(fps);
      let previous = '';
      for (const base of [0, 3590 * fps, 5 * 3600 * fps]) {
        for (let k = Math.floor(base); k < base + 3 * fps; k++) {
          const code = formatTimecode(frameMidTime(k, fps), fps);
          const parts = code.split(':').map(Number);
          const ff = parts[parts.length - 1] ?? -1;
          expect(ff).toBeGreaterThanOrEqual(0);
          expect(ff).toBeLessThan(nominal);
          const seconds = parts.slice(0, -1).reduce((acc, p) => acc * 60 + p, 0);
          expect(seconds).toBe(Math.floor(k / fps + 1e-9));
          if (previous && k > base) expect(code > previous || code.length > previous.length).toBe(true);
          previous = code;
        }
      }
    },
  );
});

describe('formatClock', () => {
  it.each([
    [0, '0:00.000'],
    [12.4167, '0:12.417'],
    [59.9996, '1:00.000'],
    [61.05, '1:01.050'],
    [599.999, '9:59.999'],
    [3599.9999, '1:00:00.000'],
    [3725.5, '1:02:05.500'],
    [-0.125, '-0:00.125'],
    [-61.5, '-1:01.500'],
    [NaN, '-:--.---'],
    [Infinity, '-:--.---'],
    [-Infinity, '-:--.---'],
  ])('%s → %s', (seconds, expected) => {
    expect(formatClock(seconds)).toBe(expected);
  });
});

describe('formatFps', () => {
  it.each([
    [NTSC24, '23.976'],
    [24, '24'],
    [25, '25'],
    [NTSC30, '29.97'],
    [30, '30'],
    [NTSC60, '59.94'],
    [120, '120'],
    [100, '100'],
    [24.81234, '24.812'],
    [0.5, '0.5'],
    [0, '--'],
    [-25, '--'],
    [NaN, '--'],
    [Infinity, '--'],
  ])('%s → %s', (fps, expected) => {
    expect(formatFps(fps)).toBe(expected);
  });
});
