import { describe, expect, it } from 'vitest';
import { readStopwatch, stopwatchLines } from '../../utils/drawing/stopwatch';
import type { FrameMark } from '../../utils/model/types';

/** A mark on frame `frame` of a clip at `fps` (its media time is frame / fps). */
const at = (frame: number, fps = 30): FrameMark => ({ time: frame / fps, frame });

describe('readStopwatch', () => {
  it('two marks of a 30 fps clip, frames 10 and 16: 200 ms, 6 frames', () => {
    const r = readStopwatch([at(10), at(16)]);
    expect(r.spanMs).toBeCloseTo(200, 9);
    expect(r.spanFrames).toBe(6);
    expect(r.meanMs).toBeCloseTo(200, 9);
    expect(r.cadence).toBeNull();
    expect(r.marks).toEqual([at(10), at(16)]);
  });

  it('sorts marks made out of order (stepping back with ,)', () => {
    const r = readStopwatch([at(16), at(10), at(13)]);
    expect(r.marks).toEqual([at(10), at(13), at(16)]);
    expect(r.spanFrames).toBe(6);
    expect(r.spanMs).toBeCloseTo(200, 9);
  });

  it('does not reorder the array it was given', () => {
    const input = [at(16), at(10)];
    readStopwatch(input);
    expect(input).toEqual([at(16), at(10)]);
  });

  it('frames are unknown when an end mark has no frame index', () => {
    expect(readStopwatch([{ time: 1, frame: null }, { time: 1.2, frame: 36 }]).spanFrames).toBeNull();
    expect(readStopwatch([{ time: 1, frame: 30 }, { time: 1.2, frame: null }]).spanFrames).toBeNull();
  });

  it('three or more marks give the cadence from the mean interval', () => {
    // Strikes every 1/3 s: 180 steps per minute.
    const r = readStopwatch([at(0), at(10), at(20), at(30)]);
    expect(r.meanMs).toBeCloseTo(1000 / 3, 9);
    expect(r.cadence).toBeCloseTo(180, 9);
    expect(r.spanMs).toBeCloseTo(1000, 9);
    expect(r.spanFrames).toBe(30);
  });

  it('the cadence is 60000 / mean interval, also with uneven intervals', () => {
    // Intervals 300, 400, 350 ms: mean 350 ms.
    const marks = [0, 0.3, 0.7, 1.05].map((time) => ({ time, frame: null }));
    const r = readStopwatch(marks);
    expect(r.meanMs).toBeCloseTo(350, 9);
    expect(r.cadence).toBeCloseTo(60_000 / 350, 9);
  });

  it.each([
    ['no marks', []],
    ['one mark', [at(10)]],
  ] as [string, FrameMark[]][])('%s: nothing measured yet', (_name, marks) => {
    expect(readStopwatch(marks)).toEqual({ marks, spanMs: 0, spanFrames: null, cadence: null, meanMs: null });
  });
});

describe('stopwatchLines', () => {
  it('two marks: the span in ms and frames', () => {
    expect(stopwatchLines([at(10), at(16)])).toEqual(['200 ms · 6 frames']);
  });

  it('unsorted marks read the same', () => {
    expect(stopwatchLines([at(16), at(10)])).toEqual(['200 ms · 6 frames']);
  });

  it('one frame apart: "frame", singular', () => {
    expect(stopwatchLines([at(10), at(11)])).toEqual(['33 ms · 1 frame']);
  });

  it('without frame indices: only the ms', () => {
    expect(stopwatchLines([{ time: 10 / 30, frame: null }, { time: 16 / 30, frame: null }])).toEqual(['200 ms']);
  });

  it('ms are rounded to whole milliseconds (25 fps, 1 frame is 40 ms)', () => {
    expect(stopwatchLines([at(3, 25), at(4, 25)])).toEqual(['40 ms · 1 frame']);
    // 60000/1001 fps: 5 frames is 83.4166 ms.
    const fps = 60000 / 1001;
    expect(stopwatchLines([at(100, fps), at(105, fps)])).toEqual(['83 ms · 5 frames']);
  });

  it('three or more marks: cadence, intervals and mean, then the total', () => {
    expect(stopwatchLines([at(0), at(10), at(20), at(30)])).toEqual([
      '180 steps/min',
      '3 intervals · mean 333 ms',
      'total 1000 ms · 30 frames',
    ]);
  });

  it('three marks with no frame indices: the total has no frames', () => {
    expect(stopwatchLines([0, 0.4, 0.8].map((time) => ({ time, frame: null })))).toEqual([
      '150 steps/min',
      '2 intervals · mean 400 ms',
      'total 800 ms',
    ]);
  });

  it.each([
    ['one mark', [at(10)]],
    ['no marks', []],
  ] as [string, FrameMark[]][])('%s: asks for the next mark', (_name, marks) => {
    expect(stopwatchLines(marks)).toEqual(['Start marked', 'Step to the next moment and mark it']);
  });
});
