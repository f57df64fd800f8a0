/**
 * Keeps playback inside an A–B loop: frames A to B inclusive, each shown for its whole
 * duration, then A again. A seek during playback often skips the frame it lands on, so the
 * wrap pauses on B for B's duration, seeks to the middle of A while paused and waits until A
 * is on screen, then plays on from there.
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
  /** True while a wrap is pausing on B or seeking back to A. */
  wrapping(): boolean;
  /** Stops a wrap in progress without resuming playback (the user paused). */
  cancel(): void;
}

export function loopKeeper(
  video: HTMLVideoElement,
  range: () => LoopRange | null,
  frameGap: () => number,
  seekTo: (time: number) => Promise<unknown>,
): LoopKeeper {
  let wrap = 0; // id of the wrap in progress, 0 when none

  async function wrapToA(holdMs: number): Promise<void> {
    const id = ++wrap;
    video.pause();
    await new Promise((resolve) => setTimeout(resolve, holdMs));
    const loop = range();
    if (id !== wrap) return;
    if (loop) await seekTo(loop.in + frameGap() / 2);
    if (id !== wrap) return;
    wrap = 0;
    await video.play().catch(() => undefined);
  }

  return {
    onFrame(mediaTime) {
      const loop = range();
      if (!loop || video.paused || wrap) return;
      const gap = frameGap();
      if (mediaTime < loop.in - 1.5 * gap || mediaTime > loop.out + 1e-4) void wrapToA(0);
      else if (mediaTime >= loop.out - 1e-4) void wrapToA(((loop.out + gap - mediaTime) / video.playbackRate) * 1000);
    },
    wrapping: () => wrap !== 0,
    cancel() {
      wrap = 0;
    },
  };
}
