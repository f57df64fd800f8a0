/**
 * Where the comment panel goes. By default beside the picture, so it covers none of what is
 * being discussed (drawings included), when the page has room there; else over the picture's
 * right edge. The coach can put it over either edge instead. Pure geometry (unit-tested).
 */
import type { Rect } from '../geometry/content-rect';
import type { PanelDock } from '../settings/off-site';

export type DockPlace = 'beside-right' | 'beside-left' | 'over-right' | 'over-left';

/** The panel's width beside the picture and the gap on each side of it, px (overlay.css uses the same). */
export const DOCK_WIDTH = 300;
export const DOCK_GAP = 8;
/** Room a panel beside the picture takes. */
export const DOCK_REACH = DOCK_WIDTH + 2 * DOCK_GAP;
/** A picture shorter than this would make a panel beside it too short to read: it goes over it. */
export const MIN_BESIDE_HEIGHT = 240;

/** `seen`: the visible part of the picture, viewport px; `viewportWidth`: the layout viewport's width. */
export function dockPlace(pref: PanelDock, seen: Rect, viewportWidth: number): DockPlace {
  if (pref === 'left') return 'over-left';
  if (pref === 'right') return 'over-right';
  if (seen.height >= MIN_BESIDE_HEIGHT) {
    if (viewportWidth - (seen.x + seen.width) >= DOCK_REACH) return 'beside-right';
    if (seen.x >= DOCK_REACH) return 'beside-left';
  }
  return 'over-right';
}

/** The height a player's own controls take at the bottom of its video element (YouTube's bar, the browser's). */
export const CONTROLS_HEIGHT = 56;

/**
 * How far above the picture's bottom a panel docked beside it stops: where it sits over the
 * video element itself (the bars of a pillarboxed picture), it leaves the player's controls
 * along the element's bottom free. `box`: the video element's box, viewport px.
 */
export function dockBottomGap(place: DockPlace, seen: Rect, box: Rect): number {
  const overElement =
    place === 'beside-right' ? box.x + box.width > seen.x + seen.width + DOCK_GAP : place === 'beside-left' ? box.x < seen.x - DOCK_GAP : false;
  if (!overElement) return 0;
  return Math.max(0, Math.round(seen.y + seen.height - (box.y + box.height - CONTROLS_HEIGHT)));
}
