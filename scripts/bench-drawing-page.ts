/**
 * The page side of scripts/bench-drawing.ts, bundled with esbuild and injected into
 * tests/fixtures/bench/drawing.html (a <video> with a <canvas> over it). It runs the real
 * drawing pipeline (visibleAt over the time index, drawScene) on every presented frame,
 * beside a redraw-everything approach, and times the main-thread work per frame.
 *
 * - framecoach: the overlay's own painter (utils/render/painter.ts, what
 *   components/drawing/drawing-canvas.tsx calls per frame, with the same canvases,
 *   utils/dom/canvas-surfaces.ts): visibleAt(time), a still canvas repainted only when what
 *   it shows changes, and during playback each drawing painted once on a small canvas of
 *   its own, then held and faded by CSS opacity (without the component's dataset/aria
 *   updates).
 * - naive: a linear scan of every drawing computing visibility and opacity, then drawScene
 *   of all visible ones on every frame, changed or not.
 * - clear: drawScene of nothing on every frame: what any paint costs, whatever is drawn.
 * - none: the frame loop alone (no drawing work), the floor.
 *
 * makeDrawings() is also imported by the Node side (to seed the real extension), so nothing
 * here touches the DOM at import time except the guarded install at the bottom.
 */
import { indexOf } from '../utils/drawing/visible';
import { DEFAULT_TIMING, newDrawing } from '../utils/model/create';
import type { DrawingAnnotation, NormPoint, Shape } from '../utils/model/types';
import { drawScene, type Item, type Scene } from '../utils/render/draw-scene';
import { createPainter } from '../utils/render/painter';
import { prng } from '../tests/shared/prng';
import { canvasSurface, fadePool } from '../utils/dom/canvas-surfaces';

export type Approach = 'framecoach' | 'naive' | 'clear' | 'none';

export interface DrawingSet {
  /** How many drawings. */
  n: number;
  /** Media time span they are spread over, seconds. */
  from: number;
  to: number;
  /** Frame rate of the clip: drawing times are frame starts. */
  fps: number;
  seed: number;
  videoId: string;
}

export interface PlayResult {
  /** requestVideoFrameCallback calls (presented frames) timed. */
  frames: number;
  /** drawScene calls. */
  paints: number;
  /**
   * Main-thread ms of the per-frame work, one per frame, including the canvas raster: a
   * frame that painted is flushed at once (a 1-pixel getImageData), work the browser would
   * otherwise do on the main thread later in the same frame (software canvas).
   */
  ms: number[];
  /** The raster flush, ms per frame that painted. */
  rasterMs: number[];
  /** Visible drawings per frame, mean. */
  visibleMean: number;
  /** metadata.presentedFrames went up by more than 1 (frames the page never saw). */
  skipped: number;
  firstTime: number;
  lastTime: number;
}

export interface PausedResult {
  /** requestAnimationFrame ticks in the window. */
  ticks: number;
  paints: number;
  /** Sum of the per-tick work, ms. */
  workMs: number;
  /** Drawings on the paused frame. */
  visible: number;
}


const TOOLS = ['line', 'arrow', 'rect', 'ellipse', 'angle', 'angleToVertical', 'angleToHorizontal', 'pen', 'text'] as const;
const NOTES = ['land under the hip', 'shin vertical at strike', 'knee drive', 'pull, don\u2019t push', 'trunk lean 8\u00b0'];
const COLORS = ['#ffcf3f', '#ff4f6d', '#4fd1ff', '#7dff6a'];

/**
 * `n` drawings (every tool, pens of ~30 points), at random frame starts in [from, to), in
 * random positions, default timing (hold 1 s, fade 0.5 s). Returned in id order, not time
 * order, as a database would give them.
 */
