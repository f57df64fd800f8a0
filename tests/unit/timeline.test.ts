import { describe, expect, it } from 'vitest';
import { createTimeline } from '../../utils/frames/timeline';

describe('timeline', () => {
  it('keeps frame times sorted and unique, whatever order they arrive in', () => {
    const t = createTimeline();
    for (const x of [0.5, 0.1, 0.3, 0.1, 0.30001, 0.2, 0.4]) t.add(x);
    expect(t.size()).toBe(5);
    expect(t.before(0.3)).toBe(0.2);
    expect(t.after(0.3)).toBe(0.4);
    expect(t.before(0.1)).toBeUndefined();
    expect(t.after(0.5)).toBeUndefined();
  });

  it.each([
    ['between frames', 0.25, 0.2, 0.3],
    ['on a frame (1 ms rounding off)', 0.20004, 0.1, 0.3],
    ['before all', 0.01, undefined, 0.1],
    ['after all', 9, 0.5, undefined],
  ])('%s: before/after %f', (_name, at, before, after) => {
    const t = createTimeline();
    for (const x of [0.1, 0.2, 0.3, 0.4, 0.5]) t.add(x);
    expect(t.before(at)).toBe(before);
    expect(t.after(at)).toBe(after);
  });

  it.each([NaN, Infinity, -1])('ignores %f', (x) => {
    const t = createTimeline();
    t.add(x);
    expect(t.size()).toBe(0);
  });

  it('stays bounded and can be cleared', () => {
    const t = createTimeline(100);
    for (let i = 0; i < 1000; i++) t.add(i / 30);
    expect(t.size()).toBeLessThanOrEqual(100);
    t.clear();
    expect(t.size()).toBe(0);
  });
});
