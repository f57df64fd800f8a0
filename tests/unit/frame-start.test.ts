import { describe, expect, it } from 'vitest';
import { frameStartAt, onTable, slotStart } from '../../utils/frames/frame-start';
import type { FrameRate } from '../../utils/frames/rate';
import { createTimeline } from '../../utils/frames/timeline';

const cfr = (fps: number, extra: Partial<FrameRate> = {}): FrameRate => ({ fps, minGap: 1 / fps, variable: false, samples: 20, ...extra });
const seen = (...times: number[]) => {
  const t = createTimeline();
  for (const x of times) t.add(x);
  return t;
};
const none = seen();

describe('frameStartAt: the start of the frame a video shows at a time (Firefox reports the time sought to)', () => {
  it('on a clock: the start of the slot the time falls in, a time a hair before a start being that frame', () => {
    // 25 fps: frame 32 is 1.28–1.32 (Firefox said 1.285 and 1.3 for it).
    expect(frameStartAt(1.285, none, cfr(25))).toBeCloseTo(1.28, 9);
    expect(frameStartAt(1.3, none, cfr(25))).toBeCloseTo(1.28, 9);
    expect(frameStartAt(1.3199, none, cfr(25))).toBeCloseTo(1.28, 9);
    expect(frameStartAt(1.28, none, cfr(25))).toBeCloseTo(1.28, 9);
    expect(frameStartAt(1.2799999, none, cfr(25))).toBeCloseTo(1.28, 9);
    expect(frameStartAt(1.32, none, cfr(25))).toBeCloseTo(1.32, 9);
  });

  it('a clip whose first frame is later than 0: the clock starts there', () => {
    expect(frameStartAt(0.41 + 10.5 / 30, none, cfr(30, { origin: 0.41 }))).toBeCloseTo(0.41 + 10 / 30, 9);
  });

  it('29.97: a frame seen is the exact start (the clock sums with rounding)', () => {
    const fps = 30000 / 1001;
    const start = 100 * (1001 / 30000);
    const rounded = Math.round(start * 1000) / 1000; // a WebM's millisecond timestamp
    expect(frameStartAt(start + 0.01, seen(rounded), cfr(fps))).toBe(rounded);
    expect(frameStartAt(start + 0.01, none, cfr(fps))).toBeCloseTo(start, 9);
  });

  it("the file's frame table (complete) answers on any rate, variable included", () => {
    const table = seen(0, 0.04, 0.1, 0.13, 0.2);
    expect(frameStartAt(0.12, table, null, true)).toBe(0.1);
    expect(frameStartAt(0.1299, table, null, true)).toBe(0.1);
    expect(frameStartAt(0.1299999, table, null, true)).toBe(0.13);
    expect(frameStartAt(0.25, table, null, true)).toBe(0.2);
  });

  it('a variable rate, or frames missing from a clock: only a frame seen less than the smallest gap before says', () => {
    const vfr: FrameRate = { fps: 24, minGap: 0.03, variable: true, samples: 40 };
    expect(frameStartAt(0.115, seen(0.1), vfr)).toBe(0.1);
    expect(frameStartAt(0.145, seen(0.1), vfr)).toBeNull(); // a frame may start at 0.13, never seen
    const drops = cfr(60, { dropped: true });
    expect(frameStartAt(0.51, seen(0.5), drops)).toBe(0.5);
    expect(frameStartAt(0.53, seen(0.5), drops)).toBeNull();
  });

  it('nothing known (no rate, no table): null, never a guess', () => {
    expect(frameStartAt(1.3, seen(1.2), null)).toBeNull();
  });
});

describe('slots and the table (Gecko positions)', () => {
  it('a position falls in the slot that starts at or before it, from the clock origin', () => {
    const rate = { fps: 30, origin: 0.41 } as FrameRate;
    expect(slotStart(0.41 + 5.5 / 30, rate)).toBeCloseTo(0.41 + 5 / 30, 9);
    // Exactly on a slot's start (floating point just below it): that slot.
    expect(slotStart(0.41 + 7 / 30 - 1e-12, rate)).toBeCloseTo(0.41 + 7 / 30, 9);
  });
  it('a time is on the table within a rounding (1.5 ms), not further', () => {
    const times = [0, 0.033, 0.067, 0.1];
    expect(onTable(times, 0.0335)).toBe(true);
    expect(onTable(times, 0.05)).toBe(false);
    expect(onTable(times, 0.102)).toBe(false);
  });
});
