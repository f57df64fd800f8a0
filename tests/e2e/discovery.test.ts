/**
 * Finding the video: late additions, cross- and same-origin iframes, open shadow roots,
 * several videos, SPA navigation, pages without video and a video that fails to load.
 * Every "it works" is checked by the barcode of the frame on screen.
 */
import type { ElementHandle, Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { isFirefox } from './browser';
import { useBrowser } from './session';
import { clipByFile, frameMiddle, readBarcode, seekAndRead } from './barcode';
import { fixtureUrl, type FixtureServer } from './harness';
import { countPageKeys, pageKeys, pressUntilTaken } from './relay-helpers';
import { hostData, hudMessage, overlayRect, waitForOverlay, waitForVideoReady, waitIdle, type Target, measureRate } from './overlay';

/** The fixture pages' default clip. */
const DEFAULT_CLIP = clipByFile('h264-29.97.mp4');
const VP9_25 = clipByFile('vp9-25.webm');

type Rect = { x: number; y: number; width: number; height: number };

let server: FixtureServer;
const newPage = useBrowser((s) => {
  server = s;
});

/** Number of overlay hosts in a frame's document. */
function hostCount(target: Target): Promise<number> {
  return target.evaluate(() => document.querySelectorAll('framecoach-overlay').length);
}

/**
 * Where a video's picture is in its frame's viewport: the element's box with object-fit
 * `contain` (the fixtures' fit) applied to the intrinsic size.
 */
function rectOf(target: Target, selector: string): Promise<Rect> {
  return target.$eval(selector, (v: HTMLVideoElement) => {
    const r = v.getBoundingClientRect();
    const scale = v.videoWidth && v.videoHeight ? Math.min(r.width / v.videoWidth, r.height / v.videoHeight) : 0;
    const width = scale ? v.videoWidth * scale : r.width;
    const height = scale ? v.videoHeight * scale : r.height;
    return { x: r.left + (r.width - width) / 2, y: r.top + (r.height - height) / 2, width, height };
  });
}

function near(a: Rect | null, b: Rect, tol = 1): boolean {
  return (
    !!a &&
    Math.abs(a.x - b.x) <= tol &&
    Math.abs(a.y - b.y) <= tol &&
    Math.abs(a.width - b.width) <= tol &&
    Math.abs(a.height - b.height) <= tol
  );
}

/** Waits until the overlay's picture rect is (within 1 px) `want`. */
async function waitOverlayOn(target: Target, want: Rect, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last: Rect | null = null;
  while (Date.now() < deadline) {
    last = await overlayRect(target);
    if (near(last, want)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`overlay not over ${JSON.stringify(want)}; last ${JSON.stringify(last)}`);
}

/**
 * The extension's scripts the page's renderer parses (DevTools' view: content scripts and the
 * modules they import are listed with their extension address), as they come. Chromium's
 * DevTools protocol lists them; Firefox's WebDriver BiDi has no such view of an add-on's
 * content scripts, so there it is null and only what the page shows is checked.
 */
async function extensionScripts(page: Page): Promise<string[] | null> {
  if (isFirefox) return null;
  const seen: string[] = [];
  const cdp = await page.context().newCDPSession(page);
  cdp.on('Debugger.scriptParsed', (event) => {
    if (event.url.startsWith('chrome-extension://')) seen.push(new URL(event.url).pathname);
  });
  await cdp.send('Debugger.enable');
  return seen;
}

/** Presses a key with the keyboard of `page` and waits for the step in `target` to finish. */
async function press(page: Page, target: Target, key: string): Promise<void> {
  await page.keyboard.press(key);
  await waitIdle(target);
}

describe('late.html: a video added after load', () => {
  it('gets the overlay once it appears (its code loaded then, once), and `.` steps it by one frame', async () => {
    const page = await newPage();
    const scripts = await extensionScripts(page);
    // ?add=held: the video comes when the test adds it (on the page's 800 ms timer, a busy
    // machine could look after it had come).
    await page.goto(fixtureUrl(server, 'late.html', { add: 'held' }));
    // After load, with no video, there is no overlay and none of its code.
    expect(await page.evaluate(() => [!!document.querySelector('video'), !!document.querySelector('framecoach-overlay')])).toEqual([
      false,
      false,
    ]);
    if (scripts) expect(scripts).toEqual(['/content-scripts/video.js']);
    await page.evaluate(() => (window as unknown as { fixture: { addLateVideo(): void } }).fixture.addLateVideo());
    await waitForOverlay(page);
    if (scripts) expect(scripts).toEqual(['/content-scripts/video.js', '/overlay.js']);
    await waitForVideoReady(page);
    await waitOverlayOn(page, await rectOf(page, '#v'));
    await measureRate(page, page);

    const seek = await seekAndRead(page, frameMiddle(DEFAULT_CLIP, 10));
    expect(seek.index).toBe(10);
    await press(page, page, '.');
    expect(await readBarcode(page)).toBe(11);
  });
});

describe.each([
  ['cross-origin', {}],
  ['same-origin (?same=1)', { same: 1 }],
] as const)('iframe.html %s', (_name, params) => {
  it('mounts the overlay in the iframe, and a click there routes `.` to its video', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'iframe.html', params));
    const iframe = await page.waitForSelector('#frame');
    const frame: Frame = (await iframe.contentFrame())!;
    await frame.waitForURL(/iframe-inner\.html/);
    const crossOrigin = !('same' in params);
    expect(new URL(frame.url()).origin !== new URL(page.url()).origin).toBe(crossOrigin);

    await waitForOverlay(frame);
    await waitForVideoReady(frame);
    expect(await hostCount(frame)).toBe(1);
    expect(await hostCount(page)).toBe(0);
    await waitOverlayOn(frame, await rectOf(frame, '#v'));

    // Click the picture (below the panel, above the native controls), as a person would.
    const box = (await iframe.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.35);
    expect(await frame.evaluate(() => document.hasFocus())).toBe(true);
    // The keys now reach the iframe (the click may also have started native playback).
    await measureRate(page, frame, '#v');
    expect((await seekAndRead(frame, frameMiddle(DEFAULT_CLIP, 10), { selector: '#v' })).index).toBe(10);
    await press(page, frame, '.');
    expect(await readBarcode(frame, '#v')).toBe(11);
    // Still exactly one host, in the iframe only.
    expect(await hostCount(frame)).toBe(1);
    expect(await hostCount(page)).toBe(0);
  });

  it('keys typed on the page itself (no click into the frame) step the video in the frame', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'iframe.html', params));
    const frame: Frame = (await (await page.waitForSelector('#frame')).contentFrame())!;
    await frame.waitForURL(/iframe-inner\.html/);
    await waitForOverlay(frame);
    await waitForVideoReady(frame);
    expect(await page.evaluate(() => document.hasFocus() && document.activeElement === document.body)).toBe(true);
    expect((await seekAndRead(frame, frameMiddle(DEFAULT_CLIP, 10), { selector: '#v' })).index).toBe(10);
    await waitIdle(frame);
    // The first is pressed again while it reaches the page: it has not heard of the frame's video yet.
    await countPageKeys(page);
    await pressUntilTaken(page, '.', async () => (await readBarcode(frame, '#v')) === 11, () => pageKeys(page));
    await waitIdle(frame);
    const seen = await pageKeys(page);
    for (const [key, want] of [['.', 12], [',', 11]] as const) {
      await page.keyboard.press(key);
      await expect.poll(() => readBarcode(frame, '#v'), { timeout: 5000, interval: 20 }).toBe(want);
      await waitIdle(frame);
    }
    expect(await pageKeys(page), 'keys that reached the page once one was taken').toBe(seen);
    expect(await page.evaluate(() => document.hasFocus())).toBe(true);
  });
});

