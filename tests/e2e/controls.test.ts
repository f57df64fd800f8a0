/**
 * Playback controls: speed ladder, play/pause, the A–B loop, and the toolbar (the mouse
 * path to the same commands). Screenshots of the overlay go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useBrowser } from './session';
import { BARCODE, CLIPS, frameMiddle, readBarcode, readBarcodeSource, seekAndRead } from './barcode';
import { fixtureUrl, REPO_ROOT, type FixtureServer } from './harness';
import { hostData, waitForOverlay, waitForVideoReady, waitIdle, measureRate } from './overlay';

/** The fixture pages' default clip (120 frames at 29.97 fps, 4 s). */
const CLIP = CLIPS.find((c) => c.file === 'h264-29.97.mp4')!;
const SHOTS = join(REPO_ROOT, 'test-results');

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

beforeAll(() => {
  mkdirSync(SHOTS, { recursive: true });
});

async function open(name = 'plain.html', params: Record<string, string> = {}): Promise<Page> {
  const page = await newPage();
  await page.goto(fixtureUrl(server, name, params));
  await waitForOverlay(page);
  await waitForVideoReady(page);
  return page;
}

function video<T>(page: Page, fn: (v: HTMLVideoElement) => T): Promise<T> {
  return page.$eval('video', fn as (v: Element) => T);
}

function hudText(page: Page): Promise<string> {
  return page.evaluate(() => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-hud')?.textContent ?? '');
}

async function waitPaused(page: Page, paused: boolean): Promise<void> {
  await page.waitForFunction((p) => (document.querySelector('video') as HTMLVideoElement).paused === p, paused);
}

async function waitRate(page: Page, rate: number): Promise<void> {
  await page.waitForFunction((r) => Math.abs((document.querySelector('video') as HTMLVideoElement).playbackRate - r) < 1e-9, rate);
}

/** Presses `key` and waits until the step it started is on screen; returns the barcode. */
async function pressStep(page: Page, key: string): Promise<number> {
  await page.keyboard.press(key);
  await waitIdle(page);
  return readBarcode(page);
}

/** Clicks a toolbar button (the selector pierces the overlay's open shadow root). */
async function clickTool(page: Page, command: string): Promise<void> {
  await page.click(`framecoach-overlay button[data-command="${command}"]`);
}

interface Sample {
  index: number;
  mediaTime: number;
  currentTime: number;
}

/** Runs in the page: the barcode and times of every frame presented during `ms`. */
async function sampleFrames(page: Page, ms: number): Promise<Sample[]> {
  return page.evaluate(
    async ({ source, layout, ms }) => {
      const read = new Function(`return (${source})`)() as (v: HTMLVideoElement, l: typeof layout) => number;
      const v = document.querySelector('video') as HTMLVideoElement;
      const out: { index: number; mediaTime: number; currentTime: number }[] = [];
      const end = performance.now() + ms;
      while (performance.now() < end) {
        const meta = await new Promise<{ mediaTime: number } | null>((resolve) => {
          const timer = setTimeout(() => resolve(null), 250);
          v.requestVideoFrameCallback((_now, m) => {
            clearTimeout(timer);
            resolve(m);
          });
        });
        if (meta) out.push({ index: read(v, layout), mediaTime: meta.mediaTime, currentTime: v.currentTime });
      }
      return out;
    },
    { source: readBarcodeSource, layout: BARCODE, ms },
  );
}

describe('speed', () => {
  it('`<` goes down the ladder to 0.1x and stops there, `>` goes up, `=` resets to 1x', async () => {
    const page = await open();
    expect(await video(page, (v) => v.playbackRate)).toBe(1);

    for (const want of [0.75, 0.5, 0.25, 0.1]) {
      await page.keyboard.press('Shift+Comma'); // `<` as typed on a US keyboard
      await waitRate(page, want);
    }
    // At the bottom of the ladder: more presses change nothing (a negative, watched briefly).
    await page.keyboard.press('Shift+Comma');
    await page.keyboard.press('<');
    await page.waitForTimeout(300);
    expect(await video(page, (v) => v.playbackRate)).toBe(0.1);
    await expect.poll(() => hudText(page)).toContain('0.1x');

    await page.keyboard.press('Shift+Period'); // `>`
    await waitRate(page, 0.25);
    await expect.poll(() => hudText(page)).toContain('0.25x');
    await page.keyboard.press('>');
    await waitRate(page, 0.5);
    for (const want of [0.75, 1, 1.25, 1.5, 2, 3, 4]) {
      await page.keyboard.press('>');
      await waitRate(page, want);
    }
    await expect.poll(() => hudText(page)).toContain('4x');
    // The top of the ladder: `>` changes nothing more.
    await page.keyboard.press('>');
    await page.waitForTimeout(300);
    expect(await video(page, (v) => v.playbackRate)).toBe(4);

    await page.keyboard.press('=');
    await waitRate(page, 1);
    // At normal speed the HUD shows no speed badge.
    await expect.poll(() => hudText(page)).not.toMatch(/\dx/);
  });
});

describe('play / pause', () => {
  it('`k` plays and pauses', async () => {
    const page = await open();
    expect(await video(page, (v) => v.paused)).toBe(true);
    await page.keyboard.press('k');
    await waitPaused(page, false);
    const t0 = await video(page, (v) => v.currentTime);
    await page.waitForFunction((t) => (document.querySelector('video') as HTMLVideoElement).currentTime > t + 0.1, t0);
    await page.keyboard.press('k');
    await waitPaused(page, true);
    await page.keyboard.press('k');
    await waitPaused(page, false);
    await page.keyboard.press('k');
    await waitPaused(page, true);
  });
});

describe('play at the end', () => {
  it('played to the end, the last frame stays with its number, and `k` starts over from the first frame', async () => {
    // 240 fps: a 60 Hz display presents every fourth frame or so, and FrameCoach seeks to find
    // the last one on screen.
    const clip = CLIPS.find((c) => c.file === 'h264-240.mp4')!;
    const page = await open('plain.html', { clip: clip.file });
    await measureRate(page);
    await page.$eval('video', (v) => void ((v as HTMLVideoElement).currentTime = (v as HTMLVideoElement).duration - 0.3));
    await waitIdle(page);
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).ended);
    await page.waitForTimeout(250);
    await waitIdle(page); // FrameCoach confirms the frame on screen (it seeks to check)
    const last = clip.frames - 1;
    expect(await readBarcode(page)).toBe(last);
    expect(await hudText(page)).toContain(`F${last}`);
    // Still at the end: a player's play from here starts over (once, a frame on per press).
    expect(await video(page, (v) => v.ended)).toBe(true);
    // Where playback starts over: the seek's target (a busy machine can make the pause below
    // come a second late, and even the \`playing\` event's currentTime was read 78 ms in once).
    await page.$eval('video', (v) => v.addEventListener('seeking', () => ((window as unknown as { playingAt: number }).playingAt = v.currentTime), { once: true }));
    await page.keyboard.press('k');
    await waitPaused(page, false);
    await page.waitForTimeout(300);
    await page.keyboard.press('k');
    await waitPaused(page, true);
    await waitIdle(page);
    expect(await page.evaluate(() => (window as unknown as { playingAt: number }).playingAt)).toBeLessThan(0.05);
    expect(await readBarcode(page)).toBeLessThan(last);
  });
});

