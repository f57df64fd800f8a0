/**
 * Paints the drawings visible at a media time onto two stacked canvases, doing as little as
 * it can per presented frame:
 *
 * - the *still* layer holds what is fully shown (held, on its frame, in its range), the
 *   selection, an edit in progress and the preview; it is repainted only when that set or
 *   the picture size changes;
 * - the *fading* layer holds only drawings in their playback fade, whose opacity changes
 *   every frame; it is repainted while something fades, with just those drawings.
 *
 * So a second of hold costs nothing, a fade costs only the fading drawings, and paused with
 * nothing changing costs a time-index query and two string compares. No DOM: the surfaces
 * are given (the overlay's canvases, or the bench's).
 */
import { visibleAt } from '../drawing/visible';
import type { DrawingAnnotation } from '../model/types';
import { drawScene, type Ctx, type Item } from './draw-scene';

/** A canvas to paint on: its 2D context, and a way to size its backing store. */
export interface Surface {
  readonly ctx: Ctx;
  /** Sizes the backing store for `width` x `height` CSS px at `dpr` (a no-op when it already is). */
  size(width: number, height: number, dpr: number): void;
}

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
  /** Text on screen (readouts, labels), still layer first. */
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

export function createPainter(still: Surface, fading: Surface): Painter {
  let stillShown: LayerState | null = null;
  let fadingShown: LayerState | null = null;

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
      let stillKey = `sel:${input.selectedId ?? ''}`;
      let fadingKey = '';
      for (const v of visible) {
        // updatedAt too: two tabs' edits of one version differ only there.
        if (v.opacity >= 1) stillKey += `|${v.item.id}:${v.item.version}:${v.item.updatedAt}`;
        else fadingKey += `|${v.item.id}:${v.item.version}:${v.item.updatedAt}:${v.opacity.toFixed(2)}`;
      }
      const { width, height, dpr, editing, preview } = input;
      let painted = 0;
      const nextStill = layer(still, stillShown, { key: stillKey, editing, preview, width, height, dpr }, () => {
        const items: Item[] = [];
        for (const v of visible) {
          if (v.opacity < 1) continue;
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
      const nextFading = layer(fading, fadingShown, { key: fadingKey, editing: null, preview: null, width, height, dpr }, () =>
        visible.filter((v) => v.opacity < 1).map((v) => ({ drawing: v.item, opacity: v.opacity })),
      );
      if (nextFading) {
        fadingShown = nextFading;
        painted++;
      }
      return { visible: visible.length, painted, texts: [...(stillShown?.texts ?? []), ...(fadingShown?.texts ?? [])] };
    },
    reset() {
      stillShown = null;
      fadingShown = null;
    },
  };
}