describe('shadow.html: a video inside an open shadow root', () => {
  it('gets the overlay over its picture, and `.` steps it', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'shadow.html'));
    await waitForOverlay(page);
    const video = (await page.evaluateHandle(
      () => document.querySelector('fake-player')!.shadowRoot!.getElementById('v') as HTMLVideoElement,
    )).asElement() as ElementHandle<HTMLVideoElement>;
    await page.waitForFunction((v) => v.readyState >= 2, video, { timeout: 15_000 });
    const r = await video.evaluate((v) => {
      const b = v.getBoundingClientRect();
      return { x: b.left, y: b.top, width: b.width, height: b.height };
    });
    await waitOverlayOn(page, r);
    await measureRate(page, page, 'fake-player video');

    expect((await seekAndRead(video, frameMiddle(DEFAULT_CLIP, 10))).index).toBe(10);
    await press(page, page, '.');
    expect(await readBarcode(video)).toBe(11);
    // The shadow-piercing selector reads the same video.
    expect(await readBarcode(page, 'fake-player video')).toBe(11);
  });
});

describe('shadow.html: web-component players that arrive late', () => {
  it.each([
    ['its definition (and shadow root) comes 2 s after the element is in the page', { define: 2000 }],
    ['its video is added to a shadow root that was already there, 1.5 s later', { videoAfter: 1500 }],
  ])('%s: the overlay comes, and 10 steps of `.` are exact', async (_name, params) => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'shadow.html', params));
    await waitForOverlay(page, 15_000);
    const video = (await page.evaluateHandle(
      () => document.querySelector('fake-player')!.shadowRoot!.getElementById('v') as HTMLVideoElement,
    )).asElement() as ElementHandle<HTMLVideoElement>;
    await page.waitForFunction((v) => v.readyState >= 2, video, { timeout: 15_000 });
    expect((await seekAndRead(video, frameMiddle(DEFAULT_CLIP, 10))).index).toBe(10);
    await waitIdle(page);
    for (let k = 11; k <= 20; k++) {
      await press(page, page, '.');
      expect(await readBarcode(video)).toBe(k);
    }
  });
});

