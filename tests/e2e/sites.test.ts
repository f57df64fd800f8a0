/**
 * Real sites' shapes, offline (issue 12). The names used here go to the fixture server on
 * 127.0.0.1 (Chromium's --host-resolver-rules; in Firefox a proxy on loopback); every other
 * name resolves to nothing, so no test traffic leaves loopback.
 *
 * - A club's plain-http site under a real-looking name: not a secure context, so APIs that
 *   exist only in secure contexts (`crypto.randomUUID`, the async clipboard) are missing in
 *   the content script too. Comments and drawings must still be saved.
 * - A video file opened directly (the browser's own player page), over http and from this
 *   computer (file://: Chromium lets an extension loaded from a folder read files; an
 *   installed one needs "Allow access to file URLs", which the README explains).
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clipByFile, frameMiddle, readBarcode, seekAndRead } from './barcode';
import { addCommentHere, ready, showPanel, stepTo, waitForListed } from './comments-helpers';
import { dragOnPicture, painted } from './drawing-helpers';
import { isFirefox } from './browser';
import { launchBrowser, REPO_ROOT, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';
import { hostData, waitForOverlay, waitIdle } from './overlay';
import { identifyVideo } from '../../utils/identity/video-id';

const CLUB = 'club.example';
/** Where the club's page frames its player from (another site). */
const PLAYER = 'player.example';
let server: FixtureServer;
let browser: LaunchedBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchTestBrowser({ hosts: { [CLUB]: server.port, [PLAYER]: server.port } });
});
afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a plain-http page under a real name (not a secure context)', () => {
  it('a comment and a drawing are saved and survive a reload', async () => {
    const clip = clipByFile('h264-29.97.mp4');
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(`http://${CLUB}/pages/plain.html?clip=${clip.file}`);
    expect(await page.evaluate(() => window.isSecureContext)).toBe(false);
    await ready(page);
    await stepTo(page, clip, 12);
    await addCommentHere(page, 'Heel lands ahead of the hip');
    await page.keyboard.press('Alt+l');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.tool === 'line');
    await dragOnPicture(page, { x: 0.3, y: 0.6 }, { x: 0.7, y: 0.8 });
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await page.keyboard.press('Escape');
    expect((await hostData(page)).message).toBe('');

    await page.reload();
    await ready(page);
    await showPanel(page);
    await waitForListed(page, 'Heel lands ahead of the hip');
    await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.drawings === '1');
    await stepTo(page, clip, 12);
    await expect.poll(() => painted(page, { x: 0.5, y: 0.7 })).toBe(true);
  });
});

