/**
 * The seek that finds a frame's start by its picture (utils/player/seeks.ts `byPicture`), over
 * a fake Gecko video: a seek reports its target as a position, and the picture is what the
 * test says was painted. Under load Gecko can paint a seek's frame after it said it landed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FrameRate } from '../../utils/frames/rate';
import type { FrameCallback } from '../../utils/player/frame-callbacks';

/** The frame whose picture is painted now (what a read of the picture sees). */
let painted = 0;
vi.mock('../../utils/dom/frame-grab', () => ({
  pictureCheck: () => {
    const at = painted;
    return { changed: () => painted !== at };
  },
}));
const { createSeeks } = await import('../../utils/player/seeks');

const FPS = 30;
const gap = 1 / FPS;
const clock: FrameRate = { fps: FPS, minGap: gap, variable: false, samples: 60 };

/** A paused 30 fps video with every frame; seek number `i` paints its frame `paintLate[i]` ms after `seeked` (0: at once). */
function geckoVideo(startFrame: number, paintLate: number[]) {
  const video = new EventTarget() as EventTarget & { currentTime: number; seeking: boolean; paused: boolean };
  let position = (startFrame + 0.5) * gap;
  let seeksMade = 0;
  const waiting = new Set<FrameCallback>();
  painted = startFrame;
  Object.defineProperties(video, {
    currentTime: {
      get: () => position,
      set: (t: number) => {
        position = t;
        video.seeking = true;
        const late = paintLate[seeksMade++] ?? 0;
        setTimeout(() => {
          video.seeking = false;
          const frame = Math.floor(t / gap + 1e-6);
          if (!late) painted = frame;
          else setTimeout(() => (painted = frame), late);
          video.dispatchEvent(new Event('seeked'));
          // Gecko announces the seek's target, at once, whether or not the picture is painted.
          for (const callback of [...waiting]) {
            waiting.delete(callback);
            callback(performance.now(), { mediaTime: t } as VideoFrameCallbackMetadata);
          }
        }, 5);
      },
    },
  });
  video.seeking = false;
  video.paused = true;
  let presented = position;
  const seeks = createSeeks({
    video: video as unknown as HTMLVideoElement,
    callbacks: {
      native: true,
      request: (callback) => (waiting.add(callback), waiting.size),
      cancel: () => undefined,
      dispose: () => undefined,
    },
    timeline: { add: () => undefined, before: () => undefined, after: () => undefined, size: () => 0, all: () => [], clear: () => undefined },
    frameTime: () => null,
    shown: () => presented,
    positional: () => true,
    rate: () => clock,
    otherSeeks: () => 0,
    aimed: () => undefined,
    startsAt: () => undefined,
    found: (time) => void (presented = time),
  });
  return seeks;
}

afterEach(() => {
  painted = 0;
});

describe('a step found by its picture (Gecko)', () => {
  it('back from frame 31 lands on 30 though the look at slot 29 read the picture before it was painted', async () => {
    // Seeks: the step's to slot 30 (painted at once), the look back at slot 29 (painted 30 ms late), then any.
    const seeks = geckoVideo(31, [0, 30]);
    const start = await seeks.byPicture((30 + 0.5) * gap, clock);
    expect(Math.floor(start! / gap + 1e-6)).toBe(30);
    expect(painted).toBe(30);
  });

  it('a step into a frame painted late is not taken for a step that moved nothing', async () => {
    const seeks = geckoVideo(12, [30]);
    const start = await seeks.byPicture((13 + 0.5) * gap, clock);
    expect(Math.floor(start! / gap + 1e-6)).toBe(13);
  });
});
