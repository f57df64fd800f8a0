/**
 * FrameCoach in Firefox (issue 14), driven as a coach would: keys pressed, checked by what is
 * on screen (the frame's barcode) and what is kept (a comment after a restart).
 *
 * - Stepping: tests/e2e/stepping.test.ts runs here too (vitest's `firefox` project), every
 *   step checked by the barcode.
 * - The add-on's data survives a restart of Firefox and an update of the add-on, installed as
 *   a user installs it (a temporary add-on from about:debugging is removed, data and all, when
 *   Firefox quits).
 * - The same video gets the same id as in Chromium: tests/e2e/sites.test.ts, in both browsers.
 * - A spying page hears none of what is typed or drawn in FrameCoach's UI.
 */
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BARCODE, CLIPS, clipByFile, frameMiddle, numberOf, readBarcodeInPage, seekInPage } from '../e2e/barcode';
import { dragOnPicture, pickTool, sampleAt } from '../e2e/drawing-helpers';
import { wrapFirefoxPage } from '../e2e/firefox-page';
import { fixtureUrl, launchFirefox, startServer, type FixtureServer, type LaunchedFirefox } from './harness';

/** The palette's green (#5cff7a), opaque enough to see. */
const green = ([r, g, b, a]: readonly number[]) => a! > 128 && g! > 200 && r! < 150 && b! < 170;

const CLIP = clipByFile('vp9-25.webm');

type Target = Page | Frame;

let server: FixtureServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.close();
});

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

const readBarcode = (target: Target) => target.$eval('video', readBarcodeInPage, BARCODE);

/** On Firefox's clock (frameMiddle knows it starts at the first frame: a clip whose first frame is at 0.41 s shows it at 0). */
async function seekTo(target: Target, k: number, clip = CLIP): Promise<number> {
  await target.$eval('video', seekInPage, { time: frameMiddle(clip, k), timeoutMs: 1500 });
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

  // The closed root is the same code as in Chromium (tests/e2e/privacy.test.ts reads the
  // release build there); this checks the event side in Firefox, whose content scripts see the
  // page's events through Xray wrappers.
  it("a spying page hears none of what the coach types or draws in FrameCoach's UI", async () => {
    const page = await open(f, 'spy.html', { case: 'ff-spy' });
    await waitForOverlay(page);
    await page.click('h1');
    await page.keyboard.press('q');
    await page.keyboard.press('c');
    // The editor's field is a frame of the add-on's origin (private-field.tsx); the test build
    // says when it has the focus and what it holds.
    await page.waitForFunction(() => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.focused === 'true');
    const secret = 'Left knee caves in quietly';
    await page.keyboard.type(secret);
    await page.waitForFunction((s: string) => document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.value === s, {}, secret);
    const find = (word: string) =>
      page.evaluate((w: string) => {
        getSelection()?.removeAllRanges();
        return (window as unknown as { find(text: string): boolean }).find(w);
      }, word);
    // What is being typed is out of window.find() and getSelection() too.
    expect(await find('quietly')).toBe(false);
    expect(await page.evaluate(() => String(getSelection()))).toBe('');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
    expect(await page.evaluate(() => [...document.querySelector('framecoach-overlay')!.shadowRoot!.querySelectorAll('.fc-comment-text')].map((n) => n.getAttribute('data-text')))).toEqual([secret]);
    // The listed comment's words are out of window.find() (painted from an attribute); the
    // page's own words are found.
    await page.evaluate(() => document.body.append(' patella '));
    expect(await find('patella')).toBe(true);
    expect(await find('quietly')).toBe(false);
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

/**
 * The settings page, opened as a coach opens it from a video: the palette's "Open settings".
 * (WebDriver may not navigate a tab to an add-on's page.)
 */
async function openOptions(f: LaunchedFirefox, from: Page): Promise<Page> {
  const before = new Set(await f.browser.pages());
  await from.bringToFront();
  await from.keyboard.press('p');
  await from.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-palette-input'));
  await from.keyboard.type('open settings');
  await from.keyboard.press('Enter');
  // The new tab's address, asked of the tab (puppeteer's record of it can stay about:blank).
  const isOptions = (page: Page) => page.evaluate(() => location.pathname).then((path) => path === '/options.html', () => false);
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await new Promise((done) => setTimeout(done, 200))) {
    for (const page of await f.browser.pages()) {
      if (before.has(page) || !(await isOptions(page))) continue;
      await page.waitForSelector('#opt-name');
      return page;
    }
  }
  throw new Error('The palette\'s "Open settings" opened no settings tab');
}

/** What the settings page shows: the name, the drawing width, the colour of new drawings. */
const settingsShown = (page: Page) =>
  page.evaluate(() => ({
    name: (document.querySelector('#opt-name') as HTMLInputElement).value,
    width: (document.querySelector('.opt-prefs fieldset select') as HTMLSelectElement).value,
    colour: document.querySelector('.opt-swatch[aria-checked="true"]')?.getAttribute('aria-label'),
  }));

/** Goes to frame `k`, writes `text` as a comment there, and waits until it is saved. */
async function commentAt(page: Page, k: number, text: string): Promise<void> {
  expect(await seekTo(page, k)).toBe(k);
  await waitIdle(page);
  await page.keyboard.press('c');
  await page.waitForFunction(() => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector<HTMLElement>('.fc-editor .fc-textarea')?.dataset.focused === 'true');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
  await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.saving === 'false', { timeout: 10_000 });
}

/** The comment panel (Shift+C) once the video's one comment is in: each comment's text and place. */
async function listedComments(page: Page): Promise<(string | null | undefined)[][]> {
  await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === '1', { timeout: 10_000 });
  await page.keyboard.down('Shift');
  await page.keyboard.press('C');
  await page.keyboard.up('Shift');
  await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-comment'), { timeout: 5_000 });
  return page.evaluate(() =>
    [...document.querySelector('framecoach-overlay')!.shadowRoot!.querySelectorAll('.fc-comment')].map((n) => [n.querySelector('.fc-comment-text')?.getAttribute('data-text'), n.querySelector('.fc-comment-place')?.textContent]),
  );
}

