import { describe, expect, it } from 'vitest';
import { candidates } from '../../utils/player/pause-check';

describe('the frames the check after a pause compares, nearest first', () => {
  it('the announced frame, the one at the position and its neighbours, then the next few', () => {
    expect(candidates(3, 2)).toEqual([0, 3, 2, 4, 1]);
  });

  it('a position on the announced frame: no frame twice, none before it', () => {
    expect(candidates(0, 3)).toEqual([0, 1, 2, 3]);
  });

  it('at most 16 (a 240 fps clip far behind its position)', () => {
    const order = candidates(40, 30);
    expect(order).toHaveLength(16);
    expect(order.slice(0, 4)).toEqual([0, 40, 39, 41]);
    expect(new Set(order).size).toBe(16);
  });
});
