/**
 * Canvases as surfaces for the drawing painter (utils/render/painter.ts): a full-picture
 * canvas, and a pool of small ones in a box over the picture, one per drawing during
 * playback, reused once released. Page side.
 */
import type { Ctx } from '../render/draw-scene';
import type { FadeSurface, FadeSurfaces, Surface } from '../render/painter';

/** Sizes a canvas's backing store for CSS px at a devicePixelRatio (no-op when it already is). */
function sizeCanvas(el: HTMLCanvasElement, width: number, height: number, dpr: number): void {
  const w = Math.max(1, Math.round(width * dpr));
  const h = Math.max(1, Math.round(height * dpr));
  if (el.width !== w || el.height !== h) {
    el.width = w;
    el.height = h;
  }
}

/** A canvas over the whole picture as a surface, or null without a 2D context. */
export function canvasSurface(el: HTMLCanvasElement): Surface | null {
  const ctx = el.getContext('2d');
  return ctx ? { ctx: ctx as unknown as Ctx, size: (width, height, dpr) => sizeCanvas(el, width, height, dpr) } : null;
}

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
    let shown = '0';
    const surface: FadeSurface = {
      ctx: ctx as unknown as Ctx,
      place(part, dpr) {
        el.style.left = `${part.x}px`;
        el.style.top = `${part.y}px`;
        el.style.width = `${part.width}px`;
        el.style.height = `${part.height}px`;
        sizeCanvas(el, part.width, part.height, dpr);
      },
      opacity(value) {
        // Called on every frame: held at 1, only a fade writes.
        const next = value.toFixed(3);
        if (next !== shown) el.style.opacity = shown = next;
      },
      release() {
        el.style.opacity = shown = '0';
        free.push(surface);
      },
    };
    return surface;
  };
  return () => free.pop() ?? (made < max ? make() : null);
}
