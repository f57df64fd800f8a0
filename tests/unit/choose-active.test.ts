import { describe, expect, it } from 'vitest';
import { chooseActive, MIN_SIDE_PX, visibleArea, type VideoCandidate } from '../../utils/player/choose-active';

const c = (video: string, visibleArea: number, playing = false): VideoCandidate<string> => ({ video, visibleArea, playing });

describe('chooseActive', () => {
  it.each([
    ['nothing', [], null, null],
    ['only hidden videos', [c('a', 0), c('b', 0, true)], null, null],
    ['the only visible one', [c('a', 0), c('b', 10)], null, 'b'],
    ['the largest visible one', [c('a', 100), c('b', 300), c('c', 200)], null, 'b'],
    ['a playing one over a larger paused one', [c('big', 900), c('small', 100, true)], null, 'small'],
    ['the largest of several playing', [c('a', 100, true), c('b', 500, true), c('c', 900)], null, 'b'],
    ['a visible one over a hidden playing one', [c('a', 0, true), c('b', 50)], null, 'b'],
    ['on a tie, the first', [c('a', 100), c('b', 100)], null, 'a'],
    ['on a tie among playing, the first', [c('a', 100, true), c('b', 100, true)], null, 'a'],
    ['the touched one over a larger playing one', [c('a', 900, true), c('b', 100)], 'b', 'b'],
    ['not the touched one once hidden', [c('a', 900), c('b', 0)], 'b', 'a'],
    ['not the touched one once gone', [c('a', 900)], 'b', 'a'],
    ['nothing when the touched one is hidden and all else too', [c('a', 0), c('b', 0)], 'b', null],
    // bad measurements count as hidden
    ['NaN area is hidden', [c('a', NaN, true), c('b', 10)], null, 'b'],
    ['negative area is hidden', [c('a', -500, true), c('b', 10)], null, 'b'],
    ['a touched video with NaN area is hidden', [c('a', 10), c('b', NaN)], 'b', 'a'],
  ] as [string, VideoCandidate<string>[], string | null, string | null][])(
    '%s',
    (_, candidates, interacted, expected) => {
      expect(chooseActive(candidates, interacted)).toBe(expected);
    },
  );

  it('compares videos by identity', () => {
    const a = { id: 1 };
    const lookalike = { id: 1 };
    const b = { id: 2 };
    const candidates = [{ video: a, visibleArea: 100, playing: false }, { video: b, visibleArea: 900, playing: false }];
    expect(chooseActive(candidates, a)).toBe(a);
    expect(chooseActive(candidates, lookalike)).toBe(b);
  });
});

describe('visibleArea', () => {
  const viewport = { width: 1000, height: 800 };
  const r = (left: number, top: number, width: number, height: number) => ({ left, top, width, height });

  it.each([
    ['fully inside', r(10, 20, 400, 300), 400 * 300],
    ['at the origin', r(0, 0, 1000, 800), 1000 * 800],
    ['larger than the viewport', r(-100, -100, 2000, 2000), 1000 * 800],
    ['cut on the left', r(-100, 0, 400, 300), 300 * 300],
    ['cut on the right', r(800, 0, 400, 300), 200 * 300],
    ['cut at the top', r(0, -200, 400, 300), 400 * 100],
    ['cut at the bottom', r(0, 700, 400, 300), 400 * 100],
    ['off screen left', r(-500, 0, 400, 300), 0],
    ['off screen right', r(1000, 0, 400, 300), 0],
    ['off screen below', r(0, 900, 400, 300), 0],
    ['off screen above', r(0, -300, 400, 300), 0],
    ['touching the right edge only', r(1000, 0, 400, 300), 0],
    ['exactly the minimum size', r(0, 0, MIN_SIDE_PX, MIN_SIDE_PX / 2), MIN_SIDE_PX * (MIN_SIDE_PX / 2)],
    ['too narrow', r(0, 0, MIN_SIDE_PX - 1, 300), 0],
    ['too flat', r(0, 0, 400, MIN_SIDE_PX / 2 - 1), 0],
    ['zero size', r(0, 0, 0, 0), 0],
    ['negative size', r(100, 100, -400, -300), 0],
    ['NaN width', r(0, 0, NaN, 300), 0],
    ['NaN left', r(NaN, 0, 400, 300), 0],
    ['infinite width', r(0, 0, Infinity, 300), 1000 * 300],
  ])('%s', (_, rect, expected) => {
    expect(visibleArea(rect, viewport)).toBe(expected);
  });

  it.each([
    [{ width: 0, height: 0 }],
    [{ width: NaN, height: 800 }],
    [{ width: -100, height: 800 }],
  ])('a degenerate viewport %j shows nothing', (vp) => {
    expect(visibleArea(r(0, 0, 400, 300), vp)).toBe(0);
  });
});
