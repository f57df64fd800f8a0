/**
 * Drawing helpers for the e2e tests: open a fixture video of its own, act on the picture with
 * the real mouse and keyboard at normalized picture points, and read what the user sees —
 * the drawing canvas's pixels, the text it wrote, and the overlay host's data-* attributes.
 *
 * Points are normalized to the picture (0..1 on each axis, the `.fc-frame` rectangle), the
 * way drawings are stored, so one probe works at any window size and in fullscreen.
 */
import { PALETTE_NAMES } from '../../utils/drawing/colors';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { frameMiddle, readBarcode, seekAndRead, type ClipInfo } from './barcode';
import { fixtureUrl, REPO_ROOT, type FixtureServer } from './harness';
import { hostData, overlayRect, waitForOverlay, waitForVideoReady, waitIdle } from './overlay';
import { waitFieldFocused } from './comments-helpers';

export interface P {
  x: number;
  y: number;
}

export type Rect = { x: number; y: number; width: number; height: number };

/** Picture point → viewport px, for a picture rectangle. */
export function toPage(r: Rect, p: P): P {
  return { x: r.x + p.x * r.width, y: r.y + p.y * r.height };
}

export async function pictureRect(page: Page): Promise<Rect> {
  const r = await overlayRect(page);
  if (!r) throw new Error('The overlay shows no picture rectangle');
  return r;
}

/**
 * Opens a fixture page (letterbox.html unless told) with `clip` as its own video (`case` makes the video id), at a
 * `width`×`height` viewport; waits for the overlay, a frame, and the video id (the
 * video's comments and drawings are loading or loaded).
 */
export async function openCase(
  page: Page,
  server: FixtureServer,
  clip: ClipInfo,
  name: string,
  size: { width: number; height: number } = { width: 1280, height: 800 },
  /** The fixture page (a video's id includes the page address: keep one page per case). */
  fixture = 'letterbox.html',
  /** More of the page's parameters (`ranges: 'open'`: no frame table for FrameCoach to read). */
  params: Record<string, string> = {},
): Promise<void> {
  await page.setViewportSize(size);
  await page.goto(fixtureUrl(server, fixture, { clip: clip.file, case: name, ...params }));
  await waitForOverlay(page);
  await waitForVideoReady(page);
  await page.waitForFunction(() => !!(document.querySelector('framecoach-overlay') as HTMLElement).dataset.videoId);
}

