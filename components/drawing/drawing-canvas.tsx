import { useEffect, useRef, useState } from 'preact/hooks';
import type { DrawState } from '../../utils/drawing/feature';
import { labelFontPx } from '../../utils/drawing/geometry';
import type { PointerInput } from '../../utils/drawing/tools';
import { visibleAt } from '../../utils/drawing/visible';
import { newDrawing } from '../../utils/model/create';
import type { PlayerState } from '../../utils/player/session';
import { drawScene, type Ctx, type Item } from '../../utils/render/draw-scene';

export interface CanvasActions {
  pointer(input: PointerInput): void;
  setTextDraft(text: string): void;
}

const pct = (n: number) => `${(n * 100).toFixed(3)}%`;

/**
 * One canvas over the picture, sized for devicePixelRatio. It redraws only when what it
 * shows changes (the visible drawings, the selection, an edit, the preview, the size), and
 * takes the pointer only while a tool is active, so the page's controls work otherwise.
 */
export function DrawingCanvas({ draw, player, actions }: { draw: DrawState; player: PlayerState; actions: CanvasActions }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const visible = visibleAt(draw.drawings, player.time, player.paused, player.rate?.minGap ?? 1 / 30);
  const key = visible.map((v) => `${v.item.id}:${v.item.version}:${v.opacity.toFixed(2)}`).join('|');
  const [size, setSize] = useState({ width: 0, height: 0 });
  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Redraw only when what is shown changes.
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
    const items: Item[] = visible.map((v) => {
      const drawing = draw.editing?.id === v.item.id ? draw.editing : v.item;
      return { drawing, opacity: v.opacity, selected: v.item.id === draw.selectedId };
    });
    if (draw.preview) {
      const preview = newDrawing({ videoId: '', time: 0, frame: null, shape: draw.preview, author: { id: '', name: '' }, id: 'preview', now: 0 });
      items.push({ drawing: { ...preview, style: { ...preview.style, color: draw.defaults.color, width: draw.defaults.width } }, opacity: 1 });
    }
    const texts = drawScene(ctx as unknown as Ctx, { width, height, dpr }, items);
    // The text drawn (angle readouts, labels, stopwatch), readable by tests and assistive tech.
    el.dataset.texts = JSON.stringify(texts);
    el.setAttribute('aria-label', texts.length ? `Drawings: ${texts.join('; ')}` : 'Drawings');
    // How many times the canvas was painted: lets tests and the bench see that nothing is
    // redrawn while paused with nothing changing.
    el.dataset.paints = String(Number(el.dataset.paints ?? 0) + 1);
  }, [key, draw.preview, draw.selectedId, draw.editing, draw.defaults, size]);

  const toInput = (type: PointerInput['type'], event: PointerEvent): PointerInput => {
    const r = (event.currentTarget as HTMLElement).getBoundingClientRect();
    return { type, point: { x: (event.clientX - r.left) / r.width, y: (event.clientY - r.top) / r.height }, size: { width: r.width, height: r.height } };
  };
  const active = draw.tool !== null;
  const mode = draw.tool?.tool;
  return (
    <>
      <canvas
        ref={canvas}
        role="img"
        class={['fc-canvas', active ? 'fc-drawing' : '', mode === 'select' ? 'fc-selecting' : ''].join(' ')}
        data-drawings={String(visible.length)}
        data-selected={draw.selectedId ?? ''}
        onPointerDown={(event) => {
          if (!active || event.button !== 0) return;
          event.preventDefault();
          (event.currentTarget as HTMLElement).setPointerCapture(event.pointerId);
          actions.pointer(toInput('down', event));
        }}
        onPointerMove={(event) => active && actions.pointer(toInput('move', event))}
        onPointerUp={(event) => active && actions.pointer(toInput('up', event))}
      />
      {draw.cursor && draw.tool && !draw.text && (
        <div class="fc-cursor" style={{ left: pct(draw.cursor.x), top: pct(draw.cursor.y) }} aria-hidden="true" />
      )}
      {draw.text && <LabelInput draw={draw} text={draw.text} fontPx={labelFontPx(size)} onInput={actions.setTextDraft} />}
    </>
  );
}

/** The text box of the label tool, where the label will sit; focused when it opens. */
function LabelInput({ draw, text, fontPx, onInput }: {
  draw: DrawState;
  text: NonNullable<DrawState['text']>;
  fontPx: number;
  onInput(text: string): void;
}) {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => input.current?.focus(), []);
  return (
    <textarea
      ref={input}
      class="fc-text-input"
      aria-label="Label text (Enter to place, Shift+Enter for a new line, Esc to cancel)"
      placeholder="Type a label…"
      rows={Math.max(1, text.draft.split('\n').length)}
      style={{ left: pct(text.at.x), top: pct(text.at.y), fontSize: `${fontPx}px`, color: draw.defaults.color }}
      value={text.draft}
      onInput={(event) => onInput((event.currentTarget as HTMLTextAreaElement).value)}
    />
  );
}
