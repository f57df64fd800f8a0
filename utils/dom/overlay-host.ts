import type { Rect } from '../geometry/content-rect';
import { composedContains, measureVideo, sameRect, visiblePart } from './video-layout';
import { DOCK_REACH, dockBottomGap, dockPlace } from './panel-dock';
import type { PanelDock } from '../settings/off-site';
import { HOST_TAG } from './host-tag';
import { overlayReadable } from './test-hooks';

/**
 * A shadow-rooted element that sits exactly over a video's picture. It lives inside the
 * fullscreen element when the video is in one (else it would vanish in fullscreen), and
 * follows resize, scroll, layout shifts and fullscreen changes. It takes no pointer events
 * itself: only the controls inside it do.
 */
export interface OverlayHost {
  readonly host: HTMLElement;
  readonly shadow: ShadowRoot;
  /**
   * Positioned over the picture; the UI renders into it. `data-dock` says where the comment
   * panel goes (see panel-dock.ts): beside the picture, the frame's clip reaches out for it.
   */
  readonly frame: HTMLElement;
  /** The picture's rect in viewport px (null when the video is not visible). */
  rect(): Rect | null;
  onLayout(listener: (rect: Rect | null) => void): () => void;
  /** Measure now (after something moved the video). */
  update(): void;
  /** Hides all of FrameCoach's UI here (a capture of the tab must not show it), or shows it again. */
  hide(hidden: boolean): void;
  dispose(): void;
}

const POLL_MS = 500;
/**
 * The host's own style, from inside its shadow root: important there, it beats a page's
 * rules aimed at everything (`* { all: unset !important }`), which would move it or pass
 * their fonts into the panel (for important rules the shadow tree's win), and it adds no
 * attribute for the page to read. `--fc-unzoom` (a custom property: `all` leaves those)
 * undoes a page's `zoom` on an ancestor.
 */
const HIDDEN = 'fc-hidden';
const HOST_RULE =
  ':host{' +
  'all:initial;position:fixed;left:0;top:0;width:0;height:0;z-index:2147483647;pointer-events:none;display:block;zoom:var(--fc-unzoom,1)'.replace(
    /;|$/g,
    ' !important;',
  ) +
  `}.${HIDDEN}{visibility:hidden !important}`;

