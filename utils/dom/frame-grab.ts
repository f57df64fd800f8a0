/**
 * A report's picture of the frame on screen: from the video itself when the page lets it be
 * read, else from a capture of the visible tab cropped to the picture (FrameCoach's own UI
 * hidden meanwhile), else (a protected video) a blank frame of the right shape. The drawings
 * of the frame are then painted over it as the overlay shows them. Page side.
 */
import type { Rect } from '../geometry/content-rect';
import { drawScene, type Ctx, type Item } from '../render/draw-scene';

/** Wide enough to read on a phone, small enough that a hundred fit in one file. */
export const SNAPSHOT_WIDTH = 720;

function canvasOf(doc: Document, width: number, height: number): HTMLCanvasElement {
  const c = doc.createElement('canvas');
  c.width = Math.max(1, Math.round(width));
  c.height = Math.max(1, Math.round(height));
  return c;
}

/** The snapshot's size: the picture's proportions, at most SNAPSHOT_WIDTH wide (or the video's own width). */
export function snapshotSize(video: HTMLVideoElement): { width: number; height: number } {
  const vw = video.videoWidth || 16;
  const vh = video.videoHeight || 9;
  const width = Math.min(SNAPSHOT_WIDTH, vw);
  return { width, height: Math.round((width * vh) / vw) };
}

/** The frame on screen, drawn from the video; null when the page can't read it (another site's video) or it is protected. */
export function grabVideo(video: HTMLVideoElement): HTMLCanvasElement | null {
  if (video.mediaKeys) return null;
  const { width, height } = snapshotSize(video);
  const c = canvasOf(video.ownerDocument, width, height);
  const ctx = c.getContext('2d');
  if (!ctx || !video.videoWidth) return null;
  ctx.drawImage(video, 0, 0, c.width, c.height);
  try {
    ctx.getImageData(0, 0, 1, 1); // throws SecurityError when the canvas is tainted
  } catch {
    return null;
  }
  return c;
}

const PRINT_W = 64;
const PRINT_H = 36;

/**
 * A small picture of the frame on screen, enough to tell one frame from the next; null when
 * the page won't let the video be read. (A fresh canvas each time: a tainted one stays so.)
 */
export function framePrint(video: HTMLVideoElement): Uint8ClampedArray | null {
  if (video.mediaKeys || !video.videoWidth || typeof OffscreenCanvas !== 'function') return null;
  try {
    const ctx = new OffscreenCanvas(PRINT_W, PRINT_H).getContext('2d', { willReadFrequently: true });
    ctx!.drawImage(video, 0, 0, PRINT_W, PRINT_H);
    return ctx!.getImageData(0, 0, PRINT_W, PRINT_H).data;
  } catch {
    return null;
  }
}

/** The same frame, allowing for rounding where it was scaled or its colours converted. */
export function samePrint(a: Uint8ClampedArray, b: Uint8ClampedArray): boolean {
  return a.length === b.length && a.every((v, i) => Math.abs(v - b[i]!) <= 3);
}

/** Whether the picture changed since this was made (null: it can't be read, e.g. another site's video). */
export interface PictureCheck {
  changed(): boolean | null;
}

export function pictureCheck(video: HTMLVideoElement): PictureCheck | null {
  const before = framePrint(video);
  if (!before) return null;
  return {
    changed() {
      const now = framePrint(video);
      return now ? !samePrint(now, before) : null;
    },
  };
}

/** A dark frame of the picture's shape (nothing could be captured). */
export function blankFrame(video: HTMLVideoElement): HTMLCanvasElement {
  const { width, height } = snapshotSize(video);
  const c = canvasOf(video.ownerDocument, width, height);
  const ctx = c.getContext('2d');
  if (ctx) {
    ctx.fillStyle = '#222';
    ctx.fillRect(0, 0, c.width, c.height);
  }
  return c;
}

function loadImage(doc: Document, src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = doc.createElement('img');
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the capture could not be read'));
    img.src = src;
  });
}

const nextFrame = (win: Window) => new Promise((resolve) => win.requestAnimationFrame(() => win.requestAnimationFrame(resolve)));

/**
 * The picture cut out of a capture of the visible tab: `capture` returns the tab as an image
 * (device pixels); `picture` is where the video's picture is in the viewport (CSS px).
 * `hide` hides FrameCoach's own UI (and shows it again) while the tab is captured.
 */
export async function grabFromTab(video: HTMLVideoElement, picture: () => Rect | null, hide: (hidden: boolean) => void, capture: () => Promise<string>): Promise<HTMLCanvasElement> {
  const doc = video.ownerDocument;
  const win = doc.defaultView!;
  hide(true);
  let src: string;
  let rect: Rect | null;
  try {
    await nextFrame(win);
    rect = picture();
    src = await capture();
  } finally {
    hide(false);
  }
  if (!rect) throw new Error('the video is not on screen');
  const img = await loadImage(doc, src);
  // The capture is the viewport in device pixels (its width over the viewport's gives the scale).
  const scale = img.naturalWidth / win.innerWidth;
  const { width, height } = snapshotSize(video);
  const c = canvasOf(doc, width, height);
  c.getContext('2d')?.drawImage(img, rect.x * scale, rect.y * scale, rect.width * scale, rect.height * scale, 0, 0, c.width, c.height);
  return c;
}

/** Paints `items` (the frame's drawings) over the picture as the overlay would at this size. */
export function composite(picture: HTMLCanvasElement, items: readonly Item[]): HTMLCanvasElement {
  if (!items.length) return picture;
  const layer = canvasOf(picture.ownerDocument, picture.width, picture.height);
  const ctx = layer.getContext('2d');
  if (!ctx) return picture;
  drawScene(ctx as unknown as Ctx, { width: picture.width, height: picture.height, dpr: 1 }, items);
  picture.getContext('2d')?.drawImage(layer, 0, 0);
  return picture;
}