// The id is what packets and backups match videos by: both browsers must give a video the same
// one, the id utils/identity computes from the addresses (Firefox tells the background the top
// page's address only with a host permission for it: a framed player must still get it).
describe('the same video gets the same id in Chromium and in Firefox', () => {
  it('on a plain page, and in a cross-origin frame (named by the page around it)', async () => {
    const clip = clipByFile('vp9-25.webm');
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(`http://${CLUB}/pages/plain.html?clip=${clip.file}`);
    await waitForOverlay(page);
    const src = await page.evaluate(() => document.querySelector('video')!.currentSrc);
    const plainId = identifyVideo({ topUrl: page.url(), frameUrl: page.url(), src }).id;
    expect(plainId).toMatch(/^url:/);
    await expect.poll(async () => (await hostData(page)).videoId, { timeout: 10_000 }).toBe(plainId);

    const framed = await browser.newPage();
    pages.push(framed);
    await framed.goto(`http://${CLUB}/pages/iframe.html?clip=${clip.file}&frameOrigin=${encodeURIComponent(`http://${PLAYER}`)}`);
    let frame: Frame | undefined;
    await expect.poll(() => (frame = framed.frames().find((f) => f.url().includes('/iframe-inner.html'))), { timeout: 10_000 }).toBeTruthy();
    await waitForOverlay(frame!);
    const frameSrc = await frame!.evaluate(() => document.querySelector('video')!.currentSrc);
    const framedId = identifyVideo({ topUrl: framed.url(), frameUrl: frame!.url(), src: frameSrc }).id;
    // Named by the top page, not by the frame's own address.
    expect(framedId).not.toBe(identifyVideo({ topUrl: frame!.url(), frameUrl: frame!.url(), src: frameSrc }).id);
    await expect.poll(async () => (await hostData(frame!)).videoId, { timeout: 10_000 }).toBe(framedId);
  });
});

// A file:// page opened in Firefox through WebDriver BiDi gets no content script at all (the
// tab does not answer the extension: measured on the video file and on an HTML page, with
// `file:///*` added to the matches too). Whether a user's own navigation differs is not
// known here, so the file case is Chromium's and the README claims nothing for Firefox.
const DIRECT: [string, () => string, boolean][] = [
  ['over http', () => `http://${CLUB}/clips/h264-29.97.mp4`, true],
  ['from this computer (file://)', () => `file://${join(REPO_ROOT, 'tests/fixtures/clips/h264-29.97.mp4')}`, !isFirefox],
];
describe.each(DIRECT)('a video file opened directly %s (the browser\'s own player page)', (_name, url, here) => {
  it.runIf(here)('steps exactly, and a comment is kept through a reload', async () => {
    const clip = clipByFile('h264-29.97.mp4');
    const page = await browser.newPage();
    pages.push(page);
    await page.goto(url());
    await ready(page);
    // The browser's player autoplays the file.
    await page.evaluate(() => document.querySelector('video')!.pause());
    await waitIdle(page);

    // A file's picture can't be read by the page (file:// is an origin of its own): there the
    // frame is told by the time the video shows.
    const readable = await page.evaluate(() => {
      const canvas = document.createElement('canvas');
      const ctx = canvas.getContext('2d')!;
      ctx.drawImage(document.querySelector('video')!, 0, 0, 1, 1);
      try {
        ctx.getImageData(0, 0, 1, 1);
        return true;
      } catch {
        return false;
      }
    });
    expect(readable).toBe(!url().startsWith('file:'));
    if (readable) expect((await seekAndRead(page, frameMiddle(clip, 30))).index).toBe(30);
    else await page.evaluate((t) => new Promise((done) => {
      const v = document.querySelector('video')!;
      v.addEventListener('seeked', done, { once: true });
      v.currentTime = t;
    }), frameMiddle(clip, 30));
    await waitIdle(page);
    for (const [key, want] of [['.', 31], ['.', 32], [',', 31]] as const) {
      await page.keyboard.press(key);
      await waitIdle(page);
      if (readable) expect(await readBarcode(page)).toBe(want);
      const t = await page.evaluate(() => document.querySelector('video')!.currentTime);
      expect(Math.floor(t * clip.fps! + 1e-6)).toBe(want);
    }
    await addCommentHere(page, 'Arm swing crosses the midline');
    await page.reload();
    await ready(page);
    await showPanel(page);
    await waitForListed(page, 'Arm swing crosses the midline');
  });
});

// Turning "Allow access to file URLs" off on chrome://extensions can't be tested here: for an
// extension loaded from the command line Chromium then marks it corrupted and disables it.
// The browser's answer to "may FrameCoach read files?" is made "no" in the popup instead.
describe('video files on this computer, when FrameCoach may not read them', () => {
  // Firefox has no such switch (its isAllowedFileSchemeAccess always answers false, which the
  // popup once took for "not allowed" and sent Firefox users to chrome://extensions).
  it('the popup says nothing about file access while FrameCoach may read files', async () => {
    const allowed = await browser.newPage();
    pages.push(allowed);
    await allowed.goto(`${browser.origin}/popup.html?tab=999999`);
    await expect.poll(() => allowed.getByText(/No video with FrameCoach in this tab/).count()).toBe(1);
    expect(await allowed.getByTestId('popup-file-access').count()).toBe(0);
  });

  it.runIf(!isFirefox)('the popup says how to allow it', async () => {
    const own = await launchBrowser();
    try {
      await own.context.addInitScript(() => {
        const ext = (globalThis as unknown as { chrome?: { extension?: Record<string, unknown> } }).chrome?.extension;
        if (ext) ext.isAllowedFileSchemeAccess = () => Promise.resolve(false);
      });
      const popup = await own.context.newPage();
      await popup.goto(`${own.origin}/popup.html?tab=999999`);
      await expect.poll(() => popup.getByTestId('popup-file-access').count()).toBe(1);
      expect(await popup.getByTestId('popup-file-access').textContent()).toMatch(/Allow access to file URLs.*chrome:\/\/extensions/s);
    } finally {
      await own.close();
    }
  });
});
