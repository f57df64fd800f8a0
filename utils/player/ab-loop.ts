/**
 * Keeps playback inside an A–B loop: frames A to B inclusive, each shown for its whole
 * duration, then A again.
 *
 * Playback can't be told to stop at a time, and the frame callbacks that report where it is
 * run on the page's main thread: on a busy machine they arrive late, while the video goes on
 * playing, so a pause made when B is reported often lands two or three frames past B. So the
 * keeper pauses a little *ahead* of B (by the live playback clock, with a margin that grows
 * with the lateness it has seen), shows the last frames up to B by paused seeks at their own
 * pace, holds B for its duration, seeks to the middle of A while paused, waits until A is on
 * screen, and plays on from there. (A seek during playback often skips the frame it lands on.)
 */
export interface LoopRange {
  /** Media time of frame A (as presented). */
  in: number;
  /** Media time of frame B (as presented). */
  out: number;
}

export interface LoopKeeper {
  /** Call for every presented frame. */
  onFrame(mediaTime: number): void;
  /** True while a wrap is showing the last frames, pausing on B or seeking back to A. */
  wrapping(): boolean;
  /** Stops a wrap in progress without resuming playback (the user paused). */
  cancel(): void;
}

/** Frames of margin before B at which the approach starts, beyond the lateness seen. */
const MARGIN_FRAMES = 2;
/** How much of the largest recent lateness is still counted after each frame (it decays). */
const LATE_DECAY = 0.95;

export function loopKeeper(
  video: HTMLVideoElement,
  range: () => LoopRange | null,
  frameGap: () => number,
  seekTo: (time: number) => Promise<unknown>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  now: () => number = () => performance.now(),
): LoopKeeper {
  let wrap = 0; // id of the wrap in progress, 0 when none
  let wraps = 0; // ids only go up: a cancelled wrap can't match a later one
  let late = 0; // media seconds the playback clock ran ahead of the reported frame (decaying max)

  /**
   * Pauses, shows the frames from here to B by seeks (each for its duration at this speed),
   * holds B, then seeks to A and plays. `jump`: go straight to A (playback is outside the loop).
   */
  async function wrapToA(jump: boolean): Promise<void> {
    const id = (wrap = ++wraps);
    video.pause();
    const loop = range();
    const gap = frameGap();
    const speed = video.playbackRate || 1;
    if (loop && !jump) {
      // Frames are counted back from B: frame k starts at out − k·gap (k = 0 is B).
      const at = video.currentTime;
      const k = Math.max(0, Math.ceil((loop.out - at) / gap - 1e-6));
      if (at > loop.out + gap) {
        // Playback got past B before the pause took hold: show B again for its duration.
        await seekTo(loop.out + gap / 2);
        if (id !== wrap) return;
        await sleep((gap / speed) * 1000);
      } else {
        // The frame on screen keeps its remaining time, then each frame up to B its own.
        let due = now() + ((loop.out - (k - 1) * gap - at) / speed) * 1000;
        for (let j = k - 1; j >= 0; j--) {
          await sleep(Math.max(0, due - now()));
          if (id !== wrap) return;
          await seekTo(loop.out - j * gap + gap / 2);
          if (id !== wrap) return;
          due += (gap / speed) * 1000;
        }
        await sleep(Math.max(0, due - now()));
      }
    }
    if (id !== wrap) return;
    const target = range();
    if (target) await seekTo(target.in + gap / 2);
    if (id !== wrap) return;
    wrap = 0;
    await video.play().catch(() => undefined);
  }

  return {
    onFrame(mediaTime) {
      const loop = range();
      if (!loop || video.paused || wrap) return;
      const gap = frameGap();
      const live = video.currentTime;
      late = Math.max(late * LATE_DECAY, live - mediaTime);
      if (mediaTime < loop.in - 1.5 * gap || mediaTime > loop.out + 1e-4) void wrapToA(true);
      else if (live >= loop.out - MARGIN_FRAMES * gap - 2 * late) void wrapToA(false);
    },
    wrapping: () => wrap !== 0,
    cancel() {
      wrap = 0;
    },
  };
}
