/**
 * npm run bench (fourth part): feedback packets (issue 9) with 1,000 comments and 1,000
 * drawings, in the real extension in headless Chromium, timed from an extension page (the
 * library) through the message to the background and back, as a user waits for them:
 *
 * - export: the coach's packet.export (read the video's records, sort, hash, sign, write the
 *   canonical JSON, record the revision);
 * - preview: the athlete's packet.preview (parse, validate every record, hash, verify the
 *   signature, read what is stored for each id, plan);
 * - import: packet.import (the same, then one transaction writing every record, the inbox
 *   entry and the sender's key);
 * - naive, timed in the service worker (no messaging, no validation, no hash: in its favour):
 *   export reads each record in its own transaction then JSON.stringify; import writes each
 *   record in its own transaction (get, then put).
 *
 * Each import round starts from a database without the video's records (video.delete).
 * Nothing here asserts: it prints numbers. Run it on a quiet machine.
 */
import type { Page, Worker } from 'playwright-core';
import { launchBrowser, type LaunchedBrowser } from '../tests/e2e/harness';
import { prng } from '../tests/shared/prng';
import type { Annotation, Author } from '../utils/model/types';

const COMMENTS = Number(process.env.BENCH_PACKET_COMMENTS ?? 1000);
const DRAWINGS = Number(process.env.BENCH_PACKET_DRAWINGS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const VIDEO = 'url:https://example.com/stride.mp4';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor((s.length - 1) / 2)]! + s[Math.ceil((s.length - 1) / 2)]!) / 2 : NaN;
};
const f = (x: number) => x.toFixed(0);

/** The coach's records: comments with text of a realistic length, drawings of every kind. */
function records(author: Author): Annotation[] {
  const random = prng(9);
  const p = () => ({ x: Number(random().toFixed(4)), y: Number(random().toFixed(4)) });
  const out: Annotation[] = [];
  for (let i = 0; i < COMMENTS; i++) {
    const frame = Math.floor(random() * 3000);
    out.push({
      kind: 'comment', id: `c-${i}`, videoId: VIDEO, time: (frame + 0.5) / 30, frame, author, createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i, version: 1, deleted: false, source: { kind: 'local' },
      text: `Stride ${i}: land under the hip, keep the shin vertical at foot strike and the elbows back.`,
      endTime: null, endFrame: null, resolved: random() < 0.3, parentId: i % 5 === 4 ? `c-${i - 1}` : null,
    });
  }
  const shapes = [
    () => ({ tool: 'line' as const, from: p(), to: p() }),
    () => ({ tool: 'angle' as const, a: p(), vertex: p(), b: p() }),
    () => ({ tool: 'pen' as const, points: Array.from({ length: 30 }, p) }),
    () => ({ tool: 'text' as const, at: p(), text: 'Hip' }),
    () => ({ tool: 'angleToVertical' as const, from: p(), to: p() }),
  ];
  for (let i = 0; i < DRAWINGS; i++) {
    const frame = Math.floor(random() * 3000);
    out.push({
      kind: 'drawing', id: `d-${i}`, videoId: VIDEO, time: (frame + 0.5) / 30, frame, author, createdAt: 1_700_000_000_000 + i,
      updatedAt: 1_700_000_000_000 + i, version: 1, deleted: false, source: { kind: 'local' },
      shape: shapes[i % shapes.length]!(), style: { color: '#ffcf3f', width: 3 }, timing: { holdSeconds: 1, fadeSeconds: 0.5, endTime: null },
      commentId: i % 3 === 0 ? `c-${i % COMMENTS}` : null,
    });
  }
  return out;
}

/** tsx names inner functions with a `__name` helper that a worker or page does not have. */
async function allowNames(b: LaunchedBrowser): Promise<void> {
  await (b.serviceWorker as Worker).evaluate('globalThis.__name = (f) => f');
}

async function libraryOf(b: LaunchedBrowser): Promise<Page> {
  await allowNames(b);
  const page = await b.context.newPage();
  await page.goto(`chrome-extension://${b.extensionId}/library.html`);
  await page.getByRole('heading', { name: 'FrameCoach library' }).waitFor();
  return page;
}

/** One request from the page, timed there: [ms, value]. */
function timed(page: Page, type: string, args: unknown): Promise<[number, unknown]> {
  return page.evaluate(
    async ({ type, args }) => {
      const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: string }> } } }).chrome.runtime;
      const t0 = performance.now();
      const reply = await runtime.sendMessage({ framecoach: 1, type, args });
      const ms = performance.now() - t0;
      if (!reply.ok) throw new Error(reply.error);
      return [ms, reply.value] as [number, unknown];
    },
    { type, args },
  );
}

