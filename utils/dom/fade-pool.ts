/**
 * Fade surfaces for the drawing painter (utils/render/painter.ts): small canvases in a box
 * over the picture, one per fading drawing, reused once released. Page side.
 */
import type { Ctx } from '../render/draw-scene';
import type { FadeSurface, FadeSurfaces } from '../render/painter';

/** At most this many fading drawings get a canvas of their own; more fade on the shared layer. */
export const FADE_SURFACES = 32;

/** Fade surfaces as canvases appended to `box` (which covers the picture). */
export function fadePool(box: HTMLElement, max = FADE_SURFACES): FadeSurfaces {
  const free: FadeSurface[] = [];
  let made = 0;
  const make = (): FadeSurface | null => {
    const el = box.ownerDocument.createElement('canvas');
    const ctx = el.getContext('2d');
    if (!ctx) return null;
    el.setAttribute('aria-hidden', 'true');
    el.style.position = 'absolute';
    el.style.opacity = '0';
    // A layer of its own: the compositor applies the opacity, no repaint on the main thread.
    el.style.willChange = 'opacity';
    box.append(el);
    made++;
    const surface: FadeSurface = {
      ctx: ctx as unknown as Ctx,
      place(part, dpr) {
        el.style.left = `${part.x}px`;
        el.style.top = `${part.y}px`;
        el.style.width = `${part.width}px`;
        el.style.height = `${part.height}px`;
        el.width = Math.max(1, Math.round(part.width * dpr));
        el.height = Math.max(1, Math.round(part.height * dpr));
      },
      opacity: (value) => void (el.style.opacity = value.toFixed(3)),
      release() {
        el.style.opacity = '0';
        free.push(surface);
      },
    };
    return surface;
  };
  return () => free.pop() ?? (made < max ? make() : null);
}