/** Waits until the overlay host's `data-<key>` is `value`. */
export async function waitData(page: Page, key: string, value: string, timeout = 5_000): Promise<void> {
  try {
    await page.waitForFunction(
      ([k, v]) => (document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset[k] === v,
      [key, value] as const,
      { timeout, polling: 10 },
    );
  } catch (err) {
    // All the host says, for a failure seen once in a while only (the message, whether it is loading, the video's id).
    const data = await page.evaluate(() => ({ ...(document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset }));
    throw new Error(`host data-${key} did not become ${JSON.stringify(value)} (it is ${JSON.stringify(data[key])}; host ${JSON.stringify(data)}): ${String(err).split('\n')[0]}`);
  }
}

/** Waits until a drawing is selected (set once its save is durable); returns its id. */
export async function waitSelected(page: Page, timeout = 5_000): Promise<string> {
  const handle = await page.waitForFunction(
    () => (document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.selected || null,
    undefined,
    { timeout, polling: 10 },
  );
  return (await handle.jsonValue()) as string;
}

/** Presses a tool's key and waits until the host reports the tool. */
export async function pickTool(page: Page, key: string, tool: string): Promise<void> {
  await page.keyboard.press(key);
  await waitData(page, 'tool', tool);
}

/** Esc: leaves the tool (and clears the selection). */
export async function leaveTool(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await waitData(page, 'tool', '');
}

/** Puts frame `k` on screen (a seek, checked by the barcode) and waits for FrameCoach to be idle. */
export async function goToFrame(page: Page, clip: ClipInfo, k: number): Promise<void> {
  expect((await seekAndRead(page, frameMiddle(clip, k))).index, `frame on screen after seeking to ${k}`).toBe(k);
  await waitIdle(page);
}

/** Presses `.` (or `,` for negative) |n| times and checks the barcode shows frame `k`. */
export async function stepFrames(page: Page, n: number, k: number): Promise<void> {
  const from = await readBarcode(page);
  for (let i = 0; i < Math.abs(n); i++) await page.keyboard.press(n > 0 ? '.' : ',');
  await waitIdle(page);
  try {
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(k);
  } catch (error) {
    // Seen twice in Firefox, not reproduced since: six quick `.` from 40 landed on 47, then 48.
    const { time, fps, busy, trail } = await hostData(page);
    const at = await page.evaluate(() => document.querySelector('video')!.currentTime);
    throw new Error(
      `${n} steps from frame ${from}: screen ${await readBarcode(page)}, not ${k} (FrameCoach's time ${time}, fps ${fps}, busy ${busy}, video at ${at}; trail ${trail})`,
      { cause: error },
    );
  }
  await waitIdle(page);
}

/**
 * The text tool: clicks at `p`, waits for the label box to have the focus (keys typed
 * before would be commands: `k` plays), types `text` ('\n' is Shift+Enter) and Enter.
 */
export async function writeLabel(page: Page, p: P, text: string): Promise<void> {
  await clickOnPicture(page, p);
  await waitLabelInput(page);
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (i > 0) await page.keyboard.press('Shift+Enter');
    if (lines[i]) await page.keyboard.type(lines[i]!);
  }
  await page.keyboard.press('Enter');
}

/** Waits until the label text box is open and has the focus. */
export async function waitLabelInput(page: Page): Promise<void> {
  await waitFieldFocused(page, '.fc-text-input');
}

/** Moves the mouse through `points` (picture coordinates) with the button down. */
export async function strokeOnPicture(page: Page, points: readonly P[], steps = 4): Promise<void> {
  const r = await pictureRect(page);
  const [first, ...rest] = points.map((p) => toPage(r, p));
  if (!first) return;
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const p of rest) await page.mouse.move(p.x, p.y, { steps });
  await page.mouse.up();
}

/** A drag from `from` to `to` through their midpoint. */
export function dragOnPicture(page: Page, from: P, to: P): Promise<void> {
  return strokeOnPicture(page, [from, { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 }, to]);
}

export async function clickOnPicture(page: Page, p: P): Promise<void> {
  const r = await pictureRect(page);
  const at = toPage(r, p);
  await page.mouse.click(at.x, at.y);
}

export interface Sample {
  /** Some pixel in the window is the default yellow (#ffcf3f), opaque enough to see. */
  yellow: boolean;
  /** Some pixel in the window has any paint (alpha > 0). */
  any: boolean;
  /** The pixel at the window's centre, RGBA. */
  center: [number, number, number, number];
  /** The most opaque pixel in the window, RGBA. */
  strongest: [number, number, number, number];
}

/**
 * Runs IN THE PAGE (self-contained). Reads the drawing canvas's pixels in a normalized
 * window [x0, x1] × [y0, y1] (at least the one pixel at its centre, plus `pad` device px
 * around it).
 */
function sampleInPage(a: { x0: number; y0: number; x1: number; y1: number; pad: number }): Sample {
  const canvas = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('canvas.fc-canvas') as HTMLCanvasElement;
  const ctx = canvas.getContext('2d')!;
  const W = canvas.width;
  const H = canvas.height;
  const left = Math.max(0, Math.min(W - 1, Math.round(a.x0 * W) - a.pad));
  const top = Math.max(0, Math.min(H - 1, Math.round(a.y0 * H) - a.pad));
  const right = Math.max(left, Math.min(W - 1, Math.round(a.x1 * W) + a.pad));
  const bottom = Math.max(top, Math.min(H - 1, Math.round(a.y1 * H) + a.pad));
  const w = right - left + 1;
  const h = bottom - top + 1;
  const data = ctx.getImageData(left, top, w, h).data;
  let yellow = false;
  let any = false;
  let strongest: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < data.length; i += 4) {
    const px: [number, number, number, number] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (px[3] > 0) any = true;
    if (px[3] > 128 && px[0] > 200 && px[1] > 150 && px[2] < 140) yellow = true;
    if (px[3] > strongest[3]) strongest = px;
  }
  const cx = Math.round(((a.x0 + a.x1) / 2) * W) - left;
  const cy = Math.round(((a.y0 + a.y1) / 2) * H) - top;
  const o = (Math.max(0, Math.min(h - 1, cy)) * w + Math.max(0, Math.min(w - 1, cx))) * 4;
  return { yellow, any, center: [data[o]!, data[o + 1]!, data[o + 2]!, data[o + 3]!], strongest };
}