describe('A–B loop', () => {
  const A = 10;
  const B = A + 15;
  /** Frame index of a presented frame from its rVFC media time (constant-rate clip). */
  // The frame a media time falls in: a frame's start (Chromium), or after a seek a position
  // inside it (Gecko reports the time sought to: the middle of A read as A + 1 when rounded).
  const frameAt = (mediaTime: number): number => Math.floor(mediaTime * CLIP.fps! + 0.01);
  /**
   * The frame a sample shows: its barcode, what the coach sees; its media time only where the
   * picture was unreadable (mid-seek). Under load Firefox's frame callbacks gave media times
   * frames away from the picture (barcode 20 with media time 27, just after a wrap to A).
   */
  const shownFrame = (s: Sample): number => (s.index >= 0 ? s.index : frameAt(s.mediaTime));

  /** Opens the page, sets A at frame A and B at frame `b` with the keys, returns the page. */
  async function withLoop(b = B): Promise<Page> {
    const page = await open();
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, A))).index).toBe(A);
    await page.keyboard.press('[');
    let shown = A;
    for (let i = 0; i < b - A; i++) shown = await pressStep(page, '.');
    expect(shown).toBe(b);
    await page.keyboard.press(']');
    await expect.poll(() => hudText(page)).toMatch(/A .+ → B /);
    return page;
  }

  /** Presses `k` and records every frame presented for `ms` (sampling starts before the press). */
  async function playAndSample(page: Page, ms: number): Promise<Sample[]> {
    const sampling = sampleFrames(page, ms);
    await page.waitForTimeout(100); // the sampler is waiting for frames in the page
    await page.keyboard.press('k');
    return sampling;
  }

  /** Splits samples into passes: a new pass starts where the frame jumps backwards. */
  function passes(samples: Sample[]): number[][] {
    const out: number[][] = [];
    for (const s of samples) {
      const f = shownFrame(s);
      const pass = out.at(-1);
      if (!pass || f < pass.at(-1)!) out.push([f]);
      else pass.push(f);
    }
    return out;
  }

  const describeSamples = (samples: Sample[]): string =>
    samples.map((s) => `${s.index}@${(s.mediaTime * CLIP.fps!).toFixed(2)}/${(s.currentTime * CLIP.fps!).toFixed(2)}`).join(' ') +
    '  (barcode@mediaTime/currentTime, in frames)';

  it('plays between A and B only, wraps back to A, and `\\` clears it', async () => {
    const page = await withLoop();
    await page.screenshot({ path: join(SHOTS, 'controls-loop.png') });

    const samples = await playAndSample(page, 2600);
    const summary = describeSamples(samples);
    // 78 frames at full rate; a busy machine presents fewer (36 seen once): enough to judge the passes.
    expect(samples.length, `frames sampled\n${summary}`).toBeGreaterThan(24);
    const frames = samples.map(shownFrame);
    // Never past B (the frame after B may flash while the jump back is made)...
    expect(Math.max(...frames), `last frame\n${summary}`).toBeLessThanOrEqual(B + 1);
    // ...nor before A (one frame of tolerance the same way).
    expect(Math.min(...frames), `first frame\n${summary}`).toBeGreaterThanOrEqual(A - 1);
    // It wraps, more than once: a frame at the end followed by a jump back into frame A.
    const wraps = samples.filter((s, n) => n > 0 && frames[n - 1]! >= B - 1 && frames[n]! <= A + 2);
    expect(wraps.length, `wraps\n${summary}`).toBeGreaterThanOrEqual(2);
    for (const w of wraps) {
      expect(Math.floor(w.currentTime * CLIP.fps! + 1e-6), `currentTime after a wrap\n${summary}`).toBeLessThanOrEqual(A + 1);
    }
    // Still looping: a wrap pauses on B and seeks back to A for a moment (longer on a busy
    // machine), then plays on.
    await expect.poll(() => video(page, (v) => v.paused), { timeout: 3000, interval: 20 }).toBe(false);

    await page.keyboard.press('\\');
    await expect.poll(() => hudText(page)).not.toMatch(/A .+ → B /);
    // Without the loop, playback runs on past B.
    await expect.poll(() => readBarcode(page), { timeout: 5000, interval: 30 }).toBeGreaterThan(B + 3);
    await page.keyboard.press('k');
    await waitPaused(page, true);
  });

  // The loop must show the coach's frame A on each pass: it is usually the frame that
  // matters (the foot strike). A short loop gives many passes; a dropped frame now and then
  // (2 cores, other browsers running) is tolerated: at least 80% of the passes.
  // Known bug (2025-11): the jump back is made only once the frame after B is on screen,
  // to the middle of A while playing, so A is due for half a frame and is mostly skipped:
  // passes run A+1..B+1 (A shown on ~10-40% of passes).
  it('each pass of the loop shows frame A', async () => {
    const b = A + 8;
    const page = await withLoop(b);
    const samples = await playAndSample(page, 4000);
    await page.keyboard.press('k');
    const all = passes(samples);
    // The passes that run from the start of the loop to its end (the sampler may cut the last).
    const full = all.filter((p) => p[0]! <= A + 1 && p.at(-1)! >= b);
    const summary = `${describeSamples(samples)}\npasses: ${all.map((p) => p.join(',')).join(' | ')}`;
    expect(full.length, `full passes\n${summary}`).toBeGreaterThanOrEqual(6);
    const showingA = full.filter((p) => p.includes(A)).length;
    expect(showingA, `passes that showed frame A (${A}), of ${full.length}\n${summary}`).toBeGreaterThanOrEqual(
      Math.ceil(full.length * 0.8),
    );
  });
});

