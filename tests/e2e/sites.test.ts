/**
 * Real sites' shapes, offline (issue 12). Chromium's --host-resolver-rules sends the names
 * used here to the fixture server on 127.0.0.1; every other name resolves to nothing, so no
 * test traffic leaves loopback.
 *
 * - A club's plain-http site under a real-looking name: not a secure context, so APIs that
 *   exist only in secure contexts (`crypto.randomUUID`, the async clipboard) are missing in
 *   the content script too. Comments and drawings must still be saved.
 */
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clipByFile } from './barcode';
import { addCommentHere, ready, showPanel, stepTo, waitForListed } from './comments-helpers';
import { dragOnPicture, painted } from './drawing-helpers';
import { launchBrowser, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { hostData } from './overlay';

const CLUB = 'club.example';
let server: FixtureServer;
let browser: LaunchedBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${CLUB} 127.0.0.1:${server.port},MAP * ~NOTFOUND`] });
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
    const page = await browser.context.newPage();
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
