/**
 * npm run bench (part): what the content script costs where it has nothing to do (issue 12:
 * under 3% added). tests/fixtures/bench/busy.html has no video, is built of web components
 * (custom elements with shadow roots, half of them not defined while measured) and mutates its DOM on
 * every animation frame. The same page runs in two headless Chromiums, one with the built
 * extension and one without, in alternating rounds; each round reads the renderer main
 * thread's busy time (CDP Performance.getMetrics: TaskDuration, everything the thread did;
 * ScriptDuration, JavaScript alone; content scripts run on that thread) over 8 s, per
 * animation frame the page ran.
 *
 * Nothing here asserts: it prints numbers. Run it on a quiet machine.
 */
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, launchBrowser, startServer, type FixtureServer, type LaunchedBrowser } from '../tests/e2e/harness';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** Let the page and the content script start before measuring. */
const WARM_UP_MS = 2000;

interface Sample {
  taskMs: number;
  scriptMs: number;
  frames: number;
}

async function sample(browser: LaunchedBrowser, server: FixtureServer): Promise<Sample> {
  const page: Page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${server.url}/bench/busy.html`);
  await page.waitForTimeout(WARM_UP_MS);
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const value = (name: string) => metrics.find((m) => m.name === name)?.value ?? NaN;
    const frames = await page.evaluate(() => (window as unknown as { benchFrames(): number }).benchFrames());
    return { task: value('TaskDuration'), script: value('ScriptDuration'), frames };
  };
  const before = await read();
  await page.waitForTimeout(SECONDS * 1000);
  const after = await read();
  await page.close();
  const frames = after.frames - before.frames;
  return { taskMs: ((after.task - before.task) * 1000) / frames, scriptMs: ((after.script - before.script) * 1000) / frames, frames };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const server = await startServer();
  const without = await launchBrowser({ extension: false });
  // The release build: what a coach's browser runs.
  const withExtension = await launchBrowser({ extensionDir: EXTENSION_DIR });
  const results = { without: [] as Sample[], with: [] as Sample[] };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      // Alternate which goes first, so a machine slowing down doesn't favour one.
      const order = round % 2 ? (['with', 'without'] as const) : (['without', 'with'] as const);
      for (const which of order) results[which].push(await sample(which === 'with' ? withExtension : without, server));
    }
  } finally {
    await without.close();
    await withExtension.close();
    await server.close();
  }
  const row = (label: string, s: Sample[]) => {
    const task = median(s.map((x) => x.taskMs));
    const script = median(s.map((x) => x.scriptMs));
    return { label, task, script, frames: median(s.map((x) => x.frames)) };
  };
  const base = row('page alone (no extension)', results.without);
  const ext = row('page with FrameCoach', results.with);
  const pct = (a: number, b: number) => `${(((a - b) / b) * 100).toFixed(1)}%`;
  console.log(
    `\nA busy page without video (${ROUNDS} rounds of ${SECONDS} s each, medians; main thread per animation frame).\n` +
      'busy: everything the renderer main thread did (CDP TaskDuration); script: JavaScript alone (ScriptDuration).\n',
  );
  console.log('| page | busy ms / frame | script ms / frame | frames measured | busy added | script added |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of [base, ext]) {
    console.log(`| ${r.label} | ${r.task.toFixed(3)} | ${r.script.toFixed(3)} | ${r.frames} | ${r === base ? '' : pct(r.task, base.task)} | ${r === base ? '' : pct(r.script, base.script)} |`);
  }
  console.log('\nTarget (issue 12): under 3% added.');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
