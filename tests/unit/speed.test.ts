import { describe, expect, it } from 'vitest';
import { formatSpeed, nextSpeed, SPEED_LADDER } from '../../utils/frames/speed';

describe('SPEED_LADDER', () => {
  it('rises strictly, holds 1x, and stays positive', () => {
    for (let i = 1; i < SPEED_LADDER.length; i++) expect(SPEED_LADDER[i]!).toBeGreaterThan(SPEED_LADDER[i - 1]!);
    expect(SPEED_LADDER).toContain(1);
    expect(SPEED_LADDER[0]!).toBeGreaterThan(0);
  });
});

describe('nextSpeed', () => {
  it.each([
    // on the ladder
    [1, 1, 1.25],
    [1, -1, 0.75],
    [0.75, 1, 1],
    [0.25, -1, 0.1],
    [2, 1, 3],
    [3, -1, 2],
    // at the ends: stay
    [4, 1, 4],
    [0.1, -1, 0.1],
    // off the ladder: the next rung in that direction
    [1.1, 1, 1.25],
    [1.1, -1, 1],
    [0.3, -1, 0.25],
    [0.3, 1, 0.5],
    [3.5, 1, 4],
    [3.5, -1, 3],
    // float noise does not skip or repeat a rung
    [0.1 + 0.2 + 0.45, 1, 1], // 0.75000…01
    [0.7499999999, 1, 1],
    [1.0000000001, -1, 0.75],
    [0.9999999999, 1, 1.25],
    // past the ends: never the wrong way (faster from 8x is not 4x)
    [8, 1, 8],
    [8, -1, 4],
    [16, 1, 16],
    [0.0625, -1, 0.0625],
    [0.0625, 1, 0.1],
  ])('(%s, %s) → %s', (current, direction, expected) => {
    expect(nextSpeed(current, direction as 1 | -1)).toBe(expected);
  });

  it.each([NaN, Infinity, -Infinity, 0, -1, -0])('treats %s as 1x', (bad) => {
    expect(nextSpeed(bad, 1)).toBe(1.25);
    expect(nextSpeed(bad, -1)).toBe(0.75);
  });

  it('walks the whole ladder up and back down', () => {
    const up = [SPEED_LADDER[0]!];
    while (up.length < 20 && nextSpeed(up.at(-1)!, 1) !== up.at(-1)) up.push(nextSpeed(up.at(-1)!, 1));
    expect(up).toEqual(SPEED_LADDER);
    const down = [SPEED_LADDER.at(-1)!];
    while (down.length < 20 && nextSpeed(down.at(-1)!, -1) !== down.at(-1)) down.push(nextSpeed(down.at(-1)!, -1));
    expect(down).toEqual([...SPEED_LADDER].reverse());
  });

  it('faster is never slower and slower never faster, from 0.05x to 16x', () => {
    for (let current = 0.05; current <= 16; current += 0.05) {
      expect(nextSpeed(current, 1)).toBeGreaterThanOrEqual(current);
      expect(nextSpeed(current, -1)).toBeLessThanOrEqual(current);
    }
  });
});

describe('formatSpeed', () => {
  it.each([
    [1, '1x'],
    [0.1, '0.1x'],
    [0.25, '0.25x'],
    [0.75, '0.75x'],
    [1.5, '1.5x'],
    [2, '2x'],
    [1 / 3, '0.33x'],
    [0.666, '0.67x'],
    [1.005, '1x'], // 1.005 is 1.00499… in binary
    [16, '16x'],
    [0.0625, '0.06x'], // the browser's slowest
  ])('%s → %s', (rate, expected) => {
    expect(formatSpeed(rate)).toBe(expected);
  });
});
