import { describe, expect, it } from 'vitest';
import { newDrawing } from '../../utils/model/create';
import type { DrawingAnnotation, Shape } from '../../utils/model/types';
import type { Ctx } from '../../utils/render/draw-scene';
import { boundsOf } from '../../utils/render/draw-scene';
import { createPainter, type FadeSurface, type PaintInput, type Surface } from '../../utils/render/painter';

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

  it('playing, without fade surfaces: drawings share the fading layer, and a hold costs nothing', () => {
    const s = setup([drawingAt('a', 30), drawingAt('b', 60)]);
    const painted: number[] = [];
    for (let frame = 20; frame <= 110; frame++) painted.push(s.paint({ time: frame / FPS, paused: false }).painted);
    // a: shown 30–59 (1 s hold), fading 60–74; b: shown 60–89, fading 90–104. Playing, they
    // are not on the still canvas (painted once, blank).
    expect(s.still.paints).toBe(1);
    // Frames 31–59 (a held) and 106–110 (nothing left) paint nothing at all.
    expect(painted.slice(31 - 20, 60 - 20).every((n) => n === 0)).toBe(true);
    expect(painted.slice(106 - 20).every((n) => n === 0)).toBe(true);
    // Each fade frame repaints the shared layer.
    expect(s.fading.paints).toBeGreaterThanOrEqual(2 * 13);
  });

  it('paused, everything is on the still canvas', () => {
    const s = setup([drawingAt('a', 30), drawingAt('b', 30, { tool: 'rect', from: { x: 0.2, y: 0.2 }, to: { x: 0.4, y: 0.4 } })]);
    expect(s.paint({ time: 1, paused: true }).visible).toBe(2);
    expect(s.still.paints).toBe(1);
    expect(s.fading.paints).toBe(1); // blank
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

  it('reports what is visible and the text on screen, in drawing order', () => {
    const angle: Shape = { tool: 'angle', a: { x: 0.5, y: 0.2 }, vertex: { x: 0.5, y: 0.5 }, b: { x: 0.8, y: 0.5 } };
    const label: Shape = { tool: 'text', at: { x: 0.1, y: 0.1 }, text: 'hip' };
    const s = setup([drawingAt('old', 0, angle), drawingAt('new', 40, label)]);
    // At frame 40 playing: the angle (frame 0) is in its fade (hold ends at 30), the label is held.
    const result = s.paint({ time: 40 / FPS, paused: false });
    expect(result.visible).toBe(2);
    expect(result.texts).toEqual(['90.0°', 'hip']);
  });

  it('reset makes the next paint repaint both layers', () => {
    const s = setup([drawingAt('a', 30)]);
    s.paint({ time: 1 });
    s.painter.reset();
    expect(s.paint({ time: 1 }).painted).toBe(2);
  });
});

describe('layered painter with fade surfaces', () => {
  /** A pool of fake fade surfaces: counts paints, remembers opacity and placement. */
  function pool(max: number) {
    const made: { paints: number; opacity: number; part: string; free: boolean }[] = [];
    const free: FadeSurface[] = [];
    const take = (): FadeSurface | null => {
      const reused = free.pop();
      if (reused) return reused;
      if (made.length >= max) return null;
      const log = { paints: 0, opacity: 0, part: '', free: false };
      made.push(log);
      const { surface } = fakeSurface();
      const fade: FadeSurface = {
        ctx: new Proxy(surface.ctx as unknown as Record<string, unknown>, {
          get(target, key: string) {
            if (key === 'clearRect') return () => void log.paints++;
            return target[key];
          },
          set(target, key: string, value: unknown) {
            target[key] = value;
            return true;
          },
        }) as unknown as Ctx,
        place: (part) => void (log.part = `${part.x},${part.y} ${part.width}x${part.height}`),
        opacity: (value) => void (log.opacity = value),
        release() {
          log.free = true;
          log.opacity = 0;
          free.push(fade);
        },
      };
      log.free = false;
      return fade;
    };
    return { take, made };
  }

  it('a fade is painted once on its own surface and then only its opacity changes', () => {
    const still = fakeSurface();
    const fading = fakeSurface();
    const fades = pool(4);
    const painter = createPainter(still.surface, fading.surface, fades.take);
    const input = (frame: number): PaintInput => ({
      drawings: [drawingAt('a', 30)],
      time: frame / FPS,
      paused: false,
      frameGap: 1 / FPS,
      selectedId: null,
      editing: null,
      preview: null,
      width: 640,
      height: 360,
      dpr: 1,
    });
    const opacities: number[] = [];
    for (let frame = 25; frame <= 80; frame++) {
      painter.paint(input(frame));
      opacities.push(fades.made[0]?.opacity ?? -1);
    }
    // One surface, painted once (when the fade began at frame 61), faded frame by frame, released at the end.
    expect(fades.made).toHaveLength(1);
    expect(fades.made[0]!.paints).toBe(1);
    expect(fades.made[0]!.free).toBe(true);
    const during = opacities.slice(61 - 25, 75 - 25);
    for (let i = 1; i < during.length; i++) expect(during[i]!).toBeLessThan(during[i - 1]!);
    expect(during[0]!).toBeGreaterThan(0.9);
    // The fading layer was painted once (blank, at the start) and never again.
    expect(fading.log.paints).toBe(1);
    // The surface covers the drawing: the line runs from (64, 36) to (576, 324) at 640x360.
    const [xy, wh] = fades.made[0]!.part.split(' ');
    const [x, y] = xy!.split(',').map(Number);
    const [w, h] = wh!.split('x').map(Number);
    expect(x!).toBeLessThanOrEqual(64 - 1);
    expect(y!).toBeLessThanOrEqual(36 - 1);
    expect(x! + w!).toBeGreaterThanOrEqual(576 + 1);
    expect(y! + h!).toBeGreaterThanOrEqual(324 + 1);
    expect(w!).toBeLessThan(640);
  });

  it('with no surface free, fading drawings fade on the shared layer as before', () => {
    const still = fakeSurface();
    const fading = fakeSurface();
    const fades = pool(1);
    const painter = createPainter(still.surface, fading.surface, fades.take);
    const drawings = [drawingAt('a', 30), drawingAt('b', 30)];
    for (let frame = 61; frame <= 70; frame++) {
      painter.paint({ drawings, time: frame / FPS, paused: false, frameGap: 1 / FPS, selectedId: null, editing: null, preview: null, width: 640, height: 360, dpr: 1 });
    }
    expect(fades.made).toHaveLength(1);
    expect(fades.made[0]!.paints).toBe(1);
    // The second one: repainted on the fading layer on every frame of its fade.
    expect(fading.log.paints).toBeGreaterThanOrEqual(9);
  });
});

