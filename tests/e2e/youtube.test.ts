/**
 * FrameCoach on "YouTube", offline: Chromium opens https://www.youtube.com/watch?v=… and
 * --host-resolver-rules sends it to the fixture server on 127.0.0.1 (HTTPS with the
 * committed test certificate, tests/fixtures/tls/; --ignore-certificate-errors). Every other
 * host name resolves to nothing, so no test traffic leaves loopback.
 *
 * The page (tests/fixtures/youtube/watch.html) mimics what matters of YouTube: the player
 * structure (#movie_player.html5-video-player > .html5-video-container > video), page keys
 * on document (`.` `,` `k` `j` `l` `f`, counted into window.siteKeyLog), fullscreen of the
 * player container, Trusted Types enforced by a CSP header, and SPA navigation that swaps
 * the same <video>'s src and fires yt-navigate-finish.
 *
 * Trusted Types: Chromium applies the page's CSP to the page's (main) world only. Measured
 * (Chromium 156, a probe extension on this page): a content script's `innerHTML` in its
 * isolated world is allowed and reports nothing. So the no-violation check here catches
 * what FrameCoach does in the page's world (injected scripts, `world: 'MAIN'`), not DOM
 * sinks used from the content script; the control at the end of the first test shows the
 * page enforces TT and that the listener sees violations.
 */
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIPS, frameMiddle, frameStart, readBarcode, seekAndRead, type ClipInfo } from './barcode';
import { REPO_ROOT, startServer, testTls, type FixtureServer, type LaunchedBrowser } from './harness';
import { launchTestBrowser } from './session';
import { HOST, hostData, overlayRect, waitForOverlay, waitForVideoReady, waitIdle } from './overlay';
import { showPanel } from './comments-helpers';

type Rect = { x: number; y: number; width: number; height: number };

const CSP = "require-trusted-types-for 'script'";
const ORIGIN = 'https://www.youtube.com';
/** Video ids of the look-alike page (its VIDEOS table); the next button goes 2997 → 25. */
const IDS = { h2997: 'fcClip2997A', vp925: 'fcClip25vp9' } as const;
/** The look-alike's third video (after vp925 in its "up next" order): the 23.976 fps clip. */
const THIRD = 'fcClip2398A';
/** A Shorts video id (tests/fixtures/youtube/shorts.html, a 9:16 clip at 30 fps). */
const SHORT_ID = 'fcShort9x16';
const clip = (file: string): ClipInfo => CLIPS.find((c) => c.file === file)!;
const H2997 = clip('h264-29.97.mp4');
const VP925 = clip('vp9-25.webm');
/** Keys FrameCoach handles: none of their events may reach the page. */
const OURS = ['.', ',', 'k', 'F'];
/** Tolerance of rect comparisons, px (the page places the video on whole pixels). */
const TOL = 1;

let server: FixtureServer;
let browser: LaunchedBrowser;
const pages: Page[] = [];

beforeAll(async () => {
  server = await startServer({
    tls: testTls(),
    rewrite: {
      '/watch': { path: '/youtube/watch.html', headers: { 'Content-Security-Policy': CSP } },
      ...Object.fromEntries(Object.values(IDS).map((id) => [`/embed/${id}`, { path: '/youtube/embed.html' }])),
      [`/shorts/${SHORT_ID}`]: { path: '/youtube/shorts.html' },
    },
  });
  // These names are our server (a club's page embeds the player from youtube-nocookie);
  // every other name resolves to nothing (loopback only).
  browser = await launchTestBrowser({ hosts: Object.fromEntries(['www.youtube.com', 'www.youtube-nocookie.com', 'club.example'].map((h) => [h, server.port])) });
});

/** A new tab that logs, from the first script on, every CSP violation its documents see, whoever caused it. */
async function newPage(): Promise<Page> {
  const page = await browser.newPage();
  pages.push(page);
  await page.addInitScript(() => {
    const log: Array<Record<string, unknown>> = [];
    (window as unknown as { __violations: typeof log }).__violations = log;
    document.addEventListener(
      'securitypolicyviolation',
      (e) =>
        log.push({
          effectiveDirective: e.effectiveDirective,
          violatedDirective: e.violatedDirective,
          blockedURI: e.blockedURI,
          sample: e.sample,
          sourceFile: e.sourceFile,
          line: e.lineNumber,
        }),
      true,
    );
  });
  return page;
}

