import { describe, expect, it } from 'vitest';
import { pointsOf, shapeProblem, TOOLS } from '../../utils/model/shape';
import type { Shape } from '../../utils/model/types';

const p = (x: number, y: number) => ({ x, y });

const valid: Shape[] = [
  { tool: 'pen', points: [p(0.1, 0.1), p(0.2, 0.3)] },
  { tool: 'line', from: p(0, 0), to: p(1, 1) },
  { tool: 'arrow', from: p(0.2, 0.2), to: p(0.8, 0.5) },
  { tool: 'rect', from: p(0.1, 0.1), to: p(0.4, 0.6) },
  { tool: 'ellipse', from: p(0.3, 0.3), to: p(0.5, 0.4) },
  { tool: 'text', at: p(0.5, 0.5), text: 'knee' },
  { tool: 'angle', a: p(0.4, 0.2), vertex: p(0.5, 0.5), b: p(0.6, 0.9) },
  { tool: 'angleToVertical', from: p(0.5, 0.9), to: p(0.55, 0.5) },
  { tool: 'angleToHorizontal', from: p(0.2, 0.8), to: p(0.6, 0.7) },
  { tool: 'stopwatch', at: p(0.1, 0.1), marks: [{ time: 1, frame: 30 }, { time: 1.2, frame: null }] },
];

describe('shapes', () => {
  it('every tool has a valid example here', () => {
    expect(new Set(valid.map((s) => s.tool))).toEqual(new Set(Object.keys(TOOLS)));
  });

  it.each(valid.map((s) => [s.tool, s] as const))('%s is valid and lists its points', (_tool, shape) => {
    expect(shapeProblem(shape)).toBeNull();
    expect(pointsOf(shape).length).toBeGreaterThan(0);
  });

  it.each([
    ['null', null, /object/],
    ['unknown tool', { tool: 'laser', from: p(0, 0), to: p(1, 1) }, /unknown tool/],
    ['NaN point', { tool: 'line', from: p(NaN, 0), to: p(1, 1) }, /finite/],
    ['far off the picture', { tool: 'line', from: p(0, 0), to: p(50, 1) }, /near the picture/],
    ['missing point', { tool: 'angle', a: p(0, 0), vertex: p(0.5, 0.5) }, /points/],
    ['empty pen', { tool: 'pen', points: [] }, /pen stroke/],
    ['pen not an array', { tool: 'pen', points: 'x' }, /pen stroke/],
    ['huge text', { tool: 'text', at: p(0, 0), text: 'x'.repeat(3000) }, /2,000/],
    ['text not a string', { tool: 'text', at: p(0, 0), text: 5 }, /string/],
    ['stopwatch without marks', { tool: 'stopwatch', at: p(0, 0), marks: [] }, /1 to 1,000 marks/],
    ['stopwatch marks not an array', { tool: 'stopwatch', at: p(0, 0), marks: 'x' }, /marks/],
    ['stopwatch mark at a negative time', { tool: 'stopwatch', at: p(0, 0), marks: [{ time: -1, frame: null }] }, /time/],
    ['stopwatch mark with a fractional frame', { tool: 'stopwatch', at: p(0, 0), marks: [{ time: 1, frame: 1.5 }] }, /whole frame/],
    ['stopwatch mark that is not an object', { tool: 'stopwatch', at: p(0, 0), marks: [null] }, /time/],
  ])('rejects %s', (_name, shape, message) => {
    expect(shapeProblem(shape)).toMatch(message);
  });
});
