import { describe, expect, it } from 'vitest';
import { CONTROLS_HEIGHT, DOCK_REACH, dockBottomGap, dockPlace, MIN_BESIDE_HEIGHT } from '../../utils/dom/panel-dock';

const pic = (x: number, width: number, height = 338) => ({ x, y: 100, width, height });

describe('where the comment panel docks', () => {
  it.each([
    ['a 600 px player on a 1280 px page: beside it, right', pic(40, 600), 1280, 'beside-right'],
    ['exactly room on the right', pic(0, 1280 - DOCK_REACH), 1280, 'beside-right'],
    ['one pixel short on the right, room on the left', pic(DOCK_REACH, 1600 - 2 * DOCK_REACH + 1), 1600, 'beside-left'],
    ['no room either side (a wide player): over its right edge', pic(20, 1200), 1280, 'over-right'],
    ['a picture too short for a panel beside it', pic(40, 400, MIN_BESIDE_HEIGHT - 1), 1280, 'over-right'],
  ])('%s', (_, seen, viewport, expected) => {
    expect(dockPlace('beside', seen, viewport)).toBe(expected);
  });

  it('the coach can put it over either edge whatever the room', () => {
    expect(dockPlace('right', pic(40, 600), 1280)).toBe('over-right');
    expect(dockPlace('left', pic(40, 600), 1280)).toBe('over-left');
  });
});

describe("a panel beside the picture leaves the player's controls free", () => {
  const seen = { x: 200, y: 100, width: 300, height: 300 };
  it('over a pillarboxed player (the element wider than its picture): it stops above the controls', () => {
    const box = { x: 40, y: 100, width: 620, height: 300 };
    expect(dockBottomGap('beside-right', seen, box)).toBe(CONTROLS_HEIGHT);
    expect(dockBottomGap('beside-left', seen, box)).toBe(CONTROLS_HEIGHT);
  });
  it('beside the element itself, or over the picture: full height', () => {
    const box = { ...seen };
    expect(dockBottomGap('beside-right', seen, box)).toBe(0);
    expect(dockBottomGap('over-right', seen, { x: 40, y: 100, width: 620, height: 300 })).toBe(0);
  });
  it('a picture letterboxed well above the controls: full height', () => {
    expect(dockBottomGap('beside-right', seen, { x: 40, y: 50, width: 620, height: 500 })).toBe(0);
  });
});