afterEach(async () => {
  for (const p of pages.splice(0)) await p.close().catch(() => {});
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Watch {
  page: Page;
  /** Console errors and uncaught page errors since the page opened. */
  errors: string[];
}

/** Opens https://www.youtube.com/watch?v=<id> and waits for the video and the overlay. */
async function openWatch(id: string, params: Record<string, string> = {}): Promise<Watch> {
  const page = await newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${String(e)}`));
  const url = new URL('/watch', ORIGIN);
  url.searchParams.set('v', id);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const response = await page.goto(url.toString());
  expect(response?.status()).toBe(200);
  expect(response?.headers()['content-security-policy']).toBe(CSP);
  expect(page.url()).toBe(url.toString());
  await waitForOverlay(page);
  await waitForVideoReady(page);
  return { page, errors };
}

/** Trusted Types violations seen by the page (all CSP violations mentioning trusted types). */
function ttViolations(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() =>
    (window as unknown as { __violations: Array<Record<string, unknown>> }).__violations.filter((v) =>
      JSON.stringify(v).toLowerCase().includes('trusted-types'),
    ),
  );
}

/** No Trusted Types violation and no console error so far. */
async function expectClean(w: Watch): Promise<void> {
  expect(await ttViolations(w.page), 'Trusted Types violations').toEqual([]);
  expect(w.errors, 'console errors').toEqual([]);
}

interface SiteKeys {
  log: string[];
  trace: string[];
}
function siteKeys(page: Page): Promise<SiteKeys> {
  return page.evaluate(() => {
    const w = window as unknown as { siteKeyLog: string[]; siteKeyTrace: string[] };
    return { log: [...w.siteKeyLog], trace: [...w.siteKeyTrace] };
  });
}
/** None of FrameCoach's keys reached the page, in any event type. */
async function expectNoLeaks(page: Page): Promise<SiteKeys> {
  const keys = await siteKeys(page);
  expect(keys.log.filter((k) => OURS.includes(k)), 'our keys in siteKeyLog').toEqual([]);
  expect(
    keys.trace.filter((t) => OURS.includes(t.slice(t.indexOf(':') + 1))),
    'our keys in siteKeyTrace (keydown/keypress/keyup)',
  ).toEqual([]);
  return keys;
}

/** The video's picture (object-fit: contain inside its content box), viewport px. */
function pictureRect(page: Page): Promise<Rect> {
  return page.evaluate(() => {
    const v = document.querySelector('video') as HTMLVideoElement;
    const r = v.getBoundingClientRect();
    const scale = Math.min(r.width / v.videoWidth, r.height / v.videoHeight);
    const w = v.videoWidth * scale;
    const h = v.videoHeight * scale;
    return { x: r.left + (r.width - w) / 2, y: r.top + (r.height - h) / 2, width: w, height: h };
  });
}

function near(a: Rect | null, b: Rect): boolean {
  return !!a && Math.abs(a.x - b.x) <= TOL && Math.abs(a.y - b.y) <= TOL &&
    Math.abs(a.width - b.width) <= TOL && Math.abs(a.height - b.height) <= TOL;
}

/**
 * Waits (up to timeoutMs) until the overlay covers the picture, and the picture is `expected`
 * when given (the page lays the video out again a moment after a fullscreen change).
 */
async function waitOverPicture(page: Page, expected?: Rect, timeoutMs = 3000): Promise<{ overlay: Rect | null; picture: Rect }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const picture = await pictureRect(page);
    const overlay = await overlayRect(page);
    const settled = !expected || near(picture, expected);
    if ((settled && near(overlay, picture)) || Date.now() > end) return { overlay, picture };
    await page.waitForTimeout(50);
  }
}

/** Where the host is: its parent chain, and whether the player / fullscreen element holds it. */
function placement(page: Page): Promise<{ count: number; chain: string[]; inPlayer: boolean; inFullscreen: boolean }> {
  return page.evaluate((tag) => {
    const hosts = document.querySelectorAll(tag);
    const host = hosts[0];
    const chain: string[] = [];
    for (let el = host?.parentElement; el; el = el.parentElement) {
      chain.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className).trim().split(/\s+/).join('.') : ''));
    }
    const player = document.getElementById('movie_player');
    const fs = document.fullscreenElement;
    return {
      count: hosts.length,
      chain,
      inPlayer: !!host && !!player && player.contains(host),
      inFullscreen: !!host && !!fs && fs.contains(host),
    };
  }, HOST);
}

/** What elementFromPoint finds at the `.fc-panel`'s centre. */
function panelHit(page: Page): Promise<{ panel: Rect | null; hitIsHost: boolean; hit: string; inViewport: boolean }> {
  return page.evaluate(() => {
    const host = document.querySelector('framecoach-overlay');
    const panel = host?.shadowRoot?.querySelector('.fc-panel');
    if (!host || !panel) return { panel: null, hitIsHost: false, hit: '', inViewport: false };
    const r = panel.getBoundingClientRect();
    const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {
      panel: { x: r.left, y: r.top, width: r.width, height: r.height },
      hitIsHost: el === host,
      hit: el ? el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className ? '.' + String(el.className) : '') : 'null',
      inViewport: r.width > 0 && r.height > 0 && r.left >= 0 && r.top >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
    };
  });
}

/** Pauses from the page, seeks to the middle of frame k and waits until FrameCoach shows it. */
async function pauseAtFrame(page: Page, c: ClipInfo, k: number): Promise<void> {
  await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
  await waitIdle(page);
  const seek = await seekAndRead(page, frameMiddle(c, k));
  expect(seek.index, `frame after seeking to the middle of ${k}`).toBe(k);
  await page
    .waitForFunction(
      (t) => Math.abs(Number((document.querySelector('framecoach-overlay') as HTMLElement).dataset.time) - t) < 1e-3,
      frameStart(c, k),
      { timeout: 5000 },
    )
    .catch(async (err: unknown) => {
      const { time, fps, busy, pausedFrame, frames, lastFrame } = await hostData(page);
      // Whether the page could be painted at all (a frame is announced when it is presented), how
      // far the video played (frames decoded, time ranges), and how many overlays there are.
      // And whether the page is painted at all (rVFC and the wait above both ride the page's
      // animation frames): animation frames and frame callbacks counted over half a second.
      const { at, visibility, focused, paused, hosts, decoded, played, ticks, announced } = await page.evaluate(async (host) => {
        const v = document.querySelector('video') as HTMLVideoElement;
        const ranges = [...Array(v.played.length).keys()].map((i) => `${v.played.start(i).toFixed(3)}-${v.played.end(i).toFixed(3)}`).join(',');
        const seen = { ticks: 0, announced: 'none' };
        const tick = () => {
          seen.ticks++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        v.requestVideoFrameCallback((_now, meta) => void (seen.announced = String(meta.mediaTime)));
        await new Promise((done) => setTimeout(done, 500));
        return {
          at: v.currentTime,
          visibility: document.visibilityState,
          focused: document.hasFocus(),
          paused: v.paused,
          hosts: document.querySelectorAll(host).length,
          decoded: v.getVideoPlaybackQuality().totalVideoFrames,
          played: ranges,
          ...seen,
        };
      }, HOST);
      throw new Error(
        `FrameCoach's time is ${time}, not frame ${k}'s start ${frameStart(c, k)} (fps ${fps}, busy ${busy}, frames announced ${frames}, last ${lastFrame}, last while paused ${pausedFrame}; ` +
          `the test's seek: frame presented ${seek.presented} at ${seek.mediaTime}; video at ${at}, paused ${paused}, decoded ${decoded}, played ${played}; page ${visibility}, focused ${focused}, overlays ${hosts}; in 500 ms after: ${ticks} animation frames, frame announced ${announced}): ${String(err)}`,
      );
    });
}

