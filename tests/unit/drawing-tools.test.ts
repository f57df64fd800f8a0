import { describe, expect, it } from 'vitest';
import { startTool, toolStep, type PointerInput, type ToolStep } from '../../utils/drawing/tools';
import type { Tool } from '../../utils/model/types';

const p = (x: number, y: number) => ({ x, y });
const down = (x: number, y: number): PointerInput => ({ type: 'down', point: p(x, y) });
const move = (x: number, y: number): PointerInput => ({ type: 'move', point: p(x, y) });
const up = (x: number, y: number): PointerInput => ({ type: 'up', point: p(x, y) });

function run(tool: Tool, inputs: PointerInput[]): ToolStep[] {
  let state = startTool(tool);
  return inputs.map((input) => {
    const step = toolStep(state, input);
    state = step.state;
    return step;
  });
}

describe('drawing tools', () => {
  it.each(['line', 'arrow', 'rect', 'ellipse', 'angleToVertical', 'angleToHorizontal'] as const)(
    '%s: press, drag (preview follows), release finishes',
    (tool) => {
      const steps = run(tool, [down(0.1, 0.2), move(0.3, 0.4), up(0.5, 0.6)]);
      expect(steps[1]!.preview).toEqual({ tool, from: p(0.1, 0.2), to: p(0.3, 0.4) });
      expect(steps[2]!.done).toEqual({ tool, from: p(0.1, 0.2), to: p(0.5, 0.6) });
      expect(steps[2]!.state.points).toEqual([]);
    },
  );

  it('a click without a drag makes no line', () => {
    const steps = run('line', [down(0.5, 0.5), up(0.501, 0.5)]);
    expect(steps.every((s) => s.done === null)).toBe(true);
  });

  it('pen: the stroke follows the pointer, skipping jitter, and ends on release', () => {
    const steps = run('pen', [down(0.1, 0.1), move(0.1005, 0.1), move(0.2, 0.2), move(0.3, 0.25), up(0.3, 0.25)]);
    expect(steps.at(-1)!.done).toEqual({ tool: 'pen', points: [p(0.1, 0.1), p(0.2, 0.2), p(0.3, 0.25)] });
  });

  it('angle: three clicks (ray end, vertex, ray end), with a preview in between', () => {
    const steps = run('angle', [down(0.4, 0.2), move(0.5, 0.5), down(0.5, 0.5), move(0.6, 0.9), down(0.6, 0.9)]);
    expect(steps[1]!.preview).toEqual({ tool: 'line', from: p(0.4, 0.2), to: p(0.5, 0.5) });
    expect(steps[3]!.preview).toEqual({ tool: 'angle', a: p(0.4, 0.2), vertex: p(0.5, 0.5), b: p(0.6, 0.9) });
    expect(steps[4]!.done).toEqual({ tool: 'angle', a: p(0.4, 0.2), vertex: p(0.5, 0.5), b: p(0.6, 0.9) });
    expect(steps.slice(0, 4).every((s) => s.done === null)).toBe(true);
  });

  it('text: one click places the label (its words come from the UI)', () => {
    const [step] = run('text', [down(0.3, 0.7)]);
    expect(step!.done).toEqual({ tool: 'text', at: p(0.3, 0.7), text: '' });
  });

  it('moves without a press do nothing but track the pointer', () => {
    const [step] = run('rect', [move(0.2, 0.2)]);
    expect(step!.done).toBeNull();
    expect(step!.state.hover).toEqual(p(0.2, 0.2));
  });
});