// What every Firefox result rests on (tests/e2e/fixtures.test.ts checks the same in Chromium):
// each committed clip plays in Firefox, at its size, and a seek to the middle of frame k shows
// barcode k, on Firefox's clock (barcode.ts: it starts at the first frame). No add-on here.
describe('the test clips in Firefox', () => {
  let f: LaunchedFirefox;
  beforeAll(async () => {
    f = await launchFirefox({ addon: 'none' });
  });
  afterAll(async () => {
    await f?.close();
  });
  for (const clip of CLIPS) {
    it(`${clip.file}: its size, and seeking to the middle of frame k shows barcode k`, async () => {
      const tab = await f.browser.newPage();
      try {
        await tab.goto(fixtureUrl(server, 'plain.html', { clip: clip.file }));
        await tab.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2, { timeout: 10_000 });
        const info = await tab.$eval('video', (v) => ({ w: v.videoWidth, h: v.videoHeight, duration: v.duration }));
        expect([info.w, info.h]).toEqual([clip.width, clip.height]);
        const n = clip.frames;
        expect(info.duration, 'the last frame is within the duration').toBeGreaterThan(frameMiddle(clip, n - 1));
        // Forward, backward across keyframes, the last frame, and back to the first.
        for (const k of [1, 2, 7, Math.floor(n / 2), 3, n - 2, n - 1, 0]) {
          expect({ k, shown: await seekTo(tab, k, clip) }).toEqual({ k, shown: numberOf(clip, k) });
        }
      } finally {
        await tab.close();
      }
    });
  }
});