/** Presses `key` `times` times; every press must move exactly `delta` frames (barcode and HUD). */
async function stepAndCheck(page: Page, key: string, delta: number, times: number): Promise<number> {
  let shown = await readBarcode(page);
  const misses: string[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(key);
    await waitIdle(page);
    const now = await readBarcode(page);
    const hud = await page.evaluate(
      () => document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-frameno')?.textContent ?? '',
    );
    if (now !== shown + delta || hud.replace(/\D/g, '') !== String(now)) {
      misses.push(`${key}: ${shown} → ${now} (expected ${shown + delta}), HUD "${hud}"`);
    }
    shown = now;
  }
  expect(misses, misses.join('; ')).toEqual([]);
  return shown;
}

/** Ends the ad the watch page (opened with ?ad=held) is playing; its video takes the element. */
async function endAd(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as { ytFixture: { endAd(): void } }).ytFixture.endAd());
  expect(await page.evaluate(() => (window as unknown as { ytFixture: { adShowing(): boolean } }).ytFixture.adShowing())).toBe(false);
}

function fpsOf(page: Page): Promise<number> {
  return hostData(page).then((d) => Number(d.fps || NaN));
}

async function waitFps(page: Page, fps: number, timeout = 10_000): Promise<void> {
  await page
    .waitForFunction(
      (want) => Math.abs(Number((document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.fps) - want) < 1e-6,
      fps,
      { timeout },
    )
    .catch(async (err: unknown) => {
      throw new Error(`data-fps did not become ${fps} within ${timeout} ms (it is "${(await hostData(page)).fps}"): ${String(err)}`);
    });
}

describe('YouTube (look-alike on loopback, https://www.youtube.com)', () => {
  it('mounts inside #movie_player over the picture, with no Trusted Types violations', async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    expect(await page.evaluate(() => location.origin)).toBe(ORIGIN);

    const where = await placement(page);
    expect(where.count).toBe(1);
    expect(where.inPlayer, `host's parents: ${where.chain.join(' < ')}`).toBe(true);
    expect(where.chain.some((el) => el.startsWith('div#movie_player.html5-video-player')), where.chain.join(' < ')).toBe(true);

    const { overlay, picture } = await waitOverPicture(page);
    expect(overlay, `overlay ${JSON.stringify(overlay)} vs picture ${JSON.stringify(picture)}`).not.toBeNull();
    expect(near(overlay, picture), `overlay ${JSON.stringify(overlay)} vs picture ${JSON.stringify(picture)}`).toBe(true);
    expect(picture.width).toBeGreaterThan(800);
    const hit = await panelHit(page);
    expect(hit.hitIsHost, `elementFromPoint at the panel centre is ${hit.hit}`).toBe(true);

    // Let it play a little (the page autoplays) and step once, so the UI is fully exercised.
    await waitFps(page, H2997.fps!);
    await pauseAtFrame(page, H2997, 30);
    await stepAndCheck(page, '.', 1, 1);
    await expectClean(w);

    // Controls: the page really enforces Trusted Types, and the listener really sees violations.
    const sink = await page.evaluate(() => {
      try {
        document.createElement('div').innerHTML = '<b>x</b>';
        return 'allowed';
      } catch (e) {
        return (e as Error).name;
      }
    });
    expect(sink).toBe('TypeError');
    await page.waitForFunction(
      () => (window as unknown as { __violations: unknown[] }).__violations.length > 0,
      undefined,
      { timeout: 2000 },
    );
    expect((await ttViolations(page)).length).toBe(1);
  });

  it('`.` and `,` step exactly one frame each and never reach the site; `k` is ours; `j` still reaches the site', async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    await waitFps(page, H2997.fps!);

    // k: ours (play, then pause), and the page never sees it.
    await pauseAtFrame(page, H2997, 20);
    await page.keyboard.press('k');
    await page.waitForFunction(() => !(document.querySelector('video') as HTMLVideoElement).paused, undefined, { timeout: 5000 });
    await page.waitForTimeout(200);
    await page.keyboard.press('k');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).paused, undefined, { timeout: 5000 });
    await expectNoLeaks(page);

    await pauseAtFrame(page, H2997, 40);
    const forward = await stepAndCheck(page, '.', 1, 6);
    expect(forward).toBe(46);
    const back = await stepAndCheck(page, ',', -1, 6);
    expect(back).toBe(40);
    // A held key: auto-repeat keydowns, one frame each, none for the page.
    for (let i = 0; i < 5; i++) await page.keyboard.down('.');
    await page.keyboard.up('.');
    await waitIdle(page);
    expect(await readBarcode(page)).toBe(45);
    expect((await expectNoLeaks(page)).log).toEqual([]);

    // Typing into the page's own input: not a command, and the frame stays.
    await page.click('#comment');
    await page.keyboard.type('.,k');
    expect(await page.inputValue('#comment')).toBe('.,k');
    await page.waitForTimeout(150);
    expect(await readBarcode(page)).toBe(45);
    // Those keys were the page's to see: clear the trace of them.
    await page.evaluate(() => {
      (document.activeElement as HTMLElement | null)?.blur();
      (window as unknown as { siteKeyTrace: string[] }).siteKeyTrace.length = 0;
    });

    // j is not ours: the site gets it once and seeks back 10 s (to 0 on a 4 s clip).
    const before = await siteKeys(page);
    expect(before.log).toEqual([]);
    await page.keyboard.press('j');
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime < 0.01, undefined, {
      timeout: 5000,
    });
    const after = await siteKeys(page);
    expect(after.log).toEqual(['j']);
    expect(after.trace.filter((t) => t.endsWith(':j'))).toEqual(['keydown:j', 'keyup:j']); // its preventDefault() cancels the keypress
    await expectNoLeaks(page);
    await expectClean(w);
  });

  it('Shift+F fullscreens #movie_player with the panel visible inside it; Shift+F again exits', async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    await pauseAtFrame(page, H2997, 10);
    const normal = await waitOverPicture(page);
    expect(near(normal.overlay, normal.picture)).toBe(true);

    await page.keyboard.press('Shift+F');
    await page.waitForFunction(() => document.fullscreenElement?.id === 'movie_player', undefined, { timeout: 5000 });
    // The page did not also toggle fullscreen (which would have left it at once).
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('movie_player');
    const where = await placement(page);
    expect(where).toMatchObject({ count: 1, inPlayer: true, inFullscreen: true });

    // The player fills the viewport (1280x800): a 16:9 picture is the full width, centred.
    const viewport = await page.evaluate(() => ({ w: innerWidth, h: innerHeight }));
    const full = { x: 0, y: (viewport.h - (viewport.w * 9) / 16) / 2, width: viewport.w, height: (viewport.w * 9) / 16 };
    const fs = await waitOverPicture(page, full);
    const entered = `fullscreen: overlay ${JSON.stringify(fs.overlay)}, picture ${JSON.stringify(fs.picture)}, expected ${JSON.stringify(full)}`;
    expect(near(fs.picture, full), entered).toBe(true);
    expect(near(fs.overlay, fs.picture), entered).toBe(true);
    const hit = await panelHit(page);
    expect(hit.inViewport, `panel ${JSON.stringify(hit.panel)} inside the viewport`).toBe(true);
    expect(hit.hitIsHost, `elementFromPoint at the panel centre is ${hit.hit}`).toBe(true);
    // Stepping still works in fullscreen.
    await stepAndCheck(page, '.', 1, 2);

    await page.keyboard.press('Shift+F');
    await page.waitForFunction(() => document.fullscreenElement === null, undefined, { timeout: 5000 });
    const after = await waitOverPicture(page, normal.picture);
    const exited = `after exit: overlay ${JSON.stringify(after.overlay)}, picture ${JSON.stringify(after.picture)}, before fullscreen ${JSON.stringify(normal.picture)}`;
    expect(near(after.picture, normal.picture), exited).toBe(true);
    expect(near(after.overlay, after.picture), exited).toBe(true);
    expect((await placement(page)).inPlayer).toBe(true);
    const hitAfter = await panelHit(page);
    expect(hitAfter.hitIsHost, `after exit, elementFromPoint at the panel centre is ${hitAfter.hit}`).toBe(true);
    await expectNoLeaks(page);
    await expectClean(w);
  });

  it('after an SPA navigation (same <video>, new src) stepping is exact on the new clip and the fps follows it', async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    await waitFps(page, H2997.fps!);
    await pauseAtFrame(page, H2997, 20);
    await stepAndCheck(page, '.', 1, 2);

    await page.evaluate(() => {
      const win = window as unknown as { __video: HTMLVideoElement; __navFinished: unknown[] };
      win.__video = document.querySelector('video')!;
      win.__navFinished = [];
      document.addEventListener('yt-navigate-finish', (e) => win.__navFinished.push((e as CustomEvent).detail));
    });
    // Like a person: click the player's Next button (a real link, handled without a page load).
    await page.click('.ytp-next-button');
    await page.waitForFunction(() => (window as unknown as { __navFinished: unknown[] }).__navFinished.length === 1, undefined, {
      timeout: 5000,
    });
    expect(page.url()).toBe(`${ORIGIN}/watch?v=${IDS.vp925}`);
    const nav = await page.evaluate(() => {
      const win = window as unknown as { __video: HTMLVideoElement };
      const v = document.querySelector('video')!;
      return {
        same: v === win.__video,
        videos: document.querySelectorAll('video').length,
        src: new URL(v.currentSrc || v.src).pathname,
      };
    });
    expect(nav).toEqual({ same: true, videos: 1, src: '/clips/vp9-25.webm' });

    // The page autoplays the next video: FrameCoach measures the new rate from it.
    await waitForVideoReady(page);
    await waitFps(page, VP925.fps!);
    const where = await placement(page);
    expect(where).toMatchObject({ count: 1, inPlayer: true });
    const { overlay, picture } = await waitOverPicture(page);
    expect(near(overlay, picture), `overlay ${JSON.stringify(overlay)} vs picture ${JSON.stringify(picture)}`).toBe(true);

    await pauseAtFrame(page, VP925, 30);
    expect(await fpsOf(page)).toBeCloseTo(25, 6);
    expect(await stepAndCheck(page, '.', 1, 6)).toBe(36);
    expect(await stepAndCheck(page, ',', -1, 6)).toBe(30);
    expect((await hostData(page)).variable).toBe('false');

    // Back (popstate) to the first video: the same element again, and the rate follows.
    await page.goBack();
    await page.waitForFunction(() => (window as unknown as { __navFinished: unknown[] }).__navFinished.length === 2, undefined, {
      timeout: 5000,
    });
    expect(page.url()).toBe(`${ORIGIN}/watch?v=${IDS.h2997}`);
    await waitForVideoReady(page);
    await waitFps(page, H2997.fps!);
    await pauseAtFrame(page, H2997, 50);
    expect(await stepAndCheck(page, '.', 1, 3)).toBe(53);

    await expectNoLeaks(page);
    await expectClean(w);
  });
});

