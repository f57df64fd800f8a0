/**
 * npm run bench (second part): 10,000 comments on one video (and 20,000 on others), in the
 * real extension in headless Chromium.
 *
 * - FrameCoach, end to end from the content script: "open" = the video.open request until
 *   the comments are loaded (data-open-ms), then the panel shown (Shift+C until the list is
 *   drawn); "save" = a comment typed and saved with Enter until the background reports it
 *   durable (data-save-ms).
 * - the same measured on the extension as built at BENCH_BASELINE (default: the last commit
 *   with hand-written IndexedDB helpers, before the storage layer moved onto idb), in the
 *   same run, each build in a fresh profile;
 * - naive, measured inside the service worker (no messaging, so in its favour):
 *   full scan = IndexedDB getAll() over every annotation, then filter and sort;
 *   array per video = one JSON array per video in storage.local, read whole and written
 *   whole on every save.
 */
import type { Page, Worker } from 'playwright-core';
import { TEST_EXTENSION_DIR, fixtureUrl, launchBrowser, startServer } from '../tests/e2e/harness';
import { buildAtCommit } from './lib/baseline-build';
import { hostData, waitForOverlay, waitForVideoReady } from '../tests/e2e/overlay';

const N = Number(process.env.BENCH_COMMENTS ?? 10_000);
const OTHERS = 2 * N;
const SAVES = 60;
const OPENS = 5;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const median = (xs: number[]) => percentile(xs, 50);

/** Runs in the service worker: writes comment records straight into the database. */
function seed(args: { videoId: string; n: number; others: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('framecoach');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const db = open.result;
      const tx = db.transaction('annotations', 'readwrite');
      const store = tx.objectStore('annotations');
      const author = { id: 'bench', name: 'Bench' };
      const total = args.n + args.others;
      for (let i = 0; i < total; i++) {
        const mine = i < args.n;
        const time = mine ? (i * 3.7) % 3.9 : i % 100;
        store.put({
          kind: 'comment', id: `bench-${i}`, videoId: mine ? args.videoId : `url:https://example.com/${i % 50}`,
          time, frame: Math.floor(time * 30), endTime: null, endFrame: null,
          text: `Comment ${i}: land under the hip`, author, createdAt: i, updatedAt: i, version: 1,
          deleted: false, resolved: false, parentId: null, source: { kind: 'local' },
        });
      }
      tx.oncomplete = () => resolve(total);
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Runs in the service worker: the naive approaches, timed there. */
async function naive(args: { videoId: string; saves: number; opens: number }) {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const q = indexedDB.open('framecoach');
    q.onsuccess = () => resolve(q.result);
    q.onerror = () => reject(q.error);
  });
  const scanOpen: number[] = [];
  let list: { id: string; time: number }[] = [];
  for (let r = 0; r < args.opens; r++) {
    const t0 = performance.now();
    const all = await new Promise<{ id: string; videoId: string; time: number }[]>((resolve) => {
      const q = db.transaction('annotations').objectStore('annotations').getAll();
      q.onsuccess = () => resolve(q.result);
    });
    list = all.filter((a) => a.videoId === args.videoId).sort((a, b) => a.time - b.time);
    scanOpen.push(performance.now() - t0);
  }
  const key = `naive:${args.videoId}`;
  type Area = { get(k: string): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string): Promise<void> };
  const storage = (globalThis as unknown as { chrome: { storage: { local: Area } } }).chrome.storage.local;
  await storage.set({ [key]: list });
  const arrayOpen: number[] = [];
  for (let r = 0; r < args.opens; r++) {
    const t0 = performance.now();
    const got = (await storage.get(key))[key] as { time: number }[];
    got.sort((a, b) => a.time - b.time);
    arrayOpen.push(performance.now() - t0);
  }
  const arraySave: number[] = [];
  for (let s = 0; s < args.saves; s++) {
    const t0 = performance.now();
    const got = (await storage.get(key))[key] as unknown[];
    got.push({ id: `naive-${s}`, time: s, text: 'x' });
    await storage.set({ [key]: got });
    arraySave.push(performance.now() - t0);
  }
  await storage.remove(key);
  db.close();
  return { scanOpen, arrayOpen, arraySave, count: list.length };
}

async function showPanelMs(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: 'C', code: 'KeyC', shiftKey: true, bubbles: true }));
        const state = { check: () => {} };
        state.check = () => {
          const root = document.querySelector('framecoach-overlay')?.shadowRoot;
          if (root?.querySelector('.fc-comment-list .fc-comment')) resolve(performance.now() - t0);
          else requestAnimationFrame(state.check);
        };
        requestAnimationFrame(state.check);
      }),
  );
}

interface Measured {
  opens: number[];
  panels: number[];
  alls: number[];
  saves: number[];
}