describe('boundsOf', () => {
  const measure = { font: '', measureText: (text: string) => ({ width: text.length * 10 }) as TextMetrics };
  const SCENE = { width: 640, height: 360, dpr: 1 };

  it('covers a stroke with its width', () => {
    const d = drawingAt('a', 0, { tool: 'line', from: { x: 0.25, y: 0.5 }, to: { x: 0.75, y: 0.5 } });
    const b = boundsOf(d, SCENE, measure);
    expect(b.x).toBeLessThanOrEqual(160 - 1.5);
    expect(b.x + b.width).toBeGreaterThanOrEqual(480 + 1.5);
    expect(b.y).toBeLessThanOrEqual(180 - 1.5);
    expect(b.y + b.height).toBeGreaterThanOrEqual(180 + 1.5);
    expect(b.height).toBeLessThan(20);
  });

  it('covers a label as measured, and an angle with its readout', () => {
    const label = drawingAt('t', 0, { tool: 'text', at: { x: 0.5, y: 0.5 }, text: 'land under the hip' });
    const b = boundsOf(label, SCENE, measure);
    expect(b.x + b.width).toBeGreaterThanOrEqual(320 + 18 * 10);
    const angle = drawingAt('g', 0, { tool: 'angle', a: { x: 0.5, y: 0.2 }, vertex: { x: 0.5, y: 0.5 }, b: { x: 0.8, y: 0.5 } });
    const g = boundsOf(angle, SCENE, measure);
    expect(g.y).toBeLessThanOrEqual(72 - 1);
    expect(g.x + g.width).toBeGreaterThanOrEqual(512 + 1);
  });
});

describe('own canvases and memory', () => {
  it('big drawings past three pictures\' worth of pixels share the layer instead of getting canvases', () => {
    const still = fakeSurface();
    const fading = fakeSurface();
    let taken = 0;
    const painter = createPainter(still.surface, fading.surface, () => {
      taken++;
      const { surface } = fakeSurface();
      return { ctx: surface.ctx, place: () => undefined, opacity: () => undefined, release: () => undefined };
    });
    // Five rectangles covering the whole picture, all on screen at once.
    const whole: Shape = { tool: 'rect', from: { x: 0, y: 0 }, to: { x: 1, y: 1 } };
    const drawings = ['a', 'b', 'c', 'd', 'e'].map((id) => drawingAt(id, 30, whole));
    const result = painter.paint({ drawings, time: 31 / FPS, paused: false, frameGap: 1 / FPS, selectedId: null, editing: null, preview: null, width: 640, height: 360, dpr: 2 });
    expect(result.visible).toBe(5);
    // Each is a little over one picture (its stroke reaches past the edges): two fit in three.
    expect(taken).toBe(2);
    expect(fading.log.paints).toBe(1);
  });
});