// FrameCoach measures the frame rate itself (no API gives it): from frames presented while
// playing, or, when a `.` comes before any playback, with a short muted "probe" play.
describe('frame rate', () => {
  const CLIP60 = CLIPS.find((c) => c.file === 'h264-60.mp4')!;

  // Known bug (2025-11): at 2x a 60 fps clip has 120 frames a second but the display shows
  // 60, so only every other frame is presented; the rate measured from presented frames is
  // 30 fps, and every `.` then moves 3 frames (a seek to start + 1.5 gaps of 1/30 s).
  it('after playing at 2x, `.` still moves exactly one frame (60 fps clip)', async () => {
    const page = await open('plain.html', { clip: CLIP60.file });
    for (let i = 0; i < 3; i++) await page.keyboard.press('>');
    await waitRate(page, 2);
    await measureRate(page); // plays at 2x with `k`, pauses with `k`
    await page.keyboard.press('=');
    await waitRate(page, 1);
    expect((await seekAndRead(page, frameMiddle(CLIP60, 40))).index).toBe(40);
    const frames: number[] = [];
    for (let i = 0; i < 4; i++) frames.push(await pressStep(page, '.'));
    const fps = Number((await hostData(page)).fps);
    expect({ fps: Math.round(fps * 100) / 100, frames }).toEqual({ fps: 60, frames: [41, 42, 43, 44] });
  });

  it('the first `.` on a never-played video moves exactly one frame (24 fresh pages, 60 fps clip)', async () => {
    const results: { from: number; to: number; fps: string }[] = [];
    // Known bug (2025-11): the probe pauses and seeks straight back without waiting for the
    // frames already on their way to the screen; the back-seek's requestVideoFrameCallback
    // then fires for one of those, so the step starts from the probe's last frame (k → k+17).
    // It hits about one first step in six here: 24 pages make a pass by luck unlikely (< 2%).
    for (let i = 0; i < 24; i++) {
      const page = await open('plain.html', { clip: CLIP60.file });
      const k = 30 + i;
      expect((await seekAndRead(page, frameMiddle(CLIP60, k))).index).toBe(k);
      await page.keyboard.press('.'); // no rate yet: FrameCoach probes it first
      await waitIdle(page);
      // The frame the coach ends up looking at, once any seek still in flight has landed.
      await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).seeking);
      await page.waitForTimeout(200);
      results.push({ from: k, to: await readBarcode(page), fps: (await hostData(page)).fps ?? '' });
      await page.close();
    }
    const wrong = results.filter((r) => r.to !== r.from + 1);
    expect(wrong, `${wrong.length} of ${results.length} first steps did not land on the next frame`).toEqual([]);
  });
});

