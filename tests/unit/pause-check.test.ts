import { describe, expect, it, vi } from 'vitest';
import { candidates, createPauseCheck } from '../../utils/player/pause-check';

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

/** The picture as small prints: the test says which frame is painted (1 value per frame). */
let painted = 0;
vi.mock('../../utils/dom/frame-grab', () => ({
  framePrint: () => new Uint8ClampedArray([painted * 10]),
  samePrint: (a: Uint8ClampedArray, b: Uint8ClampedArray) => a[0] === b[0],
}));

describe('quiet: the frame the video stopped on is known once the check and its watch for a late frame are over', () => {
  const GAP = 1 / 30;
  function engine() {
    const video = { paused: true, seeking: false, ended: false, currentTime: 11 * GAP, duration: 10 } as unknown as HTMLVideoElement;
    const state = { shown: 11 * GAP, otherSeeks: 0, ownSeeks: 0, lastFrameAt: 0, seeks: [] as number[] };
    const check = createPauseCheck({
      video,
      shown: () => state.shown,
      rate: () => ({ fps: 30, minGap: GAP, variable: false, samples: 60 }),
      async seek(time) {
        state.ownSeeks++;
        state.seeks.push(time);
        // A seek shows the frame it went to (and announces it).
        painted = Math.floor(time / GAP);
        state.shown = painted * GAP;
        state.lastFrameAt = performance.now();
        return state.shown;
      },
      otherSeeks: () => state.otherSeeks,
      ownSeeks: () => state.ownSeeks,
      lastFrameAt: () => state.lastFrameAt,
      probing: () => false,
      disposed: () => false,
    });
    return { check, state, video };
  }

  it('at once when nothing was played', async () => {
    const { check } = engine();
    const t0 = performance.now();
    await check.quiet();
    expect(performance.now() - t0).toBeLessThan(50);
  });

  it('after a frame painted late, unannounced, during the watch: the check that finds it is over', async () => {
    const { check, state } = engine();
    painted = 11;
    check.played();
    await check.settle();
    // The check is over: frame 11 confirmed. Then the machine paints 15, announcing nothing.
    expect(state.shown).toBeCloseTo(11 * GAP);
    setTimeout(() => void (painted = 15), 250);
    let done = false;
    const quiet = check.quiet().then(() => void (done = true));
    await new Promise((r) => setTimeout(r, 150));
    expect(done).toBe(false);
    await quiet;
    // What the check found is known: the screen's frame (the check seeks to the picture it sees, or back).
    expect(state.seeks.length).toBeGreaterThan(1);
    expect(Math.round(state.shown / GAP)).toBe(painted);
  }, 10_000);

  it('a seek by the page ends the watch: no waiting out the second', async () => {
    const { check, state } = engine();
    painted = 11;
    check.played();
    await check.settle();
    const t0 = performance.now();
    state.otherSeeks++;
    await check.quiet();
    expect(performance.now() - t0).toBeLessThan(400);
  });
});
