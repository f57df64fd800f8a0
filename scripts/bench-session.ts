/**
 * npm run bench (part): a long session (issue 15). tests/fixtures/pages/spa.html swaps its
 * video on every "Next video" (history.pushState, a new element, as YouTube does). The same
 * page runs in two headless Chromiums, one with FrameCoach (the comments panel open, as a
 * coach works) and one without (what the page itself grows by); each does 100 navigations,
 * then plays for BENCH_PLAY_SECONDS (default 120 s; an hour is BENCH_PLAY_SECONDS=3600, read
 * every 10 minutes). The two browsers run at the same time.
 * After a forced garbage collection, CDP reads the renderer's JavaScript heap and DOM
 * counters (Memory.getDOMCounters: nodes, documents, event listeners, all worlds: the
 * content script's included) at the start, after the navigations and after the playback.
 *
 * The test build: its overlay tells when it has attached to each new video. Nothing here
 * asserts: it prints numbers. Run it on a quiet machine.
 */
import type { CDPSession, Page } from 'playwright-core';
import { launchBrowser, startServer, TEST_EXTENSION_DIR, type FixtureServer, type LaunchedBrowser } from '../tests/e2e/harness';

const NAVIGATIONS = Number(process.env.BENCH_NAVIGATIONS ?? 100);
const PLAY_SECONDS = Number(process.env.BENCH_PLAY_SECONDS ?? 120);
/** Readings during the playback (evenly spaced; the last at its end). */
const PLAY_READS = Math.max(1, Number(process.env.BENCH_PLAY_READS ?? (PLAY_SECONDS >= 600 ? 6 : 1)));

interface Reading {
  heapMb: number;
  nodes: number;
  listeners: number;
  documents: number;
}

async function read(cdp: CDPSession): Promise<Reading> {
  // Twice: what a first pass frees can let a second free more.
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
  const counters = await cdp.send('Memory.getDOMCounters');
  return { heapMb: heap / 1e6, nodes: counters.nodes, listeners: counters.jsEventListeners, documents: counters.documents };
}

/** The new video is ready and, with FrameCoach, its overlay has attached to it. */
async function settled(page: Page, withExtension: boolean, view: string): Promise<void> {
  await page.waitForFunction((v) => {
    const video = document.getElementById('v') as HTMLVideoElement | null;
    return video?.dataset.view === v && video.readyState >= 2;
  }, view);
  if (withExtension) {
    await page.waitForFunction(() => {
      const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
      return !!host?.dataset.videoId && host.dataset.comments !== undefined;
    });
  }
}

async function session(browser: LaunchedBrowser, server: FixtureServer, withExtension: boolean): Promise<Reading[]> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.url}/pages/spa.html?clip=h264-29.97.mp4&clip2=vp9-25.webm&case=session`);
  await settled(page, withExtension, '1');
  if (withExtension) {
    await page.keyboard.press('Shift+C');
    await page.waitForFunction(() => !!document.querySelector('framecoach-overlay')?.shadowRoot?.querySelector('.fc-comments'));
  }
  await page.waitForTimeout(1000);
  const start = await read(cdp);
  for (let i = 0; i < NAVIGATIONS; i++) {
    await page.click('#next');
    await settled(page, withExtension, i % 2 ? '1' : '2');
  }
  await page.waitForTimeout(1000);
  const navigated = await read(cdp);
  await page.evaluate(() => {
    const video = document.getElementById('v') as HTMLVideoElement;
    video.loop = true;
    video.muted = true;
    return video.play();
  });
  // Read along the way too: growth that stops (a bounded cache) looks different from a leak.
  const played: Reading[] = [];
  for (let i = 1; i <= PLAY_READS; i++) {
    await page.waitForTimeout((PLAY_SECONDS * 1000) / PLAY_READS);
    played.push(await read(cdp));
  }
  await page.close();
  return [start, navigated, ...played];
}

async function main() {
  const server = await startServer();
  // Both at once: memory is what is read here, not time, and an hour each would be two.
  const results = await Promise.all(
    [false, true].map(async (withExtension) => {
      const browser = await launchBrowser(withExtension ? { extensionDir: TEST_EXTENSION_DIR } : { extension: false });
      try {
        return { label: withExtension ? 'with FrameCoach (panel open)' : 'page alone (no extension)', readings: await session(browser, server, withExtension) };
      } finally {
        await browser.close();
      }
    }),
  );
  await server.close();
  const played = (i: number) => `after ${Math.round((PLAY_SECONDS * i) / PLAY_READS)} s of playback`;
  const stages = ['start', `after ${NAVIGATIONS} navigations`, ...Array.from({ length: PLAY_READS }, (_, i) => played(i + 1))];
  console.log(`\nA long session: ${NAVIGATIONS} SPA navigations (a new video element each), then ${PLAY_SECONDS} s of looped playback. After a forced GC.\n`);
  console.log('| page | stage | JS heap MB | DOM nodes | event listeners | documents |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const { label, readings } of results) {
    readings.forEach((r, i) => console.log(`| ${i === 0 ? label : ''} | ${stages[i]} | ${r.heapMb.toFixed(2)} | ${r.nodes} | ${r.listeners} | ${r.documents} |`));
  }
  const [alone, fc] = results;
  const growth = (r: Reading[], key: keyof Reading) => (r[r.length - 1]![key] as number) - (r[0]![key] as number);
  if (alone && fc) {
    console.log(
      `\nGrowth start → end, FrameCoach minus the page alone: heap ${(growth(fc.readings, 'heapMb') - growth(alone.readings, 'heapMb')).toFixed(2)} MB, ` +
        `nodes ${growth(fc.readings, 'nodes') - growth(alone.readings, 'nodes')}, listeners ${growth(fc.readings, 'listeners') - growth(alone.readings, 'listeners')}.`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