export function createOverlayHost(
  video: HTMLVideoElement,
  /** The style sheet; the overlay stays hidden until it is in. */
  css: Promise<string>,
  preferredParent: (video: HTMLVideoElement) => Element | null = () => null,
  /** Where the coach wants the comment panel. */
  dock: () => PanelDock = () => 'beside',
): OverlayHost {
  const doc = video.ownerDocument;
  const view = doc.defaultView ?? window;
  const host = doc.createElement(HOST_TAG);

  // Closed: the page's scripts can't reach the coach's notes through `host.shadowRoot`.
  const shadow = host.attachShadow({ mode: overlayReadable(doc) ? 'open' : 'closed' });
  const style = doc.createElement('style');
  style.textContent = `${HOST_RULE}.fc-frame{visibility:hidden}`;
  void css.then((text) => void (style.textContent = HOST_RULE + text));
  const frame = doc.createElement('div');
  frame.className = 'fc-frame';
  shadow.append(style, frame);

  const listeners = new Set<(rect: Rect | null) => void>();
  const abort = new AbortController();
  let current: Rect | null = null;
  let queued = 0;
  let placed = '';
  let hostZoom = '';

  function parentFor(): Element {
    const fullscreen = doc.fullscreenElement;
    // A fullscreen <video> itself can't hold children: nothing can be drawn over it.
    if (fullscreen && fullscreen !== video && composedContains(fullscreen, video)) return fullscreen;
    return preferredParent(video) ?? doc.body ?? doc.documentElement;
  }

  function place() {
    // Measured now: a frame asked for before is not needed (and must not outlive `dispose`,
    // which cancels only the frame it knows of: left pending, it put a disposed host back).
    if (queued) view.cancelAnimationFrame(queued);
    queued = 0;
    const parent = parentFor();
    if (host.parentNode !== parent) parent.append(host);
    // A page's `zoom` on an ancestor would scale the panel and every px below: undone on the
    // host, so its px are the viewport's (what the video's rect is measured in).
    const zoom = (parent as Element & { currentCSSZoom?: number }).currentCSSZoom ?? 1;
    const unzoom = zoom > 0 && Math.abs(zoom - 1) > 1e-3 ? String(1 / zoom) : '';
    if (unzoom !== hostZoom) {
      hostZoom = unzoom;
      if (unzoom) host.style.setProperty('--fc-unzoom', unzoom);
      else host.removeAttribute('style');
    }
    const shown = video.isConnected && video.getClientRects().length > 0;
    const layout = shown ? measureVideo(video, view) : null;
    const rect = layout?.content ?? null;
    const next = rect && rect.width > 0 && rect.height > 0 ? rect : null;
    // Only the part of the picture a person can see takes our UI: a scrolling box or the
    // viewport edge cuts the rest off, so the panel never covers the page outside the video.
    const seen = next ? visiblePart(video, next, view) : null;
    // The host is fixed at 0,0, but a transformed ancestor moves that origin: correct for it.
    const origin = host.getBoundingClientRect();
    const shows = next && seen && seen.width > 0 && seen.height > 0;
    const side = shows ? dockPlace(dock(), seen, doc.documentElement.clientWidth || view.innerWidth) : 'over-right';
    if (frame.dataset.dock !== side) frame.dataset.dock = side;
    // The clip is the visible picture, reaching out beside it for a panel docked there.
    const reachRight = side === 'beside-right' ? DOCK_REACH : 0;
    const reachLeft = side === 'beside-left' ? DOCK_REACH : 0;
    const css =
      shows
        ? `position:absolute;left:${next.x - origin.left}px;top:${next.y - origin.top}px;` +
          `width:${next.width}px;height:${next.height}px;` +
          `clip-path:inset(${seen.y - next.y}px ${next.x + next.width - seen.x - seen.width - reachRight}px ` +
          `${next.y + next.height - seen.y - seen.height}px ${seen.x - next.x - reachLeft}px);` +
          `--fc-seen-left:${seen.x - next.x}px;--fc-seen-top:${seen.y - next.y}px;` +
          `--fc-seen-width:${seen.width}px;--fc-seen-height:${seen.height}px;` +
          `--fc-dock-bottom:${dockBottomGap(side, seen, layout!.box)}px;`
        : 'display:none;';
    if (css !== placed) frame.style.cssText = placed = css;
    if (sameRect(current, next)) return;
    current = next;
    for (const listener of listeners) listener(current);
  }
  const schedule = () => {
    if (!queued) queued = view.requestAnimationFrame(place);
  };

  const resize = new ResizeObserver(schedule);
  resize.observe(video);
  const opts = { signal: abort.signal, passive: true, capture: true };
  view.addEventListener('resize', schedule, opts);
  doc.addEventListener('scroll', schedule, opts);
  doc.addEventListener('fullscreenchange', schedule, opts);
  video.addEventListener('loadedmetadata', schedule, opts);
  video.addEventListener('resize', schedule, opts);
  // Layout can shift without any event (a sidebar opens): check now and then.
  const poll = view.setInterval(() => {
    if (!doc.hidden) schedule();
  }, POLL_MS);
  place();

  return {
    host,
    shadow,
    frame,
    rect: () => current,
    onLayout(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    update: place,
    hide: (hidden) => void frame.classList.toggle(HIDDEN, hidden),
    dispose() {
      abort.abort();
      resize.disconnect();
      view.clearInterval(poll);
      if (queued) view.cancelAnimationFrame(queued);
      listeners.clear();
      host.remove();
    },
  };
}
