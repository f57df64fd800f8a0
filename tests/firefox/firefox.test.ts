/**
 * FrameCoach in Firefox (issue 14), driven as a coach would: keys pressed, checked by what is
 * on screen (the frame's barcode) and what is kept (a comment after a restart).
 *
 * - Stepping: `.` and `,` from a pause, 20 each way, every one checked by the barcode.
 * - The add-on's data survives a restart of Firefox, installed as a user installs it (a
 *   temporary add-on from about:debugging is removed, data and all, when Firefox quits).
 * - The same video gets the same id as in Chromium (the id the Chromium tests seed under,
 *   from utils/identity), on a plain page and for a video in a cross-origin frame.
 * - A spying page hears none of what is typed or drawn in FrameCoach's UI.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { identifyVideo } from '../../utils/identity/video-id';
import { BARCODE, clipByFile, frameMiddle, numberOf, readBarcodeInPage, seekInPage } from '../e2e/barcode';
import { fixtureUrl, launchFirefox, startServer, type FixtureServer, type LaunchedFirefox } from './harness';

const CLIP = clipByFile('vp9-25.webm');
/** Constant rates in both containers, slow motion, frames missing from a clock, a phone's jitter, a late first frame. */
const STEP_CLIPS = ['vp9-25.webm', 'vp9-59.94.webm', 'h264-29.97.mp4', 'h264-120.mp4', 'h264-240.mp4', 'h264-60-drops.mp4', 'h264-phone-30.mp4', 'h264-vfr.mp4', 'vp9-30-offset.webm'];

type Target = Page | Frame;

let server: FixtureServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

const hostData = (target: Target) =>
  target.evaluate(() => ({ ...((document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset ?? {}) }) as Record<string, string>);

/** The overlay is on the video, styled, and knows the video's id. */
async function waitForOverlay(target: Target): Promise<void> {
  await target.waitForFunction(
    () => {
      const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
      const frame = host?.shadowRoot?.querySelector('.fc-frame');
      const video = document.querySelector('video');
      return !!frame && getComputedStyle(frame).visibility !== 'hidden' && !!host?.dataset.videoId && !!video && video.readyState >= 2;
    },
    { timeout: 20_000 },
  );
}

const waitIdle = (target: Target) =>
  target.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.busy === 'false', { timeout: 10_000, polling: 10 });

