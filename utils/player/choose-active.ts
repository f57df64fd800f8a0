/** What the chooser needs to know of each video; measured by the caller. */
export interface VideoCandidate<V> {
  video: V;
  /** Visible area in the viewport, px² (0 when hidden, off screen or tiny). */
  visibleArea: number;
  playing: boolean;
}

/** Videos smaller than this are thumbnails, previews or trackers, not something to analyse. */
export const MIN_SIDE_PX = 96;

/**
 * The video FrameCoach attaches to: the one the user touched last if still visible, else the
 * largest visible playing one, else the largest visible one.
 */
export function chooseActive<V>(candidates: readonly VideoCandidate<V>[], interacted: V | null): V | null {
  const visible = candidates.filter((c) => c.visibleArea > 0);
  if (interacted !== null && visible.some((c) => c.video === interacted)) return interacted;
  const largest = (list: VideoCandidate<V>[]) =>
    list.reduce<VideoCandidate<V> | null>((best, c) => (!best || c.visibleArea > best.visibleArea ? c : best), null);
  return (largest(visible.filter((c) => c.playing)) ?? largest(visible))?.video ?? null;
}

/** Visible area of a rect inside a viewport, or 0 when a side is under MIN_SIDE_PX. */
export function visibleArea(
  rect: { left: number; top: number; width: number; height: number },
  viewport: { width: number; height: number },
): number {
  if (rect.width < MIN_SIDE_PX || rect.height < MIN_SIDE_PX * 0.5) return 0;
  const w = Math.min(rect.left + rect.width, viewport.width) - Math.max(rect.left, 0);
  const h = Math.min(rect.top + rect.height, viewport.height) - Math.max(rect.top, 0);
  return w > 0 && h > 0 ? w * h : 0;
}
