/**
 * A page that fights everything (tests/fixtures/pages/hostile.html): `* { all: unset
 * !important }`, a 48 px serif font, `zoom` on the body and a transform on the player; it
 * stops key, pointer, input and focus events at its window, redefines the media element's
 * methods and properties, and refuses shadow roots. The overlay still sits on the picture, in
 * its own font, and the keys, the toolbar, the comment editor and a drawing tool all work.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clipByFile, readBarcode } from './barcode';
import { fixtureUrl, type FixtureServer } from './harness';
import { hostData, overlayRect, waitForOverlay, waitForVideoReady, waitIdle } from './overlay';
import { useBrowser } from './session';

const CLIP = clipByFile('vp9-25.webm');

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

/** The video's picture as the page lays it out (the element's box: the clip is 16:9 like it). */
const videoRect = (page: Page) =>
  page.evaluate(() => {
    const r = document.querySelector('video')!.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });

const inOverlay = <T,>(page: Page, fn: (root: ShadowRoot) => T) =>
  page.evaluate(`(${fn.toString()})(document.querySelector('framecoach-overlay').shadowRoot)`) as Promise<T>;

async function clickIn(page: Page, selector: string): Promise<void> {
  const r = await page.evaluate((s) => {
    const rect = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector(s)!.getBoundingClientRect();
    return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 };
  }, selector);
  await page.mouse.click(r.x, r.y);
}

describe('a hostile page', () => {
  it('the overlay sits on the picture in its own style, and keys, buttons, the editor and a tool work', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'hostile.html', { clip: CLIP.file }));
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await waitIdle(page);

    // On the picture, though the body is zoomed and the player moved.
    const video = await videoRect(page);
    expect(video.width, 'the zoom applies to the page').toBeCloseTo(480 * 1.25, 0);
    const over = (await overlayRect(page))!;
    for (const k of ['x', 'y', 'width', 'height'] as const) expect(Math.abs(over[k] - video[k]), k).toBeLessThanOrEqual(1);
    // In its own font and colours, not the page's.
    const look = await inOverlay(page, (root) => {
      const s = getComputedStyle(root.querySelector('.fc-hud')!);
      return { family: s.fontFamily, size: parseFloat(s.fontSize), color: s.color };
    });
    expect(look.family).not.toMatch(/^serif$/);
    expect(look.size).toBeLessThan(20);
    expect(look.color).not.toBe('rgb(204, 0, 0)');

    // Keys, though the page stops them at its window.
    expect(await readBarcode(page)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('.');
    await waitIdle(page);
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(5);
    // The toolbar, though the page stops clicks.
    await clickIn(page, 'button[data-command="frame.previous"]');
    await waitIdle(page);
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(4);

    // A comment, from the toolbar's button and typed into the editor.
    await clickIn(page, 'button[data-command="comment.add"]');
    await page.waitForFunction(() => {
      const root = document.querySelector('framecoach-overlay')!.shadowRoot!;
      return root.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.focused === 'true';
    });
    await page.keyboard.type('Arms cross the midline');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', undefined, { timeout: 5_000 });
    expect(await inOverlay(page, (root) => [...root.querySelectorAll('.fc-comment-text')].map((n) => n.getAttribute('data-text')))).toEqual(['Arms cross the midline']);

    // A line drawn with the mouse.
    await page.keyboard.press('Alt+l');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === 'line');
    await page.mouse.move(over.x + over.width * 0.2, over.y + over.height * 0.5);
    await page.mouse.down();
    await page.mouse.move(over.x + over.width * 0.6, over.y + over.height * 0.5, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => (await hostData(page)).drawings, { timeout: 5_000 }).toBe('1');
  });
});

describe('a page that adds and removes hundreds of videos (a feed scrolling by)', () => {
  it('keeps one overlay on the video being watched, no host left behind, and its keys step it exactly', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'plain.html', { clip: CLIP.file, case: 'churn' }));
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await waitIdle(page);
    // 300 smaller videos with a source (not loaded), 30 at a time, each batch removed a
    // frame after the next arrives; the last batch stays, then goes too.
    await page.evaluate(async (src) => {
      const feed = document.createElement('div');
      document.body.append(feed);
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      let previous: HTMLVideoElement[] = [];
      for (let batch = 0; batch < 10; batch++) {
        const videos = Array.from({ length: 30 }, () => {
          const v = document.createElement('video');
          v.preload = 'none';
          v.muted = true;
          v.width = 160;
          v.height = 90;
          v.src = src;
          return v;
        });
        feed.append(...videos);
        await frame();
        for (const v of previous) v.remove();
        previous = videos;
        await frame();
      }
      await new Promise((done) => setTimeout(done, 500));
      feed.remove();
    }, new URL(`../clips/${CLIP.file}`, page.url()).href);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(1);
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('framecoach-overlay').length), { timeout: 5_000 }).toBe(1);
    // On the watched video's picture (the clip fills its 16:9 box).
    await expect
      .poll(async () => {
        const [over, video] = [await overlayRect(page), await videoRect(page)];
        return !!over && (['x', 'y', 'width', 'height'] as const).every((k) => Math.abs(over[k] - video[k]) <= 1);
      }, { timeout: 5_000 })
      .toBe(true);
    await waitIdle(page);
    const start = await readBarcode(page);
    for (let i = 0; i < 5; i++) await page.keyboard.press('.');
    await waitIdle(page);
    await expect.poll(() => readBarcode(page), { timeout: 5_000 }).toBe(start + 5);
    // The HUD says so too.
    await expect.poll(() => inOverlay(page, (root) => root.querySelector('.fc-frameno')?.textContent ?? ''), { timeout: 5_000 }).toMatch(new RegExp(`\\D${start + 5}$`));
  });
});
