/**
 * Drawing on the frame (first slice of issue 4): a line and an angle drawn with the mouse
 * are saved, come back after a reload on their frame, and sit at the same place relative
 * to the picture at another window size. Checked by the canvas's pixels.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile, frameMiddle, readBarcode, seekAndRead } from './barcode';
import { fixtureUrl, type FixtureServer } from './harness';
import { hostData, measureRate, overlayRect, waitForOverlay, waitForVideoReady, waitIdle } from './overlay';
import { dragOnPicture, painted, waitPainted } from './drawing-helpers';
import { useBrowser } from './session';

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});
const CLIP = clipByFile('vp9-30.webm');

/** boxed.html: the element is 60% of the page wide, so the picture changes size with the window. */
async function open(page: Page, width = 1280, testCase = 'draw'): Promise<void> {
  await page.setViewportSize({ width, height: 800 });
  await page.goto(fixtureUrl(server, 'boxed.html', { clip: CLIP.file, case: testCase }));
  await waitForOverlay(page);
  await waitForVideoReady(page);
  await page.waitForFunction(() => !!(document.querySelector('framecoach-overlay') as HTMLElement).dataset.videoId);
}

describe('drawing', () => {
  it('a line drawn with the mouse is saved, shown on its frame after a reload, at the same place at another window size', async () => {
    const page = await newPage();
    await open(page);
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, 40))).index).toBe(40);
    await waitIdle(page);
    await page.keyboard.press('Alt+l');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === 'line');
    await dragOnPicture(page, { x: 0.2, y: 0.3 }, { x: 0.8, y: 0.7 });
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === '');
    await waitPainted(page, { x: 0.5, y: 0.5 }, 'the line, after Escape');
    expect(await painted(page, { x: 0.5, y: 0.2 }), 'off the line, after Escape').toBe(false);

    const pictureWidths: number[] = [];
    for (const width of [1280, 700]) {
      await open(page, width);
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
      pictureWidths.push((await overlayRect(page))!.width);
      // Not on another frame…
      expect((await seekAndRead(page, frameMiddle(CLIP, 70))).index).toBe(70);
      await page.waitForTimeout(100);
      expect(await painted(page, { x: 0.5, y: 0.5 })).toBe(false);
      // …but on its own, at the same place relative to the picture.
      expect((await seekAndRead(page, frameMiddle(CLIP, 40))).index).toBe(40);
      await expect.poll(() => painted(page, { x: 0.5, y: 0.5 }), { message: `the line's middle at ${width} px` }).toBe(true);
      expect(await painted(page, { x: 0.35, y: 0.4 }), `the line at (0.35, 0.4) at ${width} px`).toBe(true);
      expect(await painted(page, { x: 0.5, y: 0.2 }), `off the line at ${width} px`).toBe(false);
    }
    // The two windows really gave the picture two sizes.
    expect(pictureWidths[1]!).toBeLessThan(pictureWidths[0]! * 0.85);
  });

  it.each([
    // tool key, drag from → to, a point on the drawn outline, a point that must stay clear
    ['arrow', 'Alt+a', { x: 0.2, y: 0.5 }, { x: 0.8, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.5, y: 0.3 }],
    // (Starting below the panel: its buttons sit over the top-left of the picture.)
    ['rect', 'Alt+r', { x: 0.2, y: 0.45 }, { x: 0.8, y: 0.9 }, { x: 0.5, y: 0.45 }, { x: 0.5, y: 0.7 }],
    ['ellipse', 'Alt+o', { x: 0.2, y: 0.45 }, { x: 0.8, y: 0.95 }, { x: 0.2, y: 0.7 }, { x: 0.5, y: 0.7 }],
    ['pen', 'Alt+p', { x: 0.3, y: 0.45 }, { x: 0.7, y: 0.85 }, { x: 0.5, y: 0.65 }, { x: 0.7, y: 0.45 }],
    ['angleToHorizontal', 'Alt+h', { x: 0.2, y: 0.7 }, { x: 0.8, y: 0.4 }, { x: 0.5, y: 0.55 }, { x: 0.5, y: 0.2 }],
  ])('%s: drawn with the mouse, saved and shown on its frame', async (tool, key, from, to, on, off) => {
    const page = await newPage();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(fixtureUrl(server, 'letterbox.html', { clip: CLIP.file, case: `tool-${tool}` }));
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, 20))).index).toBe(20);
    await waitIdle(page);
    await page.keyboard.press(key);
    await page.waitForFunction((t) => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === t, tool);
    await dragOnPicture(page, from, to);
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await page.keyboard.press('Escape');
    await expect.poll(() => painted(page, { x: on.x, y: on.y })).toBe(true);
    expect(await painted(page, { x: off.x, y: off.y })).toBe(false);
  });

  it('during playback a drawing appears on its frame, holds about a second and fades by opacity; paused, nothing is repainted', async () => {
    const page = await newPage();
    await open(page, 1280, 'playback');
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, 30))).index).toBe(30);
    await waitIdle(page);
    await page.keyboard.press('Alt+l');
    await dragOnPicture(page, { x: 0.2, y: 0.6 }, { x: 0.8, y: 0.7 });
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await page.keyboard.press('Escape');
    await waitPainted(page, { x: 0.5, y: 0.65 }, 'the line, after Escape');

    const paints = () =>
      page.evaluate(() => Number(document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('canvas')!.dataset.paints));
    // Leaving the tool clears the selection (one repaint without the handles): let it land.
    await page.waitForFunction(() => {
      const host = document.querySelector('framecoach-overlay') as HTMLElement;
      return host.dataset.tool === '' && host.dataset.selected === '';
    });
    await page.waitForTimeout(300);
    const before = await paints();
    await page.waitForTimeout(1500);
    expect(await paints()).toBe(before);

    // Play at 1x from frame 20 and note, for every presented frame, whether the drawing is
    // shown, how many paints there were, and the opacity of its fade canvas (a fade is done by opacity).
    const play = async () => {
      expect((await seekAndRead(page, frameMiddle(CLIP, 20))).index).toBe(20);
      await waitIdle(page);
      return page.evaluate(
        () =>
          new Promise<{ frame: number; at: number; shown: boolean; paints: number; fade: number; layers: string }[]>((resolve) => {
            const video = document.querySelector('video')!;
            const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
            const canvas = root.querySelector('canvas')!;
            const out: { frame: number; at: number; shown: boolean; paints: number; fade: number; layers: string }[] = [];
            const tick = (_now: number, meta: VideoFrameCallbackMetadata) => {
              const own = [...root.querySelectorAll<HTMLCanvasElement>('.fc-fades canvas')];
              const fades = own.map((c) => Number(c.style.opacity || 0));
              out.push({
                frame: Math.round(meta.mediaTime * 30),
                at: Math.round(video.currentTime * 300) / 10, // the playback position, in frames
                shown: canvas.dataset.drawings === '1',
                paints: Number(canvas.dataset.paints),
                fade: Math.max(0, ...fades),
                // Which layer a stray paint was on, should one come: the still canvas's size, and
                // the drawing's own canvas (its place in the pool, its size).
                layers: `${canvas.width}x${canvas.height} ${own.map((c, i) => (Number(c.style.opacity || 0) > 0 ? `#${i}:${c.width}x${c.height}` : '')).join('')}`,
              });
              if (meta.mediaTime < 2.9) video.requestVideoFrameCallback(tick);
              else {
                video.pause();
                resolve(out);
              }
            };
            video.requestVideoFrameCallback(tick);
            void video.play();
          }),
      );
    };
    // Firefox may announce a frame well ahead as playback starts, then the real ones (round 20 A:
    // "20 21 31 23 25…", the video at frame 22): a frame a later one comes before was not on screen.
    const onScreen = (all: Awaited<ReturnType<typeof play>>) => all.filter((x, i) => all.slice(i + 1).every((later) => later.frame >= x.frame));
    const between = (all: Awaited<ReturnType<typeof play>>, from: number, to: number) => onScreen(all).filter((x) => x.frame >= from && x.frame <= to);
    // Drawn on frame 30; 1 s hold (30 frames) then a 0.5 s fade (15 frames): gone by frame 75.
    // Judged frame by frame, as sampled: a busy machine presents only some frames (36 of 78
    // were seen once), so the first and last frames shown need not be among them. The page's
    // callback may run before FrameCoach's for the same frame: one frame of slack each way.
    // A play on a machine so busy it showed too few frames to judge (a copy beside another:
    // frames 21, then 64) is played again, up to three times.
    let samples = await play();
    const tooFew = (all: typeof samples) => between(all, 31, 73).length < 12 || between(all, 62, 73).length < 4;
    for (let again = 0; again < 2 && tooFew(samples); again++) samples = await play();
    const shownFrames = onScreen(samples);
    const during = (from: number, to: number) => between(samples, from, to);
    const log = samples.map((x) => `${x.frame}${x.shown ? '+' : '-'}`).join(' ');
    expect(during(31, 73).length, log).toBeGreaterThanOrEqual(12);
    // (When the page's callback runs first, FrameCoach still shows the frame announced before:
    // "26- 31- 32+" in round 21. So a frame must show the drawing once the one before it was past 30 too.)
    const previous = (x: { frame: number }) => shownFrames[shownFrames.indexOf(x as (typeof shownFrames)[number]) - 1]?.frame ?? -1;
    expect(during(31, 73).filter((x) => !x.shown && previous(x) >= 30).map((x) => x.frame), log).toEqual([]);
    expect(shownFrames.filter((x) => x.shown && (x.frame < 29 || x.frame > 76)).map((x) => x.frame), log).toEqual([]);
    // The hold is not repainted…
    const hold = during(32, 58);
    expect(hold[hold.length - 1]!.paints - hold[0]!.paints).toBe(0);
    // …and the fade is its canvas's opacity going down frame by frame, with no repaint.
    const fade = during(62, 73);
    expect(fade.length, log).toBeGreaterThanOrEqual(4);
    // (Round 21 saw 0.8 twice in a row, once in 30 runs in Firefox: what FrameCoach took each frame as.)
    const fades = `${fade.map((x) => `${x.frame}@${x.at}:${x.fade}`).join(' ')}; trail ${(await hostData(page)).trail}`;
    // Never up, and down at least every second sample (the callbacks' order again: 0.8 twice, round 21).
    for (let i = 1; i < fade.length; i++) expect(fade[i]!.fade, `frame ${fade[i]!.frame} (${fades})`).toBeLessThanOrEqual(fade[i - 1]!.fade);
    for (let i = 2; i < fade.length; i++) expect(fade[i]!.fade, `frame ${fade[i]!.frame} (${fades})`).toBeLessThan(fade[i - 2]!.fade);
    // Each sample's opacity is where the fade stood on its frame, (75 - frame) / 15, give or take
    // the frame of slack above. (A bound on the first sample alone, above 0.6, read 0.466 once in
    // ~95 runs: on a busy machine the first frame seen in the fade may be several frames in.)
    const expected = (frame: number) => Math.min(1, Math.max(0, (75 - frame) / 15));
    for (const x of fade) expect(Math.abs(x.fade - expected(x.frame)), `frame ${x.frame}: ${x.fade}, not ${expected(x.frame).toFixed(3)} (${fades})`).toBeLessThanOrEqual(1 / 15 + 0.01);
    expect(fade[fade.length - 1]!.paints - fade[0]!.paints, JSON.stringify(during(58, 76))).toBe(0);
    expect(during(76, 85).every((x) => x.fade === 0)).toBe(true);
  });

  it('a marker along the bottom shows where drawings are; clicking it goes to the drawing\'s frame', async () => {
    const page = await newPage();
    await open(page, 1280, 'marker');
    await measureRate(page);
    expect((await seekAndRead(page, frameMiddle(CLIP, 40))).index).toBe(40);
    await waitIdle(page);
    await page.keyboard.press('Alt+r');
    await dragOnPicture(page, { x: 0.3, y: 0.5 }, { x: 0.7, y: 0.9 });
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await page.keyboard.press('Escape');
    expect((await seekAndRead(page, frameMiddle(CLIP, 90))).index).toBe(90);
    await waitIdle(page);
    expect(await painted(page, { x: 0.5, y: 0.5 })).toBe(false);
    const marker = page.locator('framecoach-overlay .fc-drawing-marker');
    await expect.poll(() => marker.count()).toBe(1);
    await marker.click();
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.busy === 'false');
    await expect.poll(() => readBarcode(page)).toBe(40);
    await expect.poll(() => painted(page, { x: 0.5, y: 0.5 })).toBe(true);
  });
});