export function makeDrawings(set: DrawingSet): DrawingAnnotation[] {
  const r = prng(set.seed);
  const clamp = (v: number) => Math.min(0.98, Math.max(0.02, v));
  const point = (): NormPoint => ({ x: 0.1 + 0.8 * r(), y: 0.1 + 0.8 * r() });
  const near = (p: NormPoint, d = 0.25): NormPoint => ({ x: clamp(p.x + (r() - 0.5) * 2 * d), y: clamp(p.y + (r() - 0.5) * 2 * d) });
  const out: DrawingAnnotation[] = [];
  const frames = Math.max(1, Math.floor((set.to - set.from) * set.fps));
  const first = Math.ceil(set.from * set.fps);
  for (let i = 0; i < set.n; i++) {
    const tool = TOOLS[i % TOOLS.length]!;
    const p = point();
    let shape: Shape;
    switch (tool) {
      case 'angle':
        shape = { tool, a: near(p), vertex: p, b: near(p) };
        break;
      case 'pen': {
        const points: NormPoint[] = [p];
        const count = 26 + Math.floor(r() * 9);
        for (let k = 1; k < count; k++) points.push(near(points[k - 1]!, 0.02));
        shape = { tool, points };
        break;
      }
      case 'text':
        shape = { tool, at: p, text: NOTES[Math.floor(r() * NOTES.length)]! };
        break;
      default:
        shape = { tool, from: p, to: near(p) };
    }
    const frame = first + Math.floor(r() * frames);
    out.push(
      newDrawing({
        id: `bench-drawing-${String(i).padStart(4, '0')}`,
        videoId: set.videoId,
        time: frame / set.fps,
        frame,
        shape,
        author: { id: 'bench', name: 'Bench' },
        style: { color: COLORS[i % COLORS.length]!, width: 3 },
        timing: DEFAULT_TIMING,
        now: 1_700_000_000_000 + i,
      }),
    );
  }
  return out;
}

interface Painter {
  /** The per-frame work: returns true when it painted. */
  tick(time: number, paused: boolean): boolean;
  /** Forget what is on the canvas (the next tick paints). */
  reset(): void;
  visible: number;
}

