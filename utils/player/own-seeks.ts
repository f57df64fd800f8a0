/**
 * Tells the video's `seeking` events that follow FrameCoach's own seeks from the page's (for
 * ./video-source). `seeking` is fired from a task after `currentTime` is set, so no flag around
 * the assignment can say whose it is: an event is ours while one of our seeks still owes its
 * event and the video is where our latest seek put it.
 *
 * Not "the target of our last seek" alone: under load Gecko announced the frame of a seek (and
 * FrameCoach went on to its next seek) before it fired that seek's `seeking`. Both events then
 * came with the video at the second target: the first used up the one target remembered and
 * the second was counted as the page's, so the step that made it gave way to "the page's seek"
 * and the HUD kept a position inside the frame (0.05 s for frame 1 of 30 fps: the first-run
 * tour's first `.`, Firefox beside another copy of the suite).
 */
export interface OwnSeeks {
  /** A seek of ours was set, and the video put its position at `target`. */
  aimed(target: number): void;
  /** A `seeking` event with the video at `position`: whether it is one of ours. */
  seeking(position: number): boolean;
}

export function ownSeeks(): OwnSeeks {
  /** Our seeks whose `seeking` has not come yet. */
  let owed = 0;
  let latest: number | null = null;
  return {
    aimed(target) {
      owed++;
      latest = target;
    },
    seeking(position) {
      if (owed > 0 && latest !== null && Math.abs(position - latest) < 1e-6) {
        owed--;
        return true;
      }
      // The page moved the video after our latest seek: what ours still owe is the page's now.
      owed = 0;
      return false;
    },
  };
}