describe('toolbar (mouse path)', () => {
  it('the buttons step exactly like the keys, and play/pause', async () => {
    const page = await open();
    // Play and pause with the mouse (this also lets FrameCoach measure the frame rate).
    const t0 = await video(page, (v) => v.currentTime);
    await clickTool(page, 'playback.toggle');
    await waitPaused(page, false);
    await page.waitForFunction((t) => (document.querySelector('video') as HTMLVideoElement).currentTime > t + 0.4, t0);
    await clickTool(page, 'playback.toggle');
    await waitPaused(page, true);
    await page.waitForTimeout(150); // frames already on their way to the screen arrive

    expect((await seekAndRead(page, frameMiddle(CLIP, 10))).index).toBe(10);
    await clickTool(page, 'frame.next');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);
    await clickTool(page, 'frame.next');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(12);
    await clickTool(page, 'frame.previous');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);
    await clickTool(page, 'frame.forward10');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(21);
    await clickTool(page, 'frame.back10');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);

    // Focus stays with the page (no button took it): the next key press works.
    expect(await page.evaluate(() => document.activeElement === document.body || document.activeElement === null)).toBe(true);
    expect(await pressStep(page, '.')).toBe(12);
    await clickTool(page, 'frame.previous');
    await waitIdle(page);
    expect(await pressStep(page, ',')).toBe(10);
    await clickTool(page, 'frame.forward10');
    await waitIdle(page);
    expect(await pressStep(page, '.')).toBe(21);

    // Play with the mouse, pause with the key, and the other way round.
    await clickTool(page, 'playback.toggle');
    await waitPaused(page, false);
    await page.keyboard.press('k');
    await waitPaused(page, true);
    await page.keyboard.press('k');
    await waitPaused(page, false);
    await clickTool(page, 'playback.toggle');
    await waitPaused(page, true);
    await page.waitForTimeout(150);
    // The frame a person sees when they press: FrameCoach's check after the pause is over (a
    // frame painted late once turned the screen from 25 to 26 after a read at 150 ms).
    await waitIdle(page);
    const at = await readBarcode(page);
    expect(at).toBeGreaterThan(21);
    expect(await pressStep(page, '.')).toBe(at + 1);
  });
});

describe('screenshots', () => {
  it('help open, and a loop set (test-results/controls-*.png)', async () => {
    const page = await open();
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, 30))).index).toBe(30);
    await page.keyboard.press('?');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));
    const box = await page.$eval('video', (v) => {
      const r = v.getBoundingClientRect();
      return { x: Math.max(0, r.left - 20), y: Math.max(0, r.top - 20), width: r.width + 40, height: r.height + 40 };
    });
    await page.screenshot({ path: join(SHOTS, 'controls-help.png'), clip: box });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => !document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));

    await page.keyboard.press('[');
    for (let i = 0; i < 12; i++) await pressStep(page, '.');
    await page.keyboard.press(']');
    await page.keyboard.press('<');
    await expect.poll(() => hudText(page)).toMatch(/A .+ → B .+/);
    await page.hover('framecoach-overlay button[data-command="loop.setOut"]');
    await page.screenshot({ path: join(SHOTS, 'controls-loop-zoom.png'), clip: box });
    await page.keyboard.press('?');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-help'));
    await page.screenshot({ path: join(SHOTS, 'controls-help-loop.png'), clip: box });
  });
});
