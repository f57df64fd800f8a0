/**
 * npm run bench (fifth part): a report with 100 snapshots (issue 10), in the real extension
 * in headless Chromium, timed from the click on Make report to the files being ready:
 *
 * - pixel path: a video the page can read (each frame drawn from the video);
 * - tab-capture path: the same clip served by another host name without CORS (the page
 *   can't read it), with tab capture allowed (the test build, .output/chrome-mv3-granted):
 *   each frame is a capture of the visible tab, which Chromium allows about twice a second.
 *
 * Each frame is put on screen exactly (a seek to its middle, checked by the frame engine),
 * pictured, its drawings composited, encoded as JPEG; then the background writes the HTML.
 * Nothing here asserts: it prints numbers. Run it on a quiet machine.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { clipByFile, frameStart } from '../tests/e2e/barcode';
import { ready } from '../tests/e2e/comments-helpers';
import { REPO_ROOT, fixtureUrl, launchBrowser, startServer, type FixtureServer } from '../tests/e2e/harness';
import { seedRecords } from '../tests/e2e/seed';
import { identifyVideo } from '../utils/identity/video-id';
import { newComment, newDrawing } from '../utils/model/create';
import type { Annotation } from '../utils/model/types';

const CLIP = clipByFile('vp9-25.webm');
const SNAPSHOTS = Math.min(Number(process.env.BENCH_SNAPSHOTS ?? 100), CLIP.frames);
const GRANTED = join(REPO_ROOT, '.output', 'chrome-mv3-granted');
const author = { id: 'bench-coach', name: 'Coach' };

/** A comment on each of the first SNAPSHOTS frames; a line on every other one. */
function records(videoId: string): Annotation[] {
  const out: Annotation[] = [];
  for (let k = 0; k < SNAPSHOTS; k++) {
    const time = frameStart(CLIP, k);
    out.push(newComment({ videoId, time, frame: k, text: `Frame ${k}: land under the hip`, author, id: `b-c${k}`, now: 1 }));
    if (k % 2 === 0) {
      out.push({ ...newDrawing({ videoId, time, frame: k, shape: { tool: 'line', from: { x: 0.1, y: 0.8 }, to: { x: 0.9, y: 0.2 } }, author, id: `b-d${k}`, now: 1 }), commentId: `b-c${k}` });
    }
  }
  return out;
}

const ui = (page: Page, selector: string) => page.locator(`framecoach-overlay ${selector}`);

async function run(server: FixtureServer, fixture: string, extensionDir?: string): Promise<{ ms: number; bytes: string }> {
  const b = await launchBrowser(extensionDir ? { extensionDir } : {});
  try {
    const url = fixtureUrl(server, fixture, { clip: CLIP.file, case: `bench-report-${fixture}` });
    const page = await b.context.newPage();
    await page.goto(url);
    await ready(page);
    const src = await page.evaluate(() => (document.querySelector('video') as HTMLVideoElement).currentSrc);
    const { id } = identifyVideo({ topUrl: url, frameUrl: url, src });
    await seedRecords(b.serviceWorker!, records(id), { id, url, fps: CLIP.fps! });
    await page.reload();
    await ready(page);
    await page.waitForFunction((n) => (document.querySelector('framecoach-overlay') as HTMLElement).dataset.comments === String(n), SNAPSHOTS);
    await page.keyboard.press('Shift+R');
    for (const label of ['Markdown (for an email or a chat)', 'CSV (for a spreadsheet)']) await ui(page, '.fc-report').getByLabel(label).uncheck();
    const t0 = Date.now();
    await ui(page, '.fc-report button.fc-make').click();
    await ui(page, '.fc-report .fc-files').waitFor({ timeout: 300_000 });
    const ms = Date.now() - t0;
    const bytes = (await ui(page, '.fc-report .fc-files li .fc-dim').first().textContent()) ?? '?';
    return { ms, bytes };
  } finally {
    await b.close();
  }
}

async function main() {
  const server = await startServer();
  try {
    const pixels = await run(server, 'plain.html');
    const tab = existsSync(join(GRANTED, 'manifest.json')) ? await run(server, 'cross-origin.html', GRANTED) : null;
    if (!tab) process.stderr.write('no .output/chrome-mv3-granted (npm run build:granted): the tab-capture path is skipped\n');
    const row = (name: string, r: { ms: number; bytes: string }) => `| ${name} | ${(r.ms / 1000).toFixed(1)} | ${(r.ms / SNAPSHOTS).toFixed(0)} | ${r.bytes} |`;
    console.log(`\nReport with ${SNAPSHOTS} snapshots (${CLIP.file}, ${CLIP.width}x${CLIP.height}), from Make report to the file ready\n`);
    console.log('| path | total s | per snapshot ms | HTML size |');
    console.log('| --- | --- | --- | --- |');
    console.log(row('pixels from the video', pixels));
    if (tab) console.log(row('capture of the visible tab (2 a second at most)', tab));
  } finally {
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