describe('YouTube: identity through navigation, and ads', () => {
  /** Adds a comment at the frame on screen and waits until it is saved. */
  async function comment(page: Page, text: string): Promise<void> {
    const before = Number((await hostData(page)).comments);
    await page.keyboard.press('c');
    await page.keyboard.type(text);
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      ([host, n]) => Number((document.querySelector(host) as HTMLElement).dataset.comments) === n,
      [HOST, before + 1] as const,
      { timeout: 5000 },
    );
  }
  /** The texts of the comments the panel lists. */
  async function texts(page: Page): Promise<string[]> {
    return page.evaluate(
      (host) => [...(document.querySelector(host)?.shadowRoot?.querySelectorAll('li.fc-comment .fc-comment-text') ?? [])].map((e) => e.getAttribute('data-text') ?? ''),
      HOST,
    );
  }
  const waitVideoId = (page: Page, id: string) =>
    page.waitForFunction(([host, want]) => (document.querySelector(host) as HTMLElement | null)?.dataset.videoId === want, [HOST, id] as const, {
      timeout: 5000,
    });

  it("the player's own rate, written in the page's first load, confirms the measured one; after a navigation it is not used", async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    await waitVideoId(page, `youtube:${IDS.h2997}`);
    await expect.poll(async () => (await hostData(page)).playerFps).toBe('30');
    await waitFps(page, H2997.fps!);
    const badge = () => page.evaluate((host) => {
      const el = document.querySelector(host)!.shadowRoot!.querySelector('.fc-rate')!;
      return { text: el.textContent, title: el.getAttribute('title'), warn: el.classList.contains('fc-warn') };
    }, HOST);
    expect(await badge()).toEqual({ text: '29.97 fps', title: "Measured frame rate (the site's player says 30)", warn: false });

    // The next video: the page still holds the first load's response, which names another video.
    await page.click('.ytp-next-button');
    await waitVideoId(page, `youtube:${IDS.vp925}`);
    await waitFps(page, VP925.fps!);
    expect((await hostData(page)).playerFps).toBe('');
    expect(await badge()).toEqual({ text: '25 fps', title: 'Measured frame rate', warn: false });
    await expectClean(w);
  });

  it('the page swaps the source 1.5 s before the address changes: across three videos and back, each gets its own id and lists only its own comments', async () => {
    const { page } = await openWatch(IDS.h2997, { swapFirst: '1500' });
    await waitVideoId(page, `youtube:${IDS.h2997}`);
    await pauseAtFrame(page, H2997, 20);
    await comment(page, 'First video: arms cross the body');
    await showPanel(page);
    await expect.poll(() => texts(page)).toEqual(['First video: arms cross the body']);

    await page.click('.ytp-next-button');
    await page.waitForURL(`${ORIGIN}/watch?v=${IDS.vp925}`);
    await waitVideoId(page, `youtube:${IDS.vp925}`);
    await expect.poll(() => texts(page)).toEqual([]);
    // The first load's player response names the first video: not this one's rate.
    await expect.poll(async () => (await hostData(page)).playerFps).toBe('');
    await waitForVideoReady(page);
    await pauseAtFrame(page, VP925, 30);
    await comment(page, 'Second video: heel first');
    await showPanel(page);
    await expect.poll(() => texts(page)).toEqual(['Second video: heel first']);

    // A third video, then back twice: each shows only its own.
    await page.click('.ytp-next-button');
    await page.waitForURL(`${ORIGIN}/watch?v=${THIRD}`);
    await waitVideoId(page, `youtube:${THIRD}`);
    await expect.poll(() => texts(page)).toEqual([]);
    await waitForVideoReady(page);
    await pauseAtFrame(page, clip('h264-23.976.mp4'), 12);
    await comment(page, 'Third video: cadence');
    await expect.poll(() => texts(page)).toEqual(['Third video: cadence']);

    await page.goBack();
    await waitVideoId(page, `youtube:${IDS.vp925}`);
    await expect.poll(() => texts(page)).toEqual(['Second video: heel first']);
    await page.goBack();
    await waitVideoId(page, `youtube:${IDS.h2997}`);
    await expect.poll(() => texts(page)).toEqual(['First video: arms cross the body']);
  });

  it('while an ad plays in the same <video>, nothing of FrameCoach is over it and nothing can be pinned to it; after it, the video is back as it was', async () => {
    const page = await newPage();
    // A video id of its own (the page plays its default clip, 29.97 fps), so no other test's comments are on it.
    const id = 'fcAdTest001';
    // ?ad=held: each ad lasts until the test ends it (a 2.5 s timer could end it before the
    // checks on a busy machine, where 0.3 s of play can take longer than that).
    await page.goto(`${ORIGIN}/watch?v=${id}&ad=held`);
    await page.waitForFunction(() => (window as unknown as { ytFixture: { adShowing(): boolean } }).ytFixture.adShowing());
    await page.waitForFunction(() => (document.querySelector('video') as HTMLVideoElement).currentTime > 0.3);
    // The ad is playing: no overlay, and `c` pins nothing (it is the page's key now).
    expect(await page.evaluate((host) => document.querySelectorAll(host).length, HOST)).toBe(0);
    await page.keyboard.press('c');
    await page.keyboard.type('on the ad');
    expect(await page.evaluate((host) => document.querySelectorAll(host).length, HOST)).toBe(0);
    await endAd(page);

    // The content resumes: the overlay is back on the watch video, with its own rate (not the ad's 30).
    await waitForOverlay(page);
    await waitVideoId(page, `youtube:${id}`);
    await waitForVideoReady(page);
    await waitFps(page, H2997.fps!);
    await pauseAtFrame(page, H2997, 40);
    await comment(page, 'After the ad: hips level');
    await showPanel(page);
    await expect.poll(() => texts(page)).toEqual(['After the ad: hips level']);
    expect(await stepAndCheck(page, '.', 1, 3)).toBe(43);

    // The next video starts with an ad too: gone again meanwhile, then the next video's own.
    await page.click('.ytp-next-button');
    await page.waitForFunction(() => (window as unknown as { ytFixture: { adShowing(): boolean } }).ytFixture.adShowing());
    await page.waitForFunction((host) => document.querySelectorAll(host).length === 0, HOST, { timeout: 3000 });
    await endAd(page);
    await waitForOverlay(page);
    await waitVideoId(page, `youtube:${IDS.vp925}`);
    await showPanel(page);
    await page.waitForFunction((host) => (document.querySelector(host) as HTMLElement).dataset.saving === 'false', HOST);
    const listed = await texts(page);
    expect(listed).not.toContain('After the ad: hips level');
    expect(listed.join(' ')).not.toMatch(/on the ad/);
  });
});

