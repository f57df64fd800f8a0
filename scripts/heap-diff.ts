/**
 * Traces heap growth over a long SPA session (issue 15): what grows, by kind, between heap
 * snapshots. tests/fixtures/pages/spa.html swaps its video on every "Next video"; Chromium
 * with the test build (the comments panel open) makes HEAP_WARMUP navigations, then
 * HEAP_ROUNDS rounds of HEAP_NAVIGATIONS each, a snapshot (after two forced collections)
 * after each, and prints per round the kinds of heap node that grew most (bytes, count).
 * JavaScript objects, closures and arrays are summed apart: a leak of ours would be there.
 *
 *   npx tsx scripts/heap-diff.ts
 */
import type { CDPSession } from 'playwright-core';
import { launchBrowser, startServer, TEST_EXTENSION_DIR } from '../tests/e2e/harness';

const WARMUP = Number(process.env.HEAP_WARMUP ?? 20);
const NAVIGATIONS = Number(process.env.HEAP_NAVIGATIONS ?? 60);
const ROUNDS = Number(process.env.HEAP_ROUNDS ?? 3);

type Census = Map<string, { count: number; size: number }>;

/** Heap nodes by type and constructor name (strings and code as one kind each). */
async function census(cdp: CDPSession): Promise<Census> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  const snap = JSON.parse(chunks.join('')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
    nodes: number[];
    strings: string[];
  };
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const out: Census = new Map();
  for (let i = 0; i < snap.nodes.length; i += fields.length) {
    const kind = types[snap.nodes[i + type]!]!;
    const label = kind.endsWith('string') ? '(string)' : kind === 'code' ? '(code)' : snap.strings[snap.nodes[i + name]!]!.slice(0, 60);
    const key = `${kind}:${label}`;
    const entry = out.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += snap.nodes[i + size]!;
    out.set(key, entry);
  }
  return out;
}

async function main() {
  const server = await startServer();
  const browser = await launchBrowser({ extensionDir: TEST_EXTENSION_DIR });
  try {
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await page.goto(`${server.url}/pages/spa.html?clip=h264-29.97.mp4&clip2=vp9-25.webm&case=heap`);
    let view = 1;
    const settled = async () => {
      await page.waitForFunction((v) => {
        const video = document.getElementById('v') as HTMLVideoElement | null;
        return video?.dataset.view === String(v) && video.readyState >= 2;
      }, view);
      await page.waitForFunction(() => {
        const host = document.querySelector('framecoach-overlay') as HTMLElement | null;
        return !!host?.dataset.videoId && host.dataset.comments !== undefined;
      });
    };
    const navigate = async (times: number) => {
      for (let i = 0; i < times; i++) {
        await page.click('#next');
        view = view === 1 ? 2 : 1;
        await settled();
      }
      await page.waitForTimeout(1000);
    };
    await settled();
    await page.keyboard.press('Shift+C');
    await navigate(WARMUP);
    let before = await census(cdp);
    for (let round = 1; round <= ROUNDS; round++) {
      await navigate(NAVIGATIONS);
      const after = await census(cdp);
      const rows: { key: string; count: number; size: number }[] = [];
      for (const [key, now] of after) {
        const was = before.get(key) ?? { count: 0, size: 0 };
        if (now.size !== was.size || now.count !== was.count) rows.push({ key, count: now.count - was.count, size: now.size - was.size });
      }
      rows.sort((a, b) => b.size - a.size);
      const total = rows.reduce((sum, r) => sum + r.size, 0);
      const ours = rows.filter((r) => /^(object|closure|array):/.test(r.key)).reduce((sum, r) => sum + r.size, 0);
      console.log(`\nRound ${round}: ${NAVIGATIONS} navigations, heap +${total} B (${Math.round(total / NAVIGATIONS)} B a video); JS objects, closures and arrays ${ours >= 0 ? '+' : ''}${ours} B`);
      console.log('| bytes | count | kind |\n| ---: | ---: | --- |');
      for (const r of rows.slice(0, 10)) console.log(`| ${r.size} | ${r.count} | ${r.key.replace(/\|/g, '/')} |`);
      before = after;
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