/** The frame number the HUD shows ("F 123" → 123; "≈123" on an estimate), or null ("F —"). */
const hudFrame = (target: Target) =>
  target.evaluate(() => {
    const m = /(\d+)\s*$/.exec(document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-frameno')?.textContent ?? '');
    return m ? Number(m[1]) : null;
  });

const readBarcode = (target: Target) => target.$eval('video', readBarcodeInPage, BARCODE);

/** Firefox's media timeline starts at the first frame (a clip whose first frame is at 0.41 s shows it at 0; Chromium at 0.41). */
async function seekTo(target: Target, k: number, clip = CLIP): Promise<number> {
  await target.$eval('video', seekInPage, { time: frameMiddle(clip, k) - clip.startSec, timeoutMs: 1500 });
  return readBarcode(target);
}

async function open(f: LaunchedFirefox, page = 'plain.html', params: Record<string, string> = {}): Promise<Page> {
  const tab = await f.browser.newPage();
  await tab.goto(fixtureUrl(server, page, { clip: CLIP.file, ...params }));
  return tab;
}

describe('FrameCoach in Firefox', () => {
  let f: LaunchedFirefox;
  beforeAll(async () => {
    f = await launchFirefox();
  });
  afterAll(async () => {
    await f?.close();
  });

  it.each(STEP_CLIPS)('`.` and `,` step one frame each, exactly, 20 each way: %s', async (file) => {
    const clip = clipByFile(file);
    const page = await open(f, 'plain.html', { case: 'ff-step', clip: file });
    await waitForOverlay(page);
    expect(await seekTo(page, 30, clip)).toBe(numberOf(clip, 30));
    await waitIdle(page);
    const landed: number[] = [];
    const hud: (number | null)[] = [];
    for (const [key, n] of [['.', 20], [',', 20]] as const) {
      for (let i = 0; i < n; i++) {
        await page.keyboard.press(key);
        await waitIdle(page);
        landed.push(await readBarcode(page));
        hud.push(await hudFrame(page));
      }
    }
    const want = [...Array.from({ length: 20 }, (_, i) => 31 + i), ...Array.from({ length: 20 }, (_, i) => 49 - i)].map((k) => numberOf(clip, k));
    expect(landed).toEqual(want);
    // The HUD says the frame on screen after every step.
    expect(hud).toEqual(want);
  });

  it('the same video gets the same id as in Chromium: a plain page, and a video in a cross-origin frame', async () => {
    const page = await open(f, 'plain.html', { case: 'ff-id' });
    await waitForOverlay(page);
    const src = await page.$eval('video', (v) => v.currentSrc);
    expect((await hostData(page)).videoId).toBe(identifyVideo({ topUrl: page.url(), frameUrl: page.url(), src }).id);

    const framed = await open(f, 'iframe.html', { case: 'ff-id-frame' });
    const handle = await framed.waitForSelector('#frame');
    const frame = (await handle!.contentFrame())!;
    await waitForOverlay(frame);
    const frameSrc = await frame.$eval('video', (v) => v.currentSrc);
    expect((await hostData(frame)).videoId).toBe(identifyVideo({ topUrl: framed.url(), frameUrl: frame.url(), src: frameSrc }).id);
  });

  // The closed root is the same code as in Chromium (tests/e2e/privacy.test.ts reads the
  // release build there); this checks the event side in Firefox, whose content scripts see the
  // page's events through Xray wrappers.
  it("a spying page hears none of what the coach types or draws in FrameCoach's UI", async () => {
    const page = await open(f, 'spy.html', { case: 'ff-spy' });
    await waitForOverlay(page);
    await page.click('h1');
    await page.keyboard.press('q');
    await page.keyboard.press('c');
    await page.waitForFunction(() => {
      const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
      return root.activeElement?.matches('.fc-editor textarea') === true;
    });
    const secret = 'Left knee caves in quietly';
    await page.keyboard.type(secret);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
    expect(await page.evaluate(() => [...document.querySelector('framecoach-overlay')!.shadowRoot!.querySelectorAll('.fc-comment-text')].map((n) => n.textContent))).toEqual([secret]);
    await page.keyboard.down('Alt');
    await page.keyboard.press('l');
    await page.keyboard.up('Alt');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === 'line');
    const r = await page.$eval('video', (v) => v.getBoundingClientRect().toJSON() as { x: number; y: number; width: number; height: number });
    await page.mouse.move(r.x + r.width * 0.3, r.y + r.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(r.x + r.width * 0.6, r.y + r.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1', { timeout: 10_000 });

    // The events the page heard (its reads of the test build's open root are not the point here).
    const events = (await page.evaluate(() => (window as unknown as { spyLog: string[] }).spyLog)).filter((line) => /^(window|document)/.test(line));
    expect(events.some((line) => / pointerdown target=h1/.test(line)), 'the spy hears the page').toBe(true);
    expect(events.filter((line) => / target=framecoach-overlay/.test(line) && !/ (focus|blur|focusin|focusout) /.test(line))).toEqual([]);
    const keys = new Set(events.flatMap((line) => / key=(\S+) /.exec(line)?.[1] ?? []).filter((key) => [...key].length === 1));
    expect(keys).toEqual(new Set(['q']));
    expect(events.filter((line) => line.includes('knee'))).toEqual([]);
  });
});

describe('after a restart of Firefox', () => {
  it('a comment written before is still there, on its frame (the add-on keeps its id, so its database)', async () => {
    const first = await launchFirefox({ addon: 'installed' });
    const profile = first.profile;
    try {
      const page = await open(first, 'plain.html', { case: 'ff-restart' });
      await waitForOverlay(page);
      expect(await seekTo(page, 12)).toBe(12);
      await waitIdle(page);
      await page.keyboard.press('c');
      await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-editor textarea'));
      await page.keyboard.type('shin vertical at landing');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.saving === 'false', { timeout: 10_000 });
      await first.browser.close();

      const again = await launchFirefox({ profile, addon: 'installed' });
      try {
        const back = await open(again, 'plain.html', { case: 'ff-restart' });
        await waitForOverlay(back);
        await back.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
        // Shift+C: the comment panel.
        await back.keyboard.down('Shift');
        await back.keyboard.press('C');
        await back.keyboard.up('Shift');
        const listed = () =>
          back.evaluate(() => [...document.querySelector('framecoach-overlay')!.shadowRoot!.querySelectorAll('.fc-comment')].map((n) => [n.querySelector('.fc-comment-text')?.textContent, n.querySelector('.fc-comment-place')?.textContent]));
        await back.waitForFunction(() => !!document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-comment'), { timeout: 5_000 });
        expect(await listed()).toEqual([['shin vertical at landing', expect.stringMatching(/^F12 /)]]);
      } finally {
        await again.close();
      }
    } finally {
      await first.close();
    }
  });
});