describe('YouTube embedded on another site', () => {
  it('youtube-nocookie in a frame of a club page: the overlay sits on the picture, the video is known by its YouTube id, steps are exact', async () => {
    const page = await newPage();
    await page.goto(`https://club.example/pages/yt-embed.html?v=${IDS.vp925}`);
    await page.waitForFunction(() => !!document.querySelector('iframe'));
    let frame: Frame | undefined;
    await expect.poll(() => (frame = page.frames().find((f) => f.url().includes('youtube-nocookie.com/embed/')))).toBeTruthy();
    await waitForOverlay(frame!);
    await waitForVideoReady(frame!);
    await expect.poll(async () => (await hostData(frame!)).videoId).toBe(`youtube:${IDS.vp925}`);
    // The picture fills the frame (object-fit contain of a 16:9 clip in a 16:9 frame).
    const picture = await frame!.evaluate(() => {
      const r = document.querySelector('video')!.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    const overlay = await overlayRect(frame!);
    expect(near(overlay, picture), `overlay ${JSON.stringify(overlay)} vs picture ${JSON.stringify(picture)}`).toBe(true);
    // Keys go to the frame that has the focus: click the picture first, as the README says.
    const box = (await page.locator('iframe').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height * 0.6);
    expect((await seekAndRead(frame!, frameMiddle(VP925, 10))).index).toBe(10);
    await waitIdle(frame!);
    for (let k = 11; k <= 15; k++) {
      await page.keyboard.press('.');
      await waitIdle(frame!);
      expect(await readBarcode(frame!)).toBe(k);
    }
  });
});

describe('YouTube: theater mode, the miniplayer and Shorts', () => {
  it('`t` (theater) and `i` (miniplayer) move the player: the overlay follows the picture, steps stay exact, the same video', async () => {
    const w = await openWatch(IDS.h2997);
    const { page } = w;
    await pauseAtFrame(page, H2997, 20);
    const normal = await waitOverPicture(page);
    expect(near(normal.overlay, normal.picture)).toBe(true);

    // Theater: YouTube's own key (FrameCoach leaves it to the site); the player goes full width.
    await page.keyboard.press('t');
    await expect.poll(async () => (await pictureRect(page)).width, { timeout: 5000 }).toBeGreaterThan(normal.picture.width + 100);
    const theater = await waitOverPicture(page, await pictureRect(page));
    expect(near(theater.overlay, theater.picture), `theater: overlay ${JSON.stringify(theater.overlay)}, picture ${JSON.stringify(theater.picture)}`).toBe(true);
    await stepAndCheck(page, '.', 1, 2);

    // The miniplayer: the player element moves into a small box at the bottom right.
    await page.keyboard.press('i');
    await expect.poll(async () => (await pictureRect(page)).width, { timeout: 5000 }).toBeLessThanOrEqual(400);
    const mini = await waitOverPicture(page, await pictureRect(page));
    expect(near(mini.overlay, mini.picture), `miniplayer: overlay ${JSON.stringify(mini.overlay)}, picture ${JSON.stringify(mini.picture)}`).toBe(true);
    expect((await placement(page)).count).toBe(1);
    const hit = await panelHit(page);
    expect(hit.hitIsHost && hit.inViewport, `miniplayer panel ${JSON.stringify(hit.panel)}, hit ${hit.hit}`).toBe(true);
    await stepAndCheck(page, ',', -1, 3);
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'youtube-miniplayer.png') });

    // Back on the page: the same video, its comments and rate, nothing doubled.
    await page.keyboard.press('i');
    const back = await waitOverPicture(page, theater.picture);
    expect(near(back.overlay, back.picture)).toBe(true);
    expect((await hostData(page)).videoId).toBe(`youtube:${IDS.h2997}`);
    expect((await placement(page)).count).toBe(1);
    const keys = await expectNoLeaks(page);
    expect(keys.log).toEqual(['t', 'i', 'i']); // the site's own keys reached it
    await expectClean(w);
  });

  it('Shorts: the overlay sits on the tall picture, the video is known by its /shorts/ id, `.` moves one frame', async () => {
    const page = await newPage();
    await page.goto(`${ORIGIN}/shorts/${SHORT_ID}`);
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await expect.poll(async () => (await hostData(page)).videoId, { timeout: 10_000 }).toBe(`youtube:${SHORT_ID}`);
    const box = await page.evaluate(() => {
      const r = document.querySelector('video')!.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height };
    });
    expect(box.height / box.width).toBeCloseTo(16 / 9, 2);
    await expect.poll(async () => near(await overlayRect(page), box), { timeout: 5000 }).toBe(true);
    const hit = await panelHit(page);
    expect(hit.hitIsHost && hit.inViewport, `panel ${JSON.stringify(hit.panel)}, hit ${hit.hit}`).toBe(true);

    // A 30 fps clip with no barcode: the frame is told by the time the video shows.
    await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).pause());
    await seekAndRead(page, 10.5 / 30);
    await waitIdle(page);
    for (const [key, frame] of [['.', 11], ['.', 12], [',', 11]] as const) {
      await page.keyboard.press(key);
      await waitIdle(page);
      expect(Number((await hostData(page)).time)).toBeCloseTo(frame / 30, 3);
      expect(Math.floor((await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentTime)) * 30)).toBe(frame);
    }
    expect(await page.evaluate(() => (window as unknown as { siteKeyLog: string[] }).siteKeyLog)).toEqual([]);
  });
});