/** The canvas's pixels around a picture point (± `pad` device px). */
export function sampleAt(page: Page, p: P, pad = 1): Promise<Sample> {
  return page.evaluate(sampleInPage, { x0: p.x, y0: p.y, x1: p.x, y1: p.y, pad });
}

/** The canvas's pixels in a normalized picture rectangle. */
export function sampleIn(page: Page, from: P, to: P): Promise<Sample> {
  return page.evaluate(sampleInPage, {
    x0: Math.min(from.x, to.x),
    y0: Math.min(from.y, to.y),
    x1: Math.max(from.x, to.x),
    y1: Math.max(from.y, to.y),
    pad: 0,
  });
}

/** The default yellow is painted at (or a device pixel next to) the picture point. */
export async function painted(page: Page, p: P): Promise<boolean> {
  return (await sampleAt(page, p)).yellow;
}

/**
 * Waits until the default yellow is painted at picture point `p`. When it never is (seen in
 * Firefox beside another suite, 1 in 20–30 runs, after Escape), says what FrameCoach showed:
 * the host's and the canvas's data, the frame on screen, and the strongest pixel there.
 */
export async function waitPainted(page: Page, p: P, what: string): Promise<void> {
  await expect
    .poll(() => painted(page, p), { message: what })
    .toBe(true)
    .catch(async (error: unknown) => {
      const { time, fps, drawings, selected, busy, trail } = await hostData(page);
      const canvas = await canvasData(page);
      const pixel = (await sampleAt(page, p, 4)).strongest;
      throw new Error(
        `${String(error).split('\n')[0]} (screen ${await readBarcode(page)}; time ${time}, fps ${fps}, drawings ${drawings}, selected ${selected}, busy ${busy}; ` +
          `canvas ${JSON.stringify(canvas)}; strongest pixel ${pixel.join(',')}; trail ${trail})`,
      );
    });
}

/** Nothing at all is painted within `pad` device px of the picture point. */
export async function clear(page: Page, p: P, pad = 2): Promise<boolean> {
  return !(await sampleAt(page, p, pad)).any;
}

/** What the canvas wrote (angle readouts, labels, stopwatch lines), as it is now. */
export async function canvasTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const canvas = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('canvas.fc-canvas') as HTMLCanvasElement;
    return JSON.parse(canvas.dataset.texts ?? '[]') as string[];
  });
}

/** The canvas's own data-* (drawings visible now, paints, texts, selected). */
export async function canvasData(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const canvas = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('canvas.fc-canvas') as HTMLCanvasElement;
    return { ...canvas.dataset } as Record<string, string>;
  });
}

/** Waits until the canvas shows `n` drawings on the frame on screen. */
export async function waitVisible(page: Page, n: number, timeout = 5_000): Promise<void> {
  await expect.poll(async () => (await canvasData(page)).drawings, { timeout }).toBe(String(n));
}

/**
 * Waits until the canvas's backing store matches its CSS size × devicePixelRatio (after a
 * resize it is repainted in the same task as it is resized), so its pixels are current.
 */
