/**
 * npm run bench: frame stepping in real browsers, the extension beside the naive approach,
 * measured in one run on the committed barcoded clips: Chromium, Firefox ESR (the add-on's
 * test build through puppeteer over WebDriver BiDi), and Firefox with requestVideoFrameCallback
 * turned off (FrameCoach's stand-in for it; every approach's time there ends at `seeked`, as
 * no paint is announced). BENCH_BROWSERS=chromium,firefox,firefox-no-rvfc picks.
 *
 * - extension: real key presses (`.` then `,`), the frame checked by its barcode; latency
 *   from the command running (inside the keydown handler) to the new frame's
 *   requestVideoFrameCallback, as the extension itself records it (host data-step-ms).
 * - naive: `video.currentTime += 1/fps` (what most extensions do), same starting frames,
 *   latency from the assignment to the next presented frame.
 * - bare seek: one seek straight to a frame's middle: the floor any approach pays.
 * Also the content script's size (minified, gzip).
 *
 * Nothing here asserts: it prints numbers. Run it on a quiet machine.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { CLIPS, BARCODE, readBarcode, readBarcodeInPage, stepNumber, type ClipInfo } from '../tests/e2e/barcode';
import { EXTENSION_DIR, TEST_EXTENSION_DIR, ensureBuilt, fixtureUrl, launchBrowser, startServer } from '../tests/e2e/harness';
import { wrapFirefoxPage } from '../tests/e2e/firefox-page';
import { FIREFOX_PATH, launchFirefox } from '../tests/firefox/harness';
import { hostData, waitForOverlay, waitForVideoReady, waitIdle } from '../tests/e2e/overlay';

const STEPS = Number(process.env.BENCH_STEPS ?? 40);

interface Row {
  clip: string;
  extPause: string;
  extStart: string;
  naivePause: string;
  naiveStart: string;
  extMs: number;
  naiveMs: number;
  seekMs: number;
  /** Key to frame shown for the first `.` on a never-played video: includes finding the rate. */
  firstMs: number;
  /** From navigation to the file's frame table known (MP4, WebM up to 8 MB; NaN when there is none). */
  tableMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const pct = (ok: number, n: number) => `${((100 * ok) / n).toFixed(1)}% (${ok}/${n})`;

async function extensionRun(page: Page, clip: ClipInfo): Promise<{ exact: number; total: number; ms: number[] }> {
  let shown = await readBarcode(page);
  let exact = 0;
  const ms: number[] = [];
  for (let i = 0; i < STEPS; i++) {
    const forward = i < STEPS / 2;
    await page.keyboard.press(forward ? '.' : ',');
    await waitIdle(page);
    const now = await readBarcode(page);
    if (now === stepNumber(clip, shown, forward ? 1 : -1)) exact++;
    else if (process.env.BENCH_VERBOSE) console.error(`miss ${forward ? '.' : ','}: ${shown} → ${now}`);
    shown = now;
    ms.push(Number((await hostData(page)).stepMs));
  }
  return { exact, total: STEPS, ms };
}

/** Runs in the page: naive stepping or bare seeks, each checked by barcode. */
function pageRun(
  video: HTMLVideoElement,
  args: {
    mode: 'naive' | 'seek';
    steps: number;
    fps: number;
    start: number;
    times: number[] | null;
    /** Clips with dropped frames: each frame's number (barcode), in order. */
    numbers: number[] | null;
    layout: typeof BARCODE;
    reader: string;
  },
): Promise<{ exact: number; total: number; ms: number[] }> {
  const read = new Function(`return (${args.reader})`)() as (v: HTMLVideoElement, l: typeof BARCODE) => number;
  const out = { exact: 0, total: 0, ms: [] as number[] };
  const one = (set: () => void) =>
    new Promise<number>((resolve) => {
      const t0 = performance.now();
      const timer = setTimeout(() => resolve(NaN), 1500);
      // Without frame callbacks (a browser with them off) the frame is there at `seeked`, as
      // FrameCoach's stand-in also takes it.
      if (typeof (video as Partial<HTMLVideoElement>).requestVideoFrameCallback !== 'function') {
        video.addEventListener('seeked', () => (clearTimeout(timer), resolve(performance.now() - t0)), { once: true });
        set();
        return;
      }
      video.requestVideoFrameCallback(() => {
        clearTimeout(timer);
        const ms = performance.now() - t0;
        // The barcode is read once the seek has finished painting; the time is the frame's.
        if (video.seeking) video.addEventListener('seeked', () => resolve(ms), { once: true });
        else resolve(ms);
      });
      set();
    });
  const indexOf = (n: number) => (args.numbers ? args.numbers.indexOf(n) : n);
  const numberOf = (k: number) => (args.numbers ? (args.numbers[k] ?? NaN) : k);
  const run = async () => {
    let shown = read(video, args.layout);
    for (let i = 0; i < args.steps; i++) {
      const dir = i < args.steps / 2 ? 1 : -1;
      let ms: number;
      if (args.mode === 'naive') {
        ms = await one(() => {
          video.currentTime += dir / args.fps;
        });
      } else {
        const k = indexOf(shown) + dir;
        const start = args.times ? args.times[k]! : args.start + k / args.fps;
        const end = args.times ? (args.times[k + 1] ?? start + 1 / args.fps) : args.start + (k + 1) / args.fps;
        ms = await one(() => {
          video.currentTime = (start + end) / 2;
        });
      }
      const now = read(video, args.layout);
      out.total++;
      if (now === numberOf(indexOf(shown) + dir)) out.exact++;
      if (Number.isFinite(ms)) out.ms.push(ms);
      shown = now;
    }
    return out;
  };
  return run();
}

