/**
 * The painter repaints when a drawing's content changes even if its version does not: two
 * tabs' edits of the same version differ only in updatedAt (and content), and the one
 * storage keeps may replace the one shown.
 */
import { describe, expect, it } from 'vitest';
import { newDrawing } from '../../utils/model/create';
import { pickWinner } from '../../utils/model/merge';
import { mutate } from '../../utils/model/mutate';
import type { Ctx } from '../../utils/render/draw-scene';
import { createPainter, type PaintInput, type Surface } from '../../utils/render/painter';

/** A surface whose context swallows calls but counts clears (one per paint) and the stroke colours. */
function fakeSurface() {
  const log = { paints: 0, strokes: [] as string[] };
  const target: Record<string, unknown> = {};
  const ctx = new Proxy(target, {
    get(t, key: string) {
      if (key in t) return t[key];
      return (...args: unknown[]) => {
        if (key === 'clearRect') log.paints++;
        if (key === 'measureText') return { width: String(args[0]).length * 7 };
        if (key === 'stroke') log.strokes.push(String(t.strokeStyle));
        return undefined;
      };
    },
    set(t, key: string, value: unknown) {
      t[key] = value;
      return true;
    },
  }) as unknown as Ctx;
  const surface: Surface = { ctx, size: () => undefined };
  return { surface, log };
}

describe('painter layer keys', () => {
  it('same id and version, later updatedAt and another shape: repaints', () => {
    const still = fakeSurface();
    const fading = fakeSurface();
    const painter = createPainter(still.surface, fading.surface);
    const original = newDrawing({
      id: 'x',
      videoId: 'v',
      time: 1,
      frame: 30,
      shape: { tool: 'line', from: { x: 0.1, y: 0.1 }, to: { x: 0.9, y: 0.9 } },
      author: { id: 'a', name: 'A' },
      now: 1,
    });
    const mine = mutate(original, { style: { ...original.style, color: '#ff4d4d' } }, 1_000);
    const theirs = mutate(original, { shape: { tool: 'line', from: { x: 0.5, y: 0.1 }, to: { x: 0.5, y: 0.9 } } }, 2_000);
    expect(theirs.version).toBe(mine.version);
    expect(pickWinner(mine, theirs)).toBe(theirs);

    const base: PaintInput = {
      drawings: [mine],
      time: 1,
      paused: true,
      frameGap: 1 / 30,
      selectedId: null,
      editing: null,
      preview: null,
      width: 640,
      height: 360,
      dpr: 1,
    };
    expect(painter.paint(base).painted).toBe(2);
    expect(painter.paint(base).painted).toBe(0);
    const paintsBefore = still.log.paints;

    const result = painter.paint({ ...base, drawings: [theirs] });
    expect(result.painted).toBeGreaterThan(0);
    expect(still.log.paints).toBe(paintsBefore + 1);
    expect(still.log.strokes.at(-1)).toBe(theirs.style.color);
    expect(painter.paint({ ...base, drawings: [theirs] }).painted).toBe(0);
  });
});