/** In the service worker: writes records (and the video) straight into the database. */
function seed(args: { records: Annotation[]; video: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const q = indexedDB.open('framecoach');
    q.onerror = () => reject(q.error);
    q.onsuccess = () => {
      const tx = q.result.transaction(['annotations', 'videos'], 'readwrite');
      for (const r of args.records) tx.objectStore('annotations').put(r);
      tx.objectStore('videos').put({ id: args.video, title: 'Stride', pageUrl: 'https://example.com/stride.mp4', duration: 100, fps: 30, width: 1280, height: 720, createdAt: 1, updatedAt: 1 });
      tx.oncomplete = () => {
        q.result.close();
        resolve();
      };
      tx.onabort = () => reject(tx.error);
    };
  });
}

/** In the service worker: the naive export (a transaction per record) and import (a transaction per record). */
function naive(args: { ids: string[]; text: string; mode: 'export' | 'import' }): Promise<number> {
  const done = (tx: IDBTransaction) => new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = () => reject(tx.error);
  });
  return new Promise((resolve, reject) => {
    const q = indexedDB.open('framecoach');
    q.onerror = () => reject(q.error);
    q.onsuccess = async () => {
      const db = q.result;
      const t0 = performance.now();
      if (args.mode === 'export') {
        const out: unknown[] = [];
        for (const id of args.ids) {
          const tx = db.transaction('annotations');
          const req = tx.objectStore('annotations').get(id);
          req.onsuccess = () => out.push(req.result);
          await done(tx);
        }
        JSON.stringify({ annotations: out });
      } else {
        const packet = JSON.parse(args.text) as { annotations: { id: string }[] };
        for (const record of packet.annotations) {
          const tx = db.transaction('annotations', 'readwrite', { durability: 'strict' });
          const store = tx.objectStore('annotations');
          const req = store.get(record.id);
          req.onsuccess = () => store.put({ ...record, source: { kind: 'packet', packetId: 'naive' } });
          await done(tx);
        }
      }
      const ms = performance.now() - t0;
      db.close();
      resolve(ms);
    };
  });
}

async function main() {
  const coach = await launchBrowser();
  let text = '';
  const exports: number[] = [];
  const naiveExports: number[] = [];
  try {
    const library = await libraryOf(coach);
    const [, settings] = await timed(library, 'settings.get', {});
    const all = records((settings as { author: Author }).author);
    await (coach.serviceWorker as Worker).evaluate(seed, { records: all, video: VIDEO });
    for (let r = 0; r < ROUNDS; r++) {
      // A change before each export, so every round writes a new revision (not the unchanged one).
      await timed(library, 'settings.setAuthorName', { name: `Coach ${r}` });
      const [ms, value] = await timed(library, 'packet.export', { videoId: VIDEO, recipient: 'Sam', message: `round ${r}` });
      exports.push(ms);
      text = (value as { text: string }).text;
      naiveExports.push(await (coach.serviceWorker as Worker).evaluate(naive, { ids: all.map((a) => a.id), text: '', mode: 'export' as const }));
    }
  } finally {
    await coach.close();
  }

  const athlete = await launchBrowser();
  const previews: number[] = [];
  const imports: number[] = [];
  const naiveImports: number[] = [];
  try {
    const library = await libraryOf(athlete);
    await timed(library, 'packets.list', {});
    for (let r = 0; r < ROUNDS; r++) {
      previews.push((await timed(library, 'packet.preview', { text }))[0]);
      imports.push((await timed(library, 'packet.import', { text }))[0]);
      await timed(library, 'video.delete', { videoId: VIDEO });
      naiveImports.push(await (athlete.serviceWorker as Worker).evaluate(naive, { ids: [], text, mode: 'import' as const }));
      await timed(library, 'video.delete', { videoId: VIDEO });
    }
  } finally {
    await athlete.close();
  }

  console.log(`\nPackets: ${COMMENTS} comments and ${DRAWINGS} drawings, ${(text.length / 1_000_000).toFixed(2)} MB; median of ${ROUNDS} rounds (ms)\n`);
  console.log('| step | FrameCoach (from the library page, through the background) | naive: a transaction per record (in the service worker) | target |');
  console.log('| --- | --- | --- | --- |');
  console.log(`| export | ${f(median(exports))} | ${f(median(naiveExports))} | under 300 |`);
  console.log(`| preview | ${f(median(previews))} | – | under 300 |`);
  console.log(`| import | ${f(median(imports))} | ${f(median(naiveImports))} | under 1000 |`);
  console.log(`\nAll rounds: export ${exports.map(f).join(', ')}; preview ${previews.map(f).join(', ')}; import ${imports.map(f).join(', ')}; naive import ${naiveImports.map(f).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
