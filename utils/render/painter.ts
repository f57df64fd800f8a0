/**
 * Paints the drawings visible at a media time, doing as little as it can per presented frame:
 *
 * - the *still* canvas holds what does not change from frame to frame — paused, everything;
 *   playing, ranges, the selection, an edit in progress and the preview — and is repainted
 *   only when that set or the picture size changes;
 * - during playback, a drawing that will fade gets a small canvas of its own (an *own
 *   surface*, as big as the drawing) for its whole time on screen: painted once when it
 *   appears, then held and faded by its CSS opacity, which the compositor applies, so
 *   neither its arrival, its hold nor its fade repaints anything else;
 * - the *fading* canvas takes those drawings when no own surface is free (or the memory
 *   budget is spent), and is repainted while they change.
 *
 * Paused with nothing changing, a paint costs a time-index query and a string compare. No
 * DOM: the surfaces are given (the overlay's canvases, or the bench's).
 */
import { visibleAt } from '../drawing/visible';
import type { DrawingAnnotation } from '../model/types';
import { boundsOf, drawScene, type Ctx, type Item, type Rect } from './draw-scene';

/** A canvas to paint on: its 2D context, and a way to size its backing store. */
export interface Surface {
  readonly ctx: Ctx;
  /** Sizes the backing store for `width` x `height` CSS px at `dpr` (a no-op when it already is). */
  size(width: number, height: number, dpr: number): void;
}

/**
 * A small canvas for one drawing during playback: painted once, then held and faded by its
 * (CSS) opacity, which the compositor applies: a fade costs no repaint at all.
 */
export interface FadeSurface {
  readonly ctx: Ctx;
  /** Covers `part` of the picture (CSS px), backing store at `dpr`. */
  place(part: Rect, dpr: number): void;
  opacity(value: number): void;
  /** Back to the pool (hidden). */
  release(): void;
}

/** Hands out fade surfaces; null when none is free (the drawing then fades on the fading layer). */
export type FadeSurfaces = () => FadeSurface | null;

export interface PaintInput {
  /** The video's drawings (the array the time index is cached on). */
  drawings: readonly DrawingAnnotation[];
  time: number | null;
  paused: boolean;
  /** Duration of a frame, seconds (paused, "on its frame" is within half of it). */
  frameGap: number;
  selectedId: string | null;
  /** A drawing mid-edit, drawn in place of the stored one with the same id. */
  editing: DrawingAnnotation | null;
  /** The shape being drawn, as a drawing. */
  preview: DrawingAnnotation | null;
  width: number;
  height: number;
  dpr: number;
}

export interface PaintResult {
  /** Drawings visible at the time. */
  visible: number;
  /** Layers painted by this call (0, 1 or 2). */
  painted: number;
  /** Text on screen (readouts, labels): the same array while it does not change. */
  texts: readonly string[];
}

export interface Painter {
  paint(input: PaintInput): PaintResult;
  /** Forgets what is on the surfaces (the next paint repaints both). */
  reset(): void;
}

interface LayerState {
  key: string;
  /** Identity checks for inputs that are objects (an edit, the preview). */
  editing: DrawingAnnotation | null;
  preview: DrawingAnnotation | null;
  width: number;
  height: number;
  dpr: number;
  texts: readonly string[];
}

interface Fade {
  surface: FadeSurface;
  /** The drawing's content and the picture it was painted for. */
  key: string;
  texts: readonly string[];
  /** Backing-store pixels it holds. */
  pixels: number;
}

/** Own canvases may hold at most this many full pictures' worth of pixels (memory). */
const SURFACE_BUDGET = 3;

