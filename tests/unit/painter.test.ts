import { describe, expect, it } from 'vitest';
import { newDrawing } from '../../utils/model/create';
import type { DrawingAnnotation, Shape } from '../../utils/model/types';
import type { Ctx } from '../../utils/render/draw-scene';
import { createPainter, type PaintInput, type Surface } from '../../utils/render/painter';

/** A surface whose context swallows calls but counts clears (one per paint) and remembers texts. */
function fakeSurface() {
  const log = { paints: 0, sizes: [] as string[], texts: [] as string[] };
  const ctx = new Proxy({} as Record<string, unknown>, {
    get(target, key: string) {
      if (key in target) return target[key];
      return (...args: unknown[]) => {
        if (key === 'clearRect') log.paints++;
        if (key === 'fillText') log.texts.push(String(args[0]));
        if (key === 'measureText') return { width: String(args[0]).length * 7 };
        return undefined;
      };
    },
    set(target, key: string, value: unknown) {
      target[key] = value;
      return true;
    },
  }) as unknown as Ctx;
  const surface: Surface = { ctx, size: (w, h, dpr) => void log.sizes.push(`${w}x${h}@${dpr}`) };
  return { surface, log };
}

const FPS = 30;
const line: Shape = { tool: 'line', from: { x: 0.1, y: 0.1 }, to: { x: 0.9, y: 0.9 } };
const drawingAt = (id: string, frame: number, shape: Shape = line): DrawingAnnotation =>
  newDrawing({ id, videoId: 'v', time: frame / FPS, frame, shape, author: { id: 'a', name: 'A' }, now: 1 });

function setup(drawings: DrawingAnnotation[]) {
  const still = fakeSurface();
  const fading = fakeSurface();
  const painter = createPainter(still.surface, fading.surface);
  const base: PaintInput = {
    drawings,
    time: null,
    paused: true,
    frameGap: 1 / FPS,
    selectedId: null,
    editing: null,
    preview: null,
    width: 640,
    height: 360,
    dpr: 2,
  };
  const paint = (patch: Partial<PaintInput>) => painter.paint({ ...base, ...patch });
  return { painter, still: still.log, fading: fading.log, paint };
}

describe('layered painter', () => {
  it('paused on a frame: paints once, then nothing while nothing changes', () => {
    const s = setup([drawingAt('a', 30)]);
    expect(s.paint({ time: 30 / FPS }).painted).toBe(2); // both layers start blank
    expect(s.paint({ time: 30 / FPS }).painted).toBe(0);
    expect(s.paint({ time: 30 / FPS }).painted).toBe(0);
    expect(s.still.paints).toBe(1);
    expect(s.still.sizes).toEqual(['640x360@2']);
  });

  it('playing: the hold costs nothing, the fade repaints only the fading layer, frame by frame', () => {
    const s = setup([drawingAt('a', 30), drawingAt('b', 60)]);
    const painted: number[] = [];
    for (let frame = 20; frame <= 110; frame++) painted.push(s.paint({ time: frame / FPS, paused: false }).painted);
    // a: shown 30–59 (1 s hold), fading 60–74; b: shown 60–89, fading 90–104.
    const stillPaints = s.still.paints;
    const fadingPaints = s.fading.paints;
    // Still layer: blank at 20, a appears at 30, b appears at 60, a starts fading at 61
    // (its hold ends at exactly 2 s, frame 60), b starts fading at 91.
    expect(stillPaints).toBe(5);
    // Fading layer: blank at 20, then each fade frame (a: 61–74, b: 91–104, opacity drops
    // from 1 at the frame the hold ends) and once more when each fade is over.
    expect(fadingPaints).toBeGreaterThanOrEqual(2 * 13);
    expect(fadingPaints).toBeLessThanOrEqual(2 * 16 + 1);
    // Frames 31–59 (a held) and 106–110 (nothing left) paint nothing at all.
    expect(painted.slice(31 - 20, 60 - 20).every((n) => n === 0)).toBe(true);
    expect(painted.slice(106 - 20).every((n) => n === 0)).toBe(true);
  });

  it('a change of selection, an edit or the preview repaints the still layer only', () => {
    const a = drawingAt('a', 30);
    const s = setup([a]);
    s.paint({ time: 1 });
    const fading = s.fading.paints;
    expect(s.paint({ time: 1, selectedId: 'a' }).painted).toBe(1);
    expect(s.paint({ time: 1, selectedId: 'a' }).painted).toBe(0);
    const moved = { ...a, shape: { ...line, to: { x: 0.5, y: 0.5 } } };
    expect(s.paint({ time: 1, selectedId: 'a', editing: moved }).painted).toBe(1);
    const preview = drawingAt('preview', 0);
    expect(s.paint({ time: 1, selectedId: 'a', editing: moved, preview }).painted).toBe(1);
    expect(s.paint({ time: 1, selectedId: 'a', editing: moved, preview }).painted).toBe(0);
    expect(s.fading.paints).toBe(fading);
  });

  it('a new version of a drawing repaints; a resize repaints both layers', () => {
    const a = drawingAt('a', 30);
    const s = setup([a]);
    s.paint({ time: 1 });
    expect(setup([a]).paint({ time: 1 }).painted).toBe(2);
    const edited = { ...a, version: 2, shape: { ...line, to: { x: 0.2, y: 0.8 } } };
    expect(s.paint({ time: 1, drawings: [edited] }).painted).toBe(1);
    expect(s.paint({ time: 1, drawings: [edited], width: 1280, height: 720 }).painted).toBe(2);
  });

  it('reports what is visible and the text on screen, still layer first', () => {
    const angle: Shape = { tool: 'angle', a: { x: 0.5, y: 0.2 }, vertex: { x: 0.5, y: 0.5 }, b: { x: 0.8, y: 0.5 } };
    const label: Shape = { tool: 'text', at: { x: 0.1, y: 0.1 }, text: 'hip' };
    const s = setup([drawingAt('old', 0, angle), drawingAt('new', 40, label)]);
    // At frame 40 playing: the angle (frame 0) is in its fade (hold ends at 30), the label is held.
    const result = s.paint({ time: 40 / FPS, paused: false });
    expect(result.visible).toBe(2);
    expect(result.texts).toEqual(['hip', '90.0°']);
  });

  it('reset makes the next paint repaint both layers', () => {
    const s = setup([drawingAt('a', 30)]);
    s.paint({ time: 1 });
    s.painter.reset();
    expect(s.paint({ time: 1 }).painted).toBe(2);
  });
});
