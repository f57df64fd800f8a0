import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DrawState } from '../../utils/drawing/feature';
import { buildTimeIndex } from '../../utils/drawing/time-index';
import type { PointerInput } from '../../utils/drawing/tools';
import { newDrawing } from '../../utils/model/create';
import type { PlayerState } from '../../utils/player/session';
import { drawScene, type Ctx, type Item } from '../../utils/render/draw-scene';

/**
 * One canvas over the picture, sized for devicePixelRatio. It redraws only when what it
 * shows changes (frame, drawings, preview, size), and takes the pointer only while a tool
 * is active, so the page's controls work otherwise.
 */
export function DrawingCanvas({ draw, player, onPointer }: {
  draw: DrawState;
  player: PlayerState;
  onPointer(input: PointerInput): void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const index = useMemo(() => buildTimeIndex(draw.drawings.filter((d) => !d.deleted)), [draw.drawings]);
  const gap = player.rate?.minGap ?? 1 / 30;
  const visible = player.time === null ? [] : index.at(player.time, { paused: player.paused, frameTolerance: gap / 2 });
  const key = visible.map((v) => `${v.item.id}:${v.item.version}:${v.opacity.toFixed(2)}`).join('|');
  const [size, setSize] = useState('');
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize(`${el.clientWidth}x${el.clientHeight}`));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Redraw only when what is shown changes: the visible drawings, the preview, the size.
  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx) return;
    const dpr = el.ownerDocument.defaultView?.devicePixelRatio ?? 1;
    const width = el.clientWidth;
    const height = el.clientHeight;
    if (el.width !== Math.round(width * dpr) || el.height !== Math.round(height * dpr)) {
      el.width = Math.round(width * dpr);
      el.height = Math.round(height * dpr);
    }
    const items: Item[] = visible.map((v) => ({ drawing: v.item, opacity: v.opacity }));
    if (draw.preview) {
      items.push({ drawing: newDrawing({ videoId: '', time: 0, frame: null, shape: draw.preview, author: { id: '', name: '' }, id: 'preview', now: 0 }), opacity: 1 });
    }
    drawScene(ctx as unknown as Ctx, { width, height, dpr }, items);
  }, [key, draw.preview, size]);

  const toPoint = (event: PointerEvent) => {
    const r = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return { x: (event.clientX - r.left) / r.width, y: (event.clientY - r.top) / r.height };
  };
  const active = draw.tool !== null;
  return (
    <canvas
      ref={canvas}
      class={active ? 'fc-canvas fc-drawing' : 'fc-canvas'}
      data-drawings={String(visible.length)}
      onPointerDown={(event) => {
        if (!active) return;
        event.preventDefault();
        (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
        onPointer({ type: 'down', point: toPoint(event) });
      }}
      onPointerMove={(event) => active && onPointer({ type: 'move', point: toPoint(event) })}
      onPointerUp={(event) => active && onPointer({ type: 'up', point: toPoint(event) })}
    />
  );
}
