import { contentBox, contentRect, intersect, type Rect } from '../geometry/content-rect';

/** Where a video's picture is on screen, in viewport px, clipped to the element. */
export interface VideoLayout {
  /** The picture (object-fit applied), clipped to the element's content box. */
  content: Rect;
  /** The element's content box. */
  box: Rect;
}

const px = (value: string) => Number.parseFloat(value) || 0;

/** Measures a video's picture rectangle. Reads layout: call from a frame callback, not in a loop. */
export function measureVideo(video: HTMLVideoElement, view: Window = window): VideoLayout {
  const r = video.getBoundingClientRect();
  const style = view.getComputedStyle(video);
  const box = contentBox(
    { x: r.left, y: r.top, width: r.width, height: r.height },
    {
      borderLeft: px(style.borderLeftWidth),
      borderTop: px(style.borderTopWidth),
      borderRight: px(style.borderRightWidth),
      borderBottom: px(style.borderBottomWidth),
      paddingLeft: px(style.paddingLeft),
      paddingTop: px(style.paddingTop),
      paddingRight: px(style.paddingRight),
      paddingBottom: px(style.paddingBottom),
    },
  );
  const picture = contentRect({
    box,
    intrinsicWidth: video.videoWidth,
    intrinsicHeight: video.videoHeight,
    objectFit: style.objectFit,
    objectPosition: style.objectPosition,
  });
  return { content: intersect(picture, box), box };
}

export function sameRect(a: Rect | null, b: Rect | null, epsilon = 0.5): boolean {
  if (!a || !b) return a === b;
  return (
    Math.abs(a.x - b.x) < epsilon &&
    Math.abs(a.y - b.y) < epsilon &&
    Math.abs(a.width - b.width) < epsilon &&
    Math.abs(a.height - b.height) < epsilon
  );
}