export function createPainter(still: Surface, fading: Surface, fadeSurfaces?: FadeSurfaces): Painter {
  let stillShown: LayerState | null = null;
  let fadingShown: LayerState | null = null;
  /** Drawings on surfaces of their own, by id. */
  const fades = new Map<string, Fade>();
  let texts: readonly string[] = [];
  const releaseAll = () => {
    for (const f of fades.values()) f.surface.release();
    fades.clear();
  };

  function layer(surface: Surface, shown: LayerState | null, next: Omit<LayerState, 'texts'>, items: () => Item[]): LayerState | null {
    if (
      shown && shown.key === next.key && shown.editing === next.editing && shown.preview === next.preview &&
      shown.width === next.width && shown.height === next.height && shown.dpr === next.dpr
    ) return null;
    surface.size(next.width, next.height, next.dpr);
    const texts = drawScene(surface.ctx, { width: next.width, height: next.height, dpr: next.dpr }, items());
    return { ...next, texts };
  }

  return {
    paint(input) {
      const visible = visibleAt(input.drawings, input.time, input.paused, input.frameGap);
      /**
       * During playback a drawing that will fade gets a surface of its own for its whole time
       * on screen (held at opacity 1, then faded): it is painted once when it appears, and
       * neither its arrival nor its fade repaints the others. Paused, ranges, the selection
       * and an edit are on the still canvas.
       */
      const floats = (v: { item: DrawingAnnotation; opacity: number }) =>
        !input.paused && v.item.timing.endTime === null && v.item.id !== input.selectedId && v.item.id !== input.editing?.id;
      let stillKey = `sel:${input.selectedId ?? ''}`;
      // updatedAt too: two tabs' edits of one version differ only there.
      for (const v of visible) if (!floats(v)) stillKey += `|${v.item.id}:${v.item.version}:${v.item.updatedAt}`;
      const { width, height, dpr, editing, preview } = input;
      let painted = 0;
      const nextStill = layer(still, stillShown, { key: stillKey, editing, preview, width, height, dpr }, () => {
        const items: Item[] = [];
        for (const v of visible) {
          if (floats(v)) continue;
          const drawing = editing?.id === v.item.id ? editing : v.item;
          items.push({ drawing, opacity: 1, selected: v.item.id === input.selectedId });
        }
        if (preview) items.push({ drawing: preview, opacity: 1 });
        return items;
      });
      if (nextStill) {
        stillShown = nextStill;
        painted++;
      }
      // Playing: each on a surface of its own, painted once, then held and faded by opacity;
      // the rest (no surface free) on the fading layer, repainted as they change.
      const size = `${width}x${height}@${dpr}`;
      const scene = { width, height, dpr };
      const seen = new Set<string>();
      const onLayer: Item[] = [];
      let released = false;
      for (const v of visible) {
        if (!floats(v)) continue;
        const key = `${v.item.version}:${v.item.updatedAt}:${size}`;
        let fade = fades.get(v.item.id);
        if (fade && fade.key !== key) {
          fade.surface.release();
          fades.delete(v.item.id);
          fade = undefined;
          released = true;
        }
        if (!fade && fadeSurfaces) {
          const part = boundsOf(v.item, scene, still.ctx);
          const pixels = part.width * part.height * dpr * dpr;
          let held = 0;
          for (const f of fades.values()) held += f.pixels;
          // Big drawings past the budget share the layer instead (a 4K picture is 33 MB a canvas).
          const surface = held + pixels <= SURFACE_BUDGET * width * height * dpr * dpr ? fadeSurfaces() : null;
          if (surface) {
            surface.place(part, dpr);
            fade = { surface, key, pixels, texts: drawScene(surface.ctx, scene, [{ drawing: v.item, opacity: 1 }], part) };
            fades.set(v.item.id, fade);
            painted++;
          }
        }
        if (fade) {
          seen.add(v.item.id);
          fade.surface.opacity(v.opacity);
        } else onLayer.push({ drawing: v.item, opacity: v.opacity });
      }
      for (const [id, fade] of fades) {
        if (seen.has(id)) continue;
        fade.surface.release();
        fades.delete(id);
        released = true;
      }
      let layerKey = '';
      for (const item of onLayer) layerKey += `|${item.drawing.id}:${item.drawing.version}:${item.drawing.updatedAt}:${item.opacity.toFixed(2)}`;
      const nextFading = layer(fading, fadingShown, { key: layerKey, editing: null, preview: null, width, height, dpr }, () => onLayer);
      if (nextFading) {
        fadingShown = nextFading;
        painted++;
      }
      // The text on screen changes only with a paint or a drawing leaving its surface.
      if (painted || released) {
        const own: string[] = [];
        for (const v of visible) own.push(...(fades.get(v.item.id)?.texts ?? []));
        texts = [...(stillShown?.texts ?? []), ...(fadingShown?.texts ?? []), ...own];
      }
      return { visible: visible.length, painted, texts };
    },
    reset() {
      stillShown = null;
      fadingShown = null;
      texts = [];
      releaseAll();
    },
  };
}
