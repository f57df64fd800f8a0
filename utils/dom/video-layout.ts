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

/** The parent of a node, stepping out of shadow roots to their hosts. */
export function composedParent(node: Node): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

/** Like `contains`, but sees through shadow roots. */
export function composedContains(ancestor: Element, node: Node): boolean {
  for (let n: Node | null = node; n; n = composedParent(n)) if (n === ancestor) return true;
  return false;
}

/**
 * The part of `rect` a person can see: inside the viewport and inside every ancestor that
 * clips (overflow other than visible), up to the first fixed-position ancestor.
 */
export function visiblePart(element: Element, rect: Rect, view: Window = window): Rect {
  let visible = intersect(rect, { x: 0, y: 0, width: view.innerWidth, height: view.innerHeight });
  const top = element.ownerDocument.documentElement;
  for (let node = composedParent(element); node && node !== top && visible.width > 0; node = composedParent(node)) {
    const style = view.getComputedStyle(node);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') {
      const box = node.getBoundingClientRect();
      visible = intersect(visible, {
        x: box.left + node.clientLeft,
        y: box.top + node.clientTop,
        width: node.clientWidth,
        height: node.clientHeight,
      });
    }
    if (style.position === 'fixed') break;
  }
  return visible;
}