export async function waitCanvasFits(page: Page, timeout = 5_000): Promise<void> {
  await page.waitForFunction(
    () => {
      const canvas = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('canvas.fc-canvas') as HTMLCanvasElement | null;
      if (!canvas || !canvas.clientWidth) return false;
      const dpr = devicePixelRatio;
      return canvas.width === Math.round(canvas.clientWidth * dpr) && canvas.height === Math.round(canvas.clientHeight * dpr);
    },
    undefined,
    { timeout, polling: 'raf' },
  );
}

/**
 * Shift+F (fullscreen with FrameCoach): waits for the Fullscreen API, for the picture
 * rectangle to change and stay put, and for the canvas to be repainted at its new size.
 */
export async function enterFullscreen(page: Page): Promise<Rect> {
  const before = await pictureRect(page);
  await page.keyboard.press('Shift+F');
  await page.waitForFunction(() => document.fullscreenElement !== null, undefined, { timeout: 5_000 });
  await page.waitForFunction(
    (b) => {
      const frame = document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-frame');
      if (!frame) return false;
      const r = frame.getBoundingClientRect();
      const w = window as unknown as { __fcLastRect?: string };
      const key = `${r.left},${r.top},${r.width},${r.height}`;
      const stable = w.__fcLastRect === key;
      w.__fcLastRect = key;
      return stable && Math.abs(r.width - b.width) > 1;
    },
    before,
    { timeout: 5_000, polling: 100 },
  );
  await waitCanvasFits(page);
  return pictureRect(page);
}

/** The degree readouts among the canvas texts ("37.5°" → 37.5). */
export function degreesIn(texts: readonly string[]): number[] {
  return texts.flatMap((t) => {
    const m = /^(-?\d+(?:\.\d+)?)°$/.exec(t.trim());
    return m ? [Number(m[1])] : [];
  });
}

/** Saves the drawing canvas (what it painted, without the video) to test-results/<name>.png. */
export async function saveCanvas(page: Page, name: string): Promise<void> {
  const url = await page.evaluate(() => {
    const canvas = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('canvas.fc-canvas') as HTMLCanvasElement;
    return canvas.toDataURL('image/png');
  });
  const dir = join(REPO_ROOT, 'test-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.png`), Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/**
 * Runs `body`; if it throws, first saves what `page` showed — the canvas alone
 * (test-results/<name>-canvas.png), a screenshot (<name>-page.png) — and logs the host's and
 * the canvas's data-*, then rethrows. (The page is closed after the test, before any
 * onTestFailed hook would run.)
 */
export async function keepOnFailure(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    try {
      await saveCanvas(page, `${name}-canvas`);
      await page.screenshot({ path: join(REPO_ROOT, 'test-results', `${name}-page.png`) });
      const data = await page.evaluate(() => {
        const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
        const canvas = host?.shadowRoot?.querySelector('canvas.fc-canvas') as HTMLElement | null;
        return { host: { ...host?.dataset }, canvas: { ...canvas?.dataset } };
      });
      console.error(`[${name}] failed; the page: ${JSON.stringify(data)}`);
    } catch (err) {
      console.error(`[${name}] failed; could not save the page: ${String(err)}`);
    }
    throw error;
  }
}

/**
 * Makes `color` the colour of new drawings the way a coach does: with a tool in hand and
 * nothing selected, a click on its swatch in the drawing bar. (The choice is a setting of
 * the profile: Alt+K on a drawing changes it too, for every later drawing.)
 */
export async function chooseColour(page: Page, color: string): Promise<void> {
  await pickTool(page, 'Alt+l', 'line');
  const name = PALETTE_NAMES[color as keyof typeof PALETTE_NAMES];
  const swatch = page.locator(`framecoach-overlay button.fc-swatch[aria-label="Colour: ${name}"]`);
  await swatch.click();
  await expect.poll(() => swatch.getAttribute('aria-pressed')).toBe('true');
  await leaveTool(page);
}