// The finder stops reading change records on a page this busy (it walks the page now and
// then instead: scripts/bench-idle.ts measures why); a player arriving in the middle of it
// must still be found.
describe('bench/busy.html: a player arrives on a page that rewrites its DOM every frame', () => {
  it('the overlay comes over the video in its shadow root, and `.` steps it exactly', async () => {
    const page = await newPage();
    await page.goto(`${server.url}/bench/busy.html?videoAfter=1500`);
    await waitForOverlay(page, 15_000);
    const video = (await page.evaluateHandle(
      () => document.querySelector('busy-player')!.shadowRoot!.querySelector('video') as HTMLVideoElement,
    )).asElement() as ElementHandle<HTMLVideoElement>;
    await page.waitForFunction((v) => v.readyState >= 2, video, { timeout: 15_000 });
    expect((await seekAndRead(video, frameMiddle(DEFAULT_CLIP, 10))).index).toBe(10);
    await waitIdle(page);
    for (let k = 11; k <= 15; k++) {
      await press(page, page, '.');
      expect(await readBarcode(video)).toBe(k);
    }
    const rect = await video.evaluate((v) => {
      const r = v.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    expect(near(await overlayRect(page), rect)).toBe(true);
  });
});

describe('multi.html: two videos', () => {
  it('attaches to the larger one by default, and follows a click to the smaller one', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'multi.html'));
    await waitForOverlay(page);
    await waitForVideoReady(page, '#a');
    await waitForVideoReady(page, '#b');
    const rectA = await rectOf(page, '#a');
    const rectB = await rectOf(page, '#b');
    expect(rectB.width).toBeGreaterThan(rectA.width);
    await waitOverlayOn(page, rectB);
    expect(near(await overlayRect(page), rectA)).toBe(false);

    expect((await seekAndRead(page, frameMiddle(DEFAULT_CLIP, 20), { selector: '#b' })).index).toBe(20);

    // Click the small video's picture (above its native controls): the overlay moves to it.
    await page.mouse.click(rectA.x + rectA.width / 2, rectA.y + rectA.height * 0.3);
    await waitOverlayOn(page, rectA);
    expect(await hostCount(page)).toBe(1);

    // The keys act on #a now (the click may also have started its native playback).
    await measureRate(page, page, '#a');
    await waitOverlayOn(page, rectA);
    expect((await seekAndRead(page, frameMiddle(DEFAULT_CLIP, 10), { selector: '#a' })).index).toBe(10);
    expect(await readBarcode(page, '#b')).toBe(20);

    await press(page, page, '.');
    expect(await readBarcode(page, '#a')).toBe(11);
    expect(await readBarcode(page, '#b')).toBe(20);
    expect(await page.$eval('#b', (v: HTMLVideoElement) => v.paused)).toBe(true);
  });
});

