/**
 * Tests of the test fixtures themselves (server, clips, pages, harness), independent of
 * what the extension does: if these fail, the other e2e results mean nothing.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIPS, frameMiddle, frameStart, numberOf, readBarcode, seekAndRead, type ClipInfo } from './barcode';
import { fixtureUrl, launchBrowser, startServer, type FixtureServer, type LaunchedBrowser } from './harness';
import { waitForOverlay } from './overlay';
import { FIXTURES_ROOT } from '../fixtures/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A raw HTTP GET/HEAD (the path is sent as is, no URL normalization). */
function get(server: FixtureServer, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

let server: FixtureServer;

beforeAll(async () => {
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
});

describe('fixture server', () => {
  const clipPath = '/clips/vp9-25.webm';
  const file = readFileSync(join(FIXTURES_ROOT, 'clips', 'vp9-25.webm'));

  it('serves whole files with MIME type, Accept-Ranges and no-store', async () => {
    const r = await get(server, clipPath);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('video/webm');
    expect(r.headers['accept-ranges']).toBe('bytes');
    expect(r.headers['cache-control']).toBe('no-store');
    expect(Number(r.headers['content-length'])).toBe(file.length);
    expect(r.body.equals(file)).toBe(true);

    const types: Record<string, string> = {
      '/clips/h264-29.97.mp4': 'video/mp4',
      '/clips/clips.json': 'application/json',
      '/pages/plain.html': 'text/html',
      '/pages/common.js': 'text/javascript',
      '/pages/base.css': 'text/css',
      '/demo/': 'text/html',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await get(server, path, {}, 'HEAD');
      expect(res.status, path).toBe(200);
      expect(String(res.headers['content-type']), path).toContain(type);
    }
  });

  it('answers Range requests with 206 and the right bytes', async () => {
    const r = await get(server, clipPath, { Range: 'bytes=100-199' });
    expect(r.status).toBe(206);
    expect(r.headers['content-range']).toBe(`bytes 100-199/${file.length}`);
    expect(r.body.equals(file.subarray(100, 200))).toBe(true);

    const open = await get(server, clipPath, { Range: `bytes=${file.length - 10}-` });
    expect(open.status).toBe(206);
    expect(open.body.equals(file.subarray(file.length - 10))).toBe(true);

    const suffix = await get(server, clipPath, { Range: 'bytes=-25' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers['content-range']).toBe(`bytes ${file.length - 25}-${file.length - 1}/${file.length}`);
    expect(suffix.body.equals(file.subarray(file.length - 25))).toBe(true);

    const past = await get(server, clipPath, { Range: `bytes=0-${file.length + 1000}` });
    expect(past.status).toBe(206);
    expect(past.body.length).toBe(file.length);
  });

  it('answers 416 for unsatisfiable ranges', async () => {
    const r = await get(server, clipPath, { Range: `bytes=${file.length}-` });
    expect(r.status).toBe(416);
    expect(r.headers['content-range']).toBe(`bytes */${file.length}`);
  });

  it('404s missing files and never serves outside its root', async () => {
    expect((await get(server, '/clips/missing.webm')).status).toBe(404);
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/pages/..%2f..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json']) {
      const r = await get(server, path);
      expect([400, 403, 404], path).toContain(r.status);
      expect(r.body.toString()).not.toContain('"name": "framecoach"');
    }
  });
});

describe('fixtures in Chromium', () => {
  let browser: LaunchedBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("has the extension's service worker", () => {
    expect(browser.extensionId).toMatch(/^[a-p]{32}$/);
    const workers = context.serviceWorkers().map((w) => w.url());
    expect(workers).toContain(`${browser.origin}/background.js`);
  });

  async function openClip(clip: ClipInfo): Promise<void> {
    await page.goto(fixtureUrl(server, 'plain.html', { clip: clip.file }));
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement | null)?.readyState! >= 2, null, {
      timeout: 10_000,
    });
    // FrameCoach runs here too: a clip that starts past 0 gets one seek from it as it loads.
    await page.waitForTimeout(300);
    await page.waitForFunction(() => !(document.getElementById('v') as HTMLVideoElement).seeking);
  }

  for (const clip of CLIPS) {
    it(`${clip.file}: seeking to the middle of frame k shows barcode k`, async () => {
      await openClip(clip);
      const info = await page.$eval('#v', (v: HTMLVideoElement) => ({
        w: v.videoWidth,
        h: v.videoHeight,
        duration: v.duration,
        paused: v.paused,
      }));
      expect(info).toMatchObject({ w: clip.width, h: clip.height, paused: true });
      expect(info.duration).toBeCloseTo(clip.durationSec, 3);
      expect(await readBarcode(page, '#v')).toBe(0);

      const n = clip.frames;
      // Forward, backward across keyframes, the last frame, and back to the first.
      const ks = [1, 2, 7, Math.floor(n / 2), 3, n - 2, n - 1, 0];
      const tol = clip.file.endsWith('.webm') ? 0.0006 : 0.00001;
      for (const k of ks) {
        const r = await seekAndRead(page, frameMiddle(clip, k), { selector: '#v', timeoutMs: 3000 });
        expect({ k, index: r.index, presented: r.presented }).toEqual({ k, index: numberOf(clip, k), presented: true });
        expect(Math.abs(r.mediaTime! - frameStart(clip, k)), `mediaTime of frame ${k}`).toBeLessThan(tol);
      }
    });
  }

  it('the VFR clip has several distinct frame gaps', () => {
    const vfr = CLIPS.find((c) => c.variable)!;
    expect(vfr.fps).toBeNull();
    const gaps = new Set<number>();
    for (let k = 1; k < vfr.frames; k++) gaps.add(Math.round((frameStart(vfr, k) - frameStart(vfr, k - 1)) * 1e5));
    expect([...gaps].sort((a, b) => a - b)).toEqual([2500, 3333, 4167, 5000]);
  });

  it('letterbox.html: 800x300 element, object-fit from the query', async () => {
    await page.goto(fixtureUrl(server, 'letterbox.html', { fit: 'cover', pos: 'left top' }));
    const r = await page.$eval('#v', (v: HTMLVideoElement) => {
      const cs = getComputedStyle(v);
      const b = v.getBoundingClientRect();
      return { w: b.width, h: b.height, fit: cs.objectFit, pos: cs.objectPosition };
    });
    expect(r).toEqual({ w: 800, h: 300, fit: 'cover', pos: '0% 0%' });
    await page.goto(fixtureUrl(server, 'letterbox.html'));
    expect(await page.$eval('#v', (v) => getComputedStyle(v).objectFit)).toBe('contain');
  });

  it('plain.html: the video is not at the page origin and has the fixture defaults', async () => {
    await page.goto(fixtureUrl(server, 'plain.html'));
    const r = await page.$eval('#v', (v: HTMLVideoElement) => {
      const b = v.getBoundingClientRect();
      return { x: b.x, y: b.y, w: b.width, h: b.height, muted: v.muted, autoplay: v.autoplay, controls: v.controls, preload: v.preload, src: v.currentSrc || v.src };
    });
    expect(r.x).toBeGreaterThan(0);
    expect(r.y).toBeGreaterThan(0);
    expect(r).toMatchObject({ w: 640, h: 360, muted: true, autoplay: false, controls: true, preload: 'auto' });
    expect(r.src).toMatch(/\/clips\/h264-29\.97\.mp4$/);
  });

  it('fullscreen.html: #fs fullscreens the #player container', async () => {
    await page.goto(fixtureUrl(server, 'fullscreen.html'));
    await page.click('#fs');
    await page.waitForFunction(() => document.fullscreenElement?.id === 'player', null, { timeout: 5000 });
    await page.evaluate(() => document.exitFullscreen());
    await page.waitForFunction(() => document.fullscreenElement === null, null, { timeout: 5000 });
  });

  it('iframe.html: the video is in a cross-origin iframe and readable there', async () => {
    await page.goto(fixtureUrl(server, 'iframe.html', { clip: 'vp9-30.webm' }));
    const iframe = await page.waitForSelector('#frame');
    const src = await iframe.getAttribute('src');
    expect(new URL(src!).origin).toBe(`http://localhost:${server.port}`);
    const frame = await (await iframe.contentFrame())!;
    await frame.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement | null)?.readyState! >= 2, null, {
      timeout: 10_000,
    });
    const clip = CLIPS.find((c) => c.file === 'vp9-30.webm')!;
    expect(await readBarcode(frame, '#v')).toBe(0);
    expect((await seekAndRead(frame, frameMiddle(clip, 17), { selector: '#v' })).index).toBe(17);
    // Loaded from localhost, the iframe points back at 127.0.0.1.
    await page.goto(fixtureUrl(server, 'iframe.html', {}, { host: 'localhost' }));
    const src2 = await page.$eval('#frame', (f: HTMLIFrameElement) => f.src);
    expect(new URL(src2).origin).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('late.html: the video appears after ~800 ms', async () => {
    await page.goto(fixtureUrl(server, 'late.html'));
    await page.waitForSelector('video#v', { timeout: 5000 });
    // The page's own record, not a look right after load (a busy machine can look after 800 ms).
    const late = await page.evaluate(() => (window as unknown as { fixture: { late: { videoAtLoad: boolean; addedAt: number } } }).fixture.late);
    expect(late.videoAtLoad).toBe(false);
    expect(late.addedAt).toBeGreaterThanOrEqual(800);
  });

  it('shadow.html: the video is inside an open shadow root and readable by handle', async () => {
    await page.goto(fixtureUrl(server, 'shadow.html', { clip: 'h264-60.mp4' }));
    expect(await page.evaluate(() => document.querySelector('video'))).toBeNull();
    const handle = await page.evaluateHandle(
      () => document.querySelector('fake-player')!.shadowRoot!.getElementById('v') as HTMLVideoElement,
    );
    const video = handle.asElement()!;
    await page.waitForFunction((v) => (v as HTMLVideoElement).readyState >= 2, video, { timeout: 10_000 });
    // FrameCoach runs here too, and finds a video in a shadow root later than one in the page:
    // one it finds paused past 0 gets a seek to 0 and back (its first frame's time), which read
    // -1 between a seek to 42 and the read after it (round 12). The seeks here come after it.
    await waitForOverlay(page);
    await page.waitForFunction(
      (v) => {
        const data = (document.querySelector('framecoach-overlay') as HTMLElement).dataset;
        return data.time !== '' && data.busy === 'false' && !(v as HTMLVideoElement).seeking;
      },
      video,
      { timeout: 10_000 },
    );
    const clip = CLIPS.find((c) => c.file === 'h264-60.mp4')!;
    expect((await seekAndRead(video, frameMiddle(clip, 42))).index).toBe(42);
    expect(await readBarcode(video)).toBe(42);
  });

  it('multi.html: two videos of different sizes', async () => {
    await page.goto(fixtureUrl(server, 'multi.html', { clip2: 'vp9-25.webm' }));
    const sizes = await page.$$eval('video', (vs) =>
      vs.map((v) => ({ id: v.id, w: v.getBoundingClientRect().width, src: (v as HTMLVideoElement).src.split('/').pop() })),
    );
    expect(sizes).toEqual([
      { id: 'a', w: 320, src: 'h264-29.97.mp4' },
      { id: 'b', w: 640, src: 'vp9-25.webm' },
    ]);
  });

  it('input.html and novideo.html have their fields', async () => {
    await page.goto(fixtureUrl(server, 'input.html'));
    for (const sel of ['#v', '#text', '#area', '#editable[contenteditable="true"]']) expect(await page.$(sel), sel).not.toBeNull();
    await page.goto(fixtureUrl(server, 'novideo.html'));
    expect(await page.$('video')).toBeNull();
    expect(await page.$('input')).not.toBeNull();
    expect(await page.$('textarea')).not.toBeNull();
  });

  it('spa.html: #next swaps the video element and pushes a history entry', async () => {
    await page.goto(fixtureUrl(server, 'spa.html'));
    const first = await page.waitForSelector('#v');
    expect(await first.evaluate((v: HTMLVideoElement) => v.src)).toMatch(/h264-29\.97\.mp4$/);
    const url1 = page.url();
    await page.click('#next');
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).src.endsWith('vp9-25.webm'));
    expect(await first.evaluate((v) => v.isConnected)).toBe(false);
    expect(page.url()).not.toBe(url1);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(1);
    await page.goBack();
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).src.endsWith('h264-29.97.mp4'));
  });

  it('error.html: the video errors', async () => {
    await page.goto(fixtureUrl(server, 'error.html'));
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).error !== null, null, { timeout: 5000 });
  });

  it('demo page: lists every clip and plays the selected one', async () => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(fixtureUrl(server, '/demo/', { clip: 'vp9-59.94.webm' }));
    expect(await page.title()).toBe('FrameCoach demo');
    await page.waitForFunction((n) => document.querySelectorAll('#gallery video').length === n, CLIPS.length);
    expect(await page.$eval('#v', (v: HTMLVideoElement) => v.src)).toMatch(/vp9-59\.94\.webm$/);
    await page.selectOption('#clip', 'h264-vfr.mp4');
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).readyState >= 2);
    expect(await readBarcode(page, '#v')).toBe(0);
    expect(errors).toEqual([]);
  });
});