/** Seeds a fresh profile with the extension in `extensionDir`, then opens and saves as a coach would. */
async function measure(extensionDir: string, withNaive: boolean): Promise<{ fc: Measured; naive?: Awaited<ReturnType<typeof naive>> }> {
  const server = await startServer();
  const browser = await launchBrowser({ extensionDir });
  const worker = browser.serviceWorker as Worker;
  try {
    const page = await browser.context.newPage();
    await page.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const url = fixtureUrl(server, 'plain.html');
    await page.goto(url);
    await waitForOverlay(page);
    await waitForVideoReady(page);
    await page.waitForFunction(() => !!(document.querySelector('framecoach-overlay') as HTMLElement).dataset.videoId);
    const { videoId } = await hostData(page);
    process.stderr.write(`seeding ${N} comments (+${OTHERS} on other videos)…\n`);
    await worker.evaluate(seed, { videoId: videoId!, n: N, others: OTHERS });

    const fc: Measured = { opens: [], panels: [], alls: [], saves: [] };
    for (let r = 0; r < OPENS; r++) {
      await page.reload();
      await waitForOverlay(page);
      await page.waitForFunction(
        (n) => {
          const d = (document.querySelector('framecoach-overlay') as HTMLElement).dataset;
          return d.comments === String(n) && d.allMs !== '';
        },
        N,
        { timeout: 30_000 },
      );
      const data = await hostData(page);
      fc.opens.push(Number(data.openMs));
      fc.alls.push(Number(data.allMs));
      fc.panels.push(await showPanelMs(page));
    }
    for (let s = 0; s < SAVES; s++) {
      await page.keyboard.press('c');
      // The editor takes focus once it is drawn: type only then, as a person would.
      await page.waitForFunction(() => document.querySelector('framecoach-overlay')?.shadowRoot?.activeElement?.tagName === 'TEXTAREA');
      await page.keyboard.type(`save ${s}`);
      const before = (await hostData(page)).comments;
      await page.keyboard.press('Enter');
      await page.waitForFunction((b) => {
        const d = (document.querySelector('framecoach-overlay') as HTMLElement).dataset;
        return d.saving === 'false' && d.comments !== b;
      }, before);
      fc.saves.push(Number((await hostData(page)).saveMs));
    }
    const n = withNaive ? await worker.evaluate(naive, { videoId: videoId!, saves: SAVES, opens: OPENS }) : undefined;
    return { fc, naive: n };
  } finally {
    await browser.close();
    await server.close();
  }
}

async function main() {
  // The storage layer before it moved onto idb (issue 8): measured in the same run, so the
  // move's cost is read beside it, not against numbers from another day. BENCH_BASELINE=<ref>
  // compares with another commit; an empty BENCH_BASELINE skips it.
  const baselineRef = process.env.BENCH_BASELINE ?? '25237ed';
  const baselineDir = baselineRef ? buildAtCommit(baselineRef) : null;
  // Alternating rounds (baseline, current, baseline, current…), samples pooled: machine
  // drift during the run falls on both alike.
  const pool = (): Measured => ({ opens: [], panels: [], alls: [], saves: [] });
  const add = (into: Measured, m: Measured) => {
    for (const k of Object.keys(into) as (keyof Measured)[]) into[k].push(...m[k]);
  };
  const fc = pool();
  const baseline = baselineDir ? pool() : null;
  let n: Awaited<ReturnType<typeof naive>> | undefined;
  for (let round = 0; round < ROUNDS; round++) {
    if (baselineDir && baseline) add(baseline, (await measure(baselineDir, false)).fc);
    const current = await measure(TEST_EXTENSION_DIR, round === ROUNDS - 1);
    add(fc, current.fc);
    n = current.naive ?? n;
  }
  const f = (x: number) => x.toFixed(1);
  const row = (label: string, m: Measured) =>
    `| ${label} | ${f(median(m.opens))} | ${f(median(m.panels))} | ${f(median(m.alls))} | ${f(percentile(m.saves, 95))} | ${f(median(m.saves))} |`;
  console.log(`\nComments: ${N} on one video, ${OTHERS} on others (${n!.count} found by the naive scan); ${ROUNDS} alternating rounds of ${OPENS} opens and ${SAVES} saves per build\n`);
  console.log('| approach | open: first page, median ms | show panel, median ms | all loaded, median ms | save p95 ms | save median ms |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  console.log(row('FrameCoach (content script → background → IndexedDB index, through idb)', fc));
  if (baseline) console.log(row(`FrameCoach at ${baselineRef} (hand-written IndexedDB helpers)`, baseline));
  console.log(`| naive: IndexedDB full scan (in the service worker) | – | – | ${f(median(n!.scanOpen))} | – | – |`);
  console.log(`| naive: one array per video in storage.local (in the service worker) | – | – | ${f(median(n!.arrayOpen))} | ${f(percentile(n!.arraySave, 95))} | ${f(median(n!.arraySave))} |`);
  console.log('\nTargets (issue 3): open + show under 200 ms, save p95 under 20 ms.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