function setupPage(video: HTMLVideoElement, canvas: HTMLCanvasElement, below: HTMLCanvasElement, fadeBox: HTMLElement) {
  const ctx = canvas.getContext('2d')!;
  const belowCtx = below.getContext('2d')!;
  const dpr = window.devicePixelRatio || 1;
  const main = canvasSurface(canvas)!;
  const scene = (): Scene => {
    const width = canvas.clientWidth;
    const height = canvas.clientHeight;
    main.size(width, height, dpr);
    return { width, height, dpr };
  };
  let drawings: DrawingAnnotation[] = [];
  let tolerance = 1 / 60;
  const painters: Record<Approach, Painter> = {} as Record<Approach, Painter>;

  function setup(set: DrawingSet): { drawings: number; buildMs: number } {
    drawings = makeDrawings(set);
    const gap = 1 / set.fps;
    tolerance = gap / 2;
    // The time index is built once per drawings array (the feature replaces the array on a change).
    const t0 = performance.now();
    indexOf(drawings);
    const buildMs = performance.now() - t0;

    // The overlay's painter, as drawing-canvas.tsx calls it on a presented frame.
    const painter = createPainter(main, canvasSurface(below)!, fadePool(fadeBox));
    const fc: Painter = {
      visible: 0,
      reset: () => painter.reset(),
      tick(time, paused) {
        const result = painter.paint({
          drawings,
          time,
          paused,
          frameGap: gap,
          selectedId: null,
          editing: null,
          preview: null,
          width: canvas.clientWidth,
          height: canvas.clientHeight,
          dpr,
        });
        fc.visible = result.visible;
        return result.painted > 0;
      },
    };

    // Redraw everything: scan all drawings, compute visibility and opacity, paint every frame.
    const naive: Painter = {
      visible: 0,
      reset() {},
      tick(time, paused) {
        const items: Item[] = [];
        for (const d of drawings) {
          if (d.deleted) continue;
          let opacity = 0;
          if (paused) {
            opacity = Math.abs(d.time - time) < tolerance ? 1 : 0;
          } else {
            const hold = d.time + d.timing.holdSeconds;
            const end = hold + d.timing.fadeSeconds;
            if (time >= d.time && time <= end) opacity = time <= hold ? 1 : (end - time) / d.timing.fadeSeconds;
          }
          if (opacity > 0) items.push({ drawing: d, opacity });
        }
        naive.visible = items.length;
        drawScene(main.ctx, scene(), items);
        return true;
      },
    };

    const none: Painter = {
      visible: 0,
      reset() {},
      tick: () => false,
    };
    const clear: Painter = {
      visible: 0,
      reset() {},
      tick: () => {
        drawScene(main.ctx, scene(), []);
        return true;
      },
    };
    Object.assign(painters, { framecoach: fc, naive, clear, none });
    return { drawings: drawings.length, buildMs };
  }

  /** Forces the canvases' raster now (software canvas: it is main-thread work of this frame). */
  function flush() {
    ctx.getImageData(0, 0, 1, 1);
    belowCtx.getImageData(0, 0, 1, 1);
  }

  /** Seeks to `time` (a frame start plus a little) and waits until that frame is presented. */
  async function seek(time: number): Promise<void> {
    video.pause();
    await new Promise<void>((resolve) => {
      video.addEventListener('seeked', () => resolve(), { once: true });
      video.currentTime = time;
    });
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 500);
      video.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async function prepare(approach: Approach, start: number): Promise<void> {
    await seek(start);
    painters[approach].reset();
    for (const c of [ctx, belowCtx]) {
      c.setTransform(1, 0, 0, 1, 0, 0);
      c.clearRect(0, 0, c.canvas.width, c.canvas.height);
    }
  }

  /** Plays from where prepare() left the video for `seconds` of media time, timing every frame. */
  function play(approach: Approach, seconds: number): Promise<PlayResult> {
    const painter = painters[approach];
    const start = video.currentTime;
    const out: PlayResult = { frames: 0, paints: 0, ms: [], rasterMs: [], visibleMean: 0, skipped: 0, firstTime: NaN, lastTime: NaN };
    let visibleSum = 0;
    let presented = -1;
    return new Promise((resolve, reject) => {
      const onFrame = (_now: number, meta: VideoFrameCallbackMetadata) => {
        const t0 = performance.now();
        const painted = painter.tick(meta.mediaTime, false);
        const t1 = performance.now();
        if (painted) flush();
        const t2 = performance.now();
        out.ms.push(t2 - t0);
        if (painted) {
          out.rasterMs.push(t2 - t1);
        }
        out.frames++;
        if (painted) out.paints++;
        visibleSum += painter.visible;
        if (presented >= 0 && meta.presentedFrames > presented + 1) out.skipped += meta.presentedFrames - presented - 1;
        presented = meta.presentedFrames;
        if (Number.isNaN(out.firstTime)) out.firstTime = meta.mediaTime;
        out.lastTime = meta.mediaTime;
        if (meta.mediaTime >= start + seconds || video.ended) {
          video.pause();
          out.visibleMean = out.frames ? visibleSum / out.frames : 0;
          resolve(out);
          return;
        }
        video.requestVideoFrameCallback(onFrame);
      };
      video.requestVideoFrameCallback(onFrame);
      video.play().catch(reject);
    });
  }

  /**
   * Paused on the frame on screen: the rVFC loop does not fire, so run the approach's tick
   * from requestAnimationFrame (as a component re-rendering on every animation frame would),
   * let the pause settle for `settleMs`, then count ticks and paints over `ms`.
   */
  function paused(approach: Approach, settleMs: number, ms: number): Promise<PausedResult> {
    const painter = painters[approach];
    video.pause();
    const out: PausedResult = { ticks: 0, paints: 0, workMs: 0, visible: 0 };
    const t0 = performance.now();
    return new Promise((resolve) => {
      const onFrame = (now: number) => {
        const counting = now - t0 >= settleMs;
        if (now - t0 >= settleMs + ms) {
          out.visible = painter.visible;
          resolve(out);
          return;
        }
        const s = performance.now();
        const painted = painter.tick(video.currentTime, true);
        if (painted) flush();
        const dt = performance.now() - s;
        if (counting) {
          out.ticks++;
          out.workMs += dt;
          if (painted) out.paints++;
        }
        requestAnimationFrame(onFrame);
      };
      requestAnimationFrame(onFrame);
    });
  }

  return {
    setup,
    prepare,
    play,
    paused,
    dpr,
    size: () => `${canvas.clientWidth}x${canvas.clientHeight}`,
    /** performance.now() is precise to ~5 µs only when the page is cross-origin isolated. */
    isolated: () => window.crossOriginIsolated,
  };
}

export type BenchPage = ReturnType<typeof setupPage>;

if (typeof document !== 'undefined') {
  const video = document.querySelector('video');
  const canvas = document.querySelector<HTMLCanvasElement>('#c');
  const below = document.querySelector<HTMLCanvasElement>('#c2');
  const fades = document.querySelector<HTMLElement>('#fades');
  if (video && canvas && below && fades) {
    (window as unknown as { benchDrawing: BenchPage }).benchDrawing = setupPage(video, canvas, below, fades);
  }
}
