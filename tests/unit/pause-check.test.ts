import { describe, expect, it } from 'vitest';
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

describe('the check after a pause and a seek by the page', () => {
  // Firefox under load: the page seeked to frame 10 right after the pause; its `seeked` came
  // before its frame was announced, and the check, taking frame 24 (announced while playing)
  // for the frame on screen, seeked back there.
  it('waits for the frame of a seek the page made just before it, and checks that frame', async () => {
    const gap = 1 / 30;
    const video = { paused: true, seeking: false, ended: false, currentTime: 10.5 * gap, duration: 4, videoWidth: 0 } as unknown as HTMLVideoElement;
    let shown = 24 * gap;
    let pageSeekShown = false;
    const seeks: number[] = [];
    const check = createPauseCheck({
      video,
      shown: () => shown,
      rate: () => ({ fps: 30, minGap: gap, variable: false, samples: 60 }),
      seek: async (time) => {
        seeks.push(time);
        return time;
      },
      otherSeeks: () => 1,
      ownSeeks: () => seeks.length,
      pageSeekShown: () => pageSeekShown,
      lastFrameAt: () => 0,
      probing: () => false,
      disposed: () => false,
    });
    check.played();
    setTimeout(() => {
      shown = 10 * gap;
      pageSeekShown = true;
    }, 100);
    await check.settle();
    expect(seeks.map((t) => Math.round(t / gap - 0.5))).toEqual([10]);
  });
});
