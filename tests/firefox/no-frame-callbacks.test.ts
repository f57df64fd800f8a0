/**
 * A Firefox without requestVideoFrameCallback (`media.rvfc.enabled` off, as before Firefox 132):
 * FrameCoach still steps, by seeks to frames' middles, with the frames from the file's own table
 * when it can read it (exact), else the rate counted from decoded frames (the HUD says ≈).
 * Checked as everywhere else: keys pressed, the frame on screen read by its barcode.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipByFile, readBarcode, stepNumber, type ClipInfo } from '../e2e/barcode';
import { ready } from '../e2e/comments-helpers';
import { wrapFirefoxPage } from '../e2e/firefox-page';
import { waitIdle } from '../e2e/overlay';
import { ui } from '../e2e/packet-helpers';
import { fixtureUrl, launchFirefox, startServer, type FixtureServer, type LaunchedFirefox } from './harness';

let server: FixtureServer;
let f: LaunchedFirefox;
beforeAll(async () => {
  server = await startServer();
  f = await launchFirefox({ prefs: { 'media.rvfc.enabled': false } });
});
afterAll(async () => {
  await f?.close();
  await server?.close();
});

async function open(clip: ClipInfo, params: Record<string, string> = {}): Promise<Page> {
  const page = wrapFirefoxPage(await f.browser.newPage());
  await page.goto(fixtureUrl(server, 'plain.html', { clip: clip.file, ...params }));
  await ready(page);
  return page;
}

const hudText = async (page: Page) => ({
  frame: ((await ui(page, '.fc-frameno').textContent()) ?? '').replace(/^F/, '').trim(),
  rate: ((await ui(page, '.fc-rate').textContent()) ?? '').trim(),
});

/**
 * Presses `key` `times` times; each press must move `delta` frames on screen and the HUD must say
 * the frame shown (after `mark`: ≈ for an estimate).
 */
async function pressAndCheck(page: Page, clip: ClipInfo, key: string, delta: number, times: number, misses: string[], mark = ''): Promise<void> {
  let shown = await readBarcode(page);
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await waitIdle(page);
    const now = await readBarcode(page);
    const expected = stepNumber(clip, shown, delta);
    const hud = (await hudText(page)).frame;
    if (now !== expected || hud !== mark + now) misses.push(`${key} from ${shown}: screen ${now} (expected ${expected}), HUD ${hud}`);
    shown = now;
  }
}

describe('Firefox without frame callbacks', () => {
  it('the browser really has none', async () => {
    const page = await open(clipByFile('vp9-25.webm'));
    expect(await page.evaluate(() => 'requestVideoFrameCallback' in HTMLVideoElement.prototype)).toBe(false);
    await page.close();
  });

  // The file's own frame table is read (a plain file): every frame known, numbers exact.
  it.each(['vp9-25.webm', 'h264-60-drops.mp4', 'h264-phone-30.mp4'].map((file) => [file, clipByFile(file)] as const))(
    '%s: 30 steps each way, every one on the right frame, and the HUD says which',
    async (_file, clip) => {
      const page = await open(clip);
      const misses: string[] = [];
      await pressAndCheck(page, clip, '.', 1, 30, misses);
      await pressAndCheck(page, clip, ',', -1, 30, misses);
      expect(misses).toEqual([]);
      const { rate } = await hudText(page);
      expect(rate).not.toMatch(/≈/);
      await page.close();
    },
  );

  it('after pausing playback the HUD shows the frame on screen (8 pauses)', async () => {
    const clip = clipByFile('vp9-25.webm');
    const page = await open(clip);
    const misses: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('k');
      await page.waitForFunction(() => !document.querySelector('video')!.paused);
      await page.waitForTimeout(120 + 37 * i);
      await page.keyboard.press('k');
      await page.waitForFunction(() => document.querySelector('video')!.paused);
      await page.waitForTimeout(250);
      await waitIdle(page);
      const [shown, hud] = [await readBarcode(page), (await hudText(page)).frame];
      if (hud !== String(shown)) misses.push(`pause ${i}: screen ${shown}, HUD ${hud}`);
    }
    expect(misses).toEqual([]);
    await page.close();
  }, 60_000);

  // No table (the server answers no bounded Range request): the rate is counted while a short
  // muted play runs, and the HUD marks it and the frame numbers as estimates.
  it.each([
    ['vp9-25.webm', '≈25 fps'],
    // A count can't tell 23.976 from 24 (nor can a frame's length): the estimate says 24.
    ['h264-23.976.mp4', '≈24 fps'],
    ['h264-60.mp4', '≈60 fps'],
  ])('%s with the table unreadable: the rate counted from decoded frames, shown as an estimate (%s), steps one frame each', async (file, shownRate) => {
    const clip = clipByFile(file);
    const page = await open(clip, { ranges: 'open' });
    const misses: string[] = [];
    await pressAndCheck(page, clip, '.', 1, 10, misses, '≈');
    await pressAndCheck(page, clip, ',', -1, 10, misses, '≈');
    expect(misses).toEqual([]);
    // The badge's title says what the estimate rests on (the count, a frame's length), so a
    // wrong rate says why in the failure too.
    const title = (await ui(page, '.fc-rate').getAttribute('title')) ?? '';
    expect(`${(await hudText(page)).rate} (${title})`).toMatch(new RegExp(`^${shownRate} \\(.*frame numbers are estimates\\)$`));
    // The count was checked on the picture: one frame's length, within GAP_FIT of the rate shown.
    const length = Number(/one frame measured ([\d.]+) ms/.exec(title)?.[1]);
    expect(Math.abs((length / 1000) * Number(shownRate.replace(/\D/g, '')) - 1)).toBeLessThan(0.025);
    await page.close();
  });

  // A copy beside another: the first `.` said the rate was unknown and moved nothing (the muted
  // play that counts frames started late and stopped short of the second it needs).
  it('the table unreadable and playback slow to start (a busy machine): the first `.` still counts the rate and steps one frame', async () => {
    const clip = clipByFile('vp9-25.webm');
    const page = await open(clip, { ranges: 'open' });
    await page.evaluate(() => document.documentElement.setAttribute('data-fc-test-play-late', ''));
    const misses: string[] = [];
    await pressAndCheck(page, clip, '.', 1, 3, misses, '≈');
    expect(misses).toEqual([]);
    expect((await hudText(page)).rate).toBe('≈25 fps');
    await page.close();
  });
});