describe('after a restart of Firefox', () => {
  it('a comment, a drawing and the settings made before are still there (the add-on keeps its id, so its data)', async () => {
    const first = await launchFirefox({ addon: 'installed' });
    const profile = first.profile;
    try {
      const page = await open(first, 'plain.html', { case: 'ff-restart' });
      await waitForOverlay(page);
      const options = await openOptions(first, page);
      const name = wrapFirefoxPage(options).locator('#opt-name');
      await name.fill('Coach Kim');
      await name.press('Enter');
      await options.click('.opt-swatch[aria-label="Green"]');
      await options.select('.opt-prefs fieldset select', '6');
      await options.waitForFunction(() => document.querySelector('.opt-swatch[aria-label="Green"]')?.getAttribute('aria-checked') === 'true');
      expect(await settingsShown(options)).toEqual({ name: 'Coach Kim', width: '6', colour: 'Green' });
      await page.bringToFront();
      await commentAt(page, 12, 'shin vertical at landing');
      // A line across the picture, in the colour chosen on the settings page.
      const coach = wrapFirefoxPage(page);
      await pickTool(coach, 'Alt+l', 'line');
      await dragOnPicture(coach, { x: 0.2, y: 0.4 }, { x: 0.8, y: 0.4 });
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1', { timeout: 10_000 });
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.saving === 'false', { timeout: 10_000 });
      expect(green((await sampleAt(coach, { x: 0.5, y: 0.4 }, 2)).strongest)).toBe(true);
      // The line is stored before Firefox quits (a copy beside another: quit with its save on the
      // way, it was not there after the restart; the comment, saved first, was).
      await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.writing === '0', { timeout: 10_000 });
      await first.browser.close();

      const again = await launchFirefox({ profile, addon: 'installed' });
      try {
        const back = await open(again, 'plain.html', { case: 'ff-restart' });
        await waitForOverlay(back);
        expect(await listedComments(back)).toEqual([['shin vertical at landing', expect.stringMatching(/^F12 /)]]);
        // The line, green, back on frame 12.
        expect(await seekTo(back, 12)).toBe(12);
        await back.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1', { timeout: 10_000 });
        await expect.poll(async () => green((await sampleAt(wrapFirefoxPage(back), { x: 0.5, y: 0.4 }, 2)).strongest), { timeout: 5_000 }).toBe(true);
        expect(await settingsShown(await openOptions(again, back))).toEqual({ name: 'Coach Kim', width: '6', colour: 'Green' });
      } finally {
        await again.close();
      }
    } finally {
      await first.close();
    }
  });

  // An update is a new .xpi of the same id over the old one (what about:addons or the store
  // does): Firefox takes it at the next start, and the data is the same add-on's.
  it('an update of the add-on keeps them: the newer version lists the comment made before, at its frame', async () => {
    const first = await launchFirefox({ addon: 'installed' });
    const profile = first.profile;
    try {
      const page = await open(first, 'plain.html', { case: 'ff-update' });
      await waitForOverlay(page);
      const before = await addonVersion(first);
      await commentAt(page, 7, 'hips level before the update');
      await first.browser.close();

      const updated = await launchFirefox({ profile, addon: 'installed', version: '99.0.0' });
      try {
        expect(before).not.toBe('99.0.0');
        expect(await addonVersion(updated)).toBe('99.0.0');
        const back = await open(updated, 'plain.html', { case: 'ff-update' });
        await waitForOverlay(back);
        expect(await listedComments(back)).toEqual([['hips level before the update', expect.stringMatching(/^F7 /)]]);
      } finally {
        await updated.close();
      }
    } finally {
      await first.close();
    }
  });
});

/** The running add-on's version, as its manifest says (asked of one of its pages). */
async function addonVersion(f: LaunchedFirefox): Promise<string> {
  const tab = await f.browser.newPage();
  try {
    await wrapFirefoxPage(tab).goto(`${f.origin}/popup.html?tab=0`);
    return await tab.evaluate(() => (globalThis as unknown as { browser: { runtime: { getManifest(): { version: string } } } }).browser.runtime.getManifest().version);
  } finally {
    await tab.close();
  }
}
