/**
 * Which frame reports are the video's position rather than a frame's own start (for
 * ./video-source). Gecko, after a seek, reports the time sought to as the frame's media time (its
 * decoder moves the frame's start to the seek target: 1.285 and 1.3 for a frame at 1.28), and
 * the stand-in for rVFC reports only positions; Chromium reports frames' starts.
 */

/** Firefox's engine, whose media timeline differs from Chromium's (here, and in ./video-source). */
export const GECKO = typeof navigator !== 'undefined' && /\bGecko\/\d/.test(navigator.userAgent);

/**
 * Whether a report is a position, for one video. Gecko: where the video last stood still (a
 * seek's target, from its `seeking` on, or a pause). The first frame played from there is
 * announced at that position, not at the frame's start (before the `play` event), and a seek's
 * frame is announced at its target even when a play began meanwhile (a page's seek and play at
 * once), before `seeked`: taken as a frame's start, that time was on no frame table, so the
 * table and the rate were set aside, and the check after the next pause, with no rate,
 * believed the frame last announced (HUD 130, screen 136). A seek's frame can also be
 * announced after the page has sought again from its `seeked` listener: any of the last few
 * rests is a position (else that old target was taken for a frame's start, off the table).
 */
export function positionReports(video: HTMLVideoElement, positionsOnly: boolean, signal: AbortSignal): (mediaTime: number) => boolean {
  if (positionsOnly) return () => true;
  if (!GECKO) return () => false;
  // The last few: a seek's frame can be announced after `seeked`, when the page has sought
  // again (a page seeking from its seeked listener): its target is still a position.
  const rests: number[] = [];
  const rest = () => {
    rests.push(video.currentTime);
    if (rests.length > KEPT_RESTS) rests.shift();
  };
  for (const type of ['seeking', 'seeked', 'pause']) video.addEventListener(type, rest, { signal });
  const at = (position: number, mediaTime: number) => Math.abs(mediaTime - position) <= 1e-6;
  return (mediaTime) => (video.paused && at(video.currentTime, mediaTime)) || rests.some((position) => at(position, mediaTime));
}

/** Rests remembered (each seek adds two: its `seeking` and its `seeked`). */
const KEPT_RESTS = 6;