type Run = { exact: number; total: number; ms: number[] };

/** tsx (esbuild keepNames) wraps inner functions in __name(); pages get a no-op one. */
const NAME_SHIM = 'globalThis.__name = (f) => f;';

/** A browser to measure in: a Playwright-shaped page maker (Firefox's through the e2e facade). */
interface Bench {
  name: string;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

const BROWSERS: Record<string, () => Promise<Bench>> = {
  async chromium() {
    ensureBuilt(TEST_EXTENSION_DIR);
    const browser = await launchBrowser();
    return {
      name: 'Chromium headless',
      async newPage() {
        const page = await browser.context.newPage();
        await page.addInitScript({ content: NAME_SHIM });
        return page;
      },
      close: () => browser.close(),
    };
  },
  firefox: () => firefoxBench('Firefox ESR headless', {}),
  'firefox-no-rvfc': () => firefoxBench('Firefox ESR headless, requestVideoFrameCallback off (media.rvfc.enabled)', { 'media.rvfc.enabled': false }),
};

async function firefoxBench(name: string, prefs: Record<string, unknown>): Promise<Bench> {
  const firefox = await launchFirefox({ prefs });
  return {
    name,
    async newPage() {
      const page = await firefox.browser.newPage();
      await page.evaluateOnNewDocument(NAME_SHIM);
      return wrapFirefoxPage(page);
    },
    close: () => firefox.close(),
  };
}

async function benchClip(bench: Bench, url: string, clip: ClipInfo): Promise<Row> {
  const page = await bench.newPage();
  const navigated = Date.now();
  await page.goto(url);
  await waitForOverlay(page);
  await waitForVideoReady(page);
  const video = await page.waitForSelector('video');
  const tableMs = await page
    .waitForFunction(() => !!(document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.table, undefined, { timeout: 3000 })
    .then(() => Date.now() - navigated)
    .catch(() => NaN);
  const fps = clip.fps ?? clip.frames / clip.durationSec;
  const frameStart = (k: number) => (clip.frameTimes ? clip.frameTimes[k]! : clip.startSec + k / fps);
  const common = {
    steps: STEPS,
    fps,
    start: clip.startSec,
    times: clip.frameTimes ?? null,
    numbers: clip.frameNumbers ?? null,
    layout: BARCODE,
    reader: readBarcodeInPage.toString(),
  };

  // First use: the rate is not known yet (never played, nothing kept from an earlier visit).
  await page.keyboard.press('.');
  await page.waitForFunction(() => (document.querySelector('framecoach-overlay') as HTMLElement | null)?.dataset.stepMs !== '');
  const firstMs = Number((await hostData(page)).stepMs);
  await waitIdle(page);

  // Two ways a coach arrives at a frame: pausing playback anywhere, or jumping to a
  // timestamp (a frame's start, e.g. a link or a comment's time). Each approach steps from both.
  const afterPause = async (viaKeys: boolean) => {
    if (viaKeys) await page.keyboard.press('k');
    else await video.evaluate((v) => v.play());
    await page.waitForTimeout(600);
    if (viaKeys) await page.keyboard.press('k');
    else await video.evaluate((v) => v.pause());
    await page.waitForTimeout(200);
    // FrameCoach checks the frame on screen after any pause (it may seek meanwhile): a start
    // read before that is over read -1 (mid-seek) and counted a miss in Firefox.
    await waitIdle(page);
  };
  const atFrameStart = async () => {
    await video.evaluate((v, t) => {
      v.currentTime = t;
    }, frameStart(Math.floor(clip.frames / 3)));
    await page.waitForTimeout(200);
  };

  await afterPause(true);
  const extA = await extensionRun(page, clip);
  await atFrameStart();
  const extB = await extensionRun(page, clip);
  await afterPause(false);
  const naiveA: Run = await video.evaluate(pageRun, { ...common, mode: 'naive' as const });
  await atFrameStart();
  const naiveB: Run = await video.evaluate(pageRun, { ...common, mode: 'naive' as const });
  const seek: Run = await video.evaluate(pageRun, { ...common, mode: 'seek' as const });
  if (process.env.BENCH_VERBOSE) console.error(JSON.stringify({ extA: extA.ms, extB: extB.ms, naiveA: naiveA.ms, seek: seek.ms }));
  await page.close();
  return {
    clip: clip.file,
    extPause: pct(extA.exact, extA.total),
    extStart: pct(extB.exact, extB.total),
    naivePause: pct(naiveA.exact, naiveA.total),
    naiveStart: pct(naiveB.exact, naiveB.total),
    extMs: median([...extA.ms, ...extB.ms]),
    naiveMs: median([...naiveA.ms, ...naiveB.ms]),
    seekMs: median(seek.ms),
    firstMs,
    tableMs,
  };
}

/** The content script (every frame of every page) and the overlay it imports (frames with a video). */
function contentScriptSize(): { file: string; where: string; bytes: number; gzip: number }[] {
  const dir = join(EXTENSION_DIR, 'content-scripts');
  const files = [
    ...readdirSync(dir).filter((f) => f.endsWith('.js')).map((f) => ({ path: join(dir, f), file: `content-scripts/${f}`, where: 'every frame' })),
    { path: join(EXTENSION_DIR, 'overlay.js'), file: 'overlay.js', where: 'frames with a video' },
  ];
  return files.map(({ path, file, where }) => {
    const code = readFileSync(path);
    return { file, where, bytes: code.length, gzip: gzipSync(code, { level: 9 }).length };
  });
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(headers), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...rows.map(line)].join('\n');
}

async function main() {
  ensureBuilt();
  const wanted = process.env.BENCH_BROWSERS?.split(',') ?? Object.keys(BROWSERS);
  const server = await startServer();
  const results: { name: string; rows: Row[] }[] = [];
  try {
    for (const key of wanted) {
      const start = BROWSERS[key];
      if (!start) throw new Error(`BENCH_BROWSERS: no browser ${key} (${Object.keys(BROWSERS).join(', ')})`);
      if (key.startsWith('firefox') && !existsSync(FIREFOX_PATH)) {
        console.error(`No Firefox at ${FIREFOX_PATH}: ${key} not measured.`);
        continue;
      }
      const bench = await start();
      const rows: Row[] = [];
      try {
        const only = process.env.BENCH_CLIPS?.split(',');
        for (const clip of CLIPS.filter((c) => !only || only.includes(c.file))) {
          process.stderr.write(`bench ${key} ${clip.file}…\n`);
          rows.push(await benchClip(bench, fixtureUrl(server, 'plain.html', { clip: clip.file }), clip));
        }
      } finally {
        await bench.close();
      }
      results.push({ name: bench.name, rows });
    }
  } finally {
    await server.close();
  }
  for (const { name, rows } of results) printStepping(name, rows);
  printSizes();
}

function printStepping(browser: string, rows: Row[]): void {
  const ms = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
  console.log(`\nFrame stepping, ${STEPS} steps per clip and start (half forward, half back), ${browser}.\nFC = FrameCoach (real key presses); naive = video.currentTime += 1/fps.\nms: key press to the new frame presented (the HUD's step time); the first step on a never-played video includes finding the rate\n(the file's frame table, when it was read first; else half a second of muted play). table known: from navigation to the file's frame table read and parsed (n/a: none).\n`);
  console.log(
    table(
      ['clip', 'exact after pause: FC', 'naive', 'exact from frame start: FC', 'naive', 'median ms: FC', 'naive', 'bare seek', 'FC / bare seek', 'first step ms (rate unknown)', 'table known ms'],
      rows.map((r) => [
        r.clip,
        r.extPause,
        r.naivePause,
        r.extStart,
        r.naiveStart,
        ms(r.extMs),
        ms(r.naiveMs),
        ms(r.seekMs),
        Number.isFinite(r.extMs / r.seekMs) ? `${(r.extMs / r.seekMs).toFixed(2)}x` : 'n/a',
        ms(r.firstMs),
        ms(r.tableMs),
      ]),
    ),
  );
}

function printSizes(): void {
  console.log('\nContent script (target: under 50 KB gzip) and the overlay it loads where there is a video\n');
  const sizes = contentScriptSize();
  const kb = (bytes: number) => (bytes / 1024).toFixed(1);
  const sum = (key: 'bytes' | 'gzip') => sizes.reduce((total, s) => total + s[key], 0);
  console.log(
    table(
      ['file', 'loaded in', 'minified KB', 'gzip KB'],
      [...sizes.map((s) => [s.file, s.where, kb(s.bytes), kb(s.gzip)]), ['(both)', 'frames with a video', kb(sum('bytes')), kb(sum('gzip'))]],
    ),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