describe('spa.html: the video element is replaced without a page load', () => {
  it('moves the overlay to the new video, leaves no second host, and steps the new video', async () => {
    const page = await newPage();
    await page.goto(fixtureUrl(server, 'spa.html'));
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await measureRate(page, page);
    expect((await seekAndRead(page, frameMiddle(DEFAULT_CLIP, 10))).index).toBe(10);
    await press(page, page, '.');
    expect(await readBarcode(page)).toBe(11);
    expect(Number((await hostData(page)).fps)).toBeCloseTo(DEFAULT_CLIP.fps!, 3);

    await page.evaluate(() => {
      (window as unknown as { oldHost: Element | null }).oldHost = document.querySelector('framecoach-overlay');
    });
    await page.click('#next');
    await page.waitForFunction(
      () => {
        const v = document.getElementById('v') as HTMLVideoElement | null;
        return !!v && v.src.endsWith('vp9-25.webm') && v.readyState >= 2;
      },
      null,
      { timeout: 15_000 },
    );
    // A new host (the old one removed), with its panel.
    await page.waitForFunction(
      () => {
        const hosts = document.querySelectorAll('framecoach-overlay');
        const old = (window as unknown as { oldHost: Element | null }).oldHost;
        return hosts.length === 1 && hosts[0] !== old && !!hosts[0]!.shadowRoot?.querySelector('.fc-panel');
      },
      null,
      { timeout: 10_000 },
    );
    expect(await page.evaluate(() => (window as unknown as { oldHost: Element }).oldHost.isConnected)).toBe(false);
    await waitOverlayOn(page, await rectOf(page, '#v'));
    await measureRate(page, page);

    expect((await seekAndRead(page, frameMiddle(VP9_25, 10))).index).toBe(10);
    await press(page, page, '.');
    expect(await readBarcode(page)).toBe(11);
    await press(page, page, '.');
    expect(await readBarcode(page)).toBe(12);
    // The rate is the new clip's, so the engine works on the new video.
    expect(Number((await hostData(page)).fps)).toBeCloseTo(25, 3);
    expect(await hostCount(page)).toBe(1);
  });
});

describe('novideo.html: a page without video', () => {
  it('never gets an overlay (nor its code), and its keys reach the page', async () => {
    const page = await newPage();
    // Record any overlay host that appears, even for a moment.
    await page.addInitScript(() => {
      const w = window as unknown as { fcHostSeen: boolean };
      w.fcHostSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('framecoach-overlay')) w.fcHostSeen = true;
      }).observe(document, { childList: true, subtree: true });
    });
    const scripts = await extensionScripts(page);
    await page.goto(fixtureUrl(server, 'novideo.html'));
    await page.evaluate(() => {
      const w = window as unknown as { seen: string[] };
      w.seen = [];
      window.addEventListener('keydown', (e) => w.seen.push(`${e.key}${e.defaultPrevented ? '!' : ''}`));
    });
    // A negative: give the content script time to (wrongly) mount something.
    await page.waitForTimeout(1500);
    for (const key of ['.', ',', 'k']) await page.keyboard.press(key);
    await page.waitForFunction(() => (window as unknown as { seen: string[] }).seen.length >= 3);
    expect(await page.evaluate(() => (window as unknown as { seen: string[] }).seen)).toEqual(['.', ',', 'k']);
    expect(await hostCount(page)).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { fcHostSeen: boolean }).fcHostSeen)).toBe(false);
    // The content script ran here, and the overlay's code was never loaded.
    if (scripts) expect(scripts).toEqual(['/content-scripts/video.js']);
  });
});

describe('error.html: a video that cannot be loaded', () => {
  it("shows a clear message, and `.` neither throws nor hangs", async () => {
    const page = await newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error' && m.text().includes('FrameCoach')) problems.push(`console: ${m.text()}`);
    });
    await page.goto(fixtureUrl(server, 'error.html'));
    await page.waitForFunction(() => (document.getElementById('v') as HTMLVideoElement).error !== null, null, { timeout: 10_000 });
    await waitForOverlay(page);
    await expect.poll(() => hudMessage(page), { timeout: 10_000 }).toContain("can't be played");
    // The message is on screen, over the video.
    const shown = await page.evaluate(() => {
      const m = document.querySelector('framecoach-overlay')!.shadowRoot!.querySelector('.fc-message')!;
      const r = m.getBoundingClientRect();
      const v = document.getElementById('v')!.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.left >= v.left && r.right <= v.right && r.top >= v.top && r.bottom <= v.bottom;
    });
    expect(shown).toBe(true);

    await page.keyboard.press('.');
    await waitIdle(page, 5000);
    expect(await hudMessage(page)).toContain("can't be played");
    const data = await hostData(page);
    expect(data.busy).toBe('false');
    expect(data.message).toContain("can't be played");
    expect(problems).toEqual([]);
  });
});
