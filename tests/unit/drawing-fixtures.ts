/**
 * Shared by the drawing feature's unit tests: a paused fake player on a 30 fps clip, pointer
 * inputs on a 1280x720 picture, and a way to let fire-and-forget saves finish.
 */
import { createVideoAnnotations, type VideoAnnotations } from '../../utils/annotations/video-annotations';
import type { PointerInput } from '../../utils/drawing/tools';
import type { Call } from '../../utils/messaging/client';
import type { Annotation, Author, NormPoint } from '../../utils/model/types';
import type { PlayerSession, PlayerState } from '../../utils/player/session';
import { createStore } from '../../utils/player/store';

export const FPS = 30;
export const author = { id: 'a1', name: 'Sam' };
export const SIZE = { width: 1280, height: 720 };
export const p = (x: number, y: number): NormPoint => ({ x, y });
export const down = (x: number, y: number): PointerInput => ({ type: 'down', point: p(x, y), size: SIZE });
export const move = (x: number, y: number): PointerInput => ({ type: 'move', point: p(x, y), size: SIZE });
export const up = (x: number, y: number): PointerInput => ({ type: 'up', point: p(x, y), size: SIZE });

/** Lets pending promise chains (the history queue, fire-and-forget saves) run. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * A paused player on a 30 fps clip. `show` steps to another frame; with `gateHolds()`,
 * hold() answers only when `releaseHolds()` is called (a frame still being held).
 */
export function fakeSession(frame = 10) {
  let shown = frame;
  let gated = false;
  const waiting: (() => void)[] = [];
  const state = createStore<PlayerState>({
    time: frame / FPS,
    rate: { fps: FPS, minGap: 1 / FPS, variable: false, samples: 120 },
    speed: 1,
    paused: true,
    loopIn: null,
    loopOut: null,
    busy: false,
    message: null,
    lastStepMs: null,
    playerFps: null,
  });
  const session = {
    state,
    hold: async () => {
      if (gated) await new Promise<void>((resolve) => waiting.push(resolve));
      return { time: shown / FPS, frame: shown };
    },
  } as unknown as PlayerSession;
  return {
    session,
    show(to: number) {
      shown = to;
      state.set({ time: to / FPS });
    },
    gateHolds: () => void (gated = true),
    releaseHolds() {
      gated = false;
      for (const resolve of waiting.splice(0)) resolve();
    },
  };
}

/** The video's annotations (the one owner) over a fake background, as `me`, loaded with `initial` on `videoId`. */
export function loadedAnnotations(call: Call, me: Author, videoId: string, initial: readonly Annotation[] = []): VideoAnnotations {
  const annotations = createVideoAnnotations(call);
  annotations.setMe(me);
  annotations.take(videoId, initial, true);
  return annotations;
}
