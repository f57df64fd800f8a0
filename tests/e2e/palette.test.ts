/**
 * The command palette over the video, driven as a coach would: `p`, type a few letters,
 * arrows and Enter; commands that need a value (a colour, a speed, a comment) ask for it.
 * Checked by what the user sees: the frame's barcode, the drawing's pixels, the speed.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { clipByFile, readBarcode } from './barcode';
import { useBrowser } from './session';
import type { FixtureServer, LaunchedBrowser } from './harness';
import { hostData, waitIdle } from './overlay';
import { dragOnPicture, enterFullscreen, goToFrame, openCase, sampleAt, waitData, waitSelected } from './drawing-helpers';
import { waitForCount } from './comments-helpers';
import { find, openPalette, palette } from './palette-helpers';

const CLIP = clipByFile('vp9-25.webm');

let server: FixtureServer;
let browser: LaunchedBrowser;
const newPage = useBrowser((s, b) => {
  server = s;
  browser = b;
});

async function open(name: string): Promise<Page> {
  const page = await newPage();
  await openCase(page, server, CLIP, `palette-${name}`);
  return page;
}

describe('the command palette over a video', () => {
  it('p opens it; fuzzy text finds a command; Enter runs it (an exact step) and gives the keys back', async () => {
    const page = await open('step');
    await goToFrame(page, CLIP, 10);
    await page.evaluate(() => {
      const w = window as unknown as { pageKeys: string[] };
      w.pageKeys = [];
      window.addEventListener('keydown', (e) => w.pageKeys.push(e.key));
    });
    await openPalette(page);
    const first = await palette(page);
    expect(first.rows.length).toBeGreaterThan(20);
    expect(first.placeholder).toMatch(/Type a command/);
    await find(page, 'nxt frm', 'Next frame');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(11);
    // What was typed in the palette never reached the page.
    expect(await page.evaluate(() => (window as unknown as { pageKeys: string[] }).pageKeys)).toEqual([]);
    // The keys are FrameCoach's again.
    await page.keyboard.press('.');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(12);
  });

  it('arrows choose among matches; Escape closes without running anything; the last command run is listed first', async () => {
    const page = await open('arrows');
    await goToFrame(page, CLIP, 20);
    await openPalette(page);
    await page.keyboard.type('frame');
    await expect.poll(async () => (await palette(page)).rows.slice(0, 4).sort()).toEqual(['Back 10 frames', 'Forward 10 frames', 'Next frame', 'Previous frame'].sort());
    const { rows } = await palette(page);
    const target = rows.indexOf('Previous frame');
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await palette(page)).selected).toBe('Previous frame');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(19);
    await openPalette(page);
    expect((await palette(page)).rows[0]).toBe('Previous frame');
    await page.keyboard.type('next');
    await page.keyboard.press('Escape');
    await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
    await page.waitForTimeout(300);
    expect(await readBarcode(page)).toBe(19);
  });

  it('typing straight on after p, and Enter at once, loses no letter', async () => {
    const page = await open('typeahead');
    await goToFrame(page, CLIP, 50);
    for (let round = 0; round < 3; round++) {
      // No wait for the text box: a coach who knows the palette types without looking.
      await page.keyboard.press('p');
      await page.keyboard.type('prev fr');
      await page.keyboard.press('Enter');
      await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
      await waitIdle(page);
      expect(await readBarcode(page)).toBe(49 - round);
    }
  });

  it('a tool, then a colour asked for by its argument: the line is drawn in that colour', async () => {
    const page = await open('colour');
    await openPalette(page);
    await find(page, 'draw line', 'Draw a line');
    await page.keyboard.press('Enter');
    await waitData(page, 'tool', 'line');
    await openPalette(page);
    await find(page, 'colour', 'Drawing colour…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(page)).placeholder).toMatch(/Pick a colour/);
    expect((await palette(page)).rows).toEqual(['Yellow', 'Red', 'Blue', 'Green', 'White', 'Pink']);
    await find(page, 'blu', 'Blue');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
    await dragOnPicture(page, { x: 0.2, y: 0.5 }, { x: 0.8, y: 0.5 });
    await waitSelected(page);
    await expect
      .poll(async () => {
        const [r, g, b, a] = (await sampleAt(page, { x: 0.5, y: 0.5 }, 2)).strongest;
        return a > 128 && b > 200 && r < 120 && g > 150;
      }, { timeout: 5_000 })
      .toBe(true);
  });

  it('a speed from the palette', async () => {
    const page = await open('speed');
    await openPalette(page);
    await find(page, 'set speed', 'Set playback speed…');
    await page.keyboard.press('Enter');
    await find(page, '0.25', '0.25x');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.$eval('video', (v: HTMLVideoElement) => v.playbackRate)).toBe(0.25);
    await expect.poll(() => page.evaluate(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-speed')?.textContent)).toBe('0.25x');
  });

  it('go to a comment: its frame is shown', async () => {
    const page = await open('comment');
    await goToFrame(page, CLIP, 30);
    await page.keyboard.press('c');
    await page.keyboard.type('knee over toe');
    await page.keyboard.press('Enter');
    await waitForCount(page, 1);
    await goToFrame(page, CLIP, 5);
    await openPalette(page);
    await find(page, 'go to com', 'Go to a comment…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(page)).rows).toEqual(['knee over toe']);
    await page.keyboard.press('Enter');
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(30);
    await waitIdle(page);
    expect((await hostData(page)).time).not.toBe('');
  });

  it('says so when nothing matches, and when a command has nothing to choose', async () => {
    const page = await open('empty');
    await openPalette(page);
    await page.keyboard.type('zzzq');
    await expect.poll(async () => (await palette(page)).empty).toBe('Nothing matches “zzzq”');
    await page.keyboard.press('Escape');
    await openPalette(page);
    await find(page, 'go to com', 'Go to a comment…');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await palette(page)).empty).toMatch(/No comments on this video yet/);
  });

  it('works in fullscreen', async () => {
    const page = await open('fullscreen');
    await goToFrame(page, CLIP, 40);
    await enterFullscreen(page);
    await openPalette(page);
    const inFullscreen = await page.evaluate(() => {
      const box = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-palette')!;
      const r = box.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 10);
      return document.fullscreenElement!.contains(document.querySelector('framecoach-overlay')) && hit === document.querySelector('framecoach-overlay');
    });
    expect(inFullscreen).toBe(true);
    await find(page, 'back 10', 'Back 10 frames');
    await page.keyboard.press('Enter');
    await expect.poll(() => palette(page).then((p) => p.open)).toBe(false);
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(30);
  });
});

describe('the command palette on the library page', () => {
  it('p opens it; a command with a video argument lists the videos; settings open in a tab', async () => {
    // One annotated video, so the library has something to offer.
    const video = await open('library');
    await goToFrame(video, CLIP, 12);
    await video.keyboard.press('c');
    await video.keyboard.type('hips level');
    await video.keyboard.press('Enter');
    await waitForCount(video, 1);
    const page = await newPage();
    await page.goto(`${browser.origin}/library.html`);
    await page.getByRole('heading', { name: 'Videos' }).waitFor();
    await expect.poll(() => page.locator('.lib-foot').textContent()).toMatch(/Press P for all commands/);
    await page.keyboard.press('p');
    await page.locator('.fc-palette-input').waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('fc-palette-input');
    await page.keyboard.type('open vid');
    await expect.poll(() => page.locator('.fc-palette-row .fc-palette-label').first().textContent()).toBe('Open a video…');
    await page.keyboard.press('Enter');
    // Every video of the library, each with what it holds.
    const videos = await page.locator('.lib-video').count();
    // The palette as it is when the rows are not all there: open or not, its title and text, where the focus is.
    const paletteNow = () => page.evaluate(() => `${document.querySelectorAll('.fc-palette-row').length} rows; palette: ${document.querySelector('.fc-palette')?.textContent ?? 'closed'}; focus on ${document.activeElement?.className || document.activeElement?.localName}`);
    await expect.poll(paletteNow).toMatch(new RegExp(`^${videos} rows`));
    expect(await page.locator('.fc-palette-row .fc-palette-detail').allTextContents()).toContain('1 comment · 0 drawings');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.fc-palette').count()).toBe(0);
    await page.keyboard.press('p');
    await page.keyboard.type('settings');
    await expect.poll(() => page.locator('.fc-palette-row .fc-palette-label').first().textContent()).toBe('Open settings and keyboard shortcuts');
    const options = await browser.nextPage(() => page.keyboard.press('Enter'));
    expect(options.url()).toBe(`${browser.origin}/options.html`);
    await options.getByRole('heading', { name: 'Settings', exact: true }).waitFor();
  });
});
