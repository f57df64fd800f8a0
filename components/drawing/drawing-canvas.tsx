import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DrawState } from '../../utils/drawing/feature';
import { labelFontPx } from '../../utils/drawing/geometry';
import type { PointerInput } from '../../utils/drawing/tools';
import { newDrawing } from '../../utils/model/create';
import type { PlayerState } from '../../utils/player/session';
import { createPainter, type Painter } from '../../utils/render/painter';
import { canvasSurface, fadePool } from '../../utils/dom/canvas-surfaces';
import { PrivateField } from '../overlay/private-field';

export interface CanvasActions {
  pointer(input: PointerInput): void;
  editTextAt(input: PointerInput): void;
  setTextDraft(text: string): void;
  /** Enter in the label box: the label is placed. */
  finishText(): void;
  /** Escape in the label box. */
  cancelText(): void;
}

const pct = (n: number) => `${(n * 100).toFixed(3)}%`;

/**
 * Two stacked canvases over the picture, sized for devicePixelRatio (utils/render/painter.ts:
 * what is fully shown, and what is fading). While playing it is told of every presented frame
 * (not through Preact: a frame costs a time-index query and two string compares) and paints
 * a layer only when what it shows changes. Paused with nothing changing, it does nothing. It
 * takes the pointer only while a tool is active, so the page's controls work otherwise.
 */
export function DrawingCanvas({ draw, player, actions, onFrame }: {
  draw: DrawState;
  player: PlayerState;
  actions: CanvasActions;
  /** Subscribes to every presented frame's media time. */
  onFrame(listener: (mediaTime: number) => void): () => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const fadingCanvas = useRef<HTMLCanvasElement>(null);
  const fadeBox = useRef<HTMLDivElement>(null);
  const painter = useRef<Painter | null>(null);
  const [size, setSize] = useState({ width: 0, height: 0 });
  // The shape being drawn, in the colour and width new drawings get.
  const preview = useMemo(() => {
    if (!draw.preview) return null;
    const d = newDrawing({ videoId: '', time: 0, frame: null, shape: draw.preview, author: { id: '', name: '' }, id: 'preview', now: 0 });
    return { ...d, style: { color: draw.defaults.color, width: draw.defaults.width } };
  }, [draw.preview, draw.defaults]);
  const live = useRef({ draw, player, preview });
  live.current = { draw, player, preview };
  /** The last presented frame while playing (the HUD's time lags behind it). */
  const frameTime = useRef<number | null>(null);
  const shownTexts = useRef<readonly string[] | null>(null);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setSize({ width: el.clientWidth, height: el.clientHeight }));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const paint = (time: number | null) => {
    const el = canvas.current;
    const below = fadingCanvas.current;
    const box = fadeBox.current;
    if (!el || !below || !box) return;
    if (!painter.current) {
      const still = canvasSurface(el);
      const fading = canvasSurface(below);
      if (!still || !fading) return;
      painter.current = createPainter(still, fading, fadePool(box));
    }
    const { draw, player, preview } = live.current;
    const result = painter.current.paint({
      drawings: draw.drawings,
      time,
      paused: player.paused,
      frameGap: player.rate?.minGap ?? 1 / 30,
      selectedId: draw.selectedId,
      editing: draw.editing,
      preview,
      width: el.clientWidth,
      height: el.clientHeight,
      dpr: el.ownerDocument.defaultView?.devicePixelRatio ?? 1,
    });
    // For tests, the bench and assistive tech: what is shown, the text drawn, and how many
    // paints there were; written only when they change (this runs on every frame).
    if (result.painted) el.dataset.paints = String(Number(el.dataset.paints ?? 0) + result.painted);
    const visible = String(result.visible);
    if (el.dataset.drawings !== visible) el.dataset.drawings = visible;
    if (result.texts !== shownTexts.current) {
      shownTexts.current = result.texts;
      el.dataset.texts = JSON.stringify(result.texts);
      el.setAttribute('aria-label', result.texts.length ? `Drawings: ${result.texts.join('; ')}` : 'Drawings');
    }
  };

  // State changes (a step, an edit, the selection, a resize): paint what they show.
  useEffect(() => {
    if (player.paused) frameTime.current = null;
    paint(frameTime.current ?? player.time);
  }, [draw, preview, player.time, player.paused, player.rate, size]);

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
    // Kept near the picture (pointer capture follows a drag off it): saved points must be.
    const near = (n: number) => Math.min(1.5, Math.max(-0.5, n));
    const point = { x: near((event.clientX - r.left) / r.width), y: near((event.clientY - r.top) / r.height) };
    return { type, point, size: { width: r.width, height: r.height } };
  };
  const active = draw.tool !== null;
  const mode = draw.tool?.tool;
  return (
    <>
      {/* First in the document (tests read it), but stacked above the fading layer. */}
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
        onPointerCancel={(event) => active && actions.pointer(toInput('cancel', event))}
        onDblClick={(event) => active && actions.editTextAt(toInput('down', event as unknown as PointerEvent))}
      />
      <canvas ref={fadingCanvas} class="fc-canvas fc-fading" aria-hidden="true" />
      {/* Fading drawings, each on a small canvas of its own (utils/render/painter.ts). */}
      <div ref={fadeBox} class="fc-fades" />
      {draw.cursor && draw.tool && !draw.text && (
        <div class="fc-cursor" style={{ left: pct(draw.cursor.x), top: pct(draw.cursor.y) }} aria-hidden="true" />
      )}
      {draw.text && <LabelInput draw={draw} text={draw.text} fontPx={labelFontPx(size)} onInput={actions.setTextDraft} onPlace={actions.finishText} onCancel={actions.cancelText} />}
    </>
  );
}

/**
 * The text box of the label tool, where the label will sit; focused when it opens. A frame of
 * FrameCoach's own origin (private-field.tsx): the page can't read the label as it is typed.
 */
function LabelInput({ draw, text, fontPx, onInput, onPlace, onCancel }: {
  draw: DrawState;
  text: NonNullable<DrawState['text']>;
  fontPx: number;
  onInput(text: string): void;
  onPlace(): void;
  onCancel(): void;
}) {
  const lines = text.draft.split('\n');
  const style = {
    left: pct(text.at.x),
    top: pct(text.at.y),
    fontSize: `${fontPx}px`,
    color: draw.defaults.color,
    // As wide as the longest line and as tall as the lines (a frame does not grow with its text).
    width: `calc(${Math.max(8, ...lines.map((l) => l.length + 2)) * 0.7}em + 10px)`,
    height: `calc(${lines.length * 1.25}em + 6px)`,
  };
  return (
    <PrivateField
      class="fc-text-input"
      multiline
      label="Label text (Enter to place, Shift+Enter for a new line, Esc to cancel)"
      placeholder="Type a label…"
      value={text.draft}
      focusKey={`${text.at.x} ${text.at.y}`}
      style={style}
      onInput={onInput}
      onSubmit={onPlace}
      onCancel={onCancel}
    />
  );
}
