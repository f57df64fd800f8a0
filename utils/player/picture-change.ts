import { framePrint, samePrint } from '../dom/frame-grab';
import { pickByGap, type FrameRate } from '../frames/rate';

/** How closely a change of picture is found by halving (seconds). */
const BOUNDARY_S = 0.0002;

/**
 * Where, within `span` after `from`, the picture first differs from the one at `from` (to
 * BOUNDARY_S), by seeking and halving the distance; null: it doesn't change there, or can't be
 * read (another site's video). One frame's length is the distance between two such changes.
 */
export async function pictureChange(video: HTMLVideoElement, seek: (time: number) => Promise<unknown>, from: number, span: number): Promise<number | null> {
  await seek(from);
  const base = framePrint(video);
  if (!base) return null;
  const differs = async (t: number) => {
    await seek(t);
    const now = framePrint(video);
    return now ? !samePrint(now, base) : null;
  };
  let lo = from;
  let hi: number | null = null;
  for (const t of [from + span / 3, from + (2 * span) / 3, from + span]) {
    const changed = await differs(t);
    if (changed === null) return null;
    if (changed) {
      hi = t;
      break;
    }
    lo = t;
  }
  while (hi !== null && hi - lo > BOUNDARY_S) {
    const mid = (lo + hi) / 2;
    const changed = await differs(mid);
    if (changed === null) return null;
    if (changed) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * An estimated rate checked against one frame's length: where the picture changes, found by
 * halving the distance between seeks (about 20), twice in a row from the video's position.
 * Null: not measured (too near the end, or the picture can't be read).
 */
export async function byFrameLength(video: HTMLVideoElement, seek: (time: number) => Promise<unknown>, estimate: FrameRate): Promise<FrameRate | null> {
  const span = 1.5 / estimate.fps;
  const from = video.currentTime;
  if (!(video.duration - from > 3 * span)) return null;
  const end = await pictureChange(video, seek, from, span);
  const next = end === null ? null : await pictureChange(video, seek, end, span);
  return end === null || next === null ? null : pickByGap(estimate, next - end);
}
