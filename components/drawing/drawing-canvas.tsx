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

/** What the last paint showed: a paint that would show the same is skipped. */
interface Shown {
  key: string;
  draw: Pick<DrawState, 'preview' | 'selectedId' | 'editing' | 'defaults'>;
  width: number;
  height: number;
}

/**
 * One canvas over the picture, sized for devicePixelRatio. While playing it is told of every
 * presented frame (not through Preact: a frame costs a time-index query and a string
 * compare) and paints only when what it shows changes — the visible drawings or their fade,
 * the selection, an edit, the preview, the size. Paused with nothing changing, it does
 * nothing. It takes the pointer only while a tool is active, so the page's controls work
 * otherwise.
 */
export function DrawingCanvas({ draw, player, actions, onFrame }: {
  draw: DrawState;
  player: PlayerState;
  actions: CanvasActions;
  /** Subscribes to every presented frame's media time. */
  onFrame(listener: (mediaTime: number) => void): () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const live = useRef({ draw, player, size });
  live.current = { draw, player, size };
  const shown = useRef<Shown | null>(null);
  /** The last presented frame while playing (the HUD's time lags behind it). */
  const frameTime = useRef<number | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const paint = (time: number | null) => {
    const el = canvas.current;
    if (!el) return;
    const { draw, player } = live.current;
    const visible = visibleAt(draw.drawings, time, player.paused, player.rate?.minGap ?? 1 / 30);
    const key = visible.map((v) => `${v.item.id}:${v.item.version}:${v.opacity.toFixed(2)}`).join('|');
    const width = el.clientWidth;
    const height = el.clientHeight;
    const last = shown.current;
    if (
      last && last.key === key && last.width === width && last.height === height &&
      last.draw.preview === draw.preview && last.draw.selectedId === draw.selectedId &&
      last.draw.editing === draw.editing && last.draw.defaults === draw.defaults
    ) return;
    shown.current = { key, draw, width, height };
    const ctx = el.getContext('2d');
    if (!ctx) return;
    const dpr = el.ownerDocument.defaultView?.devicePixelRatio ?? 1;
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
    // For tests, the bench and assistive tech: what is shown, the text drawn, and how many
    // times the canvas was painted (nothing is repainted while paused with nothing changing).
    el.dataset.drawings = String(visible.length);
    el.dataset.texts = JSON.stringify(texts);
    el.dataset.paints = String(Number(el.dataset.paints ?? 0) + 1);
    el.setAttribute('aria-label', texts.length ? `Drawings: ${texts.join('; ')}` : 'Drawings');
  };

  // State changes (a step, an edit, the selection, a resize): paint what they show.
  useEffect(() => {
    if (player.paused) frameTime.current = null;
    paint(frameTime.current ?? player.time);
  }, [draw, player.time, player.paused, player.rate, size]);

  // Playing: every presented frame.
  useEffect(
    () =>
      onFrame((mediaTime) => {
        if (live.current.player.paused) return;
        frameTime.current = mediaTime;
        paint(mediaTime);
      }),
    [onFrame],
  );

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
